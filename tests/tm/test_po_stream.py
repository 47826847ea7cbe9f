"""The streaming PO reader (:func:`silkterm.tm.po.iter_po`): the same entries as the whole-file
polib parse (:func:`silkterm.tm.po.load_po`), field by field, on the test catalogs, on catalogs
made from the machine's ``.mo`` files and on generated entries; the same errors with the same
lines; and ``check`` and ``tm import`` of a PO file in bounded memory."""

from __future__ import annotations

import shutil
import subprocess
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from silkterm.tm.errors import TMFormatError
from silkterm.glossary.formats.pofile import entry_line
from silkterm.tm.po import iter_po, load_po, po_header, read_po, scan_po

DATA = Path(__file__).resolve().parent.parent / "data" / "tm"
LOCALES = ("zh_CN", "zh_TW", "kk", "ru")
MAX_CATALOGS = 60  # msgunfmt + two parses each: keep the suite quick

FIELDS = ("msgid", "msgstr", "msgid_plural", "msgctxt", "tcomment", "comment",
          "previous_msgctxt", "previous_msgid", "previous_msgid_plural")


def _polib_view(path: Path) -> tuple[dict[str, str], tuple[str, ...], list[dict[str, Any]]]:
    loaded = load_po(path)
    entries = []
    for e in loaded.pofile:
        d = {f: getattr(e, f) for f in FIELDS}
        d.update(msgstr_plural=dict(e.msgstr_plural), occurrences=tuple(map(tuple, e.occurrences)),
                 flags=tuple(e.flags), obsolete=bool(e.obsolete), linenum=e.linenum,
                 msgid_line=entry_line(e, loaded.msgid_lines))
        entries.append(d)
    return dict(loaded.pofile.metadata), tuple(loaded.pofile.metadata_is_fuzzy or ()), entries


def _stream_view(path: Path) -> tuple[dict[str, str], tuple[str, ...], list[dict[str, Any]]]:
    entries = []
    header = None
    for e in iter_po(path):
        if e.is_header:
            assert header is None
            header = e
            continue
        d = {f: getattr(e, f) for f in FIELDS}
        d.update(msgstr_plural=dict(e.msgstr_plural), occurrences=e.occurrences, flags=e.flags,
                 obsolete=e.obsolete, linenum=e.linenum, msgid_line=e.msgid_line)
        entries.append(d)
    meta = header.metadata() if header else {}
    assert po_header(path).metadata() == meta
    assert scan_po(path).metadata == meta
    return meta, header.flags if header else (), entries


def assert_same_parse(path: Path) -> int:
    """Both readers agree on ``path``: same header, same entries, same error; the entry count."""
    try:
        expected = _polib_view(path)
    except TMFormatError as e:
        with pytest.raises(TMFormatError) as got:
            list(iter_po(path))
        assert (got.value.path, got.value.line, got.value.message) == (e.path, e.line, e.message)
        return 0
    got_view = _stream_view(path)
    assert got_view[:2] == expected[:2]
    assert len(got_view[2]) == len(expected[2])
    for g, x in zip(got_view[2], expected[2], strict=True):
        assert g == x
    return len(expected[2])


# ---------------------------------------------------------------------------------------------
# differential: the test catalogs and the machine's catalogs


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.po")))
def test_stream_equals_polib_on_test_catalogs(name):
    assert_same_parse(DATA / name)


