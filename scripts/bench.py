"""`make bench`: time jalin's imports on the benchmark generator's data, beside baselines.

    python scripts/bench.py [--preset small|medium|large]
                            [--only whatsapp,vcard,dedupe,scores,flatlog]

Data comes from ../shared/bench/generate.py (written once under /tmp/jalin-bench/PRESET).
Every jalin measurement runs in a child process with a fresh SQLite database, so its time and
peak memory are its own; ``flatlog`` (the whole ``interactions.csv``, one interaction a row)
reuses a database built once beside the data, since loading it takes minutes. Results print
as Markdown for docs/benchmarks.md. Speed is measured here and only here; the test suite never
asserts a time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT.parent / "shared" / "bench" / "generate.py"

# The floor: what reading the chats and storing one row per message costs with nothing else:
# read the file, split it with one regex, executemany into SQLite.
FLOOR_HEADER = re.compile(
    r"^\[?(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),? "
    r"(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s?[AaPp]\.? ?[Mm]\.?)?)\]?(?: -|:)? ([^:]+): ",
    re.M,
)


def data_dir(preset: str, seed: int = 7) -> Path:
    """Return the folder of the generator's ``preset`` for ``seed``, generating it once."""
    name = preset if seed == 7 else f"{preset}-seed{seed}"
    folder = Path(tempfile.gettempdir()) / "jalin-bench" / name
    if not (folder / "manifest.json").exists():
        if not GENERATOR.exists():
            sys.exit(f"bench skipped: the generator {GENERATOR} is not here")
        print(f"generating the {preset} preset into {folder} …", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                str(GENERATOR),
                "--size",
                preset,
                "--seed",
                str(seed),
                "--out",
                str(folder),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return folder


def chat_files(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "whatsapp").rglob("*.txt"))


def whatsapp_floor(folder: Path) -> dict:
    started = time.perf_counter()
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE message (chat TEXT, ts TEXT, author TEXT)")
    rows = 0
    for path in chat_files(folder):
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        found = [(path.name, d + " " + t, a) for d, t, a in FLOOR_HEADER.findall(text)]
        db.executemany("INSERT INTO message VALUES (?, ?, ?)", found)
        rows += len(found)
    db.commit()
    return {"seconds": time.perf_counter() - started, "rows": rows}


def vobject_bare(folder: Path) -> dict:
    import vobject

    started = time.perf_counter()
    text = (folder / "contacts.vcf").read_text(encoding="utf-8")
    cards = sum(1 for _ in vobject.readComponents(text, allowQP=True, ignoreUnreadable=True))
    return {"seconds": time.perf_counter() - started, "cards": cards}


def whatstk_parse(folder: Path) -> dict | None:
    try:
        from whatstk import WhatsAppChat  # GPL: measured when installed, never a dependency
    except ImportError:
        return None
    started, failed = time.perf_counter(), 0
    for path in chat_files(folder):
        try:
            WhatsAppChat.from_source(filepath=str(path))
        except Exception:
            failed += 1
    return {"seconds": time.perf_counter() - started, "failed": failed}


# --- children: jalin itself, in a fresh process and database ------------------------------------


def child(kind: str, folder: Path) -> dict:
    if kind.startswith("flatlog"):
        return _flatlog_child(kind, folder)
    with tempfile.TemporaryDirectory(prefix="jalin-bench-") as data:
        os.environ["JALIN_DATA_DIR"] = data
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalin.settings")
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from jalin.core.services.accounts import owner_create

        truth = json.loads((folder / "truth.json").read_text())
        owner = owner_create(username="bench", password="x", validate=False)
        children = {
            "whatsapp": _child_whatsapp,
            "vcard": _child_vcard,
            "dedupe": _child_dedupe,
            "scores": _child_scores,
        }
        result = children[kind](owner, folder, truth)
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return result


