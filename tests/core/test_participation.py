"""The participation rows scoring reads (time and packed shape beside each person of an
interaction) stay what the interactions say, whichever service wrote them."""

from __future__ import annotations

import copy

from jalin.core.models import ImportBatch, Participation
from jalin.core.participation import stale_rows
from jalin.core.services.backup import backup_export, backup_restore
from jalin.core.services.batches import import_batch_undo
from jalin.core.services.dedupe import merge_undo, person_merge
from jalin.core.services.demo import demo_load
from jalin.core.services.interactions import interaction_log
from tests.core.test_imports import CHAT, VCARDS, run


def test_a_row_that_disagrees_with_its_interaction_is_found(owner, make_person):
    ayu, budi = make_person("Ayu Lestari"), make_person("Budi Santoso")
    talk = interaction_log(owner=owner, people=[ayu, budi], channel="meeting")
    assert stale_rows(owner.pk) == []
    Participation.objects.filter(interaction=talk, person=ayu).update(shape=0)
    assert stale_rows(owner.pk) == [talk.pk]


def test_logging_and_importing_write_the_rows_scoring_reads(owner, make_person):
    budi = make_person("Budi Santoso")
    interaction_log(owner=owner, people=[budi], channel="call", minutes=20)
    run(owner, VCARDS, "contacts.vcf")
    run(owner, CHAT.encode(), "WhatsApp Chat with Budi Santoso.txt")
    run(owner, CHAT.encode(), "WhatsApp Chat with Budi Santoso.txt")  # adds nothing
    went_on = CHAT + "15/03/21, 10:15 - Ayu Lestari: Siap, makasih banyak!\n"
    summary = run(owner, went_on.encode(), "WhatsApp Chat with Budi Santoso.txt")
    assert summary.interactions_updated == 1  # a conversation grew: its shape changed
    assert Participation.objects.filter(owner=owner).count() == 3
    assert stale_rows(owner.pk) == []


def test_an_undone_import_leaves_no_rows_behind(owner):
    run(owner, CHAT.encode(), "WhatsApp Chat with Budi Santoso.txt")
    batch = ImportBatch.objects.filter(owner=owner).latest("id")
    import_batch_undo(owner=owner, batch_id=batch.pk)
    assert not Participation.objects.filter(owner=owner).exists()


def test_a_merge_and_its_undo_keep_the_rows_true(owner, make_person):
    keep, merge = make_person("Budi Santoso"), make_person("Budi S.")
    interaction_log(owner=owner, people=[merge], channel="message")
    shared = interaction_log(owner=owner, people=[keep, merge], channel="meeting")
    record = person_merge(owner=owner, keep=keep, merge=merge)
    assert stale_rows(owner.pk) == []
    assert Participation.objects.get(interaction=shared).person_id == keep.pk
    merge_undo(owner=owner, merge_id=record.pk)
    assert stale_rows(owner.pk) == []
    assert Participation.objects.filter(interaction=shared).count() == 2


def test_a_restored_backup_carries_true_rows(owner, other_owner, make_person):
    ayu, budi = make_person("Ayu Lestari"), make_person("Budi Santoso")
    interaction_log(owner=owner, people=[ayu, budi], channel="meeting", kind="ask")
    backup_restore(owner=other_owner, document=copy.deepcopy(backup_export(owner=owner)))
    assert Participation.objects.filter(owner=other_owner).count() == 2
    assert stale_rows(other_owner.pk) == []


def test_the_demo_network_carries_true_rows(db):
    demo_owner, counts = demo_load()
    assert Participation.objects.filter(owner=demo_owner).count() >= counts["interactions"]
    assert stale_rows(demo_owner.pk) == []