def _machine_catalogs() -> list[Path]:
    found = sorted(p for loc in LOCALES for p in Path("/usr/share/locale", loc, "LC_MESSAGES")
                   .glob("*.mo"))
    step = max(1, len(found) // MAX_CATALOGS)
    return found[::step][:MAX_CATALOGS]


def test_stream_equals_polib_on_the_machines_catalogs(tmp_path):
    assert shutil.which("msgunfmt"), "msgunfmt is missing: install Debian's gettext"
    catalogs = _machine_catalogs()
    assert len(catalogs) >= 10, "too few gettext catalogs under /usr/share/locale"
    entries = 0
    for k, mo in enumerate(catalogs):
        po = tmp_path / f"{k}-{mo.parent.parent.name}-{mo.stem}.po"
        subprocess.run(["msgunfmt", "-o", str(po), str(mo)], check=True, capture_output=True)
        entries += assert_same_parse(po)
        # and the units read_po makes from them are those made from polib's entries (the folder
        # names the language: some catalogues' headers have no Language)
        lang = mo.parent.parent.name
        assert _units_via_polib(po, lang) == list(read_po(po, target_lang=lang, include_fuzzy=True,
                                                          include_untranslated=True))
    assert entries > 1000


def _units_via_polib(path: Path, lang: str) -> list[Any]:
    from collections import Counter

    from silkterm.tm.po import _target_lang, _units

    loaded = load_po(path)
    entries = list(loaded.pofile)
    contexts = Counter(e.msgctxt for e in entries if e.msgctxt is not None)
    return list(_units(entries, str(path), "en", _target_lang(loaded.pofile.metadata, lang),
                       include_fuzzy=True, include_untranslated=True,
                       repeated={k for k, n in contexts.items() if n > 1},
                       plural_header=loaded.pofile.metadata.get("Plural-Forms")))


def test_stream_keeps_line_breaks_and_charsets(tmp_path):
    """Lines end at LF, CR or CR LF only (VT, FF, U+2028 stay in the text); the header's charset
    decodes the file; C escapes are decoded as gettext does."""
    body = ('#. note with \v and \u2028 inside\nmsgid "A\\a\\x41\\101\\\\a"\nmsgstr "Б\f\u2028"\n\n'
            'msgid "two"\nmsgid_plural "twos"\nmsgstr[0] "\\"x\\042"\nmsgstr[1] "y\\v"\n')
    for charset, newline in (("UTF-8", "\n"), ("KOI8-R", "\r\n"), ("CP1251", "\r")):
        p = tmp_path / f"{charset}.po"
        text = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
                f'"Content-Type: text/plain; charset={charset}\\n"\n\n') + body
        if charset != "UTF-8":
            text = text.replace("\v and \u2028 ", "").replace("\f\u2028", "")
        p.write_bytes(text.replace("\n", newline).encode(charset.lower()))
        if newline != "\r":  # today's reader decodes no escape when lines end at CR alone
            assert_same_parse(p)
        a, b = (e for e in iter_po(p) if not e.is_header)
        assert a.msgid == "A\aAA\\a" and a.msgid_line == 7
        assert a.msgstr == ("Б\f\u2028" if charset == "UTF-8" else "Б")
        assert a.comment == ("note with \v and \u2028 inside" if charset == "UTF-8"
                             else "note with inside")
        assert b.msgstr_plural == {0: '"x"', 1: "y\v"}


# ---------------------------------------------------------------------------------------------
# differential: generated entries

_TEXT = st.lists(st.sampled_from(list("aZ 霍尔\u2028\t\v\f\a\x1c\x7f\"\\é%") + [
    "\\a", "\\b", "\\f", "\\n", "\\r", "\\t", "\\v", "\\\\", '\\"', "\\007", "\\12", "\\0",
    "\\101", "\\200", "\\x41", "\\x7", "\\xff", "\\x", "\\q", "\\?", "\\'", "\\1017"]),
    max_size=8).map("".join)


def _quote(raw: str) -> str:
    """A PO string of ``raw``, whose pieces are already escapes or plain characters: every
    character that must be escaped in a string (a lone quote or backslash) is escaped."""
    out, i = [], 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            out.append(raw[i:i + 2])
            i += 2
            continue
        out.append({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}.get(c, c))
        i += 1
    return '"' + "".join(out) + '"'


def _string(keyword: str, raw: str, split: bool, prefix: str = "") -> str:
    if split and len(raw) > 2:
        cut = len(raw) // 2
        if raw[cut - 1] == "\\":
            cut += 1
        return f'{prefix}{keyword} ""\n{prefix}{_quote(raw[:cut])}\n{prefix}{_quote(raw[cut:])}\n'
    return f"{prefix}{keyword} {_quote(raw)}\n"


_COMMENT = st.text(st.sampled_from(list("ab 霍\t\v\\\"#:,.|~")), max_size=6)

