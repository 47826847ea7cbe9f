"""silkterm.cli — the ``silkterm`` command: a thin click layer over :mod:`silkterm.glossary`."""

from __future__ import annotations
