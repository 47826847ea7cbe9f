"""silkterm tm align: a TMX of the aligned units; a bad input is one line and exit status 2."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree
from translate.storage.tmx import tmxfile

from silkterm.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "benchmarks" / "align" / "pairs"
DTD = next(p for p in (ROOT.parent / "shared" / "standards" / "tmx14.dtd",
                       Path("/work/shared/standards/tmx14.dtd"),
                       ROOT / "tests" / "data" / "standards" / "tmx14.dtd") if p.exists())


def test_align_writes_valid_tmx(tmp_path):
    out = tmp_path / "a.tmx"
    result = CliRunner().invoke(cli, ["tm", "align", str(PAIRS / "03_pipeline.en.txt"),
                                      str(PAIRS / "03_pipeline.zh.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("aligned 11 English and 13 Chinese sentences in 12 links; wrote ")
    assert etree.DTD(str(DTD)).validate(etree.parse(str(out)))
    units = tmxfile(out.read_bytes()).units
    assert 5 <= len(units) <= 10
    headline = (PAIRS / "03_pipeline.en.txt").read_text(encoding="utf-8").splitlines()[0]
    assert units[0].source == headline
    assert all(u.target for u in units)
    low = tmp_path / "low.tmx"
    result = CliRunner().invoke(cli, ["tm", "align", str(PAIRS / "03_pipeline.en.txt"),
                                      str(PAIRS / "03_pipeline.zh.txt"), "-o", str(low),
                                      "--min-score", "100", "--keep-low"])
    assert result.exit_code == 0
    assert "x-silkterm-low-confidence" in low.read_text(encoding="utf-8")
    assert len(tmxfile(low.read_bytes()).units) == 10  # every 1-1, 1-2 and 2-1 link


def test_bad_input_is_one_line_and_status_2(tmp_path):
    result = CliRunner().invoke(cli, ["tm", "align", str(tmp_path / "missing.txt"),
                                      str(PAIRS / "03_pipeline.zh.txt"), "-o", str(tmp_path / "x.tmx")])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "missing.txt" in result.output
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\xff")
    result = CliRunner().invoke(cli, ["tm", "align", str(binary), str(PAIRS / "03_pipeline.zh.txt"),
                                      "-o", str(tmp_path / "x.tmx")])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert not (tmp_path / "x.tmx").exists()


def test_standard_input_for_one_side(tmp_path):
    out = tmp_path / "s.tmx"
    en = (PAIRS / "08_baikonur.en.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["tm", "align", "-", str(PAIRS / "08_baikonur.zh.txt"), "-o", str(out)],
                                input=en)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert '<prop type="x-silkterm-source">&lt;stdin&gt;</prop>' in text
    assert '<prop type="x-silkterm-source">08_baikonur.zh.txt</prop>' in text
    both = CliRunner().invoke(cli, ["tm", "align", "-", "-", "-o", str(out)], input=en)
    assert both.exit_code == 2
