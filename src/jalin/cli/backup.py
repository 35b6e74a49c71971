"""``jalin export``: a complete JSON backup (``jalin import`` restores it)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from jalin.cli import app
from jalin.cli.context import command, console, current_owner, fail


@app.command()
@command
def export(file: Path = typer.Argument(..., help="Where to write the backup (.json).")) -> None:
    """Write a complete JSON backup of your network."""
    from jalin.core.services.backup import backup_export

    document = backup_export(owner=current_owner())
    try:
        file.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    except OSError as error:
        fail(f"{file}: cannot write ({error.strerror})")
    console.print(
        f"wrote {file}: {len(document['people'])} people,"
        f" {len(document['interactions'])} interactions",
        highlight=False,
    )
