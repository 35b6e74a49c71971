"""``jalin rescore`` and ``jalin strength``: the relationship figures, stored and read."""

from __future__ import annotations

import typer
from rich.table import Table

from jalin.cli import app
from jalin.cli.context import command, console, current_owner, print_json


@app.command()
@command
def rescore() -> None:
    """Recompute everyone's strength, cadence and status from your whole history."""
    from jalin.core.services.scores import rescore as rescore_all

    count = rescore_all(owner=current_owner())
    console.print(f"scored {count} people", highlight=False)


@app.command()
@command
def strength(
    person: str = typer.Argument(None, help="A name (fuzzy) or #id; everyone when left out."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Show tie strength 0–100 with its components, layer, cadence, status and why."""
    from jalin.core.selectors import person_resolve, tie_scores
    from jalin.core.services.scores import rescore_stale

    owner = current_owner()
    rescore_stale(owner=owner)
    chosen = person_resolve(owner, person) if person else None
    rows = [
        score.figures | {"computed_at": score.computed_at} for score in tie_scores(owner, chosen)
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("nobody to score yet: add people or import your contacts.")
        return
    table = Table("#", "name", "strength", "layer", "status", "every", "why", box=None)
    for row in rows:
        every = f"{row['cadence_days']} d" if row["cadence_days"] else "–"
        table.add_row(str(row["person_id"]), row["name"], str(row["strength"]),
                      f"L{row['layer']}", row["status"], every, row["why"])  # fmt: skip
    console.print(table)
