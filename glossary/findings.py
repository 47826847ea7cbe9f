"""What normalising finds in a text: :class:`Finding`, one match of a glossary form.

A value of its own module, apart from the glossary's (:mod:`.model`): ``silkterm lookup`` reads
a glossary and never a text, and each frozen dataclass its modules define adds to its start-up.

>>> f = Finding(0, 6, 1, 1, "Horgos", "khorgos", "Khorgos", Action.REPLACE, "r", "Horgos", "en",
...             Status.DEPRECATED, replacement="Khorgos")
>>> f.to_dict()["replacement"], f.to_dict()["action"]
('Khorgos', 'replace')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Action, Kind, Status


@dataclass(frozen=True, slots=True)
class Finding:
    """One match of a glossary form in a text, and what normalising does with it.

    ``start``/``end`` are code-point offsets into the input; ``line``/``column`` are 1-based.
    ``replacement`` is the text written in place of ``surface`` (``None`` unless action is replace);
    ``drop_before`` is the text just before ``start`` that the replacement removes as well (an
    article the house form does not take, with the space after it: *the new crown* → *COVID-19*).
    """

    start: int
    end: int
    line: int
    column: int
    surface: str
    concept_id: str
    canonical: str
    action: Action
    reason: str
    form: str
    lang: str
    status: Status
    kind: Kind | None = None
    replacement: str | None = None
    candidates: tuple[str, ...] = ()
    score: int | None = None  # 0-100 for suggestions of unseen variants
    drop_before: str = ""

    def moved(self, offset: int, line: int, column: int) -> Finding:
        """This finding ``offset`` code points later, at ``line`` and ``column`` (a finding of
        a chunk as one of the whole text); the same as :func:`dataclasses.replace`, faster.

        >>> f = Finding(0, 6, 1, 1, "Horgos", "khorgos", "Khorgos", Action.REPLACE, "r", "Horgos",
        ...             "en", Status.DEPRECATED, replacement="Khorgos")
        >>> g = f.moved(10, 2, 5)
        >>> (g.start, g.end, g.line, g.column, g.replacement)
        (10, 16, 2, 5, 'Khorgos')
        """
        return Finding(self.start + offset, self.end + offset, line, column, self.surface,
                       self.concept_id, self.canonical, self.action, self.reason, self.form,
                       self.lang, self.status, self.kind, self.replacement, self.candidates,
                       self.score, self.drop_before)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field; enums become their string values."""
        return {
            "start": self.start, "end": self.end, "line": self.line, "column": self.column,
            "surface": self.surface, "concept": self.concept_id, "canonical": self.canonical,
            "action": self.action.value, "reason": self.reason, "form": self.form,
            "lang": self.lang, "status": self.status.value,
            "kind": self.kind.value if self.kind else None,
            "replacement": self.replacement, "candidates": list(self.candidates),
            "score": self.score, "drop_before": self.drop_before,
        }
