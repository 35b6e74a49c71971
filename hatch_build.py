"""Compile the translations (.po → .mo) while building, so no GNU gettext is needed.

The .po files are the source kept in git; the .mo files are build artefacts. Babel writes
.mo files that Python's and Django's gettext read exactly like msgfmt's.
"""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogues(root: Path) -> list[Path]:
    """Write a .mo beside every .po under src/jalin/locale; return the files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted((root / "src" / "jalin" / "locale").glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file)
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalogue)
        written.append(mo_path)
    return written


class CompileTranslations(BuildHookInterface):
    """Hatchling hook: runs for wheels and editable installs alike."""

    def initialize(self, version: str, build_data: dict) -> None:
        compile_catalogues(Path(self.root))


if __name__ == "__main__":
    for path in compile_catalogues(Path(__file__).parent):
        print(path)
