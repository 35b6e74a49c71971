"""``jalin need``, ``jalin helpers``, ``jalin favour``, ``jalin link`` / ``unlink`` / ``links``:
needs and introductions, the favours ledger, and who is linked to whom."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from jalin.cli import app
from jalin.cli.context import command, console, current_owner, fail, print_json
from jalin.domain import vocabulary as vocab

need_app = typer.Typer(help="Needs: help you or a relative is looking for.", no_args_is_help=True)
favour_app = typer.Typer(help="The favours ledger: given and received.", no_args_is_help=True)
app.add_typer(need_app, name="need")
app.add_typer(favour_app, name="favour")


def _need_json(need) -> dict:
    return {
        "need_id": need.pk,
        "title": need.title,
        "for": need.beneficiary.name if need.beneficiary_id else None,
        "for_id": need.beneficiary_id,
        "kind": need.kind,
        "organisation": need.organisation.name if need.organisation_id else None,
        "field": need.field,
        "city": need.city,
        "status": need.status,
        "opened_on": need.opened_on,
        "closed_on": need.closed_on,
    }


@need_app.command("add")
@command
def need_add(
    text: str = typer.Argument(..., help="What is needed, in a sentence."),
    for_person: str = typer.Option(None, "--for", help="Who it is for (a name or #id)."),
    kind: str = typer.Option("other", "--kind", help=", ".join(vocab.NEED_KINDS)),
    org: str = typer.Option("", "--org", help="The organisation that could help."),
    field: str = typer.Option("", "--field", help="The field or role, e.g. 'data analyst'."),
    city: str = typer.Option("", "--city"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Open a need, for yourself or for someone in your network."""
    from jalin.core.selectors import person_resolve
    from jalin.core.services.needs import need_create

    owner = current_owner()
    beneficiary = person_resolve(owner, for_person) if for_person else None
    need = need_create(
        owner=owner, title=text, beneficiary=beneficiary, kind=kind, organisation=org,
        field=field, city=city,
    )  # fmt: skip
    if as_json:
        print_json(_need_json(need))
        return
    console.print(f"need #{need.pk} opened: {need.title}", highlight=False)


@need_app.command("list")
@command
def need_list(as_json: bool = typer.Option(False, "--json")) -> None:
    """List your needs, the open ones first."""
    from jalin.core.models import Need

    owner = current_owner()
    needs = sorted(
        Need.objects.filter(owner=owner).select_related("beneficiary", "organisation"),
        key=lambda n: (n.closed_on is not None, -n.pk),
    )
    if as_json:
        print_json([_need_json(n) for n in needs])
        return
    if not needs:
        console.print("no needs yet: `jalin need add TEXT --for PERSON`.")
        return
    table = Table("#", "need", "for", "status", "opened", box=None)
    for need in needs:
        who = need.beneficiary.name if need.beneficiary_id else "you"
        table.add_row(str(need.pk), need.title, who, need.status, need.opened_on.isoformat())
    console.print(table)


@need_app.command("show")
@command
def need_show(need_id: int, as_json: bool = typer.Option(False, "--json")) -> None:
    """Show a need, what was done for it, and who helped."""
    from jalin.core.services.needs import need_get, need_helpers_asked

    owner = current_owner()
    need = need_get(owner, need_id)
    steps = [
        {"at": i.occurred_at, "kind": i.kind, "people": [p.name for p in i.participants.all()],
         "summary": i.summary}
        for i in need.interactions.order_by("occurred_at", "id").prefetch_related("participants")
    ]  # fmt: skip
    helped = [p.name for p in need_helpers_asked(need)]
    if as_json:
        print_json(_need_json(need) | {"steps": steps, "helpers": helped})
        return
    who = need.beneficiary.name if need.beneficiary_id else "you"
    console.print(f"#{need.pk} {need.title} — for {who}, {need.status}", highlight=False)
    target = ", ".join(x for x in (need.kind, need.field, need.city) if x)
    if need.organisation_id:
        target = f"{need.organisation.name}; {target}"
    console.print(f"  looking for: {target}", highlight=False)
    for step in steps:
        when = step["at"].date().isoformat()
        console.print(f"  {when} {step['kind']}: {', '.join(step['people'])}", highlight=False)
    if helped:
        console.print(f"  helped: {', '.join(helped)}", highlight=False)


