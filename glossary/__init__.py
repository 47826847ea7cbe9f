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
    "Extension": "extension",
    "Finding": "findings",
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

__all__ = [
    "Action",
    "Article",
    "Case",
    "Concept",
    "ConceptType",
    "Extension",
    "Finding",
    "Glossary",
    "GlossaryConflictError",
    "GlossaryError",
    "GlossaryFormatError",
    "InputError",
    "Kind",
    "LookupMatch",
    "LookupResult",
    "Matcher",
    "NormalizeResult",
    "Spec",
    "SpecFailure",
    "Status",
    "Validity",
    "Variant",
    "__version__",
    "annotate",
    "default_glossary_files",
    "find_terms",
    "glossary_stats",
    "load_files",
    "load_glossary",
    "lookup",
    "normalize",
    "read_text",
    "strip_annotations",
    "write_text_atomic",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'silkterm.glossary' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only (explicit re-exports)
    from .apply import NormalizeResult as NormalizeResult
    from .apply import annotate as annotate
    from .apply import find_terms as find_terms
    from .apply import normalize as normalize
    from .apply import strip_annotations as strip_annotations
    from .errors import GlossaryConflictError as GlossaryConflictError
    from .errors import GlossaryError as GlossaryError
    from .errors import GlossaryFormatError as GlossaryFormatError
    from .errors import InputError as InputError
    from .errors import SpecFailure as SpecFailure
    from .extension import Extension as Extension
    from .findings import Finding as Finding
    from .loader import default_glossary_files as default_glossary_files
    from .loader import load_files as load_files
    from .loader import load_glossary as load_glossary
    from .matcher import Matcher as Matcher
    from .model import Action as Action
    from .model import Article as Article
    from .model import Case as Case
    from .model import Concept as Concept
    from .model import ConceptType as ConceptType
    from .model import Glossary as Glossary
    from .model import Kind as Kind
    from .model import Spec as Spec
    from .model import Status as Status
    from .model import Validity as Validity
    from .model import Variant as Variant
    from .query import LookupMatch as LookupMatch
    from .query import LookupResult as LookupResult
    from .query import lookup as lookup
    from .stats import glossary_stats as glossary_stats
    from .textio import read_text as read_text
    from .textio import write_text_atomic as write_text_atomic