_ENTRY = st.fixed_dictionaries({
    "msgctxt": st.none() | _TEXT,
    "msgid": _TEXT.filter(bool),
    "plural": st.none() | st.tuples(_TEXT, st.lists(_TEXT, min_size=1, max_size=3)),
    "msgstr": _TEXT,
    "translator": st.lists(_COMMENT, max_size=2),
    "extracted": st.lists(_COMMENT.filter(str.strip), max_size=2),
    "references": st.lists(st.sampled_from(["a.c:12", "b.py", "x:y", "dir/f.c:3 g.c:4"]),
                           max_size=2),
    "flags": st.lists(st.sampled_from(["fuzzy", "c-format", "no-c-format", "python-format"]),
                      max_size=2),
    "previous": st.none() | _TEXT,
    "obsolete": st.booleans(),
    "split": st.booleans(),
})


def _render(e: dict[str, Any]) -> str:
    lines = [f"# {c}".rstrip() if c.strip() else "#" for c in e["translator"]]
    lines += [f"#. {c}" for c in e["extracted"]]
    lines += [f"#: {r}" for r in e["references"]]
    if e["flags"]:
        lines.append("#, " + ", ".join(e["flags"]))
    head = "\n".join(lines) + "\n" if lines else ""
    p = "#~ " if e["obsolete"] else ""
    body = ""
    if e["previous"] is not None and not e["obsolete"]:
        body += _string("msgid", e["previous"], False, "#| ")
    if e["msgctxt"] is not None:
        body += _string("msgctxt", e["msgctxt"], e["split"], p)
    body += _string("msgid", e["msgid"], e["split"], p)
    if e["plural"] is not None:
        body += _string("msgid_plural", e["plural"][0], False, p)
        for n, form in enumerate(e["plural"][1]):
            body += _string(f"msgstr[{n}]", form, e["split"], p)
    else:
        body += _string("msgstr", e["msgstr"], e["split"], p)
    return head + body


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(_ENTRY, min_size=1, max_size=6), language=st.sampled_from(["", "zh_CN"]))
def test_stream_equals_polib_on_generated_entries(tmp_path_factory, entries, language):
    header = ('# header comment\nmsgid ""\nmsgstr ""\n'
              f'"Language: {language}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
    p = tmp_path_factory.mktemp("gen") / "g.po"
    p.write_text(header + "\n".join(_render(e) for e in entries), encoding="utf-8", newline="")
    assert_same_parse(p)


# ---------------------------------------------------------------------------------------------
# errors: the same message and line as the whole-file reader


@pytest.mark.parametrize("text,line,message", [
    ('msgid "a"\nmsgstr "b"\n\nmsgid "Tokayev visited Astana\nmsgstr "c"\n', 4,
     "unterminated string"),
    ('msgid "a"\nmsgstr "b"\n\nhello world\n', 4, "syntax error: unexpected 'hello'"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', 4, "truncated entry: msgid without msgstr"),
    ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 3, "msgid follows a msgid that has no msgstr"),
    ('msgid "a"b"\nmsgstr "c"\n', 1, "unescaped double quote or text after the string"),
    ('msgstr "c"\n', 1, "msgstr without a msgid"),
    ('"orphan"\nmsgid "a"\nmsgstr "b"\n', 1, "string without a keyword"),
    ('msgid "a"\nmsgstr "b"\n"unterminated\n', 3, "unterminated string"),
    ('msgid a\nmsgstr "b"\n', 1, "expected a quoted string"),
    ('#| bogus "x"\nmsgid "a"\nmsgstr "b"\n', 1, "syntax error: unexpected 'bogus'"),
    ('msgid "a"\nmsgstr "b"\nmsgid_plural "c"\n', 3, "syntax error"),
    ('msgid"a"\nmsgstr "b"\n', 1, "syntax error"),
    ('#foo\nmsgid "a"\nmsgstr "b"\n', 1, "syntax error"),
    ('msgid "a"\nmsgstr "b"\n#|\n', 3, "syntax error: '#|' without a keyword"),
    # polib's error comes after the whole-file check: the later line is the one reported
    ('msgid"a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d\n', 5, "unterminated string"),
])
def test_stream_errors_name_the_line(tmp_path, text, line, message):
    p = tmp_path / "bad.po"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(TMFormatError) as e:
        list(iter_po(p))
    assert str(e.value) == f"{p}:{line}: {message}"
    assert_same_parse(p)
    with pytest.raises(TMFormatError) as e:
        read_po(p, target_lang="zh")  # checked through before the first unit
    assert str(e.value) == f"{p}:{line}: {message}"


def test_stream_encoding_errors(tmp_path):
    p = tmp_path / "enc.po"
    p.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  b'msgid "Summer"\nmsgstr "\xc9t\xe9"\n')
    with pytest.raises(TMFormatError) as e:
        list(iter_po(p))
    assert str(e.value) == f"{p}:6: not valid UTF-8 (byte 0xc9 at offset 87)"
    c = tmp_path / "cs.po"
    c.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=NOPE-9\\n"\n')
    with pytest.raises(TMFormatError, match="cs.po: unknown charset 'NOPE-9'"):
        list(iter_po(c))
    b = tmp_path / "bin.po"
    b.write_bytes(b"\x00\x01binary")
    with pytest.raises(TMFormatError, match="binary file"):
        list(iter_po(b))


