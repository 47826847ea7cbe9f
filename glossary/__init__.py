"""silkterm.glossary — concepts, variants and the matcher that applies them to text.

The public API, importable from this package:

>>> from silkterm.glossary import load_glossary, normalize
>>> g = load_glossary()
>>> normalize("Trains exit China at Horgos.", g).text
'Trains exit China at Khorgos.'

Heavy modules (pypinyin, OpenCC, RapidFuzz) are imported only when a call needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__ as __version__

_EXPORTS = {
    "Action": "model",
    "Article": "model",
    "Case": "model",
    "Concept": "model",
    "ConceptType": "model",
    "Finding": "model",
    "Glossary": "model",
    "Kind": "model",
    "Spec": "model",
    "Status": "model",
    "Validity": "model",
    "Variant": "model",
    "GlossaryError": "errors",
    "GlossaryFormatError": "errors",
    "GlossaryConflictError": "errors",
    "SpecFailure": "errors",
    "InputError": "errors",
    "load_glossary": "loader",
    "load_files": "loader",
    "default_glossary_files": "loader",
    "Matcher": "matcher",
    "NormalizeResult": "apply",
    "normalize": "apply",
    "annotate": "apply",
    "find_terms": "apply",
    "strip_annotations": "apply",
    "lookup": "query",
    "LookupMatch": "query",
    "LookupResult": "query",
    "glossary_stats": "stats",
    "read_text": "textio",
    "write_text_atomic": "textio",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'silkterm.glossary' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .apply import NormalizeResult, annotate, find_terms, normalize, strip_annotations
    from .errors import (GlossaryConflictError, GlossaryError, GlossaryFormatError, InputError,
                         SpecFailure)
    from .loader import default_glossary_files, load_files, load_glossary
    from .query import LookupMatch, LookupResult, lookup
    from .matcher import Matcher
    from .model import (Action, Article, Case, Concept, ConceptType, Finding, Glossary, Kind, Spec, Status,
                        Validity, Variant)
    from .stats import glossary_stats
    from .textio import read_text, write_text_atomic
