"""silkterm collect: exit codes, the text and JSON output, -o, errors as one line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from silkterm.cli.main import cli

TEXT = "Prime Minister Olzhas Bektenov arrived. Bektenov spoke.\nLater Tokaev flew to Astana.\n"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, prog_name="silkterm")


def test_text_output_lists_new_concepts_then_new_variants(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = run("collect", str(tmp_path / "a.txt"))
    assert (result.exit_code, result.stderr) == (0, "")
    name = str(tmp_path / "a.txt")
    assert result.stdout == (
        "new person: olzhas-bektenov  score 92, 2 times in 1 file\n"
        "    Olzhas Bektenov [en] ×1\n"
        "    Bektenov [en] ×1  (short form of Olzhas Bektenov)\n"
        f"    {name}:1:16: Prime Minister Olzhas Bektenov arrived.\n"
        f"    {name}:1:41: Bektenov spoke.\n"
        "\n"
        "new variants of kassym-jomart-tokayev (person)  score 95, 1 times in 1 file\n"
        "    Tokaev [en] ×1  (loose fold with 'Tokayev')\n"
        f"    {name}:2:7: Later Tokaev flew to Astana.\n"
        "\n"
        "1 new concepts, 1 known concepts with new variants, from 1 files\n")


def test_json_reads_standard_input_and_writes_the_documented_shape():
    result = run("collect", "--format", "json", input=TEXT)
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert data["files"] == ["<stdin>"]
    assert [(p["id"], p["concept"], [f["form"] for f in p["forms"]]) for p in data["proposals"]] == [
        ("olzhas-bektenov", None, ["Olzhas Bektenov", "Bektenov"]),
        ("kassym-jomart-tokayev", "kassym-jomart-tokayev", ["Tokaev"])]
    assert data["proposals"][0]["contexts"][0] == {
        "file": "<stdin>", "line": 1, "column": 16, "text": "Prime Minister Olzhas Bektenov arrived."}


def test_output_file_is_written_and_stdout_stays_empty(tmp_path):
    out = tmp_path / "proposals.json"
    result = run("collect", "--format", "json", "-o", str(out), input=TEXT)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert [p["id"] for p in json.loads(out.read_text(encoding="utf-8"))["proposals"]] == [
        "olzhas-bektenov", "kassym-jomart-tokayev"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proposals.json"]


def test_a_missing_file_is_one_line_and_writes_nothing(tmp_path):
    out = tmp_path / "out.json"
    result = run("collect", str(tmp_path / "missing.txt"), "-o", str(out))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("silkterm: error: ")
    assert "missing.txt" in result.stderr
    assert not out.exists()


def test_a_binary_file_is_refused(tmp_path):
    (tmp_path / "x.bin").write_bytes(b"\x00\x01\x02Khorgos")
    result = run("collect", str(tmp_path / "x.bin"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("silkterm: error: ") and result.stderr.count("\n") == 1


def test_text_without_names_proposes_nothing():
    result = run("collect", input="nothing to see here.\n")
    assert (result.exit_code, result.stdout) == (0, "0 new concepts, 0 known concepts with new variants, from 1 files\n")


def test_bad_input_is_one_line_and_a_failed_run_leaves_the_output_as_it_was(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 in Astana\n".encode("latin-1"))
    (tmp_path / "bin.dat").write_bytes(b"Khorgos\x00\x01")
    (tmp_path / "folder").mkdir()
    out = tmp_path / "out.json"
    out.write_text("earlier\n", encoding="utf-8")
    cases = {
        "latin1.txt": "latin1.txt: not valid UTF-8 (byte 0xe9 at offset 3); give --encoding\n",
        "bin.dat": "bin.dat: binary file (contains NUL bytes); give --encoding if it is UTF-16 or UTF-32 text\n",
        "folder": "folder: is a directory\n",
        "missing.txt": "missing.txt: no such file\n",
    }
    for name, message in cases.items():
        result = run("collect", str(good), str(tmp_path / name), "--format", "json", "-o", str(out))
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"silkterm: error: {tmp_path / name}{message[len(name):]}"
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bin.dat", "folder", "good.txt", "latin1.txt", "out.json"]


def test_ctrl_c_exits_130_and_writes_nothing(tmp_path, monkeypatch):
    from silkterm.glossary import collect as collect_module

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(collect_module.Collector, "result", interrupted)
    out = tmp_path / "out.json"
    result = run("collect", "-o", str(out), input=TEXT)
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "silkterm: interrupted\n")
    assert list(tmp_path.iterdir()) == []


# --- collect --pair (issue 12) -------------------------------------------------------------------

PAIR_EN = ("Daulet Kenzhebayev met Wang Haitao in Kyzylorda Region.\n\n"
           "Kenzhebayev said the Baikonur project would create 300 jobs.\n\n"
           "Officials added that the work starts in May.\n")
PAIR_ZH = ("达乌列特·肯热巴耶夫在克孜洛尔达州会见了王海涛。\n\n"
           "肯热巴耶夫说，拜科努尔项目将创造300个就业岗位。\n")


def _pair_files(tmp_path):
    en, zh = tmp_path / "a.en.txt", tmp_path / "a.zh.txt"
    en.write_text(PAIR_EN, encoding="utf-8")
    zh.write_text(PAIR_ZH, encoding="utf-8")
    return str(en), str(zh)


def test_pair_adds_the_name_pairs_to_the_json_and_writes_the_memory_units(tmp_path):
    from translate.storage.tmx import tmxfile

    en, zh = _pair_files(tmp_path)
    tmx, memory = tmp_path / "a.tmx", tmp_path / "m.sqlite"
    result = run("collect", "--pair", en, zh, "--format", "json", "--tm-out", str(tmx), "--import",
                 "--tm", str(memory), "--min-score", "0")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    pairs = {(p["en"], p["zh"]): p for p in data["pairs"]}
    assert pairs[("Wang Haitao", "王海涛")]["files"] == [en, zh]
    assert ("Baikonur", "拜科努尔") in pairs
    by_form = {f["form"]: p["id"] for p in data["proposals"] for f in p["forms"]}
    assert by_form["Wang Haitao"] == by_form["王海涛"] == "wang-haitao"
    dtd = next(p for p in (Path(__file__).resolve().parents[3] / "shared" / "standards" / "tmx14.dtd",
                           Path("/work/shared/standards/tmx14.dtd")) if p.exists())
    (tmp_path / "tmx14.dtd").write_bytes(dtd.read_bytes())  # where the file's DOCTYPE looks for it
    lint = subprocess.run(["xmllint", "--noout", "--valid", str(tmx)], capture_output=True, text=True)
    assert (lint.returncode, lint.stderr) == (0, "")
    units = tmxfile(tmx.read_bytes()).units
    assert [(u.source, u.target) for u in units] == [
        ("Daulet Kenzhebayev met Wang Haitao in Kyzylorda Region.", "达乌列特·肯热巴耶夫在克孜洛尔达州会见了王海涛。"),
        ("Kenzhebayev said the Baikonur project would create 300 jobs.", "肯热巴耶夫说，拜科努尔项目将创造300个就业岗位。")]
    found = run("tm", "--tm", str(memory), "search", "Kenzhebayev said the Baikonur project would create 300 jobs.")
    assert found.exit_code == 0 and "拜科努尔项目" in found.stdout


def test_tm_out_without_pair_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = run("collect", str(tmp_path / "a.txt"), "--tm-out", str(tmp_path / "a.tmx"))
    assert result.exit_code == 2
    assert "--tm-out and --import need --pair EN_FILE ZH_FILE" in result.stderr
    assert not (tmp_path / "a.tmx").exists()


def test_a_missing_pair_file_is_one_line_and_writes_nothing(tmp_path):
    en, _ = _pair_files(tmp_path)
    result = run("collect", "--pair", en, str(tmp_path / "missing.zh.txt"), "--tm-out", str(tmp_path / "a.tmx"))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "missing.zh.txt" in result.stderr
    assert not (tmp_path / "a.tmx").exists()
