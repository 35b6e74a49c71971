"""`make screenshots`: every main page in English and Indonesian, on a desktop and a phone.

    python scripts/screenshots.py [--out docs/screenshots]

Starts `jalin serve` on a throw-away data directory holding the demo network, signs in as
the demo account in Debian's chromium (through Playwright) and saves one JPEG per page,
language and screen: ``dashboard-en-desktop.jpg`` … A page that logs a JavaScript error
fails the run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PAGES = ["dashboard", "today", "people", "person", "network", "needs", "need", "imports",
         "review", "settings"]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _jalin(data: Path, *args: str, **kwargs) -> subprocess.Popen | subprocess.CompletedProcess:
    env = {**os.environ, "JALIN_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)
    command = [str(Path(sys.executable).with_name("jalin")), *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)  # fmt: skip
    return subprocess.run(command, env=env, check=True, capture_output=True, **kwargs)


def _wait(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"jalin did not answer at {url}")


def _urls(base: str, data: Path) -> dict[str, str]:
    """Return the address of each page, the person and the need the demo's first ones."""
    env = {**os.environ, "JALIN_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "jalin.settings"}
    env.pop("DATABASE_URL", None)
    probe = subprocess.run(
        [sys.executable, "-c", (
            "import django; django.setup();"
            "from jalin.core.models import Need, TieScore;"
            "s = TieScore.objects.order_by('-strength').first();"
            "n = Need.objects.order_by('pk').first();"
            "print(s.person_id, n.pk if n else '')"
        )],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    person, need = probe.stdout.split() + [""] * (2 - len(probe.stdout.split()))
    return {
        "dashboard": "/", "today": "/today/", "people": "/people/",
        "person": f"/people/{person}/", "network": "/network/", "needs": "/needs/",
        "need": f"/needs/{need}/" if need else "/needs/", "imports": "/imports/",
        "review": "/review/", "settings": "/settings/",
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", default="", help="Comma-separated pages (default: all).")
    parser.add_argument("--language", choices=["en", "id"], help="One language (default: both).")
    args = parser.parse_args()
    pages = [p for p in args.only.split(",") if p] or PAGES
    unknown = sorted(set(pages) - set(PAGES))
    if unknown:
        parser.error(f"unknown pages {', '.join(unknown)}; known: {', '.join(PAGES)}")
    languages = [args.language] if args.language else ["en", "id"]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    from jalin.domain.demo import DEMO_PASSWORD, DEMO_USERNAME

    data = Path(tempfile.mkdtemp(prefix="jalin-screens-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = None
    try:
        _jalin(data, "demo")
        server = _jalin(data, "serve", "--port", str(port), "--no-worker", background=True)
        _wait(f"{base}/login/")
        urls = _urls(base, data)
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for language in languages:
                for screen, size in SCREENS.items():
                    context = browser.new_context(viewport=size, locale=language)
                    page = context.new_page()
                    errors: list[str] = []
                    page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                    page.goto(f"{base}/login/")
                    page.fill("input[name=username]", DEMO_USERNAME)
                    page.fill("input[name=password]", DEMO_PASSWORD)
                    page.click("button[type=submit]")
                    page.wait_for_url(f"{base}/")
                    page.select_option("#language-select", language)
                    page.wait_for_load_state("networkidle")
                    for name in pages:
                        page.goto(base + urls[name])
                        page.wait_for_load_state("networkidle")
                        if name == "network":
                            page.wait_for_selector("#graph[data-ready]", timeout=30_000)
                        if name == "person":
                            page.wait_for_selector("#chart-strength-time[data-ready]")
                        path = out / f"{name}-{language}-{screen}.jpg"
                        # A phone shows the page scrolled, up to a few screens of it; the
                        # desktop one screen (a full-page capture resizes the window, and
                        # charts caught redrawing come out blank).
                        shot = {"path": str(path), "type": "jpeg", "quality": 80}
                        if screen == "phone":
                            height = page.evaluate("document.documentElement.scrollHeight")
                            height = min(height, 3 * size["height"])
                            shot.update(full_page=True, clip={"x": 0, "y": 0, **size,
                                                              "height": height})  # fmt: skip
                        page.screenshot(**shot)
                        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                    if errors:
                        raise SystemExit(f"JavaScript errors ({language}, {screen}): {errors}")
                    context.close()
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
