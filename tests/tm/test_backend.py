"""The memory backend seam (silkterm.tm.backend): search holds no SQL and no module-level cache,
and works against any object implementing :class:`~silkterm.tm.backend.MemoryBackend`."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import silkterm.tm.search as search_module
from silkterm.tm.backend import MemoryBackend, StoredSegment, UnitInfo
from silkterm.tm.model import Segment, Unit, escape
from silkterm.tm.search import concordance, search
from silkterm.tm.store import Memory

T = TypeVar("T")
SQL = re.compile(r"\b(SELECT\b.*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|"
                 r"DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER|VIRTUAL)|PRAGMA\s+\w+|"
                 r"WITH\s+\w+\s+AS\b|\w+\s+MATCH\s+\?)", re.DOTALL)
MUTABLE = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "WeakKeyDictionary",
           "WeakValueDictionary", "WeakSet", "deque", "lru_cache", "cache"}


def _source() -> ast.Module:
    return ast.parse(Path(search_module.__file__).read_text(encoding="utf-8"))


def test_search_holds_no_sql():
    found = [node.value for node in ast.walk(_source())
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and SQL.search(node.value)]
    assert found == []


def _called(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return None


def test_search_keeps_no_module_level_cache():
    caches = []
    for node in _source().body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            if ast.unparse(node).startswith("__all__"):
                continue
            if isinstance(node.value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp,
                                       ast.SetComp)) or _called(node.value) in MUTABLE:
                caches.append(ast.unparse(node))
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            caches += [ast.unparse(d) for d in node.decorator_list
                       if (d.id if isinstance(d, ast.Name) else _called(d)
                           if isinstance(d, ast.Call) else getattr(d, "attr", None)) in MUTABLE]
    assert caches == []


class FakeMemory:
    """A memory in Python lists: the smallest :class:`MemoryBackend` (no index, no cache)."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.segments: list[StoredSegment] = []
        self.info: dict[int, UnitInfo] = {}
        for rid, unit in enumerate(units, 1):
            self.info[rid] = UnitInfo(unit.id, unit.props)
            for seg in unit.segments:
                self.segments.append(StoredSegment(len(self.segments) + 1, rid, seg.lang.lower(),
                                                   seg.text))

    def stored_langs(self) -> list[str]:
        return sorted({s.lang for s in self.segments})

    def trigram_counts(self) -> FakeMemory:
        return self

    def lookup(self, grams: Sequence[str]) -> dict[str, int]:
        counts = {g: sum(g in s.text.lower() for s in self.segments) for g in grams}
        return {g: n for g, n in counts.items() if n}

    def has_trigram(self, gram: str) -> bool:
        return any(gram in s.text.lower() for s in self.segments)

    def trigram_candidates(self, groups: Sequence[Sequence[str]], limit: int
                           ) -> list[StoredSegment]:
        matched = [(-sum(all(g in s.text.lower() for g in group) for group in groups), s.id, s)
                   for s in self.segments]
        return sorted((s for n, _, s in sorted(matched) if n < 0), key=lambda s: s.id)[:limit]

    def prefix_candidates(self, lang: str, prefix: str, limit: int) -> list[StoredSegment]:
        return [s for s in self.segments if s.lang == lang and s.text.startswith(prefix)][:limit]

    def segments_in(self, langs: Sequence[str]) -> list[StoredSegment]:
        return [s for s in self.segments if s.lang in langs]

    def phrase_candidates(self, phrase: str) -> Iterator[StoredSegment]:
        return iter(self.segments)

    def unit_info(self, units: Sequence[int]) -> dict[int, UnitInfo]:
        return {u: self.info[u] for u in units}

    def unit_segments(self, units: Sequence[int]) -> list[StoredSegment]:
        return sorted((s for s in self.segments if s.unit in units), key=lambda s: (s.unit, s.id))

    def cached(self, key: Hashable, build: Callable[[], T]) -> T:
        return build()


UNITS = [Unit(tuid, (Segment("en", escape(en)), Segment("zh-Hans", escape(zh))),
              props=(("x-domain", "news"),)) for tuid, en, zh in [
    ("u1", "Trains exit China at Khorgos.", "列车从霍尔果斯出境。"),
    ("u2", "Trucks enter Kazakhstan at Khorgos.", "卡车从霍尔果斯进入哈萨克斯坦。"),
    ("u3", "The Nurly Zhol programme was launched in 2014.", "光明之路计划于2014年启动。"),
    ("u4", "Trains exit China at Horgos.", "列车从霍尔果斯口岸出境。"),
    ("u5", "OK", "好")]]


def test_search_and_concordance_work_against_any_backend(tmp_path):
    fake: MemoryBackend = FakeMemory(UNITS)
    hits = search(fake, "Trains exit China at Khorgos").hits
    assert [(h.tuid, h.score, h.target, h.target_lang, h.props) for h in hits] == [
        ("u1", 96, "列车从霍尔果斯出境。", "zh-hans", (("x-domain", "news"),)),
        ("u4", 92, "列车从霍尔果斯口岸出境。", "zh-hans", (("x-domain", "news"),))]
    assert [h.tuid for h in concordance(fake, "khorgos")] == ["u1", "u2"]
    with Memory(tmp_path / "m.sqlite") as memory:
        memory.add(UNITS)
        for query, source, target in [("Trains exit China at Khorgos", "en", "zh-hans"),
                                      ("Trucks enter at Horgos", "en", "zh-hans"),
                                      ("列车从霍尔果斯出境", "zh-Hans", "en"), ("OK", "en", "zh")]:
            for exhaustive in (False, True):
                assert search(fake, query, source_lang=source, target_lang=target,
                              exhaustive=exhaustive, min_score=50) == search(
                    memory, query, source_lang=source, target_lang=target,
                    exhaustive=exhaustive, min_score=50)
        for phrase in ("Khorgos", "at", "霍尔果斯", "2014", "Ulaanbaatar"):
            assert concordance(fake, phrase) == concordance(memory, phrase)
