"""The shared import service: resolve, store atomically and idempotently, undo."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import pytest

from jalin.core.errors import InvalidInput
from jalin.core.models import ContactPoint, DuplicatePair, ImportBatch, Interaction, Person
from jalin.core.services.batches import import_batch_undo
from jalin.core.services.imports import import_file
from jalin.importers.base import FormatError, ImportOptions, ImportSource

VCARDS = b"""BEGIN:VCARD\r
VERSION:3.0\r
FN:Budi Santoso\r
N:Santoso;Budi;;;\r
TEL;TYPE=CELL:0812-3456-7890\r
EMAIL:budi@example.com\r
ORG:Bank Mandiri\r
TITLE:Analyst\r
CATEGORIES:Teman,Alumni ITB\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Siti Rahmawati\r
TEL:+62 813-1111-2222\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Pak Budi Santoso\r
TEL:081234567890\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Sity Rahmawaty\r
EMAIL:siti.r@example.com\r
END:VCARD\r
"""

CHAT = """12/03/21, 14:05 - Budi Santoso: Halo, apa kabar?
12/03/21, 14:07 - Ayu Lestari: Baik! Kamu gimana?
15/03/21, 09:00 - Ayu Lestari: Bud, minta tolong dong, ada lowongan di kantormu?
15/03/21, 09:30 - Budi Santoso: Ada, nanti aku kenalin ke HR
"""
LATER = CHAT + "20/03/21, 19:00 - Budi Santoso: Sudah aku kirim CV-mu ya\n"


def source(data: bytes, name: str) -> ImportSource:
    return ImportSource(name=name, open=lambda: io.BytesIO(data))


def run(owner, data: bytes, name: str, **options):
    options = ImportOptions(zone=ZoneInfo("Asia/Jakarta"), filename=name, **options)
    return import_file(owner=owner, source=source(data, name), options=options)


def test_contacts_are_created_and_strong_keys_merge_automatically(owner):
    summary = run(owner, VCARDS, "contacts.vcf")
    assert summary.records == 4
    # "Pak Budi Santoso" shares Budi's phone (written differently): the same person.
    assert summary.persons_created == 3
    budi = Person.objects.get(owner=owner, name="Budi Santoso")
    assert set(budi.contact_points.values_list("value", flat=True)) == {
        "+6281234567890",
        "budi@example.com",
    }
    assert [c.slug for c in budi.circles.all()] == ["friends"]
    assert [t.name for t in budi.tags.all()] == ["Alumni ITB"]
    assert budi.affiliations.get().organisation.name == "Bank Mandiri"


def test_similar_names_without_a_shared_key_go_to_review(owner):
    summary = run(owner, VCARDS, "contacts.vcf")
    assert summary.duplicates_suggested == 1
    pair = DuplicatePair.objects.get(owner=owner)
    assert {pair.a.name, pair.b.name} == {"Siti Rahmawati", "Sity Rahmawaty"}


def test_importing_the_same_file_twice_adds_nothing(owner):
    run(owner, VCARDS, "contacts.vcf")
    people = Person.objects.filter(owner=owner).count()
    points = ContactPoint.objects.filter(owner=owner).count()
    second = run(owner, VCARDS, "contacts.vcf")
    assert second.persons_created == 0
    assert second.persons_matched == 3
    assert Person.objects.filter(owner=owner).count() == people
    assert ContactPoint.objects.filter(owner=owner).count() == points
    assert DuplicatePair.objects.filter(owner=owner).count() == 1


def test_a_chat_becomes_conversations_with_initiator_and_kind(owner):
    summary = run(owner, CHAT.encode(), "WhatsApp Chat with Budi Santoso.txt")
    assert (summary.messages, summary.conversations, summary.me) == (4, 2, "Ayu Lestari")
    assert summary.first_at == "2021-03-12T14:05"
    rows = list(Interaction.objects.filter(owner=owner).order_by("occurred_at"))
    assert [(i.initiator, i.kind) for i in rows] == [("them", "touch"), ("me", "ask")]
    assert [(i.messages_me, i.messages_them) for i in rows] == [(1, 1), (1, 1)]
    assert rows[0].text == ""  # message text is kept only when asked


def test_a_chat_attaches_to_the_person_of_that_name(owner):
    run(owner, VCARDS, "contacts.vcf")
    run(owner, CHAT.encode(), "WhatsApp Chat with Budi Santoso.txt")
    budi = Person.objects.get(owner=owner, name="Budi Santoso")
    assert budi.interactions.count() == 2
    assert Person.objects.filter(owner=owner, name="Budi Santoso").count() == 1


def test_a_later_export_of_the_same_chat_adds_only_what_is_new(owner):
    run(owner, CHAT.encode(), "WhatsApp Chat with Budi Santoso.txt")
    summary = run(owner, LATER.encode(), "WhatsApp Chat with Budi Santoso.txt")
    assert summary.interactions_created == 1
    assert Interaction.objects.filter(owner=owner).count() == 3


def test_a_chat_whose_owner_is_unknown_stores_nothing_and_asks_for_me(owner):
    with pytest.raises(InvalidInput, match="--me"):
        run(owner, CHAT.encode(), "chat.txt")
    assert not Interaction.objects.exists()
    assert not ImportBatch.objects.exists()
    summary = run(owner, CHAT.encode(), "chat.txt", me_names=("Ayu Lestari",))
    assert summary.interactions_created == 2


def test_a_dry_run_counts_everything_and_stores_nothing(owner):
    options = ImportOptions(zone=ZoneInfo("Asia/Jakarta"), filename="contacts.vcf")
    summary = import_file(
        owner=owner, source=source(VCARDS, "contacts.vcf"), options=options, dry_run=True
    )
    assert summary.persons_created == 3
    assert summary.batch_id is None
    assert not Person.objects.exists()
    assert not ImportBatch.objects.exists()


def test_an_unreadable_file_is_refused_whole(owner):
    with pytest.raises(FormatError):
        run(owner, b"\x00\x01 not a format at all", "mystery.bin")
    assert not ImportBatch.objects.exists()


def test_undoing_an_import_removes_what_it_added(owner, make_person):
    kept = make_person("Orang Lama", phones=["0899-1111-2222"])
    summary = run(owner, VCARDS, "contacts.vcf")
    run(owner, CHAT.encode(), "WhatsApp Chat with Budi Santoso.txt")
    chat_batch = ImportBatch.objects.filter(owner=owner).latest("id")
    counts = import_batch_undo(owner=owner, batch_id=chat_batch.pk)
    assert counts["interactions"] == 2
    assert not Interaction.objects.exists()
    import_batch_undo(owner=owner, batch_id=summary.batch_id)
    assert list(Person.objects.filter(owner=owner)) == [kept]
    assert not DuplicatePair.objects.exists()
    with pytest.raises(InvalidInput, match="undone already"):
        import_batch_undo(owner=owner, batch_id=summary.batch_id)


def test_imports_never_reach_another_owners_people(owner, other_owner):
    from jalin.core.services.people import person_create

    theirs = person_create(owner=other_owner, name="Budi Santoso", phones=["0812-3456-7890"])
    run(owner, VCARDS, "contacts.vcf")
    assert theirs.contact_points.count() == 1
    assert not theirs.interactions.exists()
    assert Person.objects.filter(owner=other_owner).count() == 1


def test_a_large_single_file_is_read_in_a_worker_with_the_same_result(owner, tmp_path, monkeypatch):
    from jalin.core.services.imports import import_paths
    from jalin.importers import ahead

    path = tmp_path / "WhatsApp Chat with Budi Santoso.txt"
    path.write_text(CHAT * 3)
    monkeypatch.setattr(ahead, "STREAM_FROM_BYTES", 1)
    options = ImportOptions(zone=ZoneInfo("Asia/Jakarta"))
    [(_name, summary)] = import_paths(owner=owner, files=[(path, path.name)], options=options)
    assert summary["messages"] == 12
    assert summary["interactions_created"] == 2


def test_a_file_that_fails_in_the_worker_stores_nothing(owner, tmp_path, monkeypatch):
    from jalin.core.services.imports import import_paths
    from jalin.importers import ahead

    path = tmp_path / "contacts.vcf"
    path.write_bytes(b"not a vcard at all\r\n" * 10)
    monkeypatch.setattr(ahead, "STREAM_FROM_BYTES", 1)
    [(_name, outcome)] = import_paths(
        owner=owner, files=[(path, path.name)], options=ImportOptions(), format="vcard"
    )
    assert isinstance(outcome, FormatError)
    assert not ImportBatch.objects.exists()


def _chats(tmp_path, *names: str) -> list:
    files = []
    for number, name in enumerate(names, start=1):
        path = tmp_path / f"WhatsApp Chat with {name}.txt"
        path.write_text(
            f"0{number}/03/21, 14:05 - {name}: Halo!\n0{number}/03/21, 14:06 - Ayu: Hai\n"
        )
        files.append((path, path.name))
    return files


def test_a_failing_file_among_several_is_rolled_back_alone(owner, tmp_path):
    from jalin.core.services.imports import import_paths

    files = _chats(tmp_path, "Budi Santoso", "Sari Dewi", "Ani Wijaya")
    # A group chat where nobody can be told apart as "me": it must store nothing.
    group = tmp_path / "WhatsApp Chat with Arisan.txt"
    group.write_text("01/03/21, 14:05 - Rina: Halo!\n01/03/21, 14:06 - Tono: Hai\n"
                     "01/03/21, 14:07 - Wati: Hadir\n")  # fmt: skip
    files.insert(1, (group, group.name))
    options = ImportOptions(zone=ZoneInfo("Asia/Jakarta"))  # "me" is told in 1:1 chats only
    outcomes = dict(import_paths(owner=owner, files=files, options=options))
    assert isinstance(outcomes[group.name], InvalidInput)
    assert [
        outcomes[name]["interactions_created"] for _path, name in files if name != group.name
    ] == [1, 1, 1]
    assert sorted(Person.objects.filter(owner=owner).values_list("name", flat=True)) == [
        "Ani Wijaya", "Budi Santoso", "Sari Dewi",
    ]  # fmt: skip
    assert ImportBatch.objects.filter(owner=owner).count() == 3


def test_workers_are_spawned_when_the_process_has_threads(owner, tmp_path, monkeypatch):
    from jalin.core.services.imports import import_paths
    from jalin.importers import ahead

    monkeypatch.setattr(ahead.threading, "active_count", lambda: 2)
    assert ahead._context().get_start_method() == "spawn"
    files = _chats(tmp_path, "Budi Santoso", "Sari Dewi")
    options = ImportOptions(zone=ZoneInfo("Asia/Jakarta"), me_names=("Ayu",))
    outcomes = dict(import_paths(owner=owner, files=files, options=options))
    assert [o["interactions_created"] for o in outcomes.values()] == [1, 1]


def test_a_later_export_extends_a_conversation_that_went_on(owner):
    run(owner, CHAT.encode(), "WhatsApp Chat with Budi Santoso.txt")
    went_on = CHAT + "15/03/21, 10:15 - Ayu Lestari: Siap, makasih banyak!\n"
    summary = run(owner, went_on.encode(), "WhatsApp Chat with Budi Santoso.txt")
    assert (summary.interactions_created, summary.interactions_updated) == (0, 1)
    latest = Interaction.objects.filter(owner=owner).order_by("-occurred_at").first()
    assert (latest.messages_me, latest.messages_them) == (2, 1)
