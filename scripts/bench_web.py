"""`make bench-web`: the main pages under load, served by `jalin serve` on loopback.

    python scripts/bench_web.py [--preset medium] [--seconds 20] [--clients 20]

Over the flat-log database of ``bench.py`` (the preset's every contact a person, every row
of ``interactions.csv`` an interaction, scored; ``bench_helpers.py``'s who-knows-whom links
and affiliations loaded once), ``jalin serve`` runs as a user would start it — a web
process per core, the scheduler beside them. wrk (Debian's ``wrk``) then drives each page with
``--clients`` connections (one wrk thread, to leave the cores to the server) for
``--seconds``, three times:

* as people use it: each client waits 1–5 s between its requests (a reader's pause
  between two taps);
* hurried: each client waits only 0.5–1.5 s;
* flat out: no pause at all, the most requests the server can answer.

The person page is one of the preset's people picked at random on every request. A page
that answers anything but 200 counts as an error. The database is served from a copy in
memory (``/dev/shm``, where there is one): the pages' own cost is measured, not the disk of
a machine that evicts its file cache within minutes. Prints Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bench import data_dir, flatlog_database, machine, row

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "dashboard": ["/"],
    "people list": ["/people/"],
    "people search": ["/people/?q=budi", "/people/?status=drifting", "/people/?sort=strength"],
    "person page": None,  # filled with the people's pages
    "person's strength chart": None,
    "network page": ["/network/"],
    "network graph": ["/network/graph.json"],
}

PACES = {"paced": (1000, 5000), "hurried": (500, 1500), "flat": (0, 0)}  # pause, ms

WRK_SCRIPT = """
local paths = {%(paths)s}
local cookie = "sessionid=%(session)s"
local pause_low, pause_high = %(low)d, %(high)d
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(seed * 7919)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], {["Cookie"] = cookie})
end

function delay()
  if pause_high == 0 then return 0 end
  return math.random(pause_low, pause_high)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "errors": %%d, "p50": %%d, "p95": %%d, "p99": %%d, "max": %%d,'
    .. ' "seconds": %%f}\\n',
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    summary.duration / 1e6))
end
"""


def prepare(folder: Path) -> dict:
    """Make sure the flat-log database is scored and holds the links and affiliations;
    return the data folder, a signed-in session key and the people's ids (a child process:
    Django stays out of the measuring one)."""
    data = flatlog_database(folder)
    code = f"""
import json, os, sys
sys.path.insert(0, {str(ROOT / "scripts")!r})
os.environ["JALIN_DATA_DIR"] = {str(data)!r}
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalin.settings")
os.environ.pop("DATABASE_URL", None)
import django
django.setup()
from pathlib import Path
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from jalin.core.models import Person, TieScore
from jalin.core.services.scores import rescore
import bench_helpers
call_command("migrate", verbosity=0)
owner = get_user_model().objects.get(username="bench")
if not TieScore.objects.filter(owner=owner).exists():
    rescore(owner=owner)
folder = Path({str(folder)!r})
marker = Path({str(data)!r}) / "helpers.json"
if not marker.exists() or json.loads(marker.read_text()).get("layout") != bench_helpers.LAYOUT:
    truth = json.loads((folder / "truth.json").read_text())
    loaded = bench_helpers._load(owner, folder, truth)
    marker.write_text(json.dumps({{"layout": bench_helpers.LAYOUT, **loaded}}))
