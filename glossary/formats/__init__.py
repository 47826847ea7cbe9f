"""The glossary's exchange formats, one module per format, each a read/write pair over the
model (:class:`~silkterm.glossary.model.Concept`), as ``babel.messages`` pairs ``read_po`` with
``write_po``:

- :mod:`~silkterm.glossary.formats.yamlfile`: the glossary file format of the README;
- :mod:`~silkterm.glossary.formats.tbx`: TBX v3 (TBX-Basic, DCA), reading v2 too;
- :mod:`~silkterm.glossary.formats.omegat`: OmegaT's tab-separated glossary;
- :mod:`~silkterm.glossary.formats.csvfile`: CSV, one row per form;
- :mod:`~silkterm.glossary.formats.po`: gettext PO, through the polib adapter
  :mod:`~silkterm.glossary.formats.pofile` (which the memory's PO format uses too);
- :mod:`~silkterm.glossary.formats.common`: what they share (ids, flags, building concepts).

The registry of the exchange formats and the commands' entry points (``export_glossary``,
``import_glossary``) are in :mod:`silkterm.glossary.exchange`. Every error is a
:class:`~silkterm.glossary.errors.GlossaryError` naming the file and line. This package
imports nothing; a format module imports only the model, the text utilities and ``common``.
"""
