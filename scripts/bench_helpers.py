"""`make bench` for needs: who can help, over a network of the generator's size.

    python scripts/bench_helpers.py [--preset large]

Over the flat-log database of ``bench.py`` (every contact a person, scored), the preset's
``knows.csv`` is stored as who-knows-whom links and the LinkedIn and Google records'
companies and titles as affiliations (once; a marker says so). A job need is opened for one
contact at a typical organisation (the median size) and at one of the biggest, and the
helpers are found five times from a fresh database connection (nothing held between
requests), beside networkx's own
``single_source_shortest_path_length(cutoff=2)`` from the same person on the same graph.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bench import data_dir, flatlog_database, machine, row

LAYOUT = 1  # bump when what is loaded changes


def _contacts_by_record(folder: Path) -> dict[tuple[str, str], str]:
    with (folder / "duplicates_truth.csv").open(newline="") as handle:
        return {(r["source"], r["record_no"]): r["contact_id"] for r in csv.DictReader(handle)}


def _jobs(folder: Path) -> dict[str, tuple[str, str, str]]:
    """Return ``{contact id: (company, title, city)}`` from the LinkedIn and Google files."""
    owner_of = _contacts_by_record(folder)
    jobs: dict[str, tuple[str, str, str]] = {}
    lines = (folder / "linkedin" / "Connections.csv").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("First Name,"))
    for number, record in enumerate(csv.DictReader(lines[start:]), start=1):
        contact = owner_of.get(("linkedin", str(number)))
        if contact and record["Company"]:
            jobs[contact] = (record["Company"], record["Position"], "")
    with (folder / "google_contacts.csv").open(newline="", encoding="utf-8") as handle:
        for number, record in enumerate(csv.DictReader(handle), start=1):
            contact = owner_of.get(("google", str(number)))
            if contact and record["Organization Name"] and contact not in jobs:
                jobs[contact] = (
                    record["Organization Name"],
                    record["Organization Title"],
                    record.get("Address 1 - City", ""),
                )
    return jobs


def _load(owner, folder: Path, truth: dict) -> dict:
    from django.db import connection, transaction

    from jalin.core.bulk import insert_rows
    from jalin.core.models import Affiliation, Link, Organisation, Person
    from jalin.domain.normalise import fold_name

    started = time.perf_counter()
    contacts = sorted(truth["contacts"])
    pks = list(Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    person_of = dict(zip(contacts, pks, strict=True))
    jobs = _jobs(folder)
    with transaction.atomic():
        names = {fold_name(c): c for c, _t, _city in jobs.values()}
        Organisation.objects.bulk_create(
            [Organisation(owner=owner, name=name, name_key=key) for key, name in names.items()],
            ignore_conflicts=True, batch_size=5000,
        )  # fmt: skip
        org_of = dict(Organisation.objects.filter(owner=owner).values_list("name_key", "pk"))
        insert_rows(
            Affiliation,
            ("owner", "person", "organisation", "title", "kind"),
            [(owner.pk, person_of[c], org_of[fold_name(company)], title, "work")
             for c, (company, title, _city) in jobs.items()],
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE core_person SET city = %s WHERE id = %s",
                [(city, person_of[c]) for c, (_o, _t, city) in jobs.items() if city],
            )
        with (folder / "knows.csv").open(newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            insert_rows(
                Link,
                ("owner", "from_person", "to_person", "kind", "note", "source"),
                ((owner.pk, person_of[a], person_of[b], "knows", "", basis)
                 for a, b, basis in reader if a != b),
                ignore_conflicts=True,
            )  # fmt: skip
    return {
        "seconds": time.perf_counter() - started,
        "affiliations": len(jobs),
        "links": Link.objects.filter(owner=owner).count(),
    }


def _measure(owner, folder: Path, truth: dict) -> dict:
    import networkx as nx

    from jalin.core.models import Affiliation, Person

    sizes = Counter(
        Affiliation.objects.filter(owner=owner).values_list("organisation__name", flat=True)
    )
    ranked = [item for item in sizes.most_common() if item[1] >= 2]
    contacts = sorted(truth["contacts"])
    beneficiary_cid = contacts[len(contacts) // 3]
    pks = list(Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    beneficiary = Person.objects.get(pk=pks[contacts.index(beneficiary_cid)])
    needs = {
        "typical": ranked[len(ranked) // 2],  # the median organisation
        "large": ranked[min(20, len(ranked) - 1)],  # one of the biggest
        "largest": ranked[0],
        "field": ("", 0),  # no organisation: everyone whose title or notes say "manager"
    }
    result = {name: _search(owner, beneficiary, *org) for name, org in needs.items()}
    started = time.perf_counter()
    graph = nx.Graph()
    with (folder / "knows.csv").open(newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        graph.add_edges_from((a, b) for a, b, _basis in reader)
    built = time.perf_counter() - started
    paths = []
    for _ in range(5):
        started = time.perf_counter()
        reached = nx.single_source_shortest_path_length(graph, beneficiary_cid, cutoff=2)
        paths.append(time.perf_counter() - started)
    return result | {
        "networkx_build_s": built,
        "networkx_ms": [p * 1000 for p in paths],
        "networkx_reached": len(reached),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _search(owner, beneficiary, organisation: str, employees: int) -> dict:
    """Time the helpers of a job need at ``organisation``, five times, each from a fresh
    database connection."""
    from django.db import connection

    from jalin.core.helper_search import helpers_for, matches_for
    from jalin.core.services.needs import need_create

    need = need_create(
        owner=owner, title="Kerja untuk keponakan", beneficiary=beneficiary, kind="job",
        organisation=organisation, field="manager",
    )  # fmt: skip
    matching = len(matches_for(owner, need))
    runs, found = [], []
    for _ in range(5):
        connection.close()  # nothing carried over from the run before
        gc.collect()  # nor the garbage of the measures before (timeit turns it off instead)
        started = time.perf_counter()
        found = helpers_for(owner, need, limit=20)
        runs.append(time.perf_counter() - started)
    need.delete()
    return {
        "organisation": organisation,
        "employees": employees,
        "matching": matching,
        "helpers": len(found),
        "two_hop": sum(1 for h in found if len(h.path) == 2),
        "best": found[0].why if found else "",
        "runs_ms": [r * 1000 for r in runs],
    }


def child(folder: Path) -> dict:
    """Load what is missing into the flat-log database, then measure."""
    data = flatlog_database(folder)
    os.environ["JALIN_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalin.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    truth = json.loads((folder / "truth.json").read_text())
    from jalin.core.models import TieScore

    owner = get_user_model().objects.get(username="bench")
    if not TieScore.objects.filter(owner=owner).exists():
        raise SystemExit(
            f"{data}: the flat log is not scored yet; run"
            f" `python scripts/bench.py --preset {folder.name} --only flatlog` first"
        )
    marker = data / "helpers.json"
    if not marker.exists() or json.loads(marker.read_text()).get("layout") != LAYOUT:
        loaded = _load(owner, folder, truth)
        marker.write_text(json.dumps({"layout": LAYOUT, **loaded}))
    return _measure(owner, folder, truth) | {"loaded": json.loads(marker.read_text())}


def report(preset: str, ours: dict) -> None:
    """Print the measures as Markdown."""
    print(f"## Helpers for a need, {preset} preset (seed 7) — {machine()}\n")
    print("| measure | value |\n|---|---|")
    loaded = ours["loaded"]
    sizes = f"{ours['nodes']:,} in knows.csv / {loaded['links']:,} / {loaded['affiliations']:,}"
    row("people / who-knows-whom links / affiliations", sizes)
    for name in ("typical", "large", "largest", "field"):
        search = ours[name]
        runs = ", ".join(f"{r:.0f}" for r in search["runs_ms"])
        if search["organisation"]:
            what = (f"a job at {search['organisation']} ({search['employees']} people there,"
                    f" {search['matching']} matching)")  # fmt: skip
        else:
            what = f"a job as a manager, anywhere ({search['matching']:,} matching)"
        row(f"**helpers, two hops, from the database**: {what}; 5 runs, a fresh connection each",
            f"{runs} ms")  # fmt: skip
        row("… the best 20 shown (through a link)", f"{search['helpers']} ({search['two_hop']})")
        row("… the best helper's why", search["best"])
    row("networkx: building the graph from knows.csv", f"{ours['networkx_build_s']:.1f} s")
    runs = ", ".join(f"{r:.1f}" for r in ours["networkx_ms"])
    row("networkx `single_source_shortest_path_length(cutoff=2)` from the person the need is for",
        f"{runs} ms ({ours['networkx_reached']:,} reached)")  # fmt: skip
    row("peak RSS", f"{ours['peak_rss_mb']:.0f} MB")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="large", choices=("small", "medium", "large"))
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    folder = data_dir(args.preset)
    if args.child:
        print(json.dumps(child(folder)))
        return
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--preset", args.preset],
        capture_output=True, text=True,
    )  # fmt: skip
    if out.returncode:
        sys.exit(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode)
    report(args.preset, json.loads(out.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
