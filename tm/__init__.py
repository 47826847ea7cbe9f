"""silkterm.tm — the translation memory: an SQLite store of bilingual units, TMX/CSV/PO
exchange, fuzzy lookup and terminology QA.

The public API, importable from this package (modules load on first use; nothing here imports
click):

>>> from silkterm.tm import Segment, Unit, make_id
>>> Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯"))).segment("zh").text
'霍尔果斯'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Prop": "model",
    "Segment": "model",
    "Unit": "model",
    "escape": "model",
    "make_id": "model",
    "normalize_lang": "model",
    "lang_matches": "model",
    "TMError": "errors",
    "TMFormatError": "errors",
    "TMStoreError": "errors",
    "Memory": "store",
    "ImportStats": "store",
    "default_path": "store",
    "merge_units": "store",
    "read_tmx": "tmx",
    "write_tmx": "tmx",
    "read_csv": "csvio",
    "write_csv": "csvio",
    "FORMATS": "formats",
    "Format": "formats",
    "ExportResult": "export",
    "build_seed_units": "build",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'silkterm.tm' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .build import build_seed_units
    from .csvio import read_csv, write_csv
    from .errors import TMError, TMFormatError, TMStoreError
    from .export import ExportResult
    from .formats import FORMATS, Format
    from .model import (
        Prop,
        Segment,
        Unit,
        escape,
        lang_matches,
        make_id,
        normalize_lang,
    )
    from .store import ImportStats, Memory, default_path, merge_units
    from .tmx import read_tmx, write_tmx
