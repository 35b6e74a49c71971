"""What every command shares: Django start-up, the owner acted for, output and errors."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, NoReturn

import typer
from rich.console import Console

console = Console()
error_console = Console(stderr=True)
chosen_username: str | None = None

EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1


def setup_django() -> None:
    """Configure Django once; commands that touch no data never pay for it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalin.settings")
    import django

    django.setup()


def migrate(verbosity: int = 0) -> None:
    """Create or upgrade the database tables (idempotent)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    error_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def current_owner():
    """Return the account commands act for: ``--user``/``JALIN_USER``, else the only one."""
    from django.contrib.auth import get_user_model
    from django.db.utils import OperationalError, ProgrammingError

    users = get_user_model().objects.order_by("id")
    try:
        if chosen_username:
            owner = users.filter(username=chosen_username).first()
            if owner is None:
                fail(f"no account named {chosen_username!r}")
            return owner
        found = list(users[:2])
    except (OperationalError, ProgrammingError):
        fail("the database is not set up yet: run `jalin init` first", EXIT_FAILURE)
    if not found:
        fail("there is no account yet: run `jalin init` (or `jalin demo`) first", EXIT_FAILURE)
    if len(found) > 1:
        fail("there are several accounts: say which with --user NAME or JALIN_USER")
    return found[0]


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_json_default))
    sys.stdout.write("\n")


def command(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a command: start Django, and turn the core's errors into messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        setup_django()
        from jalin.core.errors import InvalidInput, NotFound, PersonNotFound

        try:
            return func(*args, **kwargs)
        except PersonNotFound as error:
            lines = [str(error)]
            if error.candidates:
                lines.append("closest matches:")
                lines += [f"  #{c.id}  {c.name}  ({c.score:.0f})" for c in error.candidates]
                lines.append("name one of them more fully, or by its #id")
            fail("\n".join(lines))
        except (InvalidInput, NotFound) as error:
            fail(str(error))

    return wrapper
