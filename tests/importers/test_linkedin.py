"""LinkedIn export: Connections.csv, messages.csv and Invitations.csv.

Expectations about the real samples were read off the raw files (line numbers with ``grep -n``,
row counts with ``wc -l`` and ``grep -c``), not taken from the parser's output.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalin.importers import linkedin, registry
from jalin.importers.base import (
    Affiliation,
    ContactRecord,
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

SAMPLES = realdata_files("linkedin", ".csv")
KAWSAY_CONNECTIONS = "linkedin/Connections-bom-notes-preamble-quoted-commas-from-kawsay.csv"
LARGE_CONNECTIONS = "linkedin/Connections-synthetic-large-from-linkedin-export-viewer.csv"
INVITATIONS = "linkedin/Invitations-synthetic-from-linkedin-export-viewer.csv"
MESSAGES = "linkedin/messages-multiline-content-bad-row-from-kawsay.csv"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses'
    ' are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)
IN = "https://www.linkedin.com/in/"


def parse_text(text: str, **options) -> list:
    source = source_from_bytes(text.encode("utf-8"), "export.csv")
    return list(linkedin.parse(source, ImportOptions(**options)))


@pytest.mark.parametrize("sample", SAMPLES)
def test_it_reads_every_linkedin_sample(sample: str) -> None:
    records = parse_all(linkedin, realdata_path(sample), me_names=("Pedro Fuentes",))
    assert of_type(records, ContactRecord) or of_type(records, InteractionRecord)


@pytest.mark.parametrize("sample", SAMPLES)
def test_it_is_the_importer_chosen_for_each_linkedin_sample(sample: str) -> None:
    path = realdata_path(sample)
    assert registry.choose(path.read_bytes()[:4096], path.name) is linkedin


def test_it_reads_connections_after_the_notes_preamble_and_bom() -> None:
    records = parse_all(linkedin, realdata_path(KAWSAY_CONNECTIONS))
    assert records == [
        ContactRecord(
            line=5,
            key=f"{IN}josegarcia",
            name="José García",
            given_name="José",
            family_name="García",
            linkedin=f"{IN}josegarcia",
            affiliations=(Affiliation("Acme, Inc.", "Senior Engineer"),),
            met_on=date(2024, 1, 15),
        ),
        ContactRecord(
            line=6,
            key=f"{IN}aesop",
            name="Æsop Fontaine",
            given_name="Æsop",
            family_name="Fontaine",
            emails=(("aesop@example.com", ""),),
            linkedin=f"{IN}aesop",
            affiliations=(Affiliation("Globex", "Director, Operations"),),
            met_on=date(2024, 2, 3),
        ),
    ]


def test_it_reads_all_two_thousand_rows_of_the_large_export() -> None:
    contacts = parse_all(linkedin, realdata_path(LARGE_CONNECTIONS))
    assert len(contacts) == 2000  # 2004 lines: Notes, note, blank, header
    florence = contacts[3]
    assert (florence.line, florence.name, florence.met_on) == (
        8,
        "Florence Nightingale",
        date(1852, 5, 14),
    )
    assert florence.affiliations == (
        Affiliation("London hospital system", "Senior Director, Patient Outcomes"),
    )
    assert florence.emails == (("florence.nightingale@example.com", ""),)
    last = contacts[-1]
    assert (last.line, last.name, last.met_on) == (2004, "Faramir Tesla", date(1843, 6, 17))


def test_it_keeps_degrees_but_drops_placeholder_surnames() -> None:
    text = PREAMBLE + (
        f'Tigor,"Rangkuti, MBA",{IN}tigor,,Warungly,Direktur Utama,15 Jun 2013\n'
        f"Samsudin,.,{IN}samsudin,,PT Lintas Digital,Dosen,14 Nov 2013\n"
        f"I Made Ayu,I Made Ayu,{IN}ayu,,RS Harapan Kita,Staf,21 Jan 2013\n"
        f"Ni Luh Astuti,-,{IN}astuti,,PT Andalan,UX Designer,22 Mar 2019\n"
        f"Mardiyah,,{IN}mardiyah,,,Wiraswasta,19 Jun 2016\n"
    )
    names = [(c.name, c.family_name) for c in parse_text(text)]
    assert names == [
        ("Tigor Rangkuti, MBA", "Rangkuti, MBA"),
        ("Samsudin", ""),
        ("I Made Ayu", ""),
        ("Ni Luh Astuti", ""),
        ("Mardiyah", ""),
    ]


def test_it_reads_the_older_header_without_urls_and_keys_rows_by_line() -> None:
    text = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    text += "Budi,Santoso,budi@example.com,Bayarku,CTO,09 Dec 2014\n"
    [budi] = parse_text(text)
    assert (budi.key, budi.linkedin, budi.met_on) == ("line:2", "", date(2014, 12, 9))


def test_it_skips_a_connection_row_that_names_no_one() -> None:
    text = PREAMBLE + ",,,,,,01 Jan 2020\n" + f"Ayu,Lestari,{IN}ayu,,,,not a date\n"
    skipped, ayu = parse_text(text)
    assert skipped == Skipped(5, "a connection with neither a name nor a profile URL")
    assert (ayu.line, ayu.met_on, ayu.affiliations) == (6, None, ())


def test_it_reads_connected_on_dates_without_the_locale() -> None:
    assert linkedin.connected_on("09 Dec 2014") == date(2014, 12, 9)
    assert linkedin.connected_on("1 Sept 2020") == date(2020, 9, 1)
    assert linkedin.connected_on("2021-03-04") == date(2021, 3, 4)
    assert linkedin.connected_on("31 Feb 2020") is None
    assert linkedin.connected_on("") is None


def test_it_reads_invitations_with_who_asked_and_when() -> None:
    records = parse_all(linkedin, realdata_path(INVITATIONS), zone=UTC, keep_text=True)
    assert len(records) == 162  # 163 lines with the header
    assert sum(r.initiated_by == "me" for r in records) == 85  # grep -c ,OUTGOING,
    assert sum(r.initiated_by == "them" for r in records) == 77
    byron, faramir = records[0], records[1]
    assert (byron.line, byron.name, byron.initiated_by) == (2, "Lord Byron", "me")
    assert (byron.key, byron.met_on) == (f"{IN}fake-lord-byron", date(1823, 7, 18))
    assert byron.notes.startswith("Father — I understand Mother")
    assert (faramir.line, faramir.name, faramir.initiated_by) == (3, "Faramir Granger", "them")
    assert faramir.linkedin == f"{IN}fake-faramir-granger-1721"
    assert (records[-1].line, records[-1].name) == (163, "Vera Winterbourne")


def test_it_dates_an_invitation_in_the_owners_zone_and_keeps_no_text_by_default() -> None:
    text = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    text += f"Budi,Ayu,2024-03-15 20:00:00 UTC,Halo!,INCOMING,{IN}budi,{IN}ayu\n"
    [budi] = parse_text(text, zone=ZoneInfo("Asia/Jakarta"))
    assert (budi.name, budi.met_on, budi.notes) == ("Budi", date(2024, 3, 16), "")


def test_it_turns_messages_into_conversations_and_skips_the_bad_row() -> None:
    records = parse_all(
        linkedin, realdata_path(MESSAGES), me_names=("Pedro Fuentes",), keep_text=True
    )
    assert of_type(records, Skipped) == [Skipped(5, "expected 10 fields, found 1")]
    coffee, reply = of_type(records, InteractionRecord)
    ana = PersonRef(name="Ana Lopez", linkedin=f"{IN}analopez")
    assert (coffee.line, coffee.initiator, coffee.participants) == (2, "them", (ana,))
    assert coffee.occurred_at == datetime(2024, 3, 15, 9, 30, tzinfo=UTC)
    assert (coffee.messages_me, coffee.messages_them, coffee.channel) == (0, 1, "message")
    assert (reply.line, reply.initiator, reply.participants) == (3, "me", (ana,))
    assert reply.occurred_at == datetime(2024, 3, 15, 10, 0, tzinfo=UTC)
    assert reply.text == "Sounds great!\nTuesday at 3pm works."
    assert coffee.external_key != reply.external_key


def test_it_asks_for_me_when_no_one_can_be_told_apart() -> None:
    with pytest.raises(FormatError, match="--me"):
        parse_all(linkedin, realdata_path(MESSAGES))


def message_row(conversation: str, sender: str, to: str, at: str, text: str, title="") -> str:
    slug = {"Ayu": "ayu", "Budi": "budi", "Citra": "citra", "Dewi": "dewi"}
    return (
        f'{conversation},{title},{sender},{IN}{slug[sender]},"{to}","'
        + ";".join(f"{IN}{slug[n]}" for n in to.split(", "))
        + f'",{at} UTC,,"{text}",INBOX\n'
    )


def test_it_finds_the_owner_in_every_conversation_and_splits_by_silence() -> None:
    text = MESSAGES_HEADER + (
        message_row("c1", "Budi", "Ayu", "2024-01-01 01:00:00", "Halo Ayu")
        + message_row("c2", "Ayu", "Citra", "2024-01-02 01:00:00", "Hai Citra")
        + message_row("c1", "Ayu", "Budi", "2024-01-01 05:00:00", "Halo juga")
        + message_row("c1", "Ayu", "Budi", "2024-01-01 12:00:00", "Bisa minta tolong?")
        + message_row("c3", "Dewi", "Ayu, Budi", "2024-01-03 01:00:00", "Rapat", "Tim")
    )
    first, later, citra, team = parse_text(text)
    budi = PersonRef("Budi", linkedin=f"{IN}budi")
    assert (first.initiator, first.messages_them, first.messages_me) == ("them", 1, 1)
    assert first.participants == (budi,)
    assert first.ended_at == datetime(2024, 1, 1, 5, 0, tzinfo=UTC)
    assert (later.initiator, later.kind, later.line) == ("me", "ask", 5)  # 7 h of silence
    assert citra.participants == (PersonRef("Citra", linkedin=f"{IN}citra"),)
    assert team.group == "Tim"
    assert set(team.participants) == {PersonRef("Dewi", linkedin=f"{IN}dewi"), budi}


def test_it_never_lists_an_owner_who_only_received_messages() -> None:
    text = MESSAGES_HEADER + (
        message_row("c1", "Budi", "Ayu", "2024-01-01 01:00:00", "Halo")
        + message_row("c2", "Citra", "Ayu", "2024-01-02 01:00:00", "Hai")
    )
    budi, citra = parse_text(text)
    assert (budi.participants, budi.initiator) == (
        (PersonRef("Budi", linkedin=f"{IN}budi"),),
        "them",
    )
    assert citra.participants == (PersonRef("Citra", linkedin=f"{IN}citra"),)


def test_it_reads_the_old_messages_header_by_direction() -> None:
    text = "FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\n"
    text += "Ayu,Budi,2019-11-06T02:08:20,Hi,Halo,OUTGOING,INBOX\n"
    text += "Budi,Ayu,2019-11-06T03:00:00,Re: Hi,Hai,INCOMING,INBOX\n"
    text += "Citra,Ayu,2019-11-07T03:00:00,Hey,Hai,INCOMING,INBOX\n"
    budi, citra = parse_text(text)
    assert (budi.initiator, budi.messages_me, budi.messages_them) == ("me", 1, 1)
    assert budi.participants == (PersonRef("Budi"),)
    assert budi.occurred_at == datetime(2019, 11, 6, 2, 8, 20, tzinfo=UTC)
    assert (citra.initiator, citra.participants) == ("them", (PersonRef("Citra"),))


def test_it_passes_over_drafts_and_skips_unreadable_dates() -> None:
    text = MESSAGES_HEADER.replace("FOLDER\n", "FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n")
    text += f"c1,,Ayu,{IN}ayu,Budi,{IN}budi,2024-01-01 01:00:00 UTC,,Draf,DRAFT,,Yes\n"
    text += f"c1,,Budi,{IN}budi,Ayu,{IN}ayu,yesterday,,Halo,INBOX,,No\n"
    text += f"c1,,Budi,{IN}budi,Ayu,{IN}ayu,2024-01-02 01:00:00 UTC,,Halo,INBOX,,No\n"
    skipped, record = parse_text(text, me_names=("Ayu",))
    assert skipped == Skipped(3, "unreadable DATE 'yesterday'")
    assert (record.line, record.messages_me, record.messages_them) == (4, 0, 1)


def test_it_refuses_a_file_without_a_linkedin_header() -> None:
    with pytest.raises(FormatError, match="no LinkedIn header"):
        parse_text("Name,Phone\nAyu,0812\n")
    assert linkedin.sniff(b"Name,Phone\nAyu,0812\n", "contacts.csv") == 0.0


PIECES = [b'"', b",", b"\n"]


def parse_or_refuse(data: bytes) -> None:
    kinds = (ContactRecord, InteractionRecord, Skipped)
    records_or_format_error(linkedin, data, ImportOptions(me_names=("Ayu",)), kinds)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=600))
def test_it_reads_or_refuses_random_bytes(data: bytes) -> None:
    parse_or_refuse(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_it_reads_or_refuses_mutated_samples(data) -> None:
    require_realdata()
    parse_or_refuse(data.draw(mutated(samples_of(SAMPLES, head=3000), PIECES, noise=16)))
