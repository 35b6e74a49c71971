"""Importers: one module per file format; bytes in, plain records out. No Django here.

Every importer module exposes

* ``NAME`` — the format's short name (``vcard``, ``whatsapp`` …), used by ``--format``;
* ``DESCRIPTION`` — one line for the list of supported formats;
* ``sniff(head: bytes, filename: str) -> float`` — how sure it is (0 to 1) that a file whose
  first bytes are ``head`` is in its format;
* ``parse(source: ImportSource, options: ImportOptions) -> Iterator[Record]`` — a streaming
  parse yielding :mod:`jalin.importers.base` records (contacts, interactions, links, skipped
  lines and, for chats, a final summary). It raises :class:`~jalin.importers.base.FormatError`
  when the file cannot be read at all: then nothing from it is stored.

:mod:`jalin.importers.registry` lists the modules and picks the best one for a file.
"""