session = SessionStore()
session[SESSION_KEY] = str(owner.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]  # as a sign-in keeps it
session[HASH_SESSION_KEY] = owner.get_session_auth_hash()
session.create()
people = list(Person.objects.filter(owner=owner, archived=False).values_list("pk", flat=True))
print(json.dumps({{"session": session.session_key, "people": people,
                  "links": json.loads(marker.read_text())["links"]}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        sys.exit(out.stderr.strip())
    return {"data": data, **json.loads(out.stdout.strip().splitlines()[-1])}


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, session: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read().decode()


def wrk(base: str, paths: list[str], session: str, *, clients: int, seconds: int,
        pause: tuple[int, int]) -> dict:  # fmt: skip
    """Return wrk's figures for ``clients`` connections requesting ``paths`` at random."""
    script = WRK_SCRIPT % {
        "paths": ", ".join(json.dumps(p) for p in paths),
        "session": session,
        "low": pause[0],
        "high": pause[1],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s",
             "-s", handle.name, base],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    finally:
        os.unlink(handle.name)
    return json.loads(out.stdout.strip().splitlines()[-1])


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


def drawing_seconds(base: str, session: str, runs: int = 3) -> list[float] | None:
    """Return how long chromium takes, for each of ``runs`` loads of the network page, from
    asking for it to the graph of every person drawn (``#graph[data-ready]``); ``None``
    without chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
        page = context.new_page()
        for _ in range(runs):
            started = time.perf_counter()
            page.goto(f"{base}/network/")
            page.wait_for_selector("#graph[data-ready]", timeout=120_000)
            times.append(time.perf_counter() - started)
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="medium", choices=("small", "medium", "large"))
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench-web needs wrk: apt-get install wrk")
    folder = data_dir(args.preset)
    ready = prepare(folder)
    people = ready["people"]
    pages = dict(PAGES)
    pages["person page"] = [f"/people/{pk}/" for pk in people]
    pages["person's strength chart"] = [f"/people/{pk}/strength.json" for pk in people]
    served = ready["data"]
    if Path("/dev/shm").is_dir():
        served = Path("/dev/shm") / f"jalin-bench-web-{args.preset}"
        shutil.rmtree(served, ignore_errors=True)
        shutil.copytree(ready["data"], served)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "JALIN_DATA_DIR": str(served)}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("jalin")), "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    results: dict[str, dict] = {}
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for name, paths in pages.items():  # each page answers, signed in, before the load
            status, body = _get(base + paths[0], ready["session"])
            if status != 200 or 'name="password"' in body:
                sys.exit(f"{name} ({paths[0]}) did not answer as the signed-in owner")
        # The scheduler's first round (reminders, a rescore of stale scores) runs at start:
        # give it a quiet moment rather than measure the pages beside it.
        time.sleep(float(os.environ.get("BENCH_WEB_SETTLE", "20")))
        for name, paths in pages.items():
            results[name] = {
                mode: wrk(
                    base,
                    paths,
                    ready["session"],
                    clients=args.clients,
                    seconds=args.seconds,
                    pause=pause,
                )
                for mode, pause in PACES.items()
            }
            print(f"{name}: {json.dumps(results[name])}", file=sys.stderr)
        ready["drawing"] = drawing_seconds(base, ready["session"])
    finally:
        server.terminate()
        server.wait(timeout=30)
        if served != ready["data"]:
            shutil.rmtree(served, ignore_errors=True)
    report(args, ready, results)


def report(args, ready: dict, results: dict) -> None:
    """Print the figures as Markdown."""
    print(f"## The pages under load, {args.preset} preset (seed 7) — {machine()}\n")
    print(f"{len(ready['people']):,} people, {ready['links']:,} who-knows-whom links;"
          f" {args.clients} clients for {args.seconds} s a page.\n")  # fmt: skip
    print("| page | paced 1–5 s: median | p95 | requests (errors) | hurried 0.5–1.5 s: median |"
          " p95 | flat out: requests/s | median |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for name, figures in results.items():
        paced, hurried, flat = figures["paced"], figures["hurried"], figures["flat"]
        errors = sum(f["errors"] for f in figures.values())
        row(
            name,
            f"**{paced['p50'] / 1000:.0f} ms**",
            f"**{paced['p95'] / 1000:.0f} ms**",
            f"{paced['requests']:,} ({errors})",
            f"{hurried['p50'] / 1000:.0f} ms",
            f"{hurried['p95'] / 1000:.0f} ms",
            f"{flat['requests'] / flat['seconds']:.0f}",
            f"{flat['p50'] / 1000:.0f} ms",
        )
    print()
    if ready.get("drawing"):
        runs = ", ".join(f"{t:.1f}" for t in ready["drawing"])
        print(f"The network page in chromium, from asking to every person drawn: {runs} s.\n")


if __name__ == "__main__":
    main()
