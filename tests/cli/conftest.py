import json

import pytest
from typer.testing import CliRunner

from jalin.cli import app


class Jalin:
    """Runs ``jalin`` commands in-process, the way a person types them."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, list(args), input=input)

    def json(self, *args: str):
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture
def jalin(owner):
    return Jalin()


@pytest.fixture
def jalin_no_owner(db):
    return Jalin()
