"""``jalin today``: who is due today and who is overdue."""

from __future__ import annotations

import typer
from rich.table import Table

from jalin.cli import app
from jalin.cli.context import command, console, current_owner, print_json


@app.command()
@command
def today(
    limit: int = typer.Option(
        20, "--limit", min=0, help="Show at most this many, the most urgent (0: all)."
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Who to reach today: due and drifting ties, the most urgent first."""
    from jalin.core.selectors import due_list, due_total
    from jalin.core.services.scores import rescore_stale

    owner = current_owner()
    rescore_stale(owner=owner)
    due = due_list(owner, limit=limit or None)
    rows = [
        {
            "person_id": d.person.pk,
            "name": d.person.name,
            "last_interaction": d.last_interaction,
            "cadence_days": d.cadence.days,
            "cadence_source": d.cadence.source,
            "due_date": d.state.due_date,
            "overdue_days": d.state.overdue_days,
            "status": d.score.status,
            "priority": round(d.score.priority, 3),
            "strength": d.score.strength,
            "why": d.score.figures.get("why", ""),
        }
        for d in due
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("nobody is due today: your network is kept.")
        return
    table = Table("#", "name", "last contact", "every", "overdue", box=None)
    for row in rows:
        last = row["last_interaction"].isoformat() if row["last_interaction"] else "never"
        overdue = f"{row['overdue_days']} days" if row["overdue_days"] else "due today"
        table.add_row(str(row["person_id"]), row["name"], last, f"{row['cadence_days']} d", overdue)
    console.print(table)
    if limit and len(rows) == limit:
        total = due_total(owner)
        if total > limit:
            console.print(f"… and {total - limit} more (--limit 0 shows them all).")