@need_app.command("ask")
@command
def need_ask(
    need_id: int,
    person: str = typer.Argument(..., help="Whom you asked (a name or #id)."),
    note: str = typer.Option("", "--note"),
    channel: str = typer.Option("message", "--channel", help=", ".join(vocab.CHANNELS)),
) -> None:
    """Log that you asked someone for help with a need."""
    from jalin.core.selectors import person_resolve
    from jalin.core.services import needs

    owner = current_owner()
    need = needs.need_get(owner, need_id)
    helper = person_resolve(owner, person)
    needs.need_ask(owner=owner, need=need, helper=helper, summary=note, channel=channel)
    console.print(f"asked {helper.name} about need #{need.pk}", highlight=False)


@need_app.command("intro")
@command
def need_intro(
    need_id: int,
    introducer: str = typer.Argument(..., help="Who made the introduction."),
    introduced: str = typer.Argument(..., help="Whom they introduced."),
) -> None:
    """Log that someone introduced you (or the one the need is for) to someone else."""
    from jalin.core.selectors import person_resolve
    from jalin.core.services import needs

    owner = current_owner()
    need = needs.need_get(owner, need_id)
    by, to = person_resolve(owner, introducer), person_resolve(owner, introduced)
    needs.need_introduce(owner=owner, need=need, introducer=by, introduced=to)
    console.print(f"{by.name} introduced {to.name} for need #{need.pk}", highlight=False)


@need_app.command("close")
@command
def need_close(
    need_id: int,
    outcome: str = typer.Option(..., "--outcome", help="success, no or withdrawn."),
) -> None:
    """Close a need; after a success, jalin reminds you to thank and to give back."""
    from jalin.core.services import needs

    owner = current_owner()
    need = needs.need_get(owner, need_id)
    created = needs.need_close(owner=owner, need=need, outcome=outcome)
    console.print(f"need #{need.pk} closed: {outcome}", highlight=False)
    if created["reminders"]:
        console.print(
            f"{created['reminders']} reminders to thank and give back, "
            f"{created['favours']} favours in your ledger",
            highlight=False,
        )


