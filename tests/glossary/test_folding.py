"""Text utilities of silkterm.glossary.folding that the start-up work touched: the lazily
compiled patterns and the written-out list of other spaces."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys

from silkterm.glossary import folding
from silkterm.glossary.folding import CJK_CHARACTER, LazyPattern, lazy_pattern


def test_other_spaces_are_the_unicode_spaces_fold_leaves():
    scanned = tuple(chr(c) for c in range(0x80, 0x3001)
                    if chr(c).isspace() and chr(c) != "\u2029" and chr(c) not in folding._TYPOGRAPHY)
    assert folding._OTHER_SPACES == scanned


def test_a_lazy_pattern_compiles_on_first_use_and_behaves_as_the_pattern():
    p = lazy_pattern(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
    assert isinstance(p, LazyPattern) and vars(p).keys() == {"_source"}
    real = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
    text = "Trains leave 霍尔果斯 for 阿拉木图."
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert p.sub("#", text) == real.sub("#", text) == "Trains leave # for #."
    assert set(vars(p)) == {"_source", "finditer", "sub"}  # kept once compiled
    assert p.pattern == real.pattern and p.flags == real.flags


def test_a_lazy_pattern_keeps_flags_and_answers_no_dunder():
    p = lazy_pattern("horgos", re.IGNORECASE)
    assert p.search("HORGOS").group() == "HORGOS"
    assert not hasattr(LazyPattern("x"), "__deepcopy__")


def test_cjk_character_is_the_same_pattern_as_before():
    assert CJK_CHARACTER.match("霍") and CJK_CHARACTER.match("한") and not CJK_CHARACTER.match("H")


def test_the_cached_glossary_values_pickle_exactly():
    from silkterm.glossary import load_glossary
    from silkterm.glossary.index import index_of

    g = load_glossary()
    index_of(g).build()
    back = pickle.loads(pickle.dumps(g, protocol=pickle.HIGHEST_PROTOCOL))
    assert list(back) == list(g)
    assert [v for c in back for v in c.variants] == [v for c in g for v in c.variants]


def test_lookup_imports_neither_the_yaml_reader_nor_the_rules_nor_other_commands(tmp_path):
    """With the compiled glossary cached, ``silkterm lookup`` reads no YAML, loads no rule
    registry and imports none of the commands it does not run (start-up time, issue 14); with
    its lookup table cached too, it reads that alone: not the glossary model, the loader, the
    indexes or pickle."""
    env = {"SILKTERM_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    code = ("import sys; sys.argv = ['silkterm', 'lookup', 'Horgos']\n"
            "from silkterm.cli.main import cli\n"
            "try:\n    cli()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('silkterm', 'yaml', 'ruamel', 'pypinyin', 'jieba', 'opencc', 'pickle')))), file=sys.stderr)\n")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.startswith("Horgos → Khorgos")
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert second.stdout == first.stdout
    loaded = set(second.stderr.split())
    for absent in ("silkterm.glossary.formats.yamlfile", "silkterm.glossary.rules", "silkterm.cli.collect_cmd",
                   "silkterm.cli.tm_cmd", "silkterm.glossary.collect", "silkterm.glossary.candidates",
                   "silkterm.glossary.apply", "yaml", "ruamel", "jieba", "silkterm.cli.text_cmd",
                   "silkterm.glossary.model", "silkterm.glossary.loader", "silkterm.glossary.index",
                   "pickle"):
        assert absent not in loaded, absent
    assert {"silkterm.glossary.query", "silkterm.glossary.quicklookup"} <= loaded
