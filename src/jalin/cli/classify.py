"""``jalin classify``: what each line of text is for — asking, giving, thanking, or a touch."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from jalin.cli import app
from jalin.cli.context import fail


@app.command()
def classify(
    file: Path = typer.Argument(
        None, help="A file of texts, one per line (read from standard input when left out)."
    ),
) -> None:
    """Label each line as ask, give, thanks, intro or touch; one JSON object per line."""
    from jalin.domain.kind import classify as guess

    try:
        lines = file.read_text(encoding="utf-8").splitlines() if file else sys.stdin
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{file}: cannot read ({getattr(error, 'strerror', None) or error})")
    for line in lines:
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        found = guess(text)
        record = {
            "text": text,
            "kind": found.kind,
            "confidence": found.confidence,
            "matched": list(found.matched),
        }
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
