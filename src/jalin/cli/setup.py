"""Setting up and running: ``jalin init``, ``jalin demo``, ``jalin serve``."""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from pathlib import Path

import typer

from jalin.cli import app
from jalin.cli.context import EXIT_FAILURE, command, console, fail, migrate


@app.command()
@command
def init(
    username: str = typer.Option(None, "--username", help="The owner account to create."),
    password_file: Path = typer.Option(
        None, "--password-file", help="Read the password from this file instead of asking."
    ),
) -> None:
    """Create or upgrade the database in the data directory, and the owner account."""
    from django.conf import settings

    from jalin.core.services.accounts import owner_create

    migrate()
    console.print(f"database ready: {settings.DATABASES['default']['NAME']}", highlight=False)
    if not username:
        return
    if password_file is not None:
        try:
            password = password_file.read_text().strip()
        except OSError as error:
            fail(f"{password_file}: cannot read the password ({error.strerror})")
    elif sys.stdin.isatty():
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            fail("the two passwords differ")
    else:
        fail("no terminal to ask for a password: use --password-file")
    owner_create(username=username, password=password)
    console.print(f"account {username!r} created", highlight=False)


@app.command()
@command
def demo(
    if_empty: bool = typer.Option(
        False, "--if-empty", help="Do nothing (and succeed) when the database holds data."
    ),
) -> None:
    """Load the demo network (about 150 people, three years of contact) into an empty database."""
    from jalin.core.services.demo import database_is_empty, demo_load
    from jalin.domain.demo import DEMO_PASSWORD, DEMO_USERNAME

    migrate()
    if if_empty and not database_is_empty():
        console.print("the database holds data already: demo not loaded")
        return
    with console.status("weaving the demo network…"):
        _, counts = demo_load()
    console.print(
        f"demo network loaded: {counts['people']} people, {counts['interactions']} interactions."
        f"\nlog in as [bold]{DEMO_USERNAME}[/] with password [bold]{DEMO_PASSWORD}[/]"
    )


def _default_processes() -> int:
    """Return how many web processes `jalin serve` starts: one per core, up to four, where
    processes can be forked (one elsewhere). Python runs one thread at a time per process,
    so a second core serves pages only from a second process."""
    if not hasattr(os, "fork"):
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def _default_threads(processes: int) -> int:
    """Return how many threads each web process serves with: one where there are several
    processes, four for a lone one (so that one slow page does not hold up every other).

    Python runs one thread of a process at a time, and threads hand that turn over at every
    database read: with four threads a page cost its process about a fifth more CPU time,
    and twenty clients flat out got a quarter fewer pages (docs/benchmarks.md). Waitress
    reads requests and writes answers in its own thread, so a slow client holds up nobody.
    """
    return 1 if processes > 1 else 4


def _freeze_what_started() -> None:
    """Put every object made so far (Django, the settings, the URLs, the models) beyond
    the garbage collector's reach, once, before serving.

    Each of the collector's full passes reads every live object: with the app's own
    thousands among them a pass held a page up by 40–60 ms, and with them frozen by under
    10 (docs/benchmarks.md). Frozen before forking, the copies also keep sharing those
    objects' memory rather than each writing its own copy as the collector marks them.
    """
    import gc

    gc.collect()
    gc.freeze()


@app.command()
@command
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    threads: int = typer.Option(
        None, help="Web server threads per process (default: 1 with several processes, else 4)."
    ),
    processes: int = typer.Option(
        None, help="Web server processes (default: one per core, up to 4; 1 without fork)."
    ),
    worker: bool = typer.Option(
        True, "--worker/--no-worker", help="Run the background worker in this process too."
    ),
) -> None:
    """Serve the web app (waitress, a production WSGI server) with its static files, and run
    the background work (imports, reminders) in the same process unless --no-worker."""
    from waitress import serve as waitress_serve

    from jalin.core.services.demo import database_is_empty
    from jalin.domain.demo import DEMO_PASSWORD, DEMO_USERNAME
    from jalin.wsgi import application

    processes = processes or _default_processes()
    if processes < 1 or (processes > 1 and not hasattr(os, "fork")):
        fail("--processes must be 1 here (or at least 1 where processes can be forked)")
    threads = threads or _default_threads(processes)
    if threads < 1:
        fail("--threads must be at least 1")
    migrate()
    shown_host = f"[{host}]" if ":" in host else host
    console.print(f"jalin is running at [bold]http://{shown_host}:{port}/[/]", highlight=False)
    from django.contrib.auth import get_user_model

    if get_user_model().objects.filter(username=DEMO_USERNAME).exists():
        console.print(f"demo login: {DEMO_USERNAME} / {DEMO_PASSWORD}", highlight=False)
    elif database_is_empty():
        console.print("no account yet: run `jalin init --username NAME` or `jalin demo`")
    options = {"threads": threads, "ident": "jalin"}
    if processes > 1:
        try:  # on Linux each copy listens on its own socket; this one only checks the port
            listening = _listen(host, port, shared=SHARE_PORT)
        except OSError as error:
            fail(f"cannot listen on {host}:{port} ({error.strerror})", EXIT_FAILURE)
        if SHARE_PORT:
            listening.close()
            listening = (host, port)
        _serve_forked(application, listening, processes, options, worker)
        return
    consumer = _start_worker() if worker else None
    _freeze_what_started()
    try:
        waitress_serve(application, host=host, port=port, **options)
    except OSError as error:
        fail(f"cannot listen on {host}:{port} ({error.strerror})", EXIT_FAILURE)
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)


