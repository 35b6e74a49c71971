"""The database's statistics for its query planner, refreshed after an import."""

from __future__ import annotations

import pytest
from django.db import connection

from jalin.core.services.imports import import_paths
from jalin.core.services.maintenance import query_statistics_refresh
from jalin.importers.base import ImportOptions

pytestmark = pytest.mark.django_db


def _statistics() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1")
        return cursor.fetchone()[0]


def test_an_import_leaves_sqlite_with_statistics_of_the_network_it_grew(owner, tmp_path):
    if connection.vendor != "sqlite":
        assert query_statistics_refresh() is False  # autovacuum analyses PostgreSQL's tables
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone()[0] == 0
    card = tmp_path / "contacts.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sari Dewi\r\nTEL:+62 812 1111 2222\r\n"
                    "END:VCARD\r\n")  # fmt: skip
    outcomes = dict(import_paths(owner=owner, files=[(card, "contacts.vcf")],
                                 options=ImportOptions(filename="contacts.vcf")))  # fmt: skip
    assert outcomes["contacts.vcf"]["persons_created"] == 1
    assert _statistics() > 0
    assert query_statistics_refresh() is True