def _flatlog_child(kind: str, folder: Path) -> dict:
    """Load the flat log into the database of ``JALIN_DATA_DIR`` (``flatlog-load``), or
    measure over the database :func:`flatlog_database` built (``flatlog``)."""
    if kind == "flatlog":
        os.environ["JALIN_DATA_DIR"] = str(flatlog_database(folder))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalin.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    truth = json.loads((folder / "truth.json").read_text())
    call_command("migrate", verbosity=0)  # a database kept from an older layout catches up
    if kind == "flatlog-load":
        from jalin.core.services.accounts import owner_create

        owner = owner_create(username="bench", password="x", validate=False)
        result = _load_flatlog(owner, folder, truth)
    else:
        result = _child_flatlog(get_user_model().objects.get(username="bench"), folder, truth)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _options(truth: dict, filename: str = ""):
    from zoneinfo import ZoneInfo

    from jalin.importers.base import ImportOptions

    owner = truth.get("owner", {})
    return ImportOptions(
        me_names=tuple(n for n in [owner.get("name", "")] if n),
        me_emails=tuple(owner.get("emails", [])),
        zone=ZoneInfo("Asia/Jakarta"),
        filename=filename,
    )


_SESSIONS: dict = {}


def _import(owner, path: Path, truth: dict):
    """Import one file the way `jalin import FILE…` does: one session for the whole run."""
    from jalin.core.services.imports import ImportSession, import_file
    from jalin.importers.base import ImportSource

    session = _SESSIONS.setdefault(owner.pk, ImportSession(owner))
    source = ImportSource(name=path.name, open=lambda: path.open("rb"))
    return import_file(
        owner=owner, source=source, options=_options(truth, path.name), session=session
    )


def _child_whatsapp(owner, folder: Path, truth: dict) -> dict:
    """All chats in one run, as `jalin import whatsapp/*` does (parsing ahead in workers)."""
    from jalin.core.services.imports import import_paths

    started = time.perf_counter()
    messages = conversations = created = 0
    files = [(path, path.name) for path in chat_files(folder)]
    imported = started
    for _name, summary in import_paths(owner=owner, files=files, options=_options(truth)):
        messages += summary["messages"] or 0
        conversations += summary["conversations"] or 0
        created += summary["interactions_created"]
        imported = time.perf_counter()  # the last file's summary: stored and committed
    finished = time.perf_counter()  # after rescoring the people the chats touched
    return {
        "seconds": imported - started,
        "rescore_seconds": finished - imported,
        "messages": messages,
        "conversations": conversations,
        "interactions": created,
    }


def _child_scores(owner, folder: Path, truth: dict) -> dict:
    """The relationship figures over the imported chats: a full rescore beside a bare
    aggregate over the same tables, the day's list and plan, and one logged contact."""
    from jalin.core.services.imports import import_paths

    files = [(path, path.name) for path in chat_files(folder)]
    for _outcome in import_paths(owner=owner, files=files, options=_options(truth)):
        pass
    return _measure_scores(owner, truth)


FLATLOG_CHANNELS = {"whatsapp": "message", "email": "email", "calendar": "meeting"}
FLATLOG_CIRCLES = {
    "family": "family",
    "friend": "friends",
    "work": "work",
    "community": "community",
}


def flatlog_database(folder: Path) -> Path:
    """Return the data folder of a jalin database holding the preset's whole
    ``interactions.csv``, one interaction per row, building it once (it takes minutes on the
    large preset) in a child process."""
    data = folder / "flatlog"
    marker = data / "loaded.json"
    manifest = json.loads((folder / "manifest.json").read_text())
    expected = {"interactions": manifest["counts"]["interactions"], "layout": 2}
    if marker.exists() and json.loads(marker.read_text()) == expected:
        return data
    if data.exists():
        for path in data.iterdir():
            path.unlink()
    data.mkdir(exist_ok=True)
    out = subprocess.run(
        [sys.executable, __file__, "--child", "flatlog-load", "--preset", folder.name],
        check=True, capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "JALIN_DATA_DIR": str(data)},
    )  # fmt: skip
    print(out.stdout.strip().splitlines()[-1], file=sys.stderr)
    marker.write_text(json.dumps(expected))
    return data


