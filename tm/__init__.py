"""silkterm.tm — the translation memory (TMX, PO, TBX exchange and fuzzy lookup).

The memory itself lands with the translation-memory issue; this package reserves the
``silkterm.tm`` namespace in the installed layout and must not import click.
"""

from __future__ import annotations