SHARE_PORT = sys.platform.startswith("linux")  # where SO_REUSEPORT spreads connections
CANNOT_LISTEN = 3  # how a forked web process that could not listen exits


def _listen(host: str, port: int, *, shared: bool = False):
    """Return a socket listening on ``host:port``; ``shared``: one of several, each in its
    own process, among which Linux spreads the connections (``SO_REUSEPORT``)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listening.bind((host, port))
    listening.listen(1024)
    return listening


def _serve_forked(application, listening, processes: int, options: dict, worker: bool) -> None:
    """Serve from ``processes`` forked copies of this process, the background worker in
    this one. ``listening`` is a socket they share, or where each listens on its own (Linux:
    the kernel spreads connections evenly; on a shared socket a copy that accepts fastest
    would keep a browser's or a load tool's lasting connections to itself).

    A copy that dies is started again; Ctrl-C or SIGTERM stops them all. Forking happens
    before any thread is started and with no database connection open, so each copy opens
    its own.
    """
    import signal

    from django.db import connections
    from waitress import serve as waitress_serve

    connections.close_all()
    _freeze_what_started()
    parent = os.getpid()

    def start() -> int:
        pid = os.fork()
        if pid == 0:  # the copy: serve until told to stop
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the first process stops it
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                own = listening if not isinstance(listening, tuple) else None
                own = own or _listen(*listening, shared=True)
            except OSError:
                os._exit(CANNOT_LISTEN)
            _exit_with(parent)
            try:
                waitress_serve(application, sockets=[own], **options)
            finally:
                os._exit(0)
        return pid

    children = {start() for _ in range(processes)}
    consumer = _start_worker() if worker else None
    stopping = False

    def stop(*_args) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    try:
        while children:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            children.discard(pid)
            if os.waitstatus_to_exitcode(_status) == CANNOT_LISTEN:
                stop()
                console.print(f"a web process could not listen on {listening}", style="red")
            elif not stopping:
                console.print("a web process stopped; starting another", style="yellow")
                children.add(start())
    except KeyboardInterrupt:
        stop()
        for pid in list(children):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
    finally:
        if not isinstance(listening, tuple):
            listening.close()
        if consumer is not None:
            consumer.stop(graceful=True)


def _exit_with(parent: int) -> None:
    """Make this forked web process end when ``parent`` does, even killed outright (it
    would otherwise keep serving, orphaned): a thread looks every second."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="jalin-parent-watch", daemon=True).start()


def _start_worker():
    """Start huey's workers as threads of this process; return the consumer (or None)."""
    import signal

    from huey.contrib.djhuey import HUEY

    import jalin.tasks

    if HUEY.immediate:
        return None
    consumer = HUEY.create_consumer(workers=2, worker_type="thread", periodic=True)
    consumer.start()
    jalin.tasks.deliver_reminders()  # at once, not a quarter of an hour after the start
    jalin.tasks.refresh_query_statistics()  # a database imported into, never analysed
    # The consumer takes SIGINT/SIGTERM for itself; give them back so Ctrl-C stops the server.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    return consumer


@app.command()
@command
def worker(
    workers: int = typer.Option(2, help="Worker threads."),
) -> None:
    """Run the background worker alone (beside `jalin serve --no-worker` on a server)."""
    from huey.contrib.djhuey import HUEY

    import jalin.tasks  # noqa: F401  (registers the tasks)

    migrate()
    console.print(f"jalin worker running with {workers} threads")
    HUEY.create_consumer(workers=workers, worker_type="thread", periodic=True).run()
