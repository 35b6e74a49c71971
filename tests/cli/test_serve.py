"""`jalin serve` with several web processes: they answer, one that dies is replaced, and
SIGTERM stops them all."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not Path("/proc/self/task").exists(),
    reason="forked web processes need os.fork (and /proc to find them)",
)
DEADLINE = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def until(condition, what: str):
    """Return the first true value of ``condition()``, asked until the deadline."""
    give_up = time.monotonic() + DEADLINE
    while time.monotonic() < give_up:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def children_of(pid: int) -> set[int]:
    return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def start_server(data: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "JALIN_DATA_DIR": str(data)}
    for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE"):  # the app's own settings
        env.pop(name, None)
    jalin = str(Path(sys.executable).with_name("jalin"))
    server = subprocess.Popen(
        [jalin, "serve", "--port", str(port), "--processes", "2", "--no-worker"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/login/"
    until(lambda: answers(url), "the server to answer")
    return server, url


def two_copies(server: subprocess.Popen, without: int | None = None) -> set[int] | None:
    copies = children_of(server.pid)
    return copies if len(copies) == 2 and without not in copies else None


def test_serve_runs_web_processes_that_answer_are_replaced_and_stop(tmp_path):
    server, url = start_server(tmp_path)
    try:
        first = until(lambda: two_copies(server), "two web processes")
        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        now = until(lambda: two_copies(server, without=victim), "a replacement")
        assert len(now - first) == 1
        assert all(answers(url) for _ in range(6))
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=DEADLINE) == 0
        assert not any(alive(pid) for pid in now)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_web_processes_end_when_the_first_is_killed_outright(tmp_path):
    server, _url = start_server(tmp_path)
    copies = until(lambda: two_copies(server), "two web processes")
    server.kill()
    server.wait()
    until(lambda: not any(alive(pid) for pid in copies), "the copies to end")


def test_several_web_processes_serve_a_page_at_a_time_and_a_lone_one_four():
    from jalin.cli.setup import _default_threads

    assert _default_threads(2) == 1
    assert _default_threads(4) == 1
    assert _default_threads(1) == 4


def test_what_started_is_frozen_beyond_the_garbage_collectors_reach():
    import gc

    from jalin.cli.setup import _freeze_what_started

    def collected(thing) -> bool:  # among what a collection reads
        return any(tracked is thing for tracked in gc.get_objects())

    started = [object()]  # made before serving, as the app's own objects are
    try:
        _freeze_what_started()
        served = [object()]  # made while serving: a page's
        assert not collected(started)
        assert collected(served)
    finally:
        gc.unfreeze()
    assert collected(started)