def reference_aggregate(folder: Path) -> dict:
    """Return the issue's reference: ``SELECT contact, count(*), max(ts) … GROUP BY contact``
    over ``interactions.csv`` as a plain SQLite table with a ``(contact, ts)`` index (built
    once beside the data), the best of two runs."""
    path = folder / "reference.sqlite3"
    if not path.exists():
        building = path.with_suffix(".building")
        building.unlink(missing_ok=True)
        db = sqlite3.connect(building)
        db.execute("CREATE TABLE interactions (contact TEXT, ts TEXT)")
        with (folder / "interactions.csv").open(newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            db.executemany("INSERT INTO interactions VALUES (?, ?)", ((r[1], r[0]) for r in reader))
        db.execute("CREATE INDEX contact_ts ON interactions (contact, ts)")
        db.commit()
        db.close()
        building.rename(path)
    db = sqlite3.connect(path)
    runs = []
    for _ in range(2):
        started = time.perf_counter()
        groups = db.execute(
            "SELECT contact, count(*), max(ts) FROM interactions GROUP BY contact"
        ).fetchall()
        runs.append(time.perf_counter() - started)
    db.close()
    return {"seconds": min(runs), "runs": runs, "groups": len(groups)}


def _load_flatlog(owner, folder: Path, truth: dict) -> dict:
    """Store every contact of ``truth.json`` as a person and every row of
    ``interactions.csv`` as an interaction with its participation row, in bulk."""
    from datetime import UTC, datetime

    from django.db import connection, transaction

    from jalin.core.bulk import insert_returning_ids, insert_rows
    from jalin.core.models import Circle, Interaction, Participation, Person
    from jalin.core.participation import PARTICIPATION_FIELDS, contact_shape
    from jalin.core.services.import_store import INTERACTION_FIELDS
    from jalin.domain.normalise import fold_name

    started = time.perf_counter()
    contacts = sorted(truth["contacts"].items())
    with transaction.atomic():
        Person.objects.bulk_create(
            (Person(owner=owner, name=c["name"], name_key=fold_name(c["name"]))
             for _, c in contacts),
            batch_size=5000,
        )  # fmt: skip
        ids = dict(
            zip(
                (cid for cid, _ in contacts),
                Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True),
                strict=True,
            )
        )
        circles = dict(Circle.objects.filter(owner=owner).values_list("slug", "pk"))
        insert_rows(
            Person.circles.through,
            ("person", "circle"),
            [
                (ids[cid], circles[FLATLOG_CIRCLES[c["kind"]]])
                for cid, c in contacts
                if c["kind"] in FLATLOG_CIRCLES
            ],
        )
    shapes: dict = {}
    rows = 0
    batch: list[tuple] = []
    owners_of: list[int] = []
    now = datetime.now(UTC)

    def flush() -> None:
        nonlocal batch, owners_of
        with transaction.atomic():
            pks = insert_returning_ids(
                Interaction, INTERACTION_FIELDS, batch, scope={"owner": owner}
            )
            links = []
            for pk, values, person in zip(pks, batch, owners_of, strict=True):
                key = (values[2], values[3], values[4])
                shape = shapes.get(key)
                if shape is None:
                    shape = shapes[key] = contact_shape(
                        channel=values[2], initiator=values[3], kind=values[4],
                        messages_me=values[7], messages_them=values[8], minutes=None, people=1,
                    )  # fmt: skip
                links.append((owner.pk, pk, person, int(values[1].timestamp()), shape))
            insert_rows(Participation, PARTICIPATION_FIELDS, links)
        batch, owners_of = [], []

    with (folder / "interactions.csv").open(newline="") as handle:
        for stamp, cid, channel, direction, kind in csv.reader(handle):
            if stamp == "timestamp":
                continue
            mine = direction == "out"
            batch.append((
                owner.pk, datetime.fromisoformat(stamp), FLATLOG_CHANNELS[channel],
                "me" if mine else "them", kind, "", "", int(mine), int(not mine), None,
                "bench", None, None, now,
            ))  # fmt: skip
            owners_of.append(ids[cid])
            rows += 1
            if len(batch) >= 200_000:
                flush()
    if batch:
        flush()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"seconds": time.perf_counter() - started, "interactions": rows, "people": len(ids)}


