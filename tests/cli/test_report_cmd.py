"""silkterm report and collect --format html: exit codes, outputs, errors; the page in Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess

from click.testing import CliRunner

from silkterm.cli.main import cli

TEXT = "Prime Minister Olzhas Bektenov arrived. Bektenov spoke.\nLater Tokaev flew to Astana.\n"
HTML = ('<p>Trains leave Horgos.</p>\n<p><code>Horgos</code> <a href="https://x.org/Horgos">Khorgos</a> '
        '<!-- Horgos --></p>\n')


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, prog_name="silkterm")


def test_json_report_reads_html_with_its_protected_spans(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Horgos, Khorgos and HORGOS.\n", encoding="utf-8")
    result = run("report", "--format", "json", "a.html", "b.txt")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    khorgos = next(c for c in data["concepts"] if c["id"] == "khorgos")
    assert [(s["form"], s["files"]) for s in khorgos["spellings"]] == [
        ("Khorgos", {"a.html": 1, "b.txt": 1}), ("Horgos", {"a.html": 1, "b.txt": 2})]
    assert khorgos["mixed_files"] == ["a.html", "b.txt"]
    assert data["inconsistent_files"] == [{"file": "a.html", "concepts": ["khorgos"]},
                                          {"file": "b.txt", "concepts": ["khorgos"]}]


def test_report_reads_standard_input_and_other_encodings(tmp_path):
    result = run("report", "--format", "json", input="Horgos or Khorgos?\n")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["files"] == ["<stdin>"]
    (tmp_path / "gb.txt").write_bytes("霍尔果斯和霍爾果斯。\n".encode("gb18030"))
    result = run("report", "--format", "json", "--encoding", "gb18030", str(tmp_path / "gb.txt"))
    assert (result.exit_code, result.stderr) == (0, "")
    khorgos = next(c for c in json.loads(result.stdout)["concepts"] if c["id"] == "khorgos")
    assert [s["form"] for s in khorgos["spellings"]] == ["霍尔果斯", "霍爾果斯"]


def test_html_report_to_a_file(tmp_path):
    (tmp_path / "a.txt").write_text("Horgos and Khorgos.\n" + TEXT, encoding="utf-8")
    out = tmp_path / "report.html"
    result = run("report", str(tmp_path / "a.txt"), "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg role=\"img\"") == 2
    assert "<caption>Spellings of Khorgos by file</caption>" in page
    assert '<h2 id="proposals-h">Collect proposals</h2>' in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "report.html"]


def test_bad_input_is_one_line_and_writes_nothing(tmp_path):
    out = tmp_path / "report.html"
    result = run("report", str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("silkterm: error: ") and result.stderr.count("\n") == 1
    assert "missing.txt" in result.stderr
    (tmp_path / "bad.txt").write_bytes(b"Horgos \xff\xfe\xfa\n")
    result = run("report", str(tmp_path / "bad.txt"), "-o", str(out))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "bad.txt" in result.stderr
    assert not out.exists()
    result = run("report", "--format", "pdf", str(tmp_path / "bad.txt"))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_collect_html_is_a_review_page():
    result = run("collect", "--format", "html", input=TEXT)
    assert (result.exit_code, result.stderr) == (0, "")
    page = result.stdout
    assert '<h2 id="new-h">New concepts (1)</h2>' in page
    assert '<h2 id="variants-h">New variants of known concepts (1)</h2>' in page
    assert "Prime Minister <mark>Olzhas Bektenov</mark> arrived." in page
    assert "Later <mark>Tokaev</mark> flew to Astana." in page


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is needed: apt-get install chromium (.ci/run installs it)"
    return found


def _headless(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=180, check=False)


def test_the_report_renders_in_headless_chromium(tmp_path):
    (tmp_path / "a.txt").write_text("Horgos and Khorgos.\n" + TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("霍尔果斯和霍爾果斯。Khorgos.\n", encoding="utf-8")
    page = tmp_path / "report.html"
    result = run("report", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(page))
    assert result.exit_code == 0, result.output
    dom = _headless(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Spellings of Khorgos by file" in dom.stdout
    assert "霍爾果斯" in dom.stdout and "<svg" in dom.stdout and "</html>" in dom.stdout
    pdf = tmp_path / "report.pdf"
    printed = _headless(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
