"""Fixtures of the glossary tests: OmegaT 3.6's own glossary readers, run through a Java harness.

OmegaT and javac are not optional: ``.ci/run`` installs ``omegat`` (which brings Java), and a
machine without them fails the tests that use them instead of skipping them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parents[1] / "data" / "omegat" / "GlossaryDump.java"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")


@pytest.fixture(scope="session")
def omegat_reader(tmp_path_factory):
    """``read(kind, path, source, target)``: the (source, target, comment) entries OmegaT's
    ``GlossaryReaderTBX`` (kind ``tbx``), ``GlossaryReaderCSV`` (``csv``) or ``GlossaryReaderTSV``
    (``tsv``) reads from ``path`` in a project with those languages; ``java_options`` go before
    the class (e.g. ``-Dfile.encoding=ISO-8859-1``, a system charset that is not UTF-8)."""
    assert OMEGAT_JAR.is_file(), f"{OMEGAT_JAR} is missing: apt-get install omegat"
    out = tmp_path_factory.mktemp("omegat-glossary-readers")
    subprocess.run(["javac", "-encoding", "UTF-8", "-d", str(out), "-cp", str(OMEGAT_JAR),
                    str(HARNESS)], check=True, capture_output=True)

    def unescape(field: str) -> str:
        out, chars = [], iter(field)
        for ch in chars:
            if ch == "\\":
                ch = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[next(chars)]
            out.append(ch)
        return "".join(out)

    def read(kind: str, path: Path, source: str = "en", target: str = "zh-CN",
             java_options: tuple[str, ...] = ()):
        done = subprocess.run(["java", "-Djava.awt.headless=true", *java_options, "-cp",
                               f"{out}:{OMEGAT_JAR}", "GlossaryDump", kind, str(path),
                               source, target], check=True, capture_output=True)
        lines = done.stdout.decode("utf-8").splitlines()
        return [tuple(unescape(f) for f in line.split("\t")) for line in lines]

    return read