def _child_flatlog(owner, folder: Path, truth: dict) -> dict:
    """The relationship figures over the whole ``interactions.csv`` (one interaction a row)."""
    return _measure_scores(owner, truth)


def _measure_scores(owner, truth: dict) -> dict:
    """Measure the figures as of the data's ``as_of`` instant, as if it were now: the
    generator's history ends there, and a network scored years later is all silence."""
    from datetime import datetime

    import time_machine

    with time_machine.travel(datetime.fromisoformat(truth["as_of"]), tick=True):
        return _measure_scores_now(owner)


def _measure_scores_now(owner) -> dict:
    """Time a full rescore beside the bare aggregate over the table it reads (each twice,
    alternating, in this one process), the parts of the rescore, the day's list and plan
    from stored scores, and one logged contact on the busiest tie."""
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from jalin.core.models import Interaction, Participation, Person
    from jalin.core.selectors import due_list, weekly_plan_for
    from jalin.core.services import scores
    from jalin.domain.plan import monday_of
    from jalin.domain.tiemodel import DEFAULT_MODEL
    from jalin.domain.ties import contact_evidence, fit_network, score_ties

    table = Participation._meta.db_table
    aggregates, fulls = [], []
    for _ in range(2):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT person_id, count(*), max(at) FROM {table} WHERE owner_id = %s"
                " GROUP BY person_id",
                [owner.pk],
            )
            groups = len(cursor.fetchall())
        aggregates.append(time.perf_counter() - started)
        started = time.perf_counter()
        people = scores.rescore(owner=owner)
        fulls.append(time.perf_counter() - started)
    # The parts of one more full rescore, step by step (the same calls rescore makes).
    now = timezone.now()
    rows = list(
        Person.objects.filter(owner=owner, archived=False)
        .order_by("pk")
        .values_list("pk", "name", "layer", "closeness", "cadence_days", "met_on", "added_on")
    )
    started = time.perf_counter()
    network = scores._network(owner, rows)
    history = scores._history(owner, network.ids, whole=True)
    read = time.perf_counter() - started
    started = time.perf_counter()
    evidence = contact_evidence(history, now, DEFAULT_MODEL)
    fit = fit_network(network, history, now, DEFAULT_MODEL, evidence)
    fitted = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, len(network), scores.SCORING_CHUNK):
        end = min(start + scores.SCORING_CHUNK, len(network))
        part = evidence.take(slice(start, end))
        table_part = score_ties(
            network.slice(start, end), history.slice(start, end), now, DEFAULT_MODEL, fit, part
        )
        list(table_part.records())
    scored = time.perf_counter() - started
    floors = _io_floors(owner, table)
    started = time.perf_counter()
    due = due_list(owner, limit=20)
    today = time.perf_counter() - started
    started = time.perf_counter()
    monday = monday_of(timezone.localdate())
    plan = weekly_plan_for(owner, monday, budget=5)
    planned = time.perf_counter() - started
    ranked = list(
        Person.objects.filter(owner=owner, interactions__isnull=False)
        .annotate(n=Count("interactions"))
        .order_by("-n", "pk")
    )
    busiest, typical = ranked[0], ranked[len(ranked) // 2]
    on_busiest, on_typical = _one_contact(owner, busiest), _one_contact(owner, typical)
    return {
        "seconds": min(fulls),
        "seconds_runs": fulls,
        "aggregate_seconds": min(aggregates),
        "aggregate_runs": aggregates,
        "read_seconds": read,
        "fit_seconds": fitted,
        "fit_iterations": fit.iterations,
        "score_seconds": scored,
        **floors,
        "groups": groups,
        "people": people,
        "interactions": Interaction.objects.filter(owner=owner).count(),
        "today_ms": today * 1000,
        "due": len(due),
        "plan_ms": planned * 1000,
        "planned": len(plan),
        "incremental_ms": on_busiest[0],
        "rescore_one_ms": on_busiest[1],
        "busiest_interactions": busiest.n,
        "typical_ms": on_typical[0],
        "typical_rescore_ms": on_typical[1],
        "typical_interactions": typical.n,
    }


def _io_floors(owner, table: str) -> dict:
    """Return what the storage alone costs a full rescore: reading every contact's time and
    shape out of SQLite as text (the query rescore runs, nothing parsed), and writing one
    row of stored figures per person into a table like the scores' without its indexes."""
    from django.db import connection, transaction

    from jalin.core.models import TieScore

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT person_id, count(*), group_concat(at), group_concat(shape) FROM {table}"
            " WHERE owner_id = %s GROUP BY person_id ORDER BY person_id",
            [owner.pk],
        )
        while cursor.fetchmany(2000):
            pass
    read = time.perf_counter() - started
    fields = [f.column for f in TieScore._meta.concrete_fields if f.column != "id"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(fields)} FROM core_tiescore WHERE owner_id = %s",
                       [owner.pk])  # fmt: skip
        stored = cursor.fetchall()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE floor_scores AS SELECT * FROM core_tiescore LIMIT 0")
        cursor.executemany(
            f"INSERT INTO floor_scores ({', '.join(fields)}) VALUES"
            f" ({', '.join(['%s'] * len(fields))})",
            stored,
        )
    written = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE floor_scores")
    return {"read_floor_seconds": read, "write_floor_seconds": written}


