"""The ``jalin`` command: a thin shell over the core's selectors and services.

Every read command takes ``--json``. Errors go to standard error; the exit code is 0 on
success, 2 for bad input or a person or file that cannot be found, 1 for anything else.
"""

from __future__ import annotations

import typer

from jalin.cli import context

app = typer.Typer(
    name="jalin",
    help="jalin keeps your network wide and strong: who to reach today, and why.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def _options(
    user: str = typer.Option(
        None, "--user", envvar="JALIN_USER", help="The account to act for (when there are several)."
    ),
) -> None:
    context.chosen_username = user


def main() -> None:
    """Run the ``jalin`` command line."""
    app()


# The command modules register themselves on ``app``.
from jalin.cli import backup, classify, imports, needs, people, setup, ties, today  # noqa: E402, F401
