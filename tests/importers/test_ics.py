"""iCalendar: past meetings with attendees, recurrences, and Google's birthday calendar.

Times for the real samples were worked out by hand from each file's DTSTART and VTIMEZONE
(offsets and DST rules as written in the file); counts of recurrences from the RRULE, RDATE
and EXDATE lines; line numbers with ``grep -n BEGIN:VEVENT``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalin.importers import ics, registry
from jalin.importers.base import (
    BirthdayRecord,
    FormatError,
    ImportOptions,
    InteractionRecord,
    PersonRef,
    Skipped,
)
from tests.importers.conftest import (
    parse_all,
    realdata_files,
    realdata_path,
    require_realdata,
    source_from_bytes,
)
from tests.importers.fuzz import mutated, records_or_format_error, samples_of

SAMPLES = realdata_files("ics", ".ics")
NOW = datetime(2025, 7, 1, tzinfo=UTC)
JAKARTA = ZoneInfo("Asia/Jakarta")
OWNERS = {  # who the owner is in each sample: an attendee where there is one
    "blackberry": "rembrand@xs4all.nl",
    "exchange-2010": "sam@company.com",
    "exchange-cdo": "meher.t@gmail.com",
    "lotus": "icalparticipant@coffeebean.com",
    "zimbra": "calmozilla1@gmail.com",
}


def owner_of(sample: str) -> str:
    name = sample.split("/")[-1]
    return next((email for key, email in OWNERS.items() if name.startswith(key)), "me@example.org")


def sample(name: str, **options) -> list:
    [path] = [s for s in SAMPLES if s.split("/")[-1].startswith(name)] or [f"ics/{name}"]
    options.setdefault("me_emails", (owner_of(path),))
    options.setdefault("now", NOW)
    return parse_all(ics, realdata_path(path), **options)


def parse_ics(text: str, **options) -> list:
    options.setdefault("now", NOW)
    data = text.strip().replace("\n", "\r\n").encode() + b"\r\n"
    return list(ics.parse(source_from_bytes(data, "calendar.ics"), ImportOptions(**options)))


def calendar(*events: str, header: str = "") -> str:
    return (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n"
        + header
        + "".join(events)
        + ("END:VCALENDAR\n")
    )


def event(uid: str, *lines: str, start="20240102T030000Z", end="20240102T040000Z") -> str:
    """A VEVENT; ``start``/``end`` may carry parameters (``;VALUE=DATE:20240315``)."""
    body = "".join(f"{line}\n" for line in lines)
    start, end = (v if v.startswith(";") else f":{v}" for v in (start, end))
    return f"BEGIN:VEVENT\nUID:{uid}\nDTSTART{start}\nDTEND{end}\n{body}END:VEVENT\n"


AYU = "ORGANIZER;CN=Ayu:mailto:ayu@example.com"
BUDI = "ATTENDEE;PARTSTAT=ACCEPTED;CN=Budi:mailto:budi@example.com"


@pytest.mark.parametrize("name", SAMPLES)
def test_it_reads_every_ics_sample(name: str) -> None:
    records = parse_all(ics, realdata_path(name), me_emails=(owner_of(name),), now=NOW)
    assert all(isinstance(r, InteractionRecord | BirthdayRecord) for r in records)


@pytest.mark.parametrize("name", SAMPLES)
def test_it_is_the_importer_chosen_for_each_ics_sample(name: str) -> None:
    path = realdata_path(name)
    assert registry.choose(path.read_bytes()[:4096], path.name) is ics


def test_it_reads_a_bare_vevent_with_a_quoted_organizer_name() -> None:
    [meeting] = sample("bare-vevent")
    assert (meeting.line, meeting.initiator, meeting.minutes) == (1, "them", 60)
    assert meeting.participants == (PersonRef(name="acme, ädmin", email="adm-acme@mydomain.de"),)
    assert meeting.occurred_at == datetime(2013, 4, 16, 10, 0, tzinfo=UTC)
    assert (meeting.summary, meeting.channel) == ("wichtiger termin 1", "meeting")
    assert meeting.external_key == "ics:20130416112341.10064jz0k4j7uem8@acmenet.de"


def test_it_reads_an_all_day_meeting_and_merges_the_organizer_with_their_attendance() -> None:
    [meeting] = sample("blackberry", zone=JAKARTA)
    assert meeting.line == 5
    assert meeting.participants == (
        PersonRef(name="RembrandDX", email="rembrand@daxlab.com"),
        PersonRef(name="RembrandSB", email="rembspam@xs4all.nl"),
    )
    assert meeting.occurred_at == datetime(2012, 8, 14, tzinfo=JAKARTA)
    assert (meeting.minutes, meeting.ended_at, meeting.group) == (
        None,
        None,
        "Test meeting from BB",
    )


def test_it_reads_exchanges_empty_tzid_as_floating_time() -> None:
    [meeting] = sample("exchange-2010", zone=JAKARTA)
    assert meeting.line == 18
    assert meeting.occurred_at == datetime(2015, 8, 26, 9, 0, tzinfo=JAKARTA)
    assert meeting.minutes == 60
    assert meeting.participants == (PersonRef(name="Bruce Roberts", email="roberts@company.com"),)


def test_it_reads_a_windows_zone_defined_in_the_file_and_cleans_exchange_names() -> None:
    [meeting] = sample("exchange-cdo")
    assert meeting.line == 21
    assert meeting.occurred_at == datetime(2004, 10, 12, 5, 30, tzinfo=UTC)  # 22:30 at -07:00
    assert meeting.ended_at == datetime(2004, 10, 12, 7, 0, tzinfo=UTC)
    assert meeting.minutes == 90
    assert meeting.participants == (
        PersonRef(name="Meher Tendjoukian", email="meher.tendjoukian@verdisoft.com"),
        PersonRef(name="", email="Tendjoukian@yahoo.de"),  # CN="'Tendjoukian@yahoo.de'"
    )


def test_it_reads_a_date_written_after_a_space() -> None:
    [meeting] = sample("forcecom")
    assert meeting.occurred_at == datetime(2024, 8, 12, 21, 30, tzinfo=UTC)
    assert meeting.minutes == 60
    assert meeting.participants == (
        PersonRef(name="Wells Fargo and Company", email="appointments@wellsfargo.com"),
    )


def test_it_finds_nothing_in_events_without_people() -> None:
    assert sample("google-calendar-vtimezone", me_emails=()) == []
    assert sample("outlook-2007-cyrillic", me_emails=()) == []


def test_it_reads_a_zone_with_a_cyrillic_name() -> None:
    path = realdata_path("ics/outlook-2007-cyrillic-tzid-from-vobject.ics")
    data = path.read_bytes().replace(
        b"END:VEVENT", b"ORGANIZER;CN=Ivan:mailto:ivan@example.ru\r\nEND:VEVENT"
    )
    options = ImportOptions(me_emails=("me@example.org",), now=NOW)
    [meeting] = ics.parse(source_from_bytes(data), options)
    assert meeting.occurred_at == datetime(2008, 5, 30, 9, 0, tzinfo=UTC)  # 15:00 at +06:00


def test_it_turns_googles_birthday_calendar_into_one_birthday() -> None:
    assert sample("google-contacts-birthdays", me_emails=()) == [
        BirthdayRecord(8, PersonRef(name="PErson #2"), (None, 12, 10))
    ]


def test_it_expands_a_daily_series_with_a_count() -> None:
    meetings = sample("lotus")
    assert [m.occurred_at for m in meetings] == [
        datetime(2005, 4, day, 13, 0, tzinfo=UTC)
        for day in range(11, 16)  # 09:00 at -04:00
    ]
    assert {m.line for m in meetings} == {21}
    assert meetings[0].external_key == (
        "ics:E88157FE01BE8A5C85256FDB006EBCC3-Lotus_Notes_Generated/20050411T130000Z"
    )
    assert len({m.external_key for m in meetings}) == 5
    assert meetings[0].participants == (
        PersonRef(name="iCal Chair/CoffeeBean", email="iCalChair@coffeebean.com"),
    )


def test_it_expands_workdays_up_to_now_only() -> None:
    meetings = sample("outlook-2003", now=datetime(2009, 3, 20, tzinfo=UTC))
    assert len(meetings) == 9  # Tue 10 … Fri 20 March 2009, weekdays only
    assert meetings[0].occurred_at == datetime(2009, 3, 9, 22, 30, tzinfo=UTC)  # 09:30 +11:00
    assert meetings[-1].occurred_at == datetime(2009, 3, 19, 22, 30, tzinfo=UTC)
    assert {(m.minutes, m.initiator) for m in meetings} == {(15, "them")}
    assert meetings[0].participants == (PersonRef(email="Ben.Fortuna@example.com"),)


def test_it_keeps_the_latest_instances_of_a_long_series() -> None:
    meetings = sample("outlook-2003")
    assert len(meetings) == ics.MAX_OCCURRENCES
    assert meetings[-1].occurred_at == datetime(2025, 6, 30, 23, 30, tzinfo=UTC)  # +10:00


def test_it_expands_rdates_exdates_and_moved_instances() -> None:
    meetings = sample("zimbra", me_emails=(), me_names=("Sahaja Lal",))
    # 153 first Tuesdays, Oct 2012 to Jun 2025, less 3 EXDATEs, plus 5 RDATEs
    assert len(meetings) == 155
    starts = {m.occurred_at: m for m in meetings}
    moved = starts[datetime(2012, 10, 2, 22, 0, tzinfo=UTC)]  # 15:00 PDT instead of 10:00
    assert moved.line == 59
    assert moved.external_key.endswith("/20121002T170000Z")
    assert moved.participants == (PersonRef(name="James Lal", email="jlal@mozilla.com"),)
    master = starts[datetime(2012, 11, 6, 18, 0, tzinfo=UTC)]
    assert master.line == 24
    assert master.participants == (
        PersonRef(name="James Lal", email="jlal@mozilla.com"),
        PersonRef(email="james@lightsofapollo.com"),
        PersonRef(email="iam.revelation@gmail.com"),
    )
    assert starts[datetime(2012, 11, 7, 4, 0, tzinfo=UTC)].line == 79  # RDATE moved
    assert starts[datetime(2023, 11, 25, 9, 0, tzinfo=UTC)].minutes == 210  # a PERIOD
    assert datetime(2012, 12, 4, 18, 0, tzinfo=UTC) not in starts


def test_it_leaves_out_declined_attendees_rooms_and_the_owner() -> None:
    text = calendar(
        event(
            "team",
            AYU,
            "ATTENDEE;PARTSTAT=ACCEPTED;CN=Ayu:mailto:ayu@example.com",
            "ATTENDEE;PARTSTAT=DECLINED;CN=Budi:mailto:budi@example.com",
            "ATTENDEE;PARTSTAT=NEEDS-ACTION;CN=Citra:mailto:citra@example.com",
            "ATTENDEE;CUTYPE=ROOM;CN=Ruang 1:mailto:r1@resource.calendar.google.com",
            "ATTENDEE;PARTSTAT=ACCEPTED;CN=Dewi:MAILTO:dewi@example.com",
            "SUMMARY:Rapat tim",
        )
    )
    [meeting] = parse_ics(text, me_emails=("AYU@example.com",))
    assert meeting.participants == (
        PersonRef(name="Citra", email="citra@example.com"),
        PersonRef(name="Dewi", email="dewi@example.com"),
    )
    assert (meeting.initiator, meeting.group, meeting.line) == ("me", "Rapat tim", 4)


def test_it_keeps_no_meeting_the_owner_declined_cancelled_or_yet_to_come() -> None:
    text = calendar(
        event("declined", BUDI, "ATTENDEE;PARTSTAT=DECLINED:mailto:ayu@example.com"),
        event("cancelled", BUDI, "STATUS:CANCELLED"),
        event("future", BUDI, start="20300101T000000Z", end="20300101T010000Z"),
        event("alone", AYU, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ayu@example.com"),
        event("kept", BUDI),
    )
    [kept] = parse_ics(text, me_emails=("ayu@example.com",))
    assert (kept.external_key, kept.initiator) == ("ics:kept", "mutual")


def test_it_tells_video_calls_from_meetings() -> None:
    text = calendar(
        event("meet", BUDI, "LOCATION:https://meet.google.com/abc-defg-hij"),
        event("zoom", BUDI, "DESCRIPTION:Join: https://us02web.zoom.us/j/123"),
        event("cafe", BUDI, "LOCATION:Kopi Kenangan"),
    )
    channels = [m.channel for m in parse_ics(text, me_emails=("ayu@example.com",))]
    assert channels == ["video", "video", "meeting"]


def test_it_asks_for_the_owner_when_nothing_tells() -> None:
    with pytest.raises(FormatError, match="--me-email"):
        parse_ics(calendar(event("x", BUDI)))


def test_it_takes_the_owner_from_the_calendar_name() -> None:
    text = calendar(
        event("x", AYU, BUDI, "ATTENDEE;PARTSTAT=ACCEPTED;CN=Ayu:mailto:ayu@example.com"),
        header="X-WR-CALNAME:Ayu\n",
    )
    [meeting] = parse_ics(text)
    assert (meeting.initiator, meeting.participants) == (
        "me",
        (PersonRef("Budi", "", "budi@example.com"),),
    )


def test_it_reads_windows_zone_names_and_floating_times() -> None:
    text = calendar(
        event("windows", BUDI, start=";TZID=W. Europe Standard Time:20240115T100000"),
        event("floating", BUDI, start="20240115T100000", end="20240115T113000"),
    )
    windows, floating = parse_ics(text, me_emails=("ayu@example.com",), zone=JAKARTA)
    assert windows.occurred_at == datetime(2024, 1, 15, 9, 0, tzinfo=UTC)  # Berlin, +01:00
    assert floating.occurred_at == datetime(2024, 1, 15, 10, 0, tzinfo=JAKARTA)
    assert floating.minutes == 90


def test_it_skips_an_event_whose_start_cannot_be_read() -> None:
    text = calendar(event("broken", BUDI, start="tomorrow"), event("fine", BUDI))
    skipped, fine = parse_ics(text, me_emails=("ayu@example.com",))
    assert skipped == Skipped(4, "an event without a readable DTSTART")
    assert fine.external_key == "ics:fine"


def test_it_keeps_the_latest_sequence_of_a_rescheduled_event() -> None:
    text = calendar(
        event("moved", BUDI, "SEQUENCE:0"),
        event("moved", BUDI, "SEQUENCE:2", start="20240103T030000Z", end="20240103T033000Z"),
    )
    [meeting] = parse_ics(text, me_emails=("ayu@example.com",))
    assert (meeting.occurred_at.date(), meeting.minutes) == (date(2024, 1, 3), 30)


def test_it_reads_birthdays_from_a_birthday_calendar_or_a_yearly_event() -> None:
    birthdays = calendar(
        event(
            "b1",
            "SUMMARY:Ulang tahun Budi Santoso",
            start=";VALUE=DATE:20240315",
            end=";VALUE=DATE:20240316",
        ),
        header="X-WR-CALNAME:Ulang tahun\n",
    )
    yearly = calendar(
        event("y1", "SUMMARY:Citra’s Birthday", "RRULE:FREQ=YEARLY", BUDI, start="20100704T000000Z")
    )
    assert parse_ics(birthdays) == [BirthdayRecord(5, PersonRef("Budi Santoso"), (None, 3, 15))]
    assert parse_ics(yearly) == [BirthdayRecord(4, PersonRef("Citra"), (None, 7, 4))]


def test_it_names_whose_birthday_a_title_is() -> None:
    assert ics.birthday_name("PErson #2's birthday") == "PErson #2"
    assert ics.birthday_name("Ultah Ayu") == "Ayu"
    assert ics.birthday_name("Happy birthday, Dewi") == "Dewi"
    assert ics.birthday_name("Budi - Birthday") == "Budi"
    assert ics.birthday_name("Rapat tim") == ""


def test_it_gives_the_same_keys_on_every_import() -> None:
    text = calendar(event("w", BUDI, "RRULE:FREQ=WEEKLY;COUNT=3"))
    first = parse_ics(text, me_emails=("ayu@example.com",))
    again = parse_ics(text, me_emails=("ayu@example.com",), now=NOW + timedelta(days=30))
    assert [m.external_key for m in first] == [m.external_key for m in again]
    assert len(first) == 3


def test_it_refuses_what_is_not_a_calendar() -> None:
    with pytest.raises(FormatError):
        list(ics.parse(source_from_bytes(b"hello\nworld\n"), ImportOptions()))
    with pytest.raises(FormatError, match="no VCALENDAR"):
        list(ics.parse(source_from_bytes(b""), ImportOptions()))
    assert ics.sniff(b"BEGIN:VCARD\r\nVERSION:3.0\r\n", "x.vcf") == 0.0


PIECES = [b";", b":", b"\r\n ", b"\r\nRRULE:FREQ=DAILY\r\n", b"\r\nEND:VEVENT\r\n"]


def parse_or_refuse(data: bytes) -> None:
    options = ImportOptions(me_emails=("me@example.org",), now=datetime(2013, 1, 1, tzinfo=UTC))
    records_or_format_error(ics, data, options, (InteractionRecord, BirthdayRecord, Skipped))


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400))
def test_it_reads_or_refuses_random_bytes(data: bytes) -> None:
    parse_or_refuse(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_it_reads_or_refuses_mutated_samples(data) -> None:
    require_realdata()
    parse_or_refuse(data.draw(mutated(samples_of(SAMPLES), PIECES, cut=60)))
