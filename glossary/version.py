"""The version of silkterm (read by the packaging metadata and by the glossary cache key).

>>> __version__.count(".") >= 1
True
"""

from __future__ import annotations

__version__ = "0.1.0"