def _one_contact(owner, person) -> tuple[float, float]:
    """Return the median milliseconds (of 5) of logging one call with ``person`` (stored and
    rescored), and of rescoring that person alone."""
    from jalin.core.services import scores
    from jalin.core.services.interactions import interaction_log

    logged, alone = [], []
    for _ in range(5):
        started = time.perf_counter()
        interaction_log(owner=owner, people=[person], channel="call")
        logged.append(time.perf_counter() - started)
    for _ in range(5):
        started = time.perf_counter()
        scores.rescore(owner=owner, person_ids=[person.pk])
        alone.append(time.perf_counter() - started)
    return sorted(logged)[2] * 1000, sorted(alone)[2] * 1000


def _child_vcard(owner, folder: Path, truth: dict) -> dict:
    """One file, as `jalin import contacts.vcf` does (parsed in a worker while storing)."""
    from jalin.core.services.imports import import_paths

    started = time.perf_counter()
    path = folder / "contacts.vcf"
    outcomes = import_paths(owner=owner, files=[(path, path.name)], options=_options(truth))
    _name, summary = next(outcomes)
    imported = time.perf_counter()
    for _rest in outcomes:  # rescoring the new people
        pass
    return {
        "seconds": imported - started,
        "rescore_seconds": time.perf_counter() - imported,
        "records": summary["records"],
        "people": summary["persons_created"],
    }


