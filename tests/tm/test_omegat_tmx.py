"""The TMX export as OmegaT uses it: real OmegaT 3.6 projects (``omegat --mode=console-translate``)
for zh-CN, zh-SG, zh-TW and zh-HK, the export in the project's ``tm/auto/`` folder (whose exact
matches OmegaT inserts as translations), the translated ``target/`` file read back.

What the runs show (and ``silkterm.tm.export.ProjectUnits`` documents): OmegaT takes from a
``<tu>`` the last ``<tuv>`` whose second subtag is the project's region, else the last with the
project's bare language, else the last with the language and anything else, so silkterm's own
TMX (``zh-Hans`` then ``zh-Hant``) puts traditional characters into every Chinese project, and a
unit without Chinese puts its Russian there; ``tm export --for-project --target-lang zh-XX``
writes what each project needs.

OmegaT is not optional: ``.ci/run`` installs ``omegat`` (which brings Java); a machine without it
fails these tests instead of skipping them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from silkterm.cli.tm_cmd import tm
from silkterm.tm.export import ProjectUnits
from silkterm.tm.model import Segment, Unit
from silkterm.tm.store import Memory
from silkterm.tm.tmx import read_tmx, write_tmx

TARGETS = ("zh-CN", "zh-SG", "zh-TW", "zh-HK")
NEWS = ("Khorgos-Eastern Gate", "People's Daily", "Konaev")  # Konaev: en, kk, ru; no Chinese
SIMPLIFIED = ("霍尔果斯-东大门", "人民日报")
TRADITIONAL = ("霍爾果斯-東大門", "人民日報")

# Units whose segments hold their own language tag, to show which one OmegaT picks.
RULES = {
    "rule hans hant": ("zh-Hans", "zh-Hant"),
    "rule hant hans": ("zh-Hant", "zh-Hans"),
    "rule cn tw": ("zh-CN", "zh-TW"),
    "rule tw cn": ("zh-TW", "zh-CN"),
    "rule hans zh": ("zh-Hans", "zh"),
    "rule script region": ("zh-Hans-CN", "zh-Hant-TW"),
    "rule no chinese": ("kk", "ru"),
}
PICKED = {  # the segment OmegaT 3.6 inserts, by project
    "zh-CN": ("zh-Hant", "zh-Hans", "zh-CN", "zh-CN", "zh", "zh-Hant-TW", "ru"),
    "zh-SG": ("zh-Hant", "zh-Hans", "zh-TW", "zh-CN", "zh", "zh-Hant-TW", "ru"),
    "zh-TW": ("zh-Hant", "zh-Hans", "zh-TW", "zh-TW", "zh", "zh-Hant-TW", "ru"),
    "zh-HK": ("zh-Hant", "zh-Hans", "zh-TW", "zh-CN", "zh", "zh-Hant-TW", "ru"),
}

PROJECT = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>en</source_lang>
        <target_lang>{target}</target_lang>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


def run(*args: object):
    return CliRunner().invoke(tm, [str(a) for a in args], prog_name="silkterm tm")


def omegat_translate(folder: Path, target: str, tmx_files: list[Path],
                     sources: list[str]) -> list[str]:
    """Translate ``sources`` (one paragraph each) in a new OmegaT project into ``target`` with
    ``tmx_files`` in ``tm/auto/``; the paragraphs of the translated file."""
    omegat = shutil.which("omegat")
    assert omegat, "OmegaT is missing: apt-get install omegat (see .ci/run)"
    project = folder / f"project-{target}"
    for sub in ("source", "target", "tm/auto", "glossary", "omegat", "dictionary"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT.format(target=target), encoding="utf-8")
    for tmx in tmx_files:
        shutil.copy(tmx, project / "tm" / "auto" / tmx.name)
    (project / "source" / "news.txt").write_text("\n\n".join(sources) + "\n", encoding="utf-8")
    done = subprocess.run([omegat, str(project), "--mode=console-translate", "--quiet",
                           f"--config-dir={folder / 'config'}"],
                          check=False, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return (project / "target" / "news.txt").read_text(encoding="utf-8").rstrip("\n").split("\n\n")


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """The seed memory's TMX exports: ``default`` (no option) and one ``--for-project`` export
    for each of TARGETS, and the TMX of RULES."""
    folder = tmp_path_factory.mktemp("omegat-tmx")
    memory = folder / "m.sqlite"
    r = run("--tm", memory, "build", "--date", "2026-01-01")
    assert r.exit_code == 0, r.output
    files = {"default": folder / "default.tmx"}
    r = run("--tm", memory, "export", "-o", files["default"])
    assert (r.exit_code, r.stderr) == (0, ""), r.output
    for target in TARGETS:
        files[target] = folder / f"silkterm-{target}.tmx"
        r = run("--tm", memory, "export", "-o", files[target], "--target-lang", target,
                "--for-project")
        assert r.exit_code == 0, r.output
    files["rules"] = folder / "rules.tmx"
    write_tmx([Unit(f"r{i}", (Segment("en", source), *(Segment(t, t) for t in tags)))
               for i, (source, tags) in enumerate(RULES.items())], files["rules"], srclang="en")
    return files


@pytest.fixture(scope="module")
def translated(exports, tmp_path_factory):
    """``translated(target, kind)``: the OmegaT project in ``target``'s translation of NEWS (with
    the ``kind`` export: ``default`` or ``project``) followed by the sources of RULES."""
    folder = tmp_path_factory.mktemp("omegat-projects")
    done: dict[tuple[str, str], list[str]] = {}

    def translate(target: str, kind: str) -> list[str]:
        if (target, kind) not in done:
            export = exports["default" if kind == "default" else target]
            done[target, kind] = omegat_translate(folder / kind, target,
                                                  [export, exports["rules"]],
                                                  [*NEWS, *RULES])
        return done[target, kind]

    return translate


def test_the_default_export_puts_traditional_characters_into_a_zh_cn_project(translated):
    """The reason for --for-project: silkterm's own TMX holds both scripts, zh-Hant last."""
    assert translated("zh-CN", "default")[:3] == [*TRADITIONAL, "Конаев"]


