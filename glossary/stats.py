"""Counts that describe a glossary: concepts by type, forms by status and kind, coverage.

>>> from silkterm.glossary import load_glossary
>>> s = glossary_stats(load_glossary())
>>> s["concepts"] > 100 and s["forms"] > s["concepts"]
True
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .model import Glossary


def glossary_stats(glossary: Glossary) -> dict[str, Any]:
    """A JSON-ready summary of ``glossary``."""
    types: Counter[str] = Counter(c.type.value for c in glossary)
    status: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    langs: Counter[str] = Counter()
    for concept in glossary:
        for v in concept.variants:
            status[v.status.value] += 1
            kinds[v.kind.value if v.kind else "unspecified"] += 1
            langs[v.lang] += 1
    return {
        "files": list(glossary.files),
        "concepts": len(glossary),
        "forms": sum(1 for c in glossary for _ in c.forms()),
        "variants": sum(len(c.variants) for c in glossary),
        "generated": sum(1 for c in glossary for v in c.variants if v.rule),
        "specs": sum(len(c.specs) for c in glossary),
        "with_zh": sum(1 for c in glossary if c.zh),
        "with_kk": sum(1 for c in glossary if c.kk),
        "with_ru": sum(1 for c in glossary if c.ru),
        "unverified": sum(1 for c in glossary if not c.verified),
        "types": dict(sorted(types.items())),
        "variant_status": dict(sorted(status.items())),
        "variant_kinds": dict(sorted(kinds.items())),
        "variant_languages": dict(sorted(langs.items())),
    }
