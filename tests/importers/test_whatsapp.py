"""The WhatsApp importer: golden expectations checked by hand against the raw samples in
../shared/realdata/whatsapp, small chats written here, and property tests on random bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalin.importers import whatsapp
from jalin.importers.base import (
    DEFAULT_ZONE,
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
    source_from_bytes,
)
from tests.importers.fuzz import records_or_format_error, samples_of

ONE_TO_ONE = "WhatsApp Chat with Budi Santoso.txt"


def chat(*lines: str, name: str = ONE_TO_ONE, **options) -> list:
    """Parse a chat written inline (one string per line) as if exported under ``name``."""
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return list(
        whatsapp.parse(source_from_bytes(data, name), ImportOptions(filename=name, **options))
    )


def summary_of(records: list) -> ChatSummary:
    assert isinstance(records[-1], ChatSummary), "the summary comes last"
    assert len(of_type(records, ChatSummary)) == 1
    return records[-1]


def at(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=DEFAULT_ZONE)


# --- every real sample --------------------------------------------------------------------


@pytest.mark.parametrize("name", realdata_files("whatsapp"))
def test_it_parses_every_real_sample_without_skipping_a_line(name):
    records = parse_all(whatsapp, realdata_path(name))
    summary = summary_of(records)
    assert summary.messages > 0
    assert summary.first_at <= summary.last_at
    assert of_type(records, Skipped) == []
    interactions = of_type(records, InteractionRecord)
    assert len(interactions) == (summary.conversations if summary.me else 0)
    assert sum(r.messages_me + r.messages_them for r in interactions) in (0, summary.messages)


# Counted by hand (grep and reading) in the raw files; system lines and the notices iOS writes
# under a contact's name are not messages.
GOLDEN = {
    "android-en-dd-mm-yyyy-24h-media-captions-deleted-from-whats_json.txt": dict(
        messages=59, authors={"Dmitry S": 51, "Elon": 8}, conversations=5,
        first_at="2022-03-18T14:56", last_at="2023-01-07T23:32",
        title="", is_group=False, me="Elon",  # "Elon: You deleted this message"
    ),
    "ios-id-m-d-yy-dotted-time-from-whats_json.txt": dict(
        messages=25, authors={"Dmitry S": 24, "Elon Musk": 1}, conversations=3,
        first_at="2022-03-27T21:41:35", last_at="2023-01-12T15:35:14",
        title="Elon Musk", is_group=False, me="Dmitry S",  # "Anda menghapus pesan ini."
    ),
    "android-es-mm-dd-yyyy-12h-a.m.-from-chat-miner.txt": dict(
        messages=7, conversations=7,
        authors={"John Doe": 3, "Jahn Doe": 1, "John-John Doe": 1, "John Doe 🤓": 1, "🤓": 1},
        first_at="2019-01-01T11:25", last_at="2021-12-30T22:01",
        title="", is_group=True, me=None,
    ),
    "ios-en-dd-mm-yyyy-12h-nnbsp-arabic-business-from-whats-reader.txt": dict(
        messages=4, authors={"Amazon EG": 4}, conversations=3,  # one message is empty
        first_at="2025-11-13T09:09:43", last_at="2025-12-19T08:50:53",
        title="Amazon EG", is_group=False, me=None,
    ),
    "android-m-d-yy-24h-out-of-order-from-chat-analytics.txt": dict(
        messages=5, authors={"A": 3, "B": 2}, conversations=1,
        first_at="2021-01-01T12:00", last_at="2021-01-01T12:03",
        title="", is_group=False, me=None,
    ),
    "android-en-m-d-yy-24h-indonesian-group-from-WhatsApp-Analyzer.txt": dict(
        messages=123, conversations=17,
        authors={
            "+62 8xx-xxx-x09": 39, "+62 8xx-xxxx-xx83": 38, "+62 8xx-xxxx-xx67": 28,
            "+62 8xx-xxxx-xx57": 4, "+62 8xx-xxxx-xx31": 3, "+62 8xx-xxxx-xx26": 3,
            "+62 8xx-xxxx-xx24": 3, "+62 8xx-xxxx-xx96": 2, "+62 8xx-xxxx-xx73": 1,
            "+62 8xx-xxxx-xx5": 1, "+62 8xx-xxxx-xx06": 1,
        },
        first_at="2019-02-21T22:27", last_at="2019-09-18T15:49",
        title="", is_group=True, me=None,
    ),
    "ios-en-dd.mm.yy-24h-crlf-attached-poll-from-whatsapp-chat-parser-website.txt": dict(
        messages=48, authors={"Emily": 7, "John": 12, "Loris": 29}, conversations=1,
        first_at="2019-06-20T15:58:53", last_at="2019-06-20T16:45:28",
        title="", is_group=True, me=None,
    ),
    "ios-en-dd.mm.yy-24h-export-with-media-from-whatsapp-chat-parser-website.zip": dict(
        messages=48, authors={"Emily": 7, "John": 12, "Loris": 29}, conversations=1,
        first_at="2019-06-20T15:58:53", last_at="2019-06-20T16:45:28",
        title="", is_group=True, me=None,
    ),
    "ios-ru-m-d-yy-24h-export-from-whats_json.zip": dict(
        messages=22, authors={"Dmitry Starkov": 21, "Elon Musk": 1}, conversations=1,
        first_at="2022-03-27T21:41:35", last_at="2022-03-27T21:56:45",
        title="Elon Musk", is_group=False, me="Dmitry Starkov",
    ),
    "android-en-24h-group-bom-from-WhatsR-englishandroid24h.txt": dict(
        messages=42, authors={"Alice": 13, "Bob": 19, "Carol": 5, "Dave": 4, "Mallory": 1},
        conversations=2, first_at="2018-01-29T12:24", last_at="2018-01-30T00:23",
        title="", is_group=True, me=None,
    ),
    "android-en-dd.mm.yyyy-24h-from-whatstk-pokemon.txt": dict(
        messages=18, conversations=7,
        authors={
            "Ash Ketchum": 4, "Brock": 3, "Misty": 4, "Prof. Oak": 2, "Jessie & James": 1,
            "Raichu": 2, "Meowth": 1, "Wobbuffet": 1,
        },
        first_at="2016-08-06T13:23", last_at="2016-10-31T12:23",
        title="Pokemon Chat", is_group=True, me=None,  # the banner is written under it
    ),
    "android-cs-dd.mm.yy-no-comma-24h-from-whats_json.txt": dict(
        messages=59, authors={"Dmitry S": 51, "Elon": 8}, conversations=5,
        first_at="2022-03-18T14:56", last_at="2023-01-07T23:32",
        title="", is_group=False, me="Elon",
    ),
    "android-yyyy-mm-dd-24h-from-chat-miner.txt": dict(
        messages=7, conversations=7,
        authors={"John Doe": 3, "Jahn Doe": 1, "John-John Doe": 1, "John Doe 🤓": 1, "🤓": 1},
        first_at="2019-01-01T11:25", last_at="2021-12-30T22:01",
        title="", is_group=True, me=None,
    ),
    "ios-vi-time-first-from-whats_json.txt": dict(
        messages=25, authors={"Dmitry S": 24, "Musk Elon": 1}, conversations=3,
        first_at="2022-03-27T21:41:35", last_at="2023-01-12T15:35:15",
        title="Musk Elon", is_group=False, me="Dmitry S",
    ),
    "ios-en-buddhist-calendar-BE-year-from-whats_json.txt": dict(
        messages=25, authors={"Dmitry S": 24, "Elon Musk": 1}, conversations=3,
        first_at="2022-03-27T21:41:35", last_at="2023-01-12T15:35:15",
        title="Elon Musk", is_group=False, me="Dmitry S",
    ),
    "ios-en-japanese-calendar-era-year-from-whats_json.txt": dict(
        messages=25, authors={"Dmitry S": 24, "Elon Musk": 1}, conversations=3,
        first_at="2022-03-27T21:41:35", last_at="2023-01-12T15:35:15",
        title="Elon Musk", is_group=False, me="Dmitry S",
    ),
    "android-en-dd-mm-yyyy-24h-emoji-from-rwhatsapp.txt": dict(
        messages=7, authors={"Johannes Gruber": 6, "Test": 1}, conversations=3,
        first_at="2017-07-12T22:35", last_at="2018-09-28T13:30",
        title="", is_group=True, me=None,  # 'You created group "Tes"'
    ),
}  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), GOLDEN.items(), ids=list(GOLDEN))
def test_it_matches_what_the_raw_sample_holds(name, expected):
    summary = summary_of(parse_all(whatsapp, realdata_path(f"whatsapp/{name}")))
    assert {key: getattr(summary, key) for key in expected} == expected


@pytest.mark.parametrize(
    ("name", "first_at"),
    [
        ("android-dd-mm-yy-24h-from-chat-miner.txt", "2019-01-01T11:25"),  # 20/01/19: dmy
        ("android-mm-dd-yy-24h-from-chat-miner.txt", "2019-01-01T11:25"),  # 01/20/19: mdy
        ("ios-style-bracket-mm-dd-yy-24h-from-chat-miner.txt", "2019-01-01T11:25"),
    ],
)
def test_it_infers_the_day_month_order_of_each_sample(name, first_at):
    records = parse_all(whatsapp, realdata_path(f"whatsapp/{name}"), me_names=("Jahn Doe",))
    summary = summary_of(records)
    assert (summary.first_at, summary.last_at) == (first_at, "2021-12-30T22:01")
    starts = [r.occurred_at for r in of_type(records, InteractionRecord)]
    assert at(2019, 1, 20, 11, 23) in starts  # the day is 20 in either order
    assert at(2020, 6, 10, 15, 55) in starts  # 10/06/20 (dmy) or 06/10/20 (mdy): June 10


def test_it_reads_spanish_a_m_and_p_m_hours():
    path = realdata_path("whatsapp/android-es-mm-dd-yyyy-12h-a.m.-from-chat-miner.txt")
    records = parse_all(whatsapp, path, me_names=("Jahn Doe",))
    starts = [r.occurred_at for r in of_type(records, InteractionRecord)]
    assert at(2019, 1, 30, 20, 49) in starts  # 08:49 p. m.
    assert at(2021, 12, 20, 12, 10) in starts  # 12:10 p. m. is noon
    assert at(2019, 1, 1, 11, 25) in starts  # 11:25 a. m.


def test_it_reads_the_narrow_no_break_space_before_pm():
    path = realdata_path(
        "whatsapp/ios-en-dd-mm-yyyy-12h-nnbsp-arabic-business-from-whats-reader.txt"
    )
    records = parse_all(whatsapp, path, me_names=("Ayu",), keep_text=True)
    starts = [r.occurred_at for r in of_type(records, InteractionRecord)]
    assert starts == [
        at(2025, 11, 13, 12, 25, 55),
        at(2025, 12, 18, 15, 33, 12),
        at(2025, 12, 19, 8, 50, 53),
    ]
    assert records[0].text.count("\n") == 6  # an empty message, then six lines from 9:09 AM


def test_it_does_not_split_a_conversation_on_an_out_of_order_line():
    path = realdata_path("whatsapp/android-m-d-yy-24h-out-of-order-from-chat-analytics.txt")
    [record] = of_type(parse_all(whatsapp, path, me_names=("A",)), InteractionRecord)
    assert (record.occurred_at, record.ended_at) == (at(2021, 1, 1, 12, 0), at(2021, 1, 1, 12, 2))
    assert (record.messages_me, record.messages_them) == (3, 2)


def test_it_keeps_multi_line_messages_media_and_deletions_in_real_samples():
    path = realdata_path(
        "whatsapp/android-en-dd-mm-yyyy-24h-media-captions-deleted-from-whats_json.txt"
    )
    records = of_type(parse_all(whatsapp, path, keep_text=True), InteractionRecord)
    assert "<Media omitted>\nCaption\n" in records[0].text
    third = records[2]  # 27/03 13:42 to 15:21; Elon (me) deleted one message at 15:14
    assert "This message was deleted" in third.text
    assert "You deleted this message" in third.text
    assert (third.occurred_at, third.messages_me) == (at(2022, 3, 27, 13, 42), 1)
    assert all(r.participants == (PersonRef(name="Dmitry S"),) for r in records)


def test_it_reads_the_indonesian_dotted_time_and_counts_ios_media_placeholders():
    path = realdata_path("whatsapp/ios-id-m-d-yy-dotted-time-from-whats_json.txt")
    records = of_type(parse_all(whatsapp, path, keep_text=True), InteractionRecord)
    assert records[0].occurred_at == at(2022, 3, 27, 21, 41, 35)
    assert "gambar tidak disertakan" in records[0].text
    assert "Pesan ini dihapus." in records[0].text  # Elon's deleted message is his message
    assert (records[0].messages_me, records[0].messages_them) == (21, 1)
    assert "Kode keamanan" not in "".join(r.text for r in records)  # a notice, not a message


def test_it_reads_arabic_indic_digits_and_the_arabic_pm():
    path = realdata_path("whatsapp/ios-ar-arabic-indic-digits-12h-from-whats_json.txt")
    summary = summary_of(parse_all(whatsapp, path))
    assert (summary.first_at, summary.last_at) == ("2022-03-27T21:41:35", "2022-03-27T21:56:45")
    assert summary.title == "+40 521 028 61 88"  # the number the banner is written under


# --- small chats written here -------------------------------------------------------------


def test_it_splits_conversations_after_more_than_six_hours_of_silence():
    records = chat(
        "12/03/21, 09:00 - Budi Santoso: Pagi, Ndi",
        "12/03/21, 09:05 - Andi Pratama: Pagi Bud",
        "12/03/21, 15:05 - Budi Santoso: Exactly six hours later: still the same conversation",
        "12/03/21, 21:06 - Andi Pratama: Six hours and a minute: a new one",
    )
    first, second = of_type(records, InteractionRecord)
    assert (first.occurred_at, first.ended_at) == (at(2021, 3, 12, 9, 0), at(2021, 3, 12, 15, 5))
    assert (first.initiator, first.messages_me, first.messages_them) == ("them", 1, 2)
    assert (second.initiator, second.messages_me, second.messages_them) == ("me", 1, 0)
    assert first.participants == second.participants == (PersonRef(name="Budi Santoso"),)
    assert first.channel == "message"
    assert first.external_key.startswith("whatsapp:")
    assert summary_of(records).conversations == 2


def test_it_reads_an_indonesian_request_as_an_ask():
    records = chat(
        "12/03/21 20.15 - Andi Pratama: Bud, minta tolong dong, bisa bantu cek CV aku?",
        "12/03/21 20.20 - Budi Santoso: Boleh, kirim aja",
    )
    [record] = of_type(records, InteractionRecord)
    assert (record.kind, record.initiator) == ("ask", "me")


def test_it_takes_me_from_the_options_ignoring_case_accents_and_marks():
    records = chat(
        "12/03/21, 09:00 - \u202aAndi Pratama\u202c: Halo semua",
        "12/03/21, 09:01 - Budi Santoso: Halo",
        "12/03/21, 09:02 - Citra Lestari: Hai",
        name="WhatsApp Chat with Geng Kos.txt",
        me_names=("andi prátama",),
    )
    [record] = of_type(records, InteractionRecord)
    summary = summary_of(records)
    assert (summary.me, summary.is_group, summary.title) == ("Andi Pratama", True, "Geng Kos")
    assert (record.messages_me, record.messages_them, record.group) == (1, 2, "Geng Kos")
    assert record.participants == (PersonRef(name="Budi Santoso"), PersonRef(name="Citra Lestari"))


def test_it_takes_me_from_the_title_of_a_one_to_one_chat():
    records = chat(
        "12/03/21, 09:00 - Budi Santoso: Halo",
        "12/03/21, 09:01 - Andi Pratama: Halo juga",
    )
    summary = summary_of(records)
    assert (summary.me, summary.is_group, summary.title) == ("Andi Pratama", False, "Budi Santoso")
    assert of_type(records, InteractionRecord)[0].messages_me == 1


def test_it_reports_an_unknown_me_with_a_summary_and_no_interactions():
    records = chat(
        "12/03/21, 09:00 - Budi Santoso: Halo",
        "12/03/21, 09:01 - Andi Pratama: Halo juga",
        "13/03/21, 19:01 - Budi Santoso: Besok jadi?",
        name="_chat.txt",
    )
    summary = summary_of(records)
    assert records == [summary]
    assert (summary.me, summary.messages, summary.conversations) == (None, 3, 2)
    assert summary.authors == {"Budi Santoso": 2, "Andi Pratama": 1}


def test_it_takes_the_title_from_an_unpacked_ios_folder_or_a_zip():
    lines = "[12/03/21 09:00:01] Budi Santoso: Halo\r\n[12/03/21 09:00:09] Andi Pratama: Hai\r\n"
    records = chat(lines.strip(), name="WhatsApp Chat - Budi Santoso/_chat.txt")
    assert summary_of(records).title == "Budi Santoso"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("__MACOSX/._chat.txt", b"\x00\x05\x16\x07 not a chat")
        archive.writestr("_chat.txt", lines.encode("utf-8"))
    name = "WhatsApp Chat - Budi Santoso.zip"
    source = source_from_bytes(buffer.getvalue(), name)
    records = list(whatsapp.parse(source, ImportOptions(filename=name)))
    summary = summary_of(records)
    assert (summary.title, summary.me, summary.messages) == ("Budi Santoso", "Andi Pratama", 2)
    assert (summary.first_at, summary.last_at) == ("2021-03-12T09:00:01", "2021-03-12T09:00:09")
    assert whatsapp.sniff(buffer.getvalue()[:4096], name) >= 0.9


def test_it_infers_the_day_month_order_from_the_whole_file():
    ambiguous = [f"{day}/2/21, 10:0{day} - Budi Santoso: hari {day}" for day in range(1, 6)]
    assert summary_of(chat(*ambiguous)).first_at == "2021-01-02T10:01"  # M/d/yy by default
    late = "13/2/21, 10:00 - Andi Pratama: the only day above 12, on the last line"
    assert summary_of(chat(*ambiguous, late)).first_at == "2021-02-01T10:01"


def test_it_prefers_the_order_that_keeps_the_dates_chronological():
    records = chat(
        "5/1/21, 10:00 - Budi Santoso: 5 January as d/m, 1 May as m/d",
        "1/2/21, 10:00 - Andi Pratama: 1 February as d/m, 2 January as m/d",
        "3/2/21, 10:00 - Budi Santoso: 3 February as d/m, 2 March as m/d",
    )
    summary = summary_of(records)
    assert (summary.first_at, summary.last_at) == ("2021-01-05T10:00", "2021-02-03T10:00")


def test_it_falls_back_to_month_first_only_for_unpadded_slashed_dates():
    assert summary_of(chat("1/2/21, 10:00 - Budi Santoso: x")).first_at == "2021-01-02T10:00"
    assert summary_of(chat("01/02/21, 10:00 - Budi Santoso: x")).first_at == "2021-02-01T10:00"
    assert summary_of(chat("1.2.21, 10:00 - Budi Santoso: x")).first_at == "2021-02-01T10:00"


def test_it_follows_the_date_order_option():
    line = "01/02/21, 10:00 - Budi Santoso: x"
    assert summary_of(chat(line, date_order="mdy")).first_at == "2021-01-02T10:00"
    assert summary_of(chat(line, date_order="dmy")).first_at == "2021-02-01T10:00"
    with pytest.raises(FormatError, match="date order"):
        chat(line, date_order="ydm")


def test_it_gives_a_later_longer_export_the_same_keys():
    early = [
        "12/03/21, 09:00 - Budi Santoso: Halo",
        "12/03/21, 09:01 - Andi Pratama: Halo juga",
        "14/03/21, 19:00 - Andi Pratama: Jadi ketemu?",
    ]
    later = [*early, "14/03/21, 19:30 - Budi Santoso: Jadi", "20/04/21, 08:00 - Budi Santoso: Hai"]
    first = [r.external_key for r in of_type(chat(*early), InteractionRecord)]
    second = [r.external_key for r in of_type(chat(*later), InteractionRecord)]
    assert len(first) == 2
    assert len(second) == 3
    assert second[:2] == first
    other_chat = of_type(
        chat(*early, name="WhatsApp Chat with Citra.txt", me_names=("Andi Pratama",)),
        InteractionRecord,
    )
    assert {r.external_key for r in other_chat}.isdisjoint(first)


def test_it_keeps_text_only_when_asked_and_strips_the_edited_marker():
    lines = (
        "12/03/21, 09:00 - Budi Santoso: Halo <This message was edited>",
        "12/03/21, 09:01 - Andi Pratama: Baris satu",
        "baris dua <Pesan ini diedit>",
    )
    [quiet] = of_type(chat(*lines), InteractionRecord)
    assert quiet.text == ""
    [kept] = of_type(chat(*lines, keep_text=True), InteractionRecord)
    assert kept.text == "Halo\nBaris satu\nbaris dua"


def test_it_counts_media_and_deleted_messages_and_skips_system_lines():
    records = chat(
        "26/11/20 23.10 - Pesan dan panggilan terenkripsi secara end-to-end. Ketuk untuk info.",
        "26/11/20 23.10 - Budi Santoso: <Media tidak disertakan>",
        "26/11/20 23.11 - Budi Santoso: Pesan ini telah dihapus",
        "26/11/20 23.12 - Kode keamanan Anda dengan Budi Santoso telah berubah.",
        "26/11/20 23.13 - Andi Pratama: Anda telah menghapus pesan ini",
        name="Chat WhatsApp dengan Budi Santoso.txt",
    )
    summary = summary_of(records)
    assert summary.authors == {"Budi Santoso": 2, "Andi Pratama": 1}
    assert (summary.first_at, summary.last_at) == ("2020-11-26T23:10", "2020-11-26T23:13")
    assert (summary.title, summary.me, summary.is_group) == ("Budi Santoso", "Andi Pratama", False)


def test_it_does_not_count_the_notices_ios_writes_under_a_name():
    records = chat(
        "\u200e[12/03/21 14:05:33] Budi Santoso: \u200eMessages and calls are end-to-end "
        "encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
        "[12/03/21 14:06:00] Andi Pratama: Halo",
        "\u200e[12/03/21 14:06:10] Budi Santoso: \u200eimage omitted",
        "[13/03/21 08:00:00] Budi Santoso: \u200e\u200eYour security code with Budi changed.",
        name="_chat.txt",
    )
    summary = summary_of(records)
    assert summary.authors == {"Andi Pratama": 1, "Budi Santoso": 1}
    assert (summary.title, summary.me) == ("Budi Santoso", "Andi Pratama")


def test_it_reads_phone_number_and_unsaved_authors():
    records = chat(
        "12/03/21, 09:00 - \u202a+62\u00a0812\u20113456\u20117890\u202c: Halo, ini Budi",
        "12/03/21, 09:01 - ~\u00a0Citra: Hai",
        "12/03/21, 09:02 - Andi Pratama: Halo",
        name="WhatsApp Chat with Arisan.txt",
        me_names=("Andi Pratama",),
    )
    [record] = of_type(records, InteractionRecord)
    assert record.participants == (
        PersonRef(name="+62 812-3456-7890", phone="+6281234567890"),
        PersonRef(name="Citra"),
    )


def test_it_matches_me_by_phone_number():
    records = chat(
        "12/03/21, 09:00 - \u202a+62 812-3456-7890\u202c: Halo",
        "12/03/21, 09:01 - Budi Santoso: Hai",
        name="_chat.txt",
        me_phones=("081234567890",),
    )
    assert summary_of(records).me == "+62 812-3456-7890"
    assert of_type(records, InteractionRecord)[0].initiator == "me"


def test_it_skips_a_header_with_an_impossible_date_but_never_a_continuation_line():
    records = chat(
        "13/02/21, 10:00 - Budi Santoso: Halo",
        "10 orang sudah daftar: 11/02/21",
        "[13/02/21 10:00:00] Citra: a pasted header of another shape is text too",
        "31/02/21, 10:00 - Budi Santoso: 31 February",
        "14/02/21, 10:00 - Andi Pratama: Oke",
        keep_text=True,
    )
    [skipped] = of_type(records, Skipped)
    assert skipped.line == 4
    assert "impossible date '31/02/21'" in skipped.reason
    assert summary_of(records).messages == 2
    assert of_type(records, InteractionRecord)[0].text == (
        "Halo\n10 orang sudah daftar: 11/02/21\n"
        "[13/02/21 10:00:00] Citra: a pasted header of another shape is text too"
    )


def test_a_zip_compressed_with_a_method_zipfile_lacks_is_a_clear_format_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("_chat.txt", b"[12/03/21 09:00:01] Budi Santoso: Halo\r\n")
    data = bytearray(buffer.getvalue())
    # Method 9 (Deflate64), written in the local header and the central directory.
    data[8:10] = (9).to_bytes(2, "little")
    central = data.index(b"PK\x01\x02")
    data[central + 10 : central + 12] = (9).to_bytes(2, "little")
    source = source_from_bytes(bytes(data), "WhatsApp Chat - Budi.zip")
    with pytest.raises(FormatError, match=r"not a readable zip: .*compression"):
        list(whatsapp.parse(source, ImportOptions(filename="WhatsApp Chat - Budi.zip")))


def test_it_raises_a_format_error_for_a_file_without_headers():
    with pytest.raises(FormatError):
        chat("BEGIN:VCARD", "VERSION:3.0", "FN:Budi Santoso", "END:VCARD")


def test_it_sniffs_chats_and_nothing_else():
    head = b"12/03/21, 09:00 - Budi Santoso: Halo\n"
    assert whatsapp.sniff(head, ONE_TO_ONE) >= 0.9
    assert whatsapp.sniff(head, "chat.txt") >= 0.9
    assert whatsapp.sniff(b"BEGIN:VCARD\r\nVERSION:3.0\r\n", "contacts.vcf") == 0.0
    assert whatsapp.sniff(b"First Name,Last Name\n", "contacts.csv") == 0.0


# --- never another exception ---------------------------------------------------------------


def parse_or_format_error(data: bytes, name: str) -> None:
    records_or_format_error(whatsapp, data, ImportOptions(filename=name), last=ChatSummary)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_it_reads_random_bytes_or_raises_a_format_error(data):
    parse_or_format_error(data, "random.txt")
    parse_or_format_error(b"PK\x03\x04" + data, "random.zip")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789/.-:,[] APMapm\u200e\u202f\n", max_size=300))
def test_it_reads_header_like_noise_or_raises_a_format_error(text):
    parse_or_format_error(text.encode("utf-8"), "noise.txt")


def test_it_reads_mutated_samples_or_raises_a_format_error():
    names = [
        "ios-ru-m-d-yy-24h-export-from-whats_json.zip",
        "ios-ar-arabic-indic-digits-12h-from-whats_json.txt",
        "android-es-mm-dd-yyyy-12h-a.m.-from-chat-miner.txt",
        "ios-en-japanese-calendar-era-year-from-whats_json.txt",
        "android-en-m-d-yy-24h-indonesian-group-from-WhatsApp-Analyzer.txt",
    ]
    samples = list(zip(samples_of(f"whatsapp/{n}" for n in names), names, strict=True))

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.sampled_from(samples),
        st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=12),
        st.integers(0, 1 << 20),
    )
    def check(sample, edits, cut):
        data, name = bytearray(sample[0]), sample[1]
        for position, byte in edits:
            data[position % len(data)] = byte
        parse_or_format_error(bytes(data[: cut % (len(data) + 1)]), name)

    check()


PIECES_CHAT = (
    "Messages and calls are end-to-end encrypted.\n"
    "12/03/21, 14:05 - Budi Santoso: Halo, apa kabar?\n"
    "ini baris kedua\n\n"
    "12/03/21, 14:07 - Ayu Lestari: Baik! <This message was edited>\n"
    "31/02/21, 09:00 - Ayu Lestari: a date that cannot be\n"
    "15/03/21, 09:00 - Ayu Lestari: Bud, minta tolong dong, ada lowongan?\n"
    "15/03/21, 09:01 - Budi Santoso: <Media omitted>\n"
    "15/03/21, 09:02 - Ayu Lestari changed the group description\n"
    "15/03/21, 20:30 - Budi Santoso: Ada, nanti aku kenalin ke HR\n"
    "  dengan catatan\n"
)


@pytest.mark.parametrize(("chunk", "keep"), [(7, 0), (40, 0), (40, 1 << 20), (1 << 20, 0)])
def test_the_result_does_not_depend_on_how_the_file_is_cut(monkeypatch, chunk, keep):
    # The reader cuts a chat into pieces, carrying a message's continuation lines across a
    # cut, and reads a long chat twice instead of keeping it: neither may change anything.
    data = PIECES_CHAT.encode("utf-8")
    options = ImportOptions(filename=ONE_TO_ONE, me_names=("Ayu Lestari",), keep_text=True)
    whole = list(whatsapp.parse(source_from_bytes(data, ONE_TO_ONE), options))
    monkeypatch.setattr(whatsapp, "CHUNK_CHARS", chunk)
    monkeypatch.setattr(whatsapp, "KEEP_CHARS", keep)
    cut = list(whatsapp.parse(source_from_bytes(data, ONE_TO_ONE), options))
    assert cut == whole
    assert [(s.line, s.reason[:14]) for s in of_type(whole, Skipped)] == [
        (1, "text before th"),
        (6, "impossible dat"),
    ]
    first, second, third = of_type(whole, InteractionRecord)
    assert first.text == "Halo, apa kabar?\nini baris kedua\nBaik!"
    assert (first.line, first.messages_them, first.messages_me) == (2, 1, 1)
    assert (second.line, second.messages_them, second.messages_me) == (7, 1, 1)
    assert (third.line, third.text) == (10, "Ada, nanti aku kenalin ke HR\n  dengan catatan")
