"""Shared fixtures: owners, people, and the rules for the PostgreSQL and browser runs."""

from __future__ import annotations

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def pytest_configure(config: pytest.Config) -> None:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        try:
            psycopg.connect(url, connect_timeout=5).close()
        except psycopg.OperationalError as error:
            reason = f"PostgreSQL at {url} is not reachable ({error})".strip()
            if IN_CI:
                pytest.exit(f"FAILED: {reason}; CI requires PostgreSQL", returncode=1)
            pytest.exit(f"SKIPPED the PostgreSQL run: {reason}", returncode=0)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches the database ``db``, so CI can rerun them on PostgreSQL."""
    for item in items:
        if item.get_closest_marker("django_db") or DB_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.db)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with an empty cache: ids and frozen clocks repeat across tests, so a
    figure kept by one (jalin.core.read_cache) could otherwise answer the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def owner(db, django_user_model):
    from jalin.core.services.accounts import owner_create

    return owner_create(username="ayu", password="not-checked-here", validate=False)


@pytest.fixture
def other_owner(db):
    from jalin.core.services.accounts import owner_create

    return owner_create(username="bima", password="not-checked-here", validate=False)


@pytest.fixture
def make_person(owner):
    from jalin.core.services.people import person_create

    def make(name: str, *, who=None, **fields):
        return person_create(owner=who or owner, name=name, **fields)

    return make