@app.command()
@command
def helpers(
    need_id: int,
    depth: int = typer.Option(2, "--depth", min=1, max=2, help="1: direct; 2: via a link."),
    limit: int = typer.Option(20, "--limit", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Who can help with a need: direct matches and warm paths, best first, with why."""
    from jalin.core.helper_search import helpers_for
    from jalin.core.services.needs import need_get

    owner = current_owner()
    need = need_get(owner, need_id)
    found = helpers_for(owner, need, depth=depth, limit=limit)
    if as_json:
        print_json([h.as_json() for h in found])
        return
    if not found:
        console.print(
            "nobody matches yet: add the organisation, field or city to the need, or record "
            "who knows whom with `jalin link A B`."
        )
        return
    table = Table("#", "ask", "path", "score", "verdict", "why", box=None)
    for h in found:
        table.add_row(str(h.person_id), h.name, " → ".join(h.path), f"{h.score:.0f}",
                      h.verdict, h.why)  # fmt: skip
    console.print(table)


@favour_app.command("add")
@command
def favour_add(
    person: str = typer.Argument(..., help="Who (a name or #id)."),
    text: str = typer.Argument(..., help="What the favour was."),
    received: bool = typer.Option(
        False, "--received/--given", help="They did it for you (default: you did it for them)."
    ),
    status: str = typer.Option("done", "--status", help=", ".join(vocab.FAVOUR_STATUSES)),
    need_id: int = typer.Option(None, "--need", help="The need it was for."),
) -> None:
    """Record a favour you did for someone or they did for you."""
    from jalin.core.selectors import person_resolve
    from jalin.core.services.favours import favour_add as add
    from jalin.core.services.needs import need_get

    owner = current_owner()
    who = person_resolve(owner, person)
    need = need_get(owner, need_id) if need_id else None
    favour = add(
        owner=owner, person=who, direction="received" if received else "given",
        description=text, status=status, need=need,
    )  # fmt: skip
    console.print(f"favour #{favour.pk}: {favour.direction} — {favour.description}",
                  highlight=False)  # fmt: skip


@favour_app.command("list")
@command
def favour_list(
    person: str = typer.Argument(None, help="Only this person's (a name or #id)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List the favours given and received, newest first."""
    from jalin.core.models import Favour
    from jalin.core.selectors import person_resolve

    owner = current_owner()
    favours = Favour.objects.filter(owner=owner).select_related("person")
    if person:
        favours = favours.filter(person=person_resolve(owner, person))
    rows = [
        {"favour_id": f.pk, "person_id": f.person_id, "name": f.person.name,
         "direction": f.direction, "status": f.status, "description": f.description,
         "on": f.occurred_on, "need_id": f.need_id}
        for f in favours
    ]  # fmt: skip
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("no favours yet: `jalin favour add PERSON TEXT`.")
        return
    table = Table("#", "on", "who", "", "status", "what", box=None)
    for r in rows:
        arrow = "you →" if r["direction"] == "given" else "→ you"
        table.add_row(str(r["favour_id"]), r["on"].isoformat(), r["name"], arrow, r["status"],
                      r["description"])  # fmt: skip
    console.print(table)


@app.command()
@command
def link(
    person_a: str = typer.Argument(..., help="A name or #id."),
    person_b: str = typer.Argument(..., help="A name or #id."),
    kind: str = typer.Option("knows", "--as", help=", ".join(vocab.LINK_INVERSES)),
) -> None:
    """Record that A is KIND of B (`--as parent`: A is B's parent); `knows` by default."""
    from jalin.core.selectors import person_resolve
    from jalin.core.services.links import link_create

    owner = current_owner()
    a, b = person_resolve(owner, person_a), person_resolve(owner, person_b)
    link_create(owner=owner, a=a, b=b, kind=kind)
    console.print(f"{a.name} is {kind.replace('_', ' ')} of {b.name}", highlight=False)


@app.command()
@command
def unlink(
    person_a: str = typer.Argument(..., help="A name or #id."),
    person_b: str = typer.Argument(..., help="A name or #id."),
    kind: str = typer.Option(None, "--as", help="Only this kind (default: every link)."),
) -> None:
    """Remove the links between A and B."""
    from jalin.core.selectors import person_resolve
    from jalin.core.services.links import link_delete

    owner = current_owner()
    a, b = person_resolve(owner, person_a), person_resolve(owner, person_b)
    removed = link_delete(owner=owner, a=a, b=b, kind=kind)
    console.print(f"removed {removed} link(s) between {a.name} and {b.name}", highlight=False)


@app.command()
@command
def links(
    file: Path = typer.Argument(..., help="A CSV of two names a row (and a kind, optional)."),
    kind: str = typer.Option("knows", "--as", help="The kind of rows that name none."),
) -> None:
    """Import links from a CSV file of names: all of it, or nothing."""
    from jalin.core.selectors import person_resolve
    from jalin.core.services.links import links_import

    if not file.is_file():
        fail(f"{file}: no such file")
    owner = current_owner()
    counts = links_import(owner=owner, path=file, kind=kind, resolve=person_resolve)
    console.print(f"{file.name}: {counts['created']} links added, {counts['existing']} known",
                  highlight=False)  # fmt: skip
