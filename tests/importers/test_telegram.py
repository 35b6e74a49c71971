"""Telegram Desktop export (result.json): one chat, or the whole account.

Times in the real samples were checked with ``date -u -d @<date_unixtime>``; line numbers are
where each message's ``{`` stands (``grep -n``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalin.importers import registry, telegram
from jalin.importers.base import (
    ChatSummary,
    FormatError,
    ImportOptions,
    InteractionRecord,
    PersonRef,
    Skipped,
)
from tests.importers.conftest import (
    of_type,
    parse_all,
    realdata_files,
    realdata_path,
    require_realdata,
    source_from_bytes,
)
from tests.importers.fuzz import mutated, records_or_format_error, samples_of

SAMPLES = realdata_files("telegram", ".json")
DM = "telegram/single-chat-personal-dm-service-entities-from-chat-analytics.json"
SINGLE = "telegram/single-chat-minimal-from-chat-miner.json"
FULL = "telegram/full-export-chats-list-minimal-from-chat-miner.json"
BOB = PersonRef(name="Bob", uid="telegram:user700000000")


def parse_json(document: dict | list, **options) -> list:
    data = json.dumps(document, ensure_ascii=False, indent=1).encode()
    return list(telegram.parse(source_from_bytes(data, "result.json"), ImportOptions(**options)))


def message(at: int, author: str, text="hai", uid: int | None = None, **extra) -> dict:
    found = {"id": at, "type": "message", "date_unixtime": str(at), "from": author, "text": text}
    if uid is not None:
        found["from_id"] = f"user{uid}"
    return found | extra


@pytest.mark.parametrize("sample", SAMPLES)
def test_it_reads_every_telegram_sample(sample: str) -> None:
    records = parse_all(telegram, realdata_path(sample), me_names=("Author 1",))
    assert isinstance(records[-1], ChatSummary)
    assert of_type(records, InteractionRecord)


@pytest.mark.parametrize("sample", SAMPLES)
def test_it_is_the_importer_chosen_for_each_telegram_sample(sample: str) -> None:
    path = realdata_path(sample)
    assert registry.choose(path.read_bytes()[:4096], path.name) is telegram


def test_it_reads_a_personal_chat_and_knows_the_owner_is_not_the_peer() -> None:
    records = parse_all(telegram, realdata_path(DM), zone=UTC, keep_text=True)
    *conversations, call, summary = records
    assert [c.line for c in conversations] == [16, 40, 54, 82]
    assert [c.initiator for c in conversations] == ["them", "me", "them", "me"]
    assert [(c.messages_me, c.messages_them) for c in conversations] == [
        (0, 1),
        (1, 0),
        (1, 1),
        (2, 0),
    ]
    assert all(c.participants == (BOB,) and c.group == "" for c in conversations)
    first, _, third, fourth = conversations
    assert first.text == "https://google.com 👀"
    assert first.occurred_at == datetime(2019, 7, 12, 16, 55, 32, tzinfo=UTC)  # date only
    assert third.occurred_at == datetime(2022, 5, 9, 22, 23, 53, tzinfo=UTC)
    assert third.ended_at == datetime(2022, 5, 9, 23, 26, 9, tzinfo=UTC)  # 1 h later: same
    assert fourth.ended_at == datetime(2022, 6, 10, 22, 6, 39, tzinfo=UTC)
    assert (call.line, call.channel, call.initiator, call.minutes) == (106, "call", "me", 1)
    assert call.occurred_at == datetime(2023, 8, 11, 2, 11, 2, tzinfo=UTC)
    assert summary == ChatSummary(
        messages=6,  # 8 entries, two of them service messages
        authors={"Bob": 2, "Alice": 4},
        conversations=4,
        first_at="2019-07-12T16:55:32",
        last_at="2022-06-10T22:06:39",
        me="Alice",
        title="Bob",
        is_group=False,
    )


def test_it_reads_text_given_as_an_array_of_entities() -> None:
    records = parse_all(
        telegram, realdata_path(SINGLE), me_names=("Author 1",), keep_text=True, zone=UTC
    )
    conversation, summary = records
    assert conversation.text == "Minimal Message\nLink:https://telegram.org/"
    assert (conversation.line, conversation.initiator) == (3, "me")
    assert conversation.participants == (PersonRef(name="Author 2"),)
    assert conversation.occurred_at == datetime(2018, 12, 5, 10, 39, 10, tzinfo=UTC)
    assert conversation.ended_at == datetime(2018, 12, 5, 10, 49, 24, tzinfo=UTC)
    assert (summary.me, summary.messages, summary.is_group) == ("Author 1", 2, False)


def test_it_reads_the_chats_list_of_a_full_export() -> None:
    conversation, summary = parse_all(telegram, realdata_path(FULL), me_names=("Author 2",))
    assert (conversation.initiator, conversation.messages_me, conversation.messages_them) == (
        "them",
        1,
        1,
    )
    assert summary.title == "Chatname"
    assert summary.authors == {"Author 1": 1, "Author 2": 1}


def test_it_leaves_a_chat_without_a_known_owner_to_the_storing_side() -> None:
    [summary] = parse_all(telegram, realdata_path(SINGLE))
    assert summary.me is None
    assert summary.conversations == 0
    assert summary.authors == {"Author 1": 1, "Author 2": 1}


def full_export(**sections) -> dict:
    return {"about": "Here is the data you requested.", **sections}


def chat(name: str | None, kind: str, chat_id: int, *messages: dict) -> dict:
    return {"name": name, "type": kind, "id": chat_id, "messages": list(messages)}


def test_it_takes_the_owner_from_personal_information_in_a_full_export() -> None:
    group = chat(
        "Arisan",
        "private_group",
        9,
        message(1_700_000_000, "Budi", uid=2),
        message(1_700_000_060, "Ayu Lestari", uid=1),
        message(1_700_000_120, "Citra", uid=3, text=[{"type": "bold", "text": "makasih"}]),
        {"id": 4, "type": "service", "date_unixtime": "1700000180", "actor": "Budi"},
    )
    document = full_export(
        personal_information={"user_id": 1, "first_name": "Ayu", "last_name": "Lestari"},
        chats={"about": "", "list": [group, chat(None, "saved_messages", 1, message(1, "Ayu"))]},
    )
    conversation, summary = parse_json(document)
    assert conversation.group == "Arisan"
    assert set(conversation.participants) == {
        PersonRef("Budi", uid="telegram:user2"),
        PersonRef("Citra", uid="telegram:user3"),
    }
    assert (conversation.messages_me, conversation.messages_them, conversation.kind) == (
        1,
        2,
        "thanks",
    )
    assert (summary.me, summary.is_group, summary.messages) == ("Ayu Lestari", True, 3)


def test_it_finds_the_owner_present_in_every_personal_chat() -> None:
    budi = chat("Budi", "personal_chat", 2, message(10, "Budi", uid=2), message(20, "Ayu", uid=1))
    citra = chat("Citra", "personal_chat", 3, message(30, "Ayu", uid=1))
    group = chat(
        "Tim", "private_supergroup", 5, message(40, "Ayu", uid=1), message(50, "Budi", uid=2)
    )
    records = parse_json(full_export(chats={"list": [budi, citra, group]}))
    summaries = of_type(records, ChatSummary)
    assert [s.me for s in summaries] == ["Ayu", "Ayu", "Ayu"]
    team = of_type(records, InteractionRecord)[-1]
    assert (team.group, team.initiator, team.participants) == (
        "Tim",
        "me",
        (PersonRef("Budi", uid="telegram:user2"),),
    )


def test_it_reads_dates_without_an_offset_in_the_owners_zone_and_splits_by_silence() -> None:
    document = chat(
        "Budi",
        "personal_chat",
        2,
        {"id": 1, "type": "message", "date": "2024-01-01T08:00:00", "from": "Budi", "text": "a"},
        {"id": 2, "type": "message", "date": "2024-01-01T15:00:00", "from": "Ayu", "text": "b"},
        {"id": 3, "type": "message", "date": "not a date", "from": "Ayu", "text": "c"},
    )
    jakarta = ZoneInfo("Asia/Jakarta")
    skipped, first, second, summary = parse_json(document, zone=jakarta)
    assert skipped == Skipped(skipped.line, "a message without a readable date")
    assert skipped.line > 1
    assert first.occurred_at == datetime(2024, 1, 1, 8, 0, tzinfo=jakarta)
    assert (first.initiator, second.initiator) == ("them", "me")  # 7 hours apart
    assert (summary.first_at, summary.last_at) == ("2024-01-01T08:00:00", "2024-01-01T15:00:00")


def test_it_counts_deleted_accounts_and_ignores_missed_calls() -> None:
    document = chat(
        "Grup",
        "private_group",
        7,
        message(100, None, uid=None),
        message(150, "Budi"),
        message(200, "Ayu"),
        {
            "id": 9,
            "type": "service",
            "date_unixtime": "300",
            "actor": "Ayu",
            "action": "phone_call",
            "discard_reason": "missed",
        },
    )
    records = parse_json(document, me_names=("Ayu",))
    assert records[-1].authors == {"deleted account": 1, "Budi": 1, "Ayu": 1}
    [conversation] = of_type(records, InteractionRecord)  # no call: it was missed
    assert conversation.participants == (PersonRef("Budi"),)
    assert (conversation.messages_them, conversation.messages_me) == (2, 1)


def test_it_names_the_line_of_a_truncated_export() -> None:
    data = b'{\n "name": "Budi",\n "messages": [\n  {"id": 1,'
    with pytest.raises(FormatError) as error:
        list(telegram.parse(source_from_bytes(data), ImportOptions()))
    assert error.value.line == 4


def test_it_refuses_json_that_is_not_a_telegram_export() -> None:
    with pytest.raises(FormatError, match="no messages and no chats"):
        parse_json({"format": "something else"})
    with pytest.raises(FormatError, match="not an object"):
        parse_json([1, 2])


def test_it_does_not_claim_other_json() -> None:
    assert telegram.sniff(b'{"format": "jalin-backup", "people": []}', "backup.json") == 0.0
    assert telegram.sniff(b"BEGIN:VCARD", "result.json") == 0.0


PIECES = [b"null", b"[]", b"{}", b'"x"', b"1e999", b"-1", b'"service"', b","]


def json_values():
    scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "messages",
                        "chats",
                        "list",
                        "text",
                        "from",
                        "from_id",
                        "type",
                        "date",
                        "date_unixtime",
                        "id",
                        "name",
                        "personal_information",
                        "text_entities",
                        "action",
                        "duration_seconds",
                        "actor_id",
                    ]
                ),
                inner,
                max_size=5,
            )
        ),
        max_leaves=30,
    )


def parse_or_refuse(data: bytes) -> None:
    records_or_format_error(telegram, data, allowed=(InteractionRecord, ChatSummary, Skipped))


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400))
def test_it_reads_or_refuses_random_bytes(data: bytes) -> None:
    parse_or_refuse(data)


@settings(max_examples=200, deadline=None)
@given(document=json_values())
def test_it_reads_or_refuses_any_json_shape(document) -> None:
    parse_or_refuse(json.dumps(document).encode())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_it_reads_or_refuses_mutated_samples(data) -> None:
    require_realdata()
    parse_or_refuse(data.draw(mutated(samples_of(SAMPLES), PIECES, cut=40)))
