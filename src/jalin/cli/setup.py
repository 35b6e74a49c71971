"""Setting up and running: ``jalin init``, ``jalin demo``, ``jalin serve``."""

from __future__ import annotations

import getpass
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


@app.command()
@command
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    threads: int = typer.Option(8, help="Web server threads."),
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

    migrate()
    shown_host = f"[{host}]" if ":" in host else host
    console.print(f"jalin is running at [bold]http://{shown_host}:{port}/[/]", highlight=False)
    from django.contrib.auth import get_user_model

    if get_user_model().objects.filter(username=DEMO_USERNAME).exists():
        console.print(f"demo login: {DEMO_USERNAME} / {DEMO_PASSWORD}", highlight=False)
    elif database_is_empty():
        console.print("no account yet: run `jalin init --username NAME` or `jalin demo`")
    consumer = _start_worker() if worker else None
    try:
        waitress_serve(application, host=host, port=port, threads=threads, ident="jalin")
    except OSError as error:
        fail(f"cannot listen on {host}:{port} ({error.strerror})", EXIT_FAILURE)
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)


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