def _child_dedupe(owner, folder: Path, truth: dict) -> dict:
    from jalin.core.models import DuplicatePair, SourceRecord
    from jalin.importers import registry
    from jalin.importers.base import ContactRecord, ImportSource

    files = {
        "vcf": folder / "contacts.vcf",
        "google": folder / "google_contacts.csv",
        "linkedin": folder / "linkedin" / "Connections.csv",
    }
    started = time.perf_counter()
    keys: dict[tuple[str, int], tuple[str, str]] = {}
    for source_name, path in files.items():
        summary = _import(owner, path, truth)
        importer = registry.by_name(summary.format)
        source = ImportSource(name=path.name, open=lambda p=path: p.open("rb"))
        records = (
            r
            for r in importer.parse(source, _options(truth, path.name))
            if isinstance(r, ContactRecord)
        )
        for number, record in enumerate(records, start=1):
            keys[(source_name, number)] = (summary.format, record.key)
    seconds = time.perf_counter() - started
    person_of_key = {
        (s, k): p for s, k, p in SourceRecord.objects.values_list("source", "key", "person_id")
    }
    suggested = {frozenset(p) for p in DuplicatePair.objects.values_list("a_id", "b_id")}
    by_contact: dict[str, list[tuple[str, int]]] = defaultdict(list)
    truth_of: dict[tuple[str, int], str] = {}
    with (folder / "duplicates_truth.csv").open() as handle:
        for row in csv.DictReader(handle):
            record = (row["source"], int(row["record_no"]))
            by_contact[row["contact_id"]].append(record)
            truth_of[record] = row["contact_id"]
    person = {r: person_of_key.get(keys.get(r)) for r in truth_of}
    truth_pairs = {frozenset(p) for recs in by_contact.values() for p in combinations(recs, 2)}
    by_person: dict[int, list] = defaultdict(list)
    for record, pid in person.items():
        if pid is not None:
            by_person[pid].append(record)
    auto_pairs = {frozenset(p) for recs in by_person.values() for p in combinations(recs, 2)}
    covered = {
        pair
        for pair in truth_pairs
        if (
            lambda a, b: (
                a is not None and b is not None and (a == b or frozenset((a, b)) in suggested)
            )
        )(*(person[r] for r in pair))
    }
    return {
        "seconds": seconds,
        "records": len(truth_of),
        "truth_pairs": len(truth_pairs),
        "automatic_pairs": len(auto_pairs),
        "automatic_correct": len(auto_pairs & truth_pairs),
        "precision_automatic": len(auto_pairs & truth_pairs) / len(auto_pairs)
        if auto_pairs
        else 1.0,
        "recall_automatic_and_suggested": len(covered) / len(truth_pairs) if truth_pairs else 1.0,
        "suggested": len(suggested),
        "unmapped_records": sum(1 for v in person.values() if v is None),
    }


