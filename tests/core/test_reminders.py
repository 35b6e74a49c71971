"""Reminders that arrive: made once a day without repeats, done and snoozed, and digests
sent on time by the scheduler, by Django's mail and through a real SMTP server."""

from __future__ import annotations

import email
import socket
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from jalin.core.calendar_feed import calendar_for
from jalin.core.errors import InvalidInput, NotFound
from jalin.core.models import Favour, Reminder
from jalin.core.selectors import (
    due_list,
    needs_open,
    profile_for,
    promises_open,
    reminders_coming,
    reminders_due,
    weekly_plan_for,
)
from jalin.core.services.accounts import calendar_token_renew, profile_settings_set
from jalin.core.services.digest import digest_send, reminders_deliver
from jalin.core.services.favours import favour_add
from jalin.core.services.interactions import interaction_log
from jalin.core.services.needs import need_ask, need_create
from jalin.core.services.reminders import (
    person_snooze,
    reminder_add,
    reminder_done,
    reminder_get,
    reminder_snooze,
    reminders_make,
)
from jalin.domain.plan import monday_of

JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 12, 7, 8, 0, tzinfo=JAKARTA)  # a Monday morning
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def network(owner, make_person):
    """Sari, due for a touch; Budi, whose birthday is on Thursday; Tono, asked for help
    eight days ago and silent since."""
    sari = make_person("Sari Dewi", cadence_days=7, added_on=date(2026, 11, 1))
    budi = make_person("Budi Santoso", birthday="1990-12-10", cadence_days=90)
    tono = make_person("Tono Sugiarto", cadence_days=365)
    need = need_create(owner=owner, title="Kerja untuk Rizky", kind="job")
    with time_machine.travel(NOW - timedelta(days=8), tick=False):
        need_ask(owner=owner, need=need, helper=tono)
    interaction_log(owner=owner, people=[sari], occurred_at=NOW - timedelta(days=10))
    owner.email = "ayu@example.org"
    owner.save()
    return {"sari": sari, "budi": budi, "tono": tono, "need": need}


def test_the_days_reminders_are_made_once_however_often_asked(owner, network):
    made = reminders_make(owner=owner, today=TODAY)
    kinds = dict(Reminder.objects.filter(owner=owner).values_list("person__name", "kind"))
    assert kinds["Budi Santoso"] == "birthday"
    assert kinds["Tono Sugiarto"] == "follow_up"
    assert kinds["Sari Dewi"] == "keep_in_touch"
    assert made == Reminder.objects.count()
    assert reminders_make(owner=owner, today=TODAY) == 0
    assert reminders_make(owner=owner, today=TODAY + timedelta(days=1)) == 0


def test_a_contact_fulfils_the_keep_in_touch_reminder(owner, network):
    reminders_make(owner=owner, today=TODAY)
    interaction_log(owner=owner, people=[network["sari"]])
    assert not [r for r in reminders_due(owner, today=TODAY) if r.kind == "keep_in_touch"]


def test_done_and_snooze_on_a_reminder_and_a_recurring_one_comes_again(owner, other_owner):
    yearly = reminder_add(owner=owner, title="Bayar zakat", due_on=TODAY, recur_yearly=True)
    once = reminder_add(owner=owner, title="Kirim CV", due_on=TODAY)
    again = reminder_done(owner=owner, reminder=yearly)
    assert again.due_on == date(2027, 12, 7)
    assert again.title == "Bayar zakat"
    reminder_snooze(owner=owner, reminder=once, until=TODAY + timedelta(days=3))
    assert reminders_due(owner, today=TODAY) == []
    assert reminders_due(owner, today=TODAY + timedelta(days=3)) == [once]
    with pytest.raises(InvalidInput):
        reminder_snooze(owner=owner, reminder=once, until=TODAY)
    with pytest.raises(NotFound):
        reminder_get(other_owner, once.pk)
    with pytest.raises(NotFound):
        reminder_done(owner=other_owner, reminder=once)
    assert Reminder.objects.get(pk=once.pk).done_at is None


def test_a_snoozed_person_leaves_the_day_and_the_plan_until_a_contact(owner, network):
    sari = network["sari"]
    assert sari in [d.person for d in due_list(owner)]
    person_snooze(owner=owner, person=sari, until=TODAY + timedelta(days=7))
    assert sari not in [d.person for d in due_list(owner)]
    assert sari.pk not in [i.person_id for i in weekly_plan_for(owner, monday_of(TODAY), 10)]
    assert sari in [d.person for d in due_list(owner, today=TODAY + timedelta(days=7))]
    interaction_log(owner=owner, people=[sari], occurred_at=NOW - timedelta(days=9))
    sari.refresh_from_db()
    assert sari.snoozed_until is None


