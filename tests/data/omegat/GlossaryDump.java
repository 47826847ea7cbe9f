// Prints what OmegaT 3.6's own glossary readers read from a file, one entry a line:
// source TAB target TAB comment (backslash, tab and line break escaped as \\, \t, \n).
//
//   java -cp OUT:/usr/share/omegat/OmegaT.jar GlossaryDump tbx|csv|tsv FILE SOURCE TARGET
//
// GlossaryReaderTBX.readMartif asks Core.getProject() for the project's source and target
// languages and compares them with each langSet's language subtag; GlossaryReaderCSV and
// GlossaryReaderTSV (which picks the charset by the file's extension) need no project. Used by
// tests/glossary/test_tbx2.py and tests/glossary/test_omegat_glossary.py.

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.List;

import org.omegat.core.Core;
import org.omegat.core.data.NotLoadedProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderCSV;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;

public class GlossaryDump {
    static class Languages extends ProjectProperties {
        Languages(String source, String target) {
            super();
            setSourceLanguage(source);
            setTargetLanguage(target);
        }
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: GlossaryDump tbx|csv|tsv FILE SOURCE TARGET");
            System.exit(2);
        }
        File file = new File(args[1]);
        final ProjectProperties props = new Languages(args[2], args[3]);
        Core.setProject(new NotLoadedProject() {
            @Override
            public ProjectProperties getProjectProperties() {
                return props;
            }
        });
        List<GlossaryEntry> entries;
        if (args[0].equals("tbx")) {
            entries = GlossaryReaderTBX.read(file, false);
        } else if (args[0].equals("csv")) {
            entries = GlossaryReaderCSV.read(file, false);
        } else if (args[0].equals("tsv")) {
            entries = GlossaryReaderTSV.read(file, false);
        } else {
            throw new IllegalArgumentException("reader must be tbx, csv or tsv, not " + args[0]);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        for (GlossaryEntry e : entries) {
            out.println(escape(e.getSrcText()) + "\t" + escape(e.getLocText()) + "\t"
                    + escape(e.getCommentText()));
        }
        out.flush();
    }
}
