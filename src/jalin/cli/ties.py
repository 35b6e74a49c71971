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


@app.command()
@command
def plan(
    budget: int = typer.Option(5, "--budget", min=0, help="How many people at most."),
    week: str = typer.Option(
        None, "--week", help="An ISO week such as 2026-W49 (default: this week)."
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Whom to contact this week to keep the most strength in your network, and why."""
    from django.utils import timezone

    from jalin.core.selectors import weekly_plan_for
    from jalin.core.services.scores import rescore_stale
    from jalin.domain.plan import monday_of
    from jalin.domain.when import parse_iso_week

    owner = current_owner()
    rescore_stale(owner=owner)
    start = parse_iso_week(week) if week else monday_of(timezone.localdate())
    items = weekly_plan_for(owner, start, budget)
    rows = [
        {
            "person_id": item.person_id,
            "name": item.name,
            "reasons": list(item.reasons),
            "channel": item.channel,
            "value": item.value,
            "circles": list(item.circles),
        }
        for item in items
    ]
    if as_json:
        print_json({"week": start.strftime("%G-W%V"), "budget": budget, "people": rows})
        return
    console.print(f"week {start.strftime('%G-W%V')} (from {start.isoformat()})", highlight=False)
    if not rows:
        console.print("nobody needs you this week: your network is kept.")
        return
    table = Table("#", "name", "how", "why", box=None)
    for row in rows:
        table.add_row(str(row["person_id"]), row["name"], row["channel"], "; ".join(row["reasons"]))
    console.print(table)


@app.command("ask-check")
@command
def ask_check_command(
    person: str = typer.Argument(..., help="A name (fuzzy) or #id."),
    need: str = typer.Option("", "--need", help="What you want to ask for."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Before you ask someone for something: ask now, or reconnect first — and how."""
    from jalin.core.selectors import ask_context, person_resolve
    from jalin.core.services.scores import rescore, rescore_stale
    from jalin.domain.askcheck import ask_check

    owner = current_owner()
    chosen = person_resolve(owner, person)
    rescore_stale(owner=owner)
    if not hasattr(chosen, "score"):
        rescore(owner=owner, person_ids=[chosen.pk])
    result = ask_check(ask_context(owner, chosen)).as_json(need)
    if as_json:
        print_json(result)
        return
    verdict = "ask" if result["verdict"] == "ask" else "reconnect first"
    console.print(f"[bold]{chosen.name}[/]: {verdict}", highlight=False)
    for reason in result["reasons"]:
        console.print(f"  - {reason}", highlight=False)
    console.print(f"opener: {result['opener']}", highlight=False)


@app.command()
@command
def health(as_json: bool = typer.Option(False, "--json")) -> None:
    """How wide, strong, diverse and mutual your network is, beside Dunbar's numbers."""
    from jalin.core.selectors import health_inputs
    from jalin.core.services.scores import rescore_stale
    from jalin.domain.health import network_health

    owner = current_owner()
    rescore_stale(owner=owner)
    ties, links, quarters = health_inputs(owner)
    report = network_health(ties, links=links, quarters=quarters)
    if as_json:
        print_json(report)
        return
    ref = report["active_reference"]
    console.print(
        f"active network: {report['active']} of {report['people']} people"
        f" (Dunbar {ref['dunbar']}; people typically keep about {ref['hill_dunbar']:.0f})",
        highlight=False,
    )
    layers = ", ".join(
        f"L{row['layer']} {row['active']}/{row['typical']:g}" for row in report["layers"]
    )
    console.print(f"layers (active/typical): {layers}", highlight=False)
    quartiles = report["strength"]["quartiles"]
    if quartiles:
        console.print(f"strength quartiles: {quartiles[0]} / {quartiles[1]} / {quartiles[2]}")
    d = report["diversity"]["headcount"]
    console.print(
        f"circles: {d['circles']}, Blau {d['blau']}, evenness {d['evenness']}", highlight=False
    )
    console.print(f"ties at risk in your inner layers: {report['at_risk']['count']}")
    if report["share_i_start"] is not None:
        console.print(f"conversations you start: {report['share_i_start']:.0%}")
    if report["asks_only_index"] is not None:
        console.print(
            f"asks-only index: {report['asks_only_index']:.2f}"
            f" ({report['asks_only_ties']} ties flagged)",
            highlight=False,
        )
    b = report["brokerage"]
    if b["reported"]:
        console.print(
            f"brokerage: effective size {b['effective_size']}, constraint {b['constraint']}",
            highlight=False,
        )
    else:
        console.print(f"brokerage: not reported — {b['reason']}", highlight=False)
    trend = ", ".join(f"{row['quarter']} {row['people']}" for row in report["trend"])
    console.print(f"people contacted per quarter: {trend}", highlight=False)