def test_the_digest_goes_in_the_owners_language_with_what_is_due(owner, network):
    reminders_make(owner=owner, today=TODAY)
    profile_settings_set(
        owner=owner, language="id", time_zone="Asia/Jakarta", weekly_budget=5,
        layer_cadences={}, digest="daily", digest_hour=7, email="ayu@example.org",
    )  # fmt: skip
    assert digest_send(owner=owner, today=TODAY, weekly=False)
    [message] = mail.outbox
    assert message.to == ["ayu@example.org"]
    assert "pengingat" in message.subject
    body = message.body
    assert "Tindak lanjuti dengan Tono Sugiarto soal: Kerja untuk Rizky" in body
    assert "Sari Dewi" in body
    assert "Rencana minggu ini" in body
    html = message.alternatives[0][0]
    assert "Ulang tahun mendatang" not in html
    assert "Budi Santoso" in html
    assert profile_for(owner).digest_sent_on == TODAY


def test_the_scheduler_sends_each_digest_once_and_one_failure_stops_no_one(
    owner, other_owner, network, make_person, monkeypatch
):
    profile_settings_set(
        owner=other_owner, language="en", time_zone="", weekly_budget=5, layer_cadences={},
        digest="daily", digest_hour=7, email="bima@example.org",
    )  # fmt: skip
    make_person("Gita", who=other_owner, cadence_days=7, added_on=date(2026, 11, 1))
    owner.jalin_profile.digest = "daily"
    owner.jalin_profile.save()
    first = reminders_deliver()
    assert first["digests"] == 2
    assert first["failed"] == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["ayu@example.org", "bima@example.org"]
    assert "Gita" not in next(m.body for m in mail.outbox if m.to == ["ayu@example.org"])
    assert reminders_deliver() == {"reminders": 0, "digests": 0, "failed": 0}
    # The next day ayu's mail server fails: bima's digest still goes; ayu's on the next round.
    import jalin.core.services.digest as digest_module

    real_send = digest_module.EmailMultiAlternatives.send

    def send(message, *args, **kwargs):
        if message.to == ["ayu@example.org"]:
            raise OSError("connection refused")
        return real_send(message, *args, **kwargs)

    mail.outbox.clear()
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        monkeypatch.setattr(digest_module.EmailMultiAlternatives, "send", send)
        assert reminders_deliver()["failed"] == 1
        assert [m.to for m in mail.outbox] == [["bima@example.org"]]
        monkeypatch.setattr(digest_module.EmailMultiAlternatives, "send", real_send)
        assert reminders_deliver()["digests"] == 1
    assert [m.to for m in mail.outbox] == [["bima@example.org"], ["ayu@example.org"]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_digest_arrives_through_a_real_smtp_server(owner, network, settings):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Inbox(Message):
        def handle_message(self, message):
            received.append(message)

    port = _free_port()
    server = Controller(Inbox(), hostname="127.0.0.1", port=port)
    server.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        reminders_make(owner=owner, today=TODAY)
        assert digest_send(owner=owner, today=TODAY, weekly=True)
    finally:
        server.stop()
    [message] = received
    assert message["To"] == "ayu@example.org"
    parts = {part.get_content_type(): part for part in message.walk()}
    text = parts["text/plain"].get_payload(decode=True).decode()
    assert "Follow up with Tono Sugiarto about: Kerja untuk Rizky" in text
    assert "text/html" in parts
    assert email.utils.parseaddr(message["From"])[1] == "jalin@localhost"


def test_the_calendar_feed_holds_birthdays_plan_and_reminders(owner, other_owner, network):
    from jalin.core.services.people import person_create

    person_create(owner=other_owner, name="Rahasia", birthday="1991-12-08")
    reminders_make(owner=owner, today=TODAY)
    feed = Calendar.from_ical(calendar_for(owner, today=TODAY))
    events = {str(e["uid"]): e for e in feed.walk("VEVENT")}
    birthday = events[f"birthday-{network['budi'].pk}@jalin"]
    assert birthday["rrule"]["FREQ"] == ["YEARLY"]
    assert birthday.decoded("dtstart") == date(1990, 12, 10)
    assert events[f"touch-{network['sari'].pk}-{TODAY}@jalin"]["summary"] == "Sari Dewi"
    follow_up = next(e for uid, e in events.items() if uid.startswith("reminder-"))
    assert "Tono Sugiarto" in str(follow_up["summary"])
    assert not any("Rahasia" in str(e["summary"]) for e in events.values())
    assert calendar_token_renew(owner=owner) != calendar_token_renew(owner=owner)


def test_bad_settings_are_refused_and_change_nothing(owner):
    good = {"language": "en", "time_zone": "Asia/Jakarta", "weekly_budget": 5,
            "layer_cadences": {}, "digest": "weekly", "digest_hour": 7,
            "email": "ayu@example.org"}  # fmt: skip
    for field, value in [("time_zone", "Mars/Olympus"), ("weekly_budget", 500),
                         ("digest", "hourly"), ("digest_hour", 24), ("email", "not-an-email"),
                         ("layer_cadences", {2: 0})]:  # fmt: skip
        with pytest.raises(InvalidInput):
            profile_settings_set(owner=owner, **{**good, field: value})
    with pytest.raises(InvalidInput, match="email address"):
        profile_settings_set(owner=owner, **{**good, "email": ""})
    profile = profile_for(owner)
    assert (profile.time_zone, profile.weekly_budget, profile.digest) == ("", 10, "weekly")


def test_the_owners_layer_cadence_moves_the_due_dates(owner, make_person):
    close = make_person("Dekat", closeness=8, added_on=date(2026, 11, 1))
    interaction_log(owner=owner, people=[close], occurred_at=NOW - timedelta(days=20))
    assert close not in [d.person for d in due_list(owner)]  # layer 2: every 30 days
    profile_settings_set(
        owner=owner, language="en", time_zone="", weekly_budget=10, layer_cadences={2: 14},
        digest="off", digest_hour=7, email="",
    )  # fmt: skip
    assert close in [d.person for d in due_list(owner)]


def test_what_is_open_is_listed_soonest_first_with_its_people_and_only_the_owners(
    owner, other_owner, network, make_person
):
    sari, tono, need = network["sari"], network["tono"], network["need"]
    later = reminder_add(owner=owner, title="Nanti", due_on=TODAY - timedelta(days=1), person=sari)
    first = reminder_add(owner=owner, title="Dulu", due_on=TODAY - timedelta(days=3))
    woken = reminder_add(owner=owner, title="Bangun", due_on=TODAY - timedelta(days=2))
    Reminder.objects.filter(pk=woken.pk).update(snoozed_until=TODAY)  # awake again today
    sleeping = reminder_add(owner=owner, title="Tidur", due_on=TODAY - timedelta(days=2))
    reminder_snooze(owner=owner, reminder=sleeping, until=TODAY + timedelta(days=2))
    reminder_done(owner=owner, reminder=reminder_add(owner=owner, title="Selesai", due_on=TODAY))
    coming = reminder_add(owner=owner, title="Segera", due_on=TODAY + timedelta(days=3))
    reminder_add(owner=owner, title="Jauh", due_on=TODAY + timedelta(days=60))
    reminder_add(owner=other_owner, title="Rahasia", due_on=TODAY - timedelta(days=5),
                 person=make_person("Rahasia", who=other_owner))  # fmt: skip
    due = [r for r in reminders_due(owner, today=TODAY) if r.kind == "custom"]
    assert due == [first, woken, later]
    assert due[2].person.name == "Sari Dewi"
    assert [r.title for r in reminders_due(owner, today=TODAY, limit=1)] == ["Dulu"]
    ahead = [r for r in reminders_coming(owner, today=TODAY, days=14) if r.kind == "custom"]
    assert ahead == [coming]  # due in the window, not snoozed past today
    assert [n.title for n in needs_open(owner)] == ["Kerja untuk Rizky"]
    assert needs_open(other_owner) == []
    soon = favour_add(owner=owner, person=tono, direction="given", description="kirim CV",
                      status="promised", need=need)  # fmt: skip
    Favour.objects.filter(pk=soon.pk).update(due_on=TODAY + timedelta(days=2))
    someday = favour_add(owner=owner, person=sari, direction="given", description="traktir",
                         status="promised")  # fmt: skip
    favour_add(owner=owner, person=sari, direction="given", description="sudah", status="done")
    promised = promises_open(owner)
    assert promised == [soon, someday]  # a day first, none last
    assert promised[0].person.name == "Tono Sugiarto"
    assert promises_open(other_owner) == []
