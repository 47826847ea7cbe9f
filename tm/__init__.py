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
    "chinese_script": "model",
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
    "ProjectUnits": "export",
    "build_seed_units": "build",
}

__all__ = [
    "FORMATS",
    "ExportResult",
    "Format",
    "ImportStats",
    "Memory",
    "ProjectUnits",
    "Prop",
    "Segment",
    "TMError",
    "TMFormatError",
    "TMStoreError",
    "Unit",
    "build_seed_units",
    "chinese_script",
    "default_path",
    "escape",
    "lang_matches",
    "make_id",
    "merge_units",
    "normalize_lang",
    "read_csv",
    "read_tmx",
    "write_csv",
    "write_tmx",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'silkterm.tm' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only (explicit re-exports)
    from .build import build_seed_units as build_seed_units
    from .csvio import read_csv as read_csv
    from .csvio import write_csv as write_csv
    from .errors import TMError as TMError
    from .errors import TMFormatError as TMFormatError
    from .errors import TMStoreError as TMStoreError
    from .export import ExportResult as ExportResult
    from .export import ProjectUnits as ProjectUnits
    from .formats import FORMATS as FORMATS
    from .formats import Format as Format
    from .model import Prop as Prop
    from .model import Segment as Segment
    from .model import Unit as Unit
    from .model import chinese_script as chinese_script
    from .model import escape as escape
    from .model import lang_matches as lang_matches
    from .model import make_id as make_id
    from .model import normalize_lang as normalize_lang
    from .store import ImportStats as ImportStats
    from .store import Memory as Memory
    from .store import default_path as default_path
    from .store import merge_units as merge_units
    from .tmx import read_tmx as read_tmx
    from .tmx import write_tmx as write_tmx