def run_child(kind: str, preset: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--preset", preset],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    python = platform.python_version()
    return f"{os.cpu_count()} cores, {cpu}, Python {python}, SQLite {sqlite3.sqlite_version}"


def row(*cells: object) -> None:
    print("| " + " | ".join(str(cell) for cell in cells) + " |")


def scores_table(title: str, ours: dict, reference: dict | None = None) -> None:
    """Print the relationship figures' measures as a Markdown table (with the issue's
    reference aggregate over a plain table, when measured)."""
    print(f"| relationship figures, {title} | value |\n|---|---|")
    row("interactions / people with any", f"{ours['interactions']:,} / {ours['groups']:,}")
    runs = ", ".join(f"{s:.2f}" for s in ours["aggregate_runs"])
    row("bare `SELECT person_id, count(*), max(at) … GROUP BY person_id` (runs)", f"{runs} s")
    runs = ", ".join(f"{s:.2f}" for s in ours["seconds_runs"])
    times = ours["seconds"] / ours["aggregate_seconds"]
    if reference:
        row("the same over a plain `(contact, ts)` table with that index (the issue's reference)",
            f"{', '.join(f'{s:.2f}' for s in reference['runs'])} s")  # fmt: skip
    row(f"full rescore of {ours['people']:,} people (runs; best ÷ best aggregate)",
        f"{runs} s ({times:.1f}×)")  # fmt: skip
    if reference:
        row("… best ÷ the reference's best", f"{ours['seconds'] / reference['seconds']:.1f}×")
    row("… reading contacts and settings", f"{ours['read_seconds']:.2f} s")
    row("… … of which the database alone: the contacts handed over as text",
        f"{ours['read_floor_seconds']:.2f} s")  # fmt: skip
    row(f"… fitting the rhythm model ({ours['fit_iterations']} EM steps, with the evidence)",
        f"{ours['fit_seconds']:.2f} s")  # fmt: skip
    row("… scoring (figures and stored rows)", f"{ours['score_seconds']:.2f} s")
    rest = ours["seconds"] - ours["read_seconds"] - ours["fit_seconds"] - ours["score_seconds"]
    row("… writing the scores (the rest of the full rescore)", f"{rest:.2f} s")
    row("… … of which the database alone: one row per person, no indexes",
        f"{ours['write_floor_seconds']:.2f} s")  # fmt: skip
    row(f"today's list ({ours['due']} people), from stored scores", f"{ours['today_ms']:.0f} ms")
    row(f"weekly plan ({ours['planned']} people), from stored scores", f"{ours['plan_ms']:.0f} ms")
    row(f"one logged contact on a tie of {ours['busiest_interactions']:,} contacts (median of 5)",
        f"{ours['incremental_ms']:.1f} ms")  # fmt: skip
    row("… its rescore alone (median of 5)", f"{ours['rescore_one_ms']:.1f} ms")
    row(f"one logged contact on a typical tie: the median, {ours['typical_interactions']:,}"
        " contacts (median of 5)", f"{ours['typical_ms']:.1f} ms")  # fmt: skip
    row("… its rescore alone (median of 5)", f"{ours['typical_rescore_ms']:.1f} ms")
    row("peak RSS", f"{ours['peak_rss_mb']:.0f} MB")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="medium", choices=("small", "medium", "large"))
    parser.add_argument("--only", default="whatsapp,vcard,dedupe,scores,flatlog")
    parser.add_argument("--child")
    args = parser.parse_args()
    folder = data_dir(args.preset)
    if args.child:
        print(json.dumps(child(args.child, folder)))
        return
    wanted = args.only.split(",")
    print(f"## Imports, {args.preset} preset (seed 7) — {machine()}\n")
    if "whatsapp" in wanted:
        floor = whatsapp_floor(folder)
        ours = run_child("whatsapp", args.preset)
        peer = whatstk_parse(folder)
        print("| WhatsApp, all chats | seconds | ratio to floor | notes |\n|---|---|---|---|")
        base = floor["seconds"]
        row(
            "floor: read + regex split + executemany",
            f"{base:.2f}",
            "1.00",
            f"{floor['rows']:,} rows",
        )
        if peer:
            ratio = peer["seconds"] / base
            row(
                "whatstk parse alone",
                f"{peer['seconds']:.2f}",
                f"{ratio:.2f}",
                f"{peer['failed']} files failed",
            )
        row(
            "jalin import end to end (parse, resolve, store)",
            f"{ours['seconds']:.2f}",
            f"{ours['seconds'] / base:.2f}",
            f"{ours['messages']:,} messages → {ours['interactions']:,} conversations;"
            f" peak RSS {ours['peak_rss_mb']:.0f} MB",
        )
        row(
            "then rescoring the people the chats touched",
            f"{ours['rescore_seconds']:.2f}",
            "",
            "strength, cadence and status of each, stored",
        )
        print()
    if "vcard" in wanted:
        bare = vobject_bare(folder)
        ours = run_child("vcard", args.preset)
        print("| vCard contacts.vcf | seconds | ratio | notes |\n|---|---|---|---|")
        base = bare["seconds"]
        row(
            "vobject.readComponents(allowQP=True) alone",
            f"{base:.2f}",
            "1.00",
            f"{bare['cards']:,} cards",
        )
        row(
            "jalin import end to end",
            f"{ours['seconds']:.2f}",
            f"{ours['seconds'] / base:.2f}",
            f"{ours['records']:,} records → {ours['people']:,} people;"
            f" peak RSS {ours['peak_rss_mb']:.0f} MB",
        )
        row("then rescoring the new people", f"{ours['rescore_seconds']:.2f}", "", "")
        print()
    for kind, title in (
        ("scores", "over the imported chats (one interaction a conversation)"),
        ("flatlog", "over the whole interactions.csv (one interaction a row)"),
    ):
        if kind in wanted:
            reference = None
            if kind == "flatlog":
                flatlog_database(folder)
                reference = reference_aggregate(folder)
            scores_table(title, run_child(kind, args.preset), reference)
    if "dedupe" in wanted:
        ours = run_child("dedupe", args.preset)
        print("| identity resolution (vcf + Google CSV + LinkedIn) | value |\n|---|---|")
        for key in (
            "records",
            "truth_pairs",
            "automatic_pairs",
            "automatic_correct",
            "precision_automatic",
            "recall_automatic_and_suggested",
            "suggested",
            "unmapped_records",
            "seconds",
        ):
            value = ours[key]
            print(
                f"| {key.replace('_', ' ')} | {value:.3f} |"
                if isinstance(value, float)
                else f"| {key.replace('_', ' ')} | {value:,} |"
            )
        print()


if __name__ == "__main__":
    main()