# ---------------------------------------------------------------------------------------------
# bounded memory: check and tm import of a PO file


def _catalog(path: Path, n: int, *, contexts: bool = True) -> Path:
    """``n`` translated entries, each with its own msgctxt and reference (``contexts``), else
    with the same reference and no msgctxt (the same props on every unit)."""
    parts = ['msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n'
             '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n']
    for k in range(n):
        where = f'#: news/border.py:{k}\nmsgctxt "c{k}"' if contexts else "#: news/border.py:1"
        parts.append(f'\n{where}\nmsgid "Trucks crossed at Khorgos '
                     f'number {k} on the way to Astana"\nmsgstr "卡车从口岸通过 {k}"\n')
    path.write_text("".join(parts), encoding="utf-8")
    return path


def _peak(call: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_check_of_a_po_file_runs_in_bounded_memory(tmp_path, glossary):
    from silkterm.tm.qa import iter_issues

    g = glossary
    small, large = _catalog(tmp_path / "s.po", 500), _catalog(tmp_path / "l.po", 2000)

    def run(p: Path) -> Callable[[], object]:
        def count() -> int:
            return sum(1 for _ in iter_issues(p, g))
        return count

    assert run(small)() == 1000  # Khorgos and Astana missing from every target
    peaks = [_peak(run(small)), _peak(run(large))]
    assert peaks[1] / peaks[0] <= 1.3, peaks


def test_reading_po_units_runs_in_bounded_memory(tmp_path):
    """Every entry has its own msgctxt (which must be counted to know the unit ids)."""
    small, large = _catalog(tmp_path / "s.po", 1000), _catalog(tmp_path / "l.po", 4000)
    assert sum(1 for _ in read_po(small)) == 1000
    peaks = [_peak(lambda p=p: sum(1 for _ in read_po(p))) for p in (small, large)]
    assert peaks[1] / peaks[0] <= 1.3, peaks


def test_tm_import_of_a_po_file_runs_in_bounded_memory(tmp_path):
    """The units carry the same props (the store keeps a bounded cache of them)."""
    from silkterm.tm.store import open_memory

    small, large = (_catalog(tmp_path / f"{n}.po", n, contexts=False) for n in (1000, 4000))

    def run(p: Path, n: int) -> Callable[[], object]:
        def imp() -> None:
            with open_memory(tmp_path / f"{p.stem}-{n}.sqlite") as memory:
                # the store writes a batch at a time (constant size): small ones here
                s = memory.add(read_po(p), origin=p.name, batch_size=200)
            assert s.added == int(p.stem)
        return imp

    run(small, 0)()  # caches and imports warmed
    # the least of three runs each: how far the reader runs ahead of the store's helper thread
    # depends on scheduling, which a busy machine changes
    peaks = [min(_peak(run(p, k)) for k in (1, 2, 3)) for p in (small, large)]
    assert peaks[1] / peaks[0] <= 1.3, peaks


def test_stream_reads_plural_forms_beyond_nine(tmp_path):
    """msgstr[10] is form 10 (polib reads only the first digit of the index, as form 1)."""
    p = tmp_path / "many.po"
    forms = "".join(f'msgstr[{n}] "f{n}"\n' for n in range(12))
    p.write_text(f'msgid "one"\nmsgid_plural "many"\n{forms}', encoding="utf-8")
    [e] = iter_po(p)
    assert e.msgstr_plural == {n: f"f{n}" for n in range(12)}
