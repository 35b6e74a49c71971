"""Bringing history in: ``jalin import``, ``jalin imports`` and ``jalin dedupe``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from jalin.cli import app
from jalin.cli.context import (
    EXIT_BAD_INPUT,
    command,
    console,
    current_owner,
    error_console,
    fail,
    migrate,
    print_json,
)

imports_app = typer.Typer(help="List imports, or undo one.", invoke_without_command=True)
dedupe_app = typer.Typer(help="Review suggested duplicates.", invoke_without_command=True)
app.add_typer(imports_app, name="imports")
app.add_typer(dedupe_app, name="dedupe")


def _options(owner, me: list[str], me_email: list[str], date_order: str | None, keep_text: bool):
    from django.conf import settings
    from django.utils import timezone

    from jalin.core.selectors import profile_for
    from jalin.importers.base import ImportOptions

    if date_order not in (None, "dmy", "mdy"):
        fail("--date-order must be dmy or mdy")
    profile = profile_for(owner)
    return ImportOptions(
        me_names=tuple(dict.fromkeys([*me, *profile.own_names])),
        me_emails=tuple(dict.fromkeys([e.lower() for e in [*me_email, *profile.own_emails]])),
        date_order=date_order,
        zone=timezone.get_current_timezone(),
        now=timezone.now(),
        keep_text=keep_text,
        phone_region=settings.PHONE_REGION,
    )


@app.command("import")
@command
def import_(
    files: list[Path] = typer.Argument(..., help="Exports to import; the format is detected."),
    format: str = typer.Option(None, "--format", help="Skip detection: vcard, whatsapp, …"),
    me: list[str] = typer.Option([], "--me", help="Your name as it appears in chats."),
    me_email: list[str] = typer.Option([], "--me-email", help="Your email addresses."),
    date_order: str = typer.Option(None, "--date-order", help="dmy or mdy, for chats."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Read and match, store nothing."),
    keep_text: bool = typer.Option(False, "--keep-text", help="Keep message text too."),
    as_json: bool = typer.Option(False, "--json", help="A summary object per file."),
) -> None:
    """Import contacts and history: vCard, CSV, LinkedIn, WhatsApp, Telegram, calendar, mail,
    or a jalin backup (restored into an empty network)."""

    from jalin.core.services.accounts import profile_remember_me
    from jalin.core.services.imports import import_paths
    from jalin.importers.base import FormatError

    migrate()
    owner = current_owner()
    options = _options(owner, me, me_email, date_order, keep_text)
    files, ignored = _expand(files, format)
    if ignored and not as_json:
        console.print(f"left alone {ignored} files in folders that are no export (photos, media …)")
    results, failed = [], False
    with _Progress(quiet=as_json) as progress:
        outcomes = import_paths(
            owner=owner, files=[(path, str(path)) for path in files], options=options,
            format=format, dry_run=dry_run, progress=progress.for_file,
        )  # fmt: skip
        for name, outcome in outcomes:
            if isinstance(outcome, FormatError):
                where = f"{name}:{outcome.line}" if outcome.line else name
                _report_failure(results, name, f"{where}: {outcome.reason}")
                failed = True
            elif isinstance(outcome, Exception):
                _report_failure(results, name, f"{name}: {outcome} (nothing was imported)")
                failed = True
            else:
                results.append(outcome)
                if not as_json:
                    _print_summary(outcome)
    if not dry_run and (me or me_email) and not failed:
        profile_remember_me(owner=owner, names=me, emails=me_email)
    if as_json:
        print_json(results)
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def _expand(paths: list[Path], format: str | None) -> tuple[list[Path], int]:
    """Return the files to import: each file named, and the exports inside each folder named.

    A phone's chat export unpacks into a folder (``_chat.txt`` beside its photos): the files in
    a folder that no importer recognises are left alone and counted, not reported as errors.
    Files named one by one are always tried, so a wrong one gets its clear error.
    """
    from jalin.importers import registry
    from jalin.importers.base import FormatError, ImportSource

    files, ignored = [], 0
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        for inner in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(p.startswith(".") or p == "__MACOSX" for p in inner.relative_to(path).parts):
                continue
            source = ImportSource(name=inner.name, open=lambda p=inner: p.open("rb"))
            try:
                if format is None:
                    registry.choose(source.head(), str(inner))
            except (FormatError, OSError):
                ignored += 1
                continue
            files.append(inner)
    return files, ignored


def _report_failure(results: list, name: str, message: str) -> None:
    results.append({"file": name, "error": message})
    error_console.print(f"[bold red]error:[/] {message}", highlight=False)


class _Progress:
    """A progress bar per file on a terminal; nothing when output is piped or JSON."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar = Progress(
            TextColumn("[bold]{task.description}[/]"),
            BarColumn(pulse_style="cyan"),
            TextColumn("{task.completed} records"),
            TimeElapsedColumn(),
            console=error_console,
            transient=True,
        )

    def __enter__(self) -> _Progress:
        if self.enabled:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self.bar.stop()

    def for_file(self, name: str):
        if not self.enabled:
            return None
        task = self.bar.add_task(Path(name).name, total=None)
        return lambda done: self.bar.update(task, completed=done)


