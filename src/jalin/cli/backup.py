"""``jalin export`` and ``jalin import``: a complete JSON backup and its restore."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from jalin.cli import app
from jalin.cli.context import command, console, current_owner, fail, migrate, print_json


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


@app.command("import")
@command
def import_(
    files: list[Path] = typer.Argument(..., help="Files to import: a jalin backup (.json)."),
    as_json: bool = typer.Option(False, "--json", help="Print a summary per file as JSON."),
) -> None:
    """Import files into your network. A jalin backup restores into an empty network."""
    from jalin.core.errors import InvalidInput
    from jalin.core.services.backup import backup_restore

    migrate()
    owner = current_owner()
    summaries = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except OSError as error:
            fail(f"{file}: cannot read ({error.strerror})")
        except UnicodeDecodeError as error:
            fail(f"{file}: not a recognised format (not UTF-8 text: {error.reason})")
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            fail(f"{file}:{error.lineno}: not a recognised format ({error.msg})")
        try:
            counts = backup_restore(owner=owner, document=document)
        except InvalidInput as error:
            fail(f"{file}: {error} (nothing was imported)")
        summaries.append({"file": str(file), "format": "jalin-backup", **counts})
        if not as_json:
            console.print(
                f"{file}: restored {counts['people']} people and"
                f" {counts['interactions']} interactions",
                highlight=False,
            )
    if as_json:
        print_json(summaries)
