"""The list of importers, and choosing one for a file by asking each how well it matches."""

from __future__ import annotations

import importlib
from types import ModuleType

from jalin.importers.base import FormatError

IMPORTER_MODULES = (
    "jalin.importers.backup",
    "jalin.importers.vcard",
    "jalin.importers.google_csv",
    "jalin.importers.outlook_csv",
    "jalin.importers.linkedin",
    "jalin.importers.whatsapp",
    "jalin.importers.telegram",
    "jalin.importers.ics",
    "jalin.importers.mbox",
)
MINIMUM_SCORE = 0.2


def importers() -> list[ModuleType]:
    """Return the importer modules that are installed, in the order above."""
    found = []
    for name in IMPORTER_MODULES:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return found


def by_name(name: str) -> ModuleType:
    """Return the importer called ``name``; :class:`FormatError` lists the known ones."""
    for module in importers():
        if name == module.NAME:
            return module
    raise FormatError(f"unknown format {name!r}; supported: {supported()}")


def supported() -> str:
    return ", ".join(f"{m.NAME} ({m.DESCRIPTION})" for m in importers())


def choose(head: bytes, filename: str) -> ModuleType:
    """Return the importer that scores best for a file; :class:`FormatError` when none does."""
    scored = [
        (module.sniff(head, filename), index, module) for index, module in enumerate(importers())
    ]
    score, _, best = max(scored, key=lambda item: (item[0], -item[1]))
    if score < MINIMUM_SCORE:
        raise FormatError(f"not a recognised format; supported: {supported()}")
    return best