def _print_summary(summary: dict) -> None:
    if summary["format"] == "backup":
        verb = "would restore" if summary.get("dry_run") else "restored"
        console.print(f"{summary['file']}: {verb} a jalin backup", highlight=False)
        return
    verb = "would import" if summary["dry_run"] else "imported"
    console.print(
        f"{summary['file']} ({summary['format']}): {verb} {summary['records']} records —"
        f" {summary['persons_created']} new people, {summary['persons_matched']} matched,"
        f" {summary['interactions_created']} interactions,"
        f" {summary['duplicates_suggested']} possible duplicates to review",
        highlight=False,
    )
    if "messages" in summary:
        console.print(
            f"  {summary['messages']} messages in {summary['conversations']} conversations,"
            f" {summary['first_at']} → {summary['last_at']}; you are {summary['me'] or 'unknown'}",
            highlight=False,
        )
    skipped = summary["skipped"]
    for item in skipped[:20]:
        console.print(
            f"  skipped {summary['file']}:{item['line']}: {item['reason']}", highlight=False
        )
    if len(skipped) > 20:
        console.print(f"  … and {len(skipped) - 20} more skipped (see --json)")


@imports_app.callback()
@command
def imports_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """List your imports, newest first."""
    if ctx.invoked_subcommand:
        return
    from jalin.core.services.batches import batches_list

    rows = [
        {
            "id": b.pk,
            "format": b.source_kind,
            "file": b.filename,
            "started_at": b.started_at,
            "status": b.status,
            "counts": b.counts,
            "errors": len(b.errors),
        }
        for b in batches_list(current_owner())
    ]
    if as_json:
        print_json(rows)
        return
    table = Table("#", "when", "format", "file", "status", "people", "interactions", box=None)
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["started_at"].strftime("%Y-%m-%d %H:%M"),
            row["format"],
            row["file"],
            row["status"],
            str(row["counts"].get("persons_created", "")),
            str(row["counts"].get("interactions_created", "")),
        )
    console.print(table)


@imports_app.command("undo")
@command
def imports_undo(
    batch_id: int = typer.Argument(..., help="The import's id (jalin imports)."),
) -> None:
    """Remove what one import added."""
    from jalin.core.services.batches import import_batch_undo

    counts = import_batch_undo(owner=current_owner(), batch_id=batch_id)
    console.print(
        f"undone: {counts['people']} people and {counts['interactions']} interactions removed"
        + (
            f"; {counts['people_kept']} people kept (they have other history)"
            if counts["people_kept"]
            else ""
        ),
        highlight=False,
    )


@dedupe_app.callback()
@command
def dedupe_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """List the suggested duplicates, most alike first."""
    if ctx.invoked_subcommand:
        return
    from jalin.core.services.dedupe import duplicates_list

    rows = [
        {
            "a": p.a_id,
            "b": p.b_id,
            "a_name": p.a.name,
            "b_name": p.b.name,
            "score": p.score,
            "reasons": p.reasons,
        }
        for p in duplicates_list(current_owner())
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("no duplicates to review")
        return
    table = Table("a", "b", "score", "why", box=None)
    for row in rows:
        table.add_row(
            f"#{row['a']} {row['a_name']}",
            f"#{row['b']} {row['b_name']}",
            f"{row['score']:.0f}",
            "; ".join(row["reasons"]),
        )
    console.print(table)


@dedupe_app.command("merge")
@command
def dedupe_merge(
    keep: str = typer.Argument(..., help="The person to keep (#id or name)."),
    merge: str = typer.Argument(..., help="The person merged into them."),
) -> None:
    """Merge two people into one (undo with `jalin dedupe undo MERGE_ID`)."""
    from jalin.core.selectors import person_resolve
    from jalin.core.services.dedupe import person_merge

    owner = current_owner()
    kept, merged = person_resolve(owner, keep), person_resolve(owner, merge)
    record = person_merge(owner=owner, keep=kept, merge=merged)
    console.print(
        f"merged #{merged.pk} {merged.name} into #{kept.pk} {kept.name} (merge {record.pk})",
        highlight=False,
    )


@dedupe_app.command("skip")
@command
def dedupe_skip(
    a: str = typer.Argument(..., help="One person (#id or name)."),
    b: str = typer.Argument(..., help="The other."),
) -> None:
    """Keep two people apart: they are not the same person."""
    from jalin.core.selectors import person_resolve
    from jalin.core.services.dedupe import duplicate_skip

    owner = current_owner()
    duplicate_skip(owner=owner, a=person_resolve(owner, a), b=person_resolve(owner, b))
    console.print("kept apart")


@dedupe_app.command("undo")
@command
def dedupe_undo(merge_id: int = typer.Argument(..., help="The merge's id.")) -> None:
    """Undo a merge: the merged person comes back with all that was theirs."""
    from jalin.core.services.dedupe import merge_undo

    record = merge_undo(owner=current_owner(), merge_id=merge_id)
    console.print(f"{record.merged.name} is back as #{record.merged.pk}", highlight=False)
