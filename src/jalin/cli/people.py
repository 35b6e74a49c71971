"""People and contact: ``jalin add``, ``jalin people``, ``jalin show``, ``jalin log``."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from jalin.cli import app
from jalin.cli.context import command, console, current_owner, fail, print_json
from jalin.domain import vocabulary as vocab


def _person_summary(person) -> dict[str, Any]:
    return {
        "person_id": person.pk,
        "name": person.name,
        "nickname": person.nickname,
        "circles": [c.slug for c in person.circles.all()],
        "last_interaction": getattr(person, "last_contact", None),
    }


@app.command()
@command
def add(
    name: str = typer.Argument(..., help="The person's full name."),
    circle: list[str] = typer.Option([], "--circle", help="family, friends, work, community…"),
    phone: list[str] = typer.Option([], "--phone", help="A phone number (stored as E.164)."),
    email: list[str] = typer.Option([], "--email", help="An email address."),
    org: str = typer.Option("", "--org", help="Where they work or study."),
    title: str = typer.Option("", "--title", help="Their title there (needs --org)."),
    birthday: str = typer.Option(None, "--birthday", help="YYYY-MM-DD, or --MM-DD without year."),
    cadence: int = typer.Option(None, "--cadence", help="Keep in touch every N days."),
    closeness: int = typer.Option(None, "--closeness", help="How close you feel, 1 to 10."),
    nickname: str = typer.Option("", "--nickname", help="What you call them."),
    city: str = typer.Option("", "--city"),
    note: str = typer.Option("", "--note", help="A note about them."),
    as_json: bool = typer.Option(False, "--json", help="Print the new person as JSON."),
) -> None:
    """Add a person to your network."""
    from jalin.core.services.people import person_create

    person = person_create(
        owner=current_owner(),
        name=name,
        nickname=nickname,
        circles=circle,
        phones=phone,
        emails=email,
        organisation=org,
        title=title,
        birthday=birthday,
        cadence_days=cadence,
        closeness=closeness,
        city=city,
        notes=note,
    )
    if as_json:
        print_json(_person_summary(person))
    else:
        console.print(f"added #{person.pk} {person.name}", highlight=False)


@app.command("people")
@command
def people_(
    query: str = typer.Argument(
        "", help="Search names, organisations, titles, notes, tags, emails and phones."
    ),
    circle: str = typer.Option(None, "--circle", help="Only people in this circle."),
    status: str = typer.Option(
        None, "--status", help="Only ties in this state: ok, due, drifting, dormant, at_risk."
    ),
    sort: str = typer.Option("name", "--sort", help="name, strength, recent, quiet or due."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List the people in your network."""
    from django.utils import timezone

    from jalin.core.people_list import SORTS, PeopleFilter, people_list, status_choices

    if status and status not in status_choices():
        fail(f"unknown status {status!r}; one of {', '.join(status_choices())}")
    if sort not in SORTS:
        fail(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")
    wanted = PeopleFilter(query=query, circle=circle, status=status, sort=sort)
    people = list(people_list(current_owner(), wanted))
    if as_json:
        print_json([_person_summary(p) for p in people])
        return
    table = Table("#", "name", "circles", "last contact", box=None)
    for p in people:
        last = timezone.localdate(p.last_contact).isoformat() if p.last_contact else "—"
        table.add_row(str(p.pk), p.name, ", ".join(c.slug for c in p.circles.all()), last)
    console.print(table)
    console.print(f"{len(people)} people", style="dim")


def _person_detail(owner, person) -> dict[str, Any]:
    from django.utils import timezone

    from jalin.core.selectors import cadence_of, person_facts, timeline

    cadence = cadence_of(person)
    score = getattr(person, "score", None)
    facts = person_facts(owner, person)
    return {
        "person_id": person.pk,
        "name": person.name,
        "nickname": person.nickname,
        "circles": [c.slug for c in facts.circles],
        "birthday": person.birthday_text or None,
        "city": person.city,
        "closeness": person.closeness,
        "cadence_days": cadence.days,
        "cadence_source": cadence.source,
        "strength": score.strength if score else None,
        "status": score.status if score else None,
        "why": score.figures.get("why", "") if score else "",
        "notes": person.notes,
        "contact_points": [{"kind": cp.kind, "value": cp.value} for cp in facts.contact_points],
        "affiliations": [
            {"organisation": a.organisation_name, "title": a.title, "current": a.is_current}
            for a in facts.affiliations
        ],
        "timeline": [
            {
                "interaction_id": i.pk,
                "occurred_at": timezone.localtime(i.occurred_at),
                "channel": i.channel,
                "kind": i.kind,
                "initiator": i.initiator,
                "summary": i.summary,
                "with": [p.name for p in i.participants.all() if p.pk != person.pk],
            }
            for i in timeline(owner, person)
        ],
    }


@app.command()
@command
def show(
    person: str = typer.Argument(..., help="A name (fuzzy) or #id."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Show a person's profile and the timeline of your contact."""

    from jalin.core.selectors import person_resolve

    owner = current_owner()
    detail = _person_detail(owner, person_resolve(owner, person))
    if as_json:
        print_json(detail)
        return
    console.print(f"[bold]{detail['name']}[/] #{detail['person_id']}", highlight=False)
    facts = [
        ("circles", ", ".join(detail["circles"])),
        ("birthday", detail["birthday"]),
        ("city", detail["city"]),
        ("closeness", detail["closeness"]),
        (
            "cadence",
            f"{detail['cadence_days']} days ({detail['cadence_source']})"
            if detail["cadence_days"]
            else None,
        ),
    ]
    facts += [(cp["kind"], cp["value"]) for cp in detail["contact_points"]]
    facts += [
        ("works at" if a["current"] else "worked at", f"{a['organisation']} {a['title']}".strip())
        for a in detail["affiliations"]
    ]
    for label, value in facts:
        if value:
            console.print(f"  {label}: {value}", highlight=False)
    if detail["why"]:
        console.print(f"  {detail['why']}", highlight=False)
    if detail["notes"]:
        console.print(f"  notes: {detail['notes']}", highlight=False)
    table = Table("when", "channel", "kind", "by", "summary", box=None, title="timeline")
    for item in detail["timeline"]:
        table.add_row(
            item["occurred_at"].strftime("%Y-%m-%d %H:%M"),
            item["channel"],
            item["kind"],
            item["initiator"],
            item["summary"],
        )
    console.print(table)


@app.command()
@command
def log(
    person: list[str] = typer.Argument(..., help="Who (a name or #id); several for a group."),
    channel: str = typer.Option("message", "--channel", help=", ".join(vocab.CHANNELS)),
    kind: str = typer.Option("touch", "--kind", help=", ".join(vocab.INTERACTION_KINDS)),
    by: str = typer.Option("me", "--by", help="Who started it: me, them or mutual."),
    when: str = typer.Option(
        None, "--when", help="YYYY-MM-DD, 'YYYY-MM-DD HH:MM', yesterday, 'N days ago'."
    ),
    note: str = typer.Option("", "--note", help="What it was about."),
    minutes: int = typer.Option(None, "--minutes", help="How long (calls, meetings)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Log that you were in touch with someone (back-dated entries count too)."""
    from django.utils import timezone

    from jalin.core.selectors import person_resolve
    from jalin.core.services.interactions import interaction_log
    from jalin.domain.when import parse_when

    owner = current_owner()
    people = [person_resolve(owner, p) for p in person]
    if len({p.pk for p in people}) != len(people):
        fail("the same person is named twice")
    occurred_at = parse_when(when, now=timezone.now(), zone=timezone.get_current_timezone())
    interaction = interaction_log(
        owner=owner,
        people=people,
        occurred_at=occurred_at,
        channel=channel,
        kind=kind,
        initiator=by,
        summary=note,
        minutes=minutes,
    )
    if as_json:
        print_json(
            {
                "interaction_id": interaction.pk,
                "occurred_at": interaction.occurred_at,
                "person_ids": [p.pk for p in people],
            }
        )
    else:
        names = ", ".join(p.name for p in people)
        day = timezone.localtime(interaction.occurred_at).strftime("%Y-%m-%d %H:%M")
        console.print(f"logged {kind} by {channel} with {names} on {day}", highlight=False)