@pytest.mark.parametrize("target", TARGETS)
def test_omegat_picks_the_last_tuv_of_the_region_or_else_of_the_language(translated, target):
    assert tuple(translated(target, "project")[3:]) == PICKED[target]


@pytest.mark.parametrize("target, forms", [("zh-CN", SIMPLIFIED), ("zh-SG", SIMPLIFIED),
                                           ("zh-TW", TRADITIONAL), ("zh-HK", TRADITIONAL)])
def test_the_project_export_gives_each_project_its_script(translated, target, forms):
    assert translated(target, "project")[:3] == [*forms, "Konaev"]  # Konaev: no Chinese, kept


def test_the_project_export_holds_one_pair_tagged_as_the_project(exports):
    units = {u.id: u for u in read_tmx(exports["zh-SG"])}
    assert [(s.lang, s.text) for s in units["khorgos-eastern-gate"].segments] == [
        ("en", "Khorgos-Eastern Gate"), ("zh-SG", "霍尔果斯-东大门")]
    assert units["peoples-daily"].props == tuple(
        next(u for u in read_tmx(exports["default"]) if u.id == "peoples-daily").props)
    assert "konaev" not in units
    assert {s.lang for u in units.values() for s in u.segments} == {"en", "zh-SG"}


def test_the_project_export_warns_about_the_units_it_leaves_out(tmp_path):
    path = tmp_path / "m.sqlite"
    with Memory(path) as m:
        m.add([Unit("gate", (Segment("en", "Gate"), Segment("zh-Hans", "门"),
                             Segment("zh-Hant", "門"))),
               Unit("konaev", (Segment("en", "Konaev"), Segment("kk", "Қонаев"))),
               Unit("only-hans", (Segment("en", "Door"), Segment("zh-Hans", "门")))])
    out = tmp_path / "hk.tmx"
    r = run("--tm", path, "export", "-o", out, "--target-lang", "zh-hk", "--for-project")
    assert (r.exit_code, r.stdout) == (0, f"exported 1 units to {out}\n")
    assert r.stderr == (f"warning: {out}: 2 unit(s) without a segment in both en and zh-HK "
                        "(traditional) are not written\n")
    assert [[(s.lang, s.text) for s in u.segments] for u in read_tmx(out)] == [
        [("en", "Gate"), ("zh-HK", "門")]]


def test_region_tags_read_back_as_written_and_count_as_their_script(exports, tmp_path):
    """Import keeps zh-TW/zh-CN tags (a round trip stays exact) and lookups take them for the
    script they imply: a zh-TW memory exports for a zh-HK project, not for a zh-CN one."""
    path = tmp_path / "m.sqlite"
    r = run("--tm", path, "import", exports["zh-TW"])
    assert r.exit_code == 0, r.output
    with Memory(path) as m:
        assert m.langs() == ["en", "zh-TW"]
        gate = next(u for u in m.units() if u.id == "khorgos-eastern-gate")
        assert gate.segment("zh-Hant") == Segment("zh-TW", "霍爾果斯-東大門")
        assert gate.segment("zh-Hans") is None
        hk = list(ProjectUnits(m.units(), "en", "zh-HK"))
        cn = ProjectUnits(m.units(), "en", "zh-CN")
        assert (list(cn), cn.left_out) == ([], len(hk))
    assert [(s.lang, s.text) for s in
            next(u for u in hk if u.id == "khorgos-eastern-gate").segments] == [
        ("en", "Khorgos-Eastern Gate"), ("zh-HK", "霍爾果斯-東大門")]
    again = tmp_path / "again.tmx"
    r = run("--tm", path, "export", "-o", again)
    assert r.exit_code == 0, r.output
    assert list(read_tmx(again)) == list(read_tmx(exports["zh-TW"]))


@pytest.mark.parametrize("args, message", [
    (["--for-project"], ("Error: --for-project needs --target-lang: the project's target "
                         "language, e.g. zh-CN\n")),
    (["--for-project", "--target-lang", "zh"],
     ("silkterm: error: target language zh names no Chinese script: give the project's own, "
      "e.g. zh-CN or zh-SG (simplified), zh-TW or zh-HK (traditional)\n")),
])
def test_the_project_export_needs_a_target_with_a_script(tmp_path, args, message):
    path = tmp_path / "m.sqlite"
    with Memory(path) as m:
        m.add([Unit("gate", (Segment("en", "Gate"), Segment("zh-Hans", "门")))])
    out = tmp_path / "x.tmx"
    r = run("--tm", path, "export", "-o", out, *args)
    assert r.exit_code == 2
    assert r.stderr.endswith(message)
    assert not out.exists()
