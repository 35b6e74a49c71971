"""The pages' own template filters and the blank-form field tag write what Django's own
would, in the reader's language and time zone, however often they are asked."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from jalin.core.models import Circle, Interaction, Person, person_url
from jalin.core.people_list import ListedPerson
from jalin.core.selectors import PersonLink
from jalin.web.forms import BulkEditForm, LogForm, PeopleFilterForm
from jalin.web.lines import contact_lines, link_lines, people_lines, written

MIDNIGHT_IN_JAKARTA = datetime(2026, 12, 6, 17, 30, tzinfo=UTC)  # 7 Dec, 00:30 in Jakarta


def rendered(text: str, **context) -> str:
    return Template("{% load jalin %}" + text).render(Context(context))


def contact(**fields) -> Interaction:
    defaults = {"occurred_at": MIDNIGHT_IN_JAKARTA, "channel": "whatsapp", "initiator": "them",
                "kind": "touch", "messages_me": 0, "messages_them": 0, "minutes": None}  # fmt: skip
    return Interaction(**{**defaults, **fields})


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("zone", ["UTC", "Asia/Jakarta"])
def test_days_and_moments_read_as_djangos_date_filter_writes_them(language, zone):
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo(zone)):
        for _ in range(2):  # the second time from what was kept
            moment = MIDNIGHT_IN_JAKARTA
            assert rendered("{{ t|day:'j M Y' }}", t=moment) == rendered(
                "{{ t|date:'j M Y' }}", t=moment
            )
            assert rendered("{{ t|moment }}", t=moment) == rendered(
                '{{ t|date:"j M Y, H:i" }}', t=moment
            )
            line = contact_lines([contact(occurred_at=moment)])[0]
            assert line.at_iso == rendered("{{ t|date:'c' }}", t=moment)
            assert line.at_text == rendered('{{ t|date:"j M Y, H:i" }}', t=moment)
            assert rendered("{{ d|day:'D j M' }}", d=date(2026, 12, 7)) == rendered(
                "{{ d|date:'D j M' }}", d=date(2026, 12, 7)
            )
    with translation.override("id"), timezone.override(zoneinfo.ZoneInfo("Asia/Jakarta")):
        assert rendered("{{ t|day:'j M Y' }}", t=MIDNIGHT_IN_JAKARTA) == "7 Des 2026"
    with translation.override("en"), timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert rendered("{{ t|day:'j M Y' }}", t=MIDNIGHT_IN_JAKARTA) == "6 Dec 2026"


def test_a_label_follows_the_readers_language_each_time():
    template = "{{ code|status_label }}"
    seen = []
    for language in ("en", "id", "en", "id"):
        with translation.override(language):
            seen.append(rendered(template, code="drifting"))
    assert seen[0] == seen[2] != seen[1] == seen[3]
    with translation.override("en"):
        assert rendered(template, code="unknown-code") == "unknown-code"


@pytest.mark.parametrize(
    ("language", "mine", "theirs", "text"),
    [
        ("en", 1, 0, "1 message, 1 yours"),
        ("en", 2, 3, "5 messages, 2 yours"),
        ("id", 2, 3, "5 pesan, 2 dari Anda"),
    ],
)
def test_the_messages_of_a_contact_are_counted_in_words(language, mine, theirs, text):
    with translation.override(language):
        line = contact_lines([contact(messages_me=mine, messages_them=theirs, minutes=12)])[0]
        minutes = "12 min" if language == "en" else "12 menit"
        assert line.details == f" · {text} · {minutes}"
        assert contact_lines([contact()])[0].details == ""
        assert f"{text} · {minutes}</small></li>" in rendered("{{ line }}", line=line)
        said = contact_lines([contact(summary="<i>ngopi</i> & cerita")])[0]
        assert "<p>&lt;i&gt;ngopi&lt;/i&gt; &amp; cerita</p></li>" in rendered("{{ l }}", l=said)


@pytest.mark.parametrize(
    ("language", "call", "started"),
    [("en", "call", "started by me"), ("id", "telepon", "dimulai oleh saya")],
)
def test_a_timeline_line_names_the_channel_kind_and_who_started_in_the_readers_language(
    language, call, started
):
    with translation.override(language):
        for _ in range(2):  # the second time from what was kept
            line = contact_lines([contact(channel="call", initiator="me", kind="touch")])[0]
            assert line.channel.lower() == call
            assert line.started_by == started
            assert line.kind == "touch"
            assert line.kind_text == rendered("{{ k|kind_label }}", k="touch")


def test_a_blank_forms_field_is_the_same_once_kept_and_in_each_language():
    laid_out = "{% field form.channel %}"
    plain = '{% include "jalin/_field.html" with field=form.channel %}'
    for language in ("en", "id", "en"):
        with translation.override(language):
            kept = rendered(laid_out, form=LogForm())
            assert kept == rendered(plain, form=LogForm())
            assert kept == rendered(laid_out, form=LogForm())
    with translation.override("id"):
        assert ">Lewat</label>" in rendered(laid_out, form=LogForm())
    with translation.override("en"):
        assert ">How</label>" in rendered(laid_out, form=LogForm())


def test_a_bound_or_filled_in_form_is_never_taken_from_what_was_kept():
    with translation.override("en"):
        blank = rendered("{% field form.channel %}", form=LogForm())
        refused = LogForm({"channel": "pigeon", "kind": "touch", "initiator": "me"})
        refused.is_valid()
        shown = rendered("{% field form.channel %}", form=refused)
        assert shown != blank
        assert 'class="error"' in shown
        chosen = rendered("{% field form.channel %}", form=LogForm(initial={"channel": "call"}))
        assert '<option value="call" selected>' in chosen
        assert '<option value="call" selected>' not in blank


def test_a_persons_address_is_the_one_django_reverses_under_any_script_prefix():
    assert person_url(12) == reverse("person_detail", args=[12])
    set_script_prefix("/jalin/")
    try:
        assert person_url(12) == "/jalin/people/12/" == reverse("person_detail", args=[12])
    finally:
        set_script_prefix("/")
    assert person_url(12) == "/people/12/"


def test_a_blank_form_of_an_owners_own_choices_is_kept_per_those_choices():
    def bulk(*names: str) -> str:
        circles = [Circle(slug=name.lower(), name=name, seeded=False) for name in names]
        form = BulkEditForm(circles=circles)
        return rendered("{% field form.add_circle %}", form=form)

    with translation.override("en"):
        chess = bulk("Chess")
        assert ">Chess</option>" in chess
        assert bulk("Chess") == chess
        choir = bulk("Choir", "Chess")
        assert ">Choir</option>" in choir
        assert ">Choir</option>" not in bulk("Chess")


@pytest.mark.parametrize(
    ("language", "phrase", "removal"),
    [
        ("en", "sibling of", "Remove the link with Sari &amp; Budi"),
        ("id", "saudara kandung dari", "Hapus hubungan dengan Sari &amp; Budi"),
    ],
)
def test_a_link_reads_in_the_readers_language(language, phrase, removal):
    budi = Person(pk=4, name="Sari & Budi")
    with translation.override(language):
        for _ in range(2):
            (line,) = link_lines([PersonLink("sibling", budi)], remove_url="/x/", token="")
            assert line.phrase == phrase
            html = rendered("{{ line }}", line=line)
            assert f'aria-label="{removal}"' in html
            assert html.startswith(f"<li>{phrase} <a ")
    assert f'<a href="{reverse("person_detail", args=[4])}">Sari &amp; Budi</a>' in html
    assert '<input type="hidden" name="other" value="4">' in html
    assert 'action="/x/"' in html


def test_an_address_kept_once_reversed_is_djangos_under_any_script_prefix(monkeypatch):
    from jalin.web.templatetags import kept_url

    reversed_ = []
    monkeypatch.setattr(
        kept_url, "reverse", lambda *a, **k: reversed_.append(a) or reverse(*a, **k)
    )
    kept_url._reversed.cache_clear()
    text = "{% url 'person_detail' 12 %} {% url 'person_link_remove' person_id=12 %}"
    expected = f"{reverse('person_detail', args=[12])} {reverse('person_link_remove', args=[12])}"
    assert Template(text).render(Context()) == Template(text).render(Context()) == expected
    assert len(reversed_) == 2  # each once, in every template (a built-in: no load)
    set_script_prefix("/jalin/")
    try:
        assert rendered(text) == "/jalin/people/12/ /jalin/people/12/links/remove/"
    finally:
        set_script_prefix("/")
    assert rendered("{% url 'no-such-page' as there %}[{{ there }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        rendered("{% url 'no-such-page' %}")


def test_a_line_of_the_people_list_reads_in_the_readers_language_and_time_zone():
    family = Circle(pk=1, slug="family", name="family", seeded=True)
    listed = [
        ListedPerson(7, "Sari", (family,), 64, "drifting", MIDNIGHT_IN_JAKARTA),
        ListedPerson(8, "Budi", (), 80, "ok", None),
        ListedPerson(9, "Baru", (), None, None, None),
    ]
    with translation.override("id"), timezone.override(zoneinfo.ZoneInfo("Asia/Jakarta")):
        sari, budi, baru = people_lines(listed)
        assert sari.last_contact == "7 Des 2026"
        assert sari.circles == (rendered("{{ c|circle_label }}", c=family),)
        assert sari.status_text == rendered("{{ s|status_label }}", s="drifting")
        assert sari.url == reverse("person_detail", args=[7])
    with translation.override("en"), timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert people_lines(listed)[0].last_contact == "6 Dec 2026"
    assert (budi.status_text, budi.last_contact) == ("", "—")
    assert (baru.strength, baru.status_text) == (None, "")


def test_a_line_of_the_people_list_writes_itself_escaped():
    family = Circle(pk=1, slug="family", name="family", seeded=True)
    (line,) = people_lines([ListedPerson(7, "<b>Tono</b>", (family,), 12, "dormant", None)])
    with translation.override("en"):
        html = rendered("{{ line }}", line=line)
    assert html.startswith('<li><input type="checkbox" name="people" value="7"')
    assert "<b>" not in html
    assert 'aria-label="&lt;b&gt;Tono&lt;/b&gt;"' in html
    assert '<span class="chip">Family</span>' in html
    assert '<span class="strength" title="strength">12</span> <mark class="dormant">' in html


def test_a_filters_select_is_kept_per_the_value_it_shows_and_never_with_an_error():
    circles = [Circle(pk=1, slug="chess", name="Chess", seeded=False)]

    def shown(query: dict) -> tuple[str, str]:
        form = PeopleFilterForm(query, circles=circles, statuses=["drifting"], bands=[0, 20])
        form.wanted()
        return rendered("{% widget form.status %}", form=form), str(form["status"])

    with translation.override("en"):
        for _ in range(2):  # the second time from what was kept
            kept, plain = shown({"status": "drifting"})
            assert kept == plain
            assert '<option value="drifting" selected>' in kept
        other, _ = shown({})
        assert '<option value="drifting" selected>' not in other
        bad, plain = shown({"status": "bogus"})
        assert bad == plain
    with translation.override("id"):
        assert shown({"status": "drifting"})[0] != kept  # each language its own


def test_a_kept_line_of_the_people_list_is_written_again_when_anything_it_shows_changes():
    chess = Circle(pk=1, slug="chess", name="Chess", seeded=False)
    sari = ListedPerson(7, "Sari", (chess,), 64, "drifting", MIDNIGHT_IN_JAKARTA)
    with translation.override("en"), timezone.override(zoneinfo.ZoneInfo("UTC")):
        (first,) = people_lines([sari])
        (again,) = people_lines([sari])
        assert again is first  # kept, not written twice
        renamed = Circle(pk=1, slug="chess", name="Catur", seeded=False)
        (line,) = people_lines(
            [ListedPerson(7, "Sari", (renamed,), 64, "drifting", MIDNIGHT_IN_JAKARTA)]
        )
        assert '<span class="chip">Catur</span>' in str(line)
        (line,) = people_lines([ListedPerson(7, "Sari", (chess,), 65, "ok", MIDNIGHT_IN_JAKARTA)])
        assert ">65</span>" in str(line)
        assert "<mark" not in str(line)
        assert "6 Dec 2026" in str(first)
    with translation.override("en"), timezone.override(zoneinfo.ZoneInfo("Asia/Jakarta")):
        (line,) = people_lines([sari])
        assert "7 Dec 2026" in str(line)
    with translation.override("id"), timezone.override(zoneinfo.ZoneInfo("UTC")):
        (line,) = people_lines([sari])
        assert f'title="{translation.gettext("strength")}"' in str(line)
        assert rendered("{{ s|status_label }}", s="drifting") in str(line)
        assert "6 Des 2026" in str(line)
    assert str(first) != str(line)


def test_a_line_is_written_as_format_html_writes_it():
    values = (
        "<b>Tono</b> & \"Sari\" 'x'",
        mark_safe('<input type="hidden" name="csrfmiddlewaretoken" value="t">'),
        gettext_lazy("strength"),
        12,
        None,
        "",
    )
    template = '<li title="{}">{} {} {} {} {}</li>'
    with translation.override("id"):
        assert written(template, *values) == format_html(template, *values)
        assert isinstance(written(template, *values), SafeString)
    escaped = "&lt;b&gt;Tono&lt;/b&gt; &amp; &quot;Sari&quot; &#x27;x&#x27;"
    assert written("{}", values[0]) == escaped


def test_a_line_of_the_due_list_writes_its_forms_escaped_in_the_readers_language():
    from types import SimpleNamespace

    from jalin.web.lines import due_lines

    def due(pk, name, status, last):
        person = SimpleNamespace(pk=pk, name=name)
        return SimpleNamespace(person=person, score=SimpleNamespace(status=status),
                               last_interaction=last)  # fmt: skip

    token = mark_safe('<input type="hidden" name="csrfmiddlewaretoken" value="t">')
    rows = [due(7, "<b>Tono</b>", "drifting", date(2026, 12, 6)), due(8, "Sari", "due", None)]
    with translation.override("id"):
        tono, sari = (str(line) for line in due_lines(rows, back="/", token=token))
        drifting = rendered("{{ s|status_label }}", s="drifting")
        assert f'<mark class="drifting">{drifting}</mark>' in tono
        assert translation.gettext("no contact logged yet") in sari
        assert "6 Des 2026" in tono
    assert tono.startswith('<li class="due-row" id="due-7">')
    assert "&lt;b&gt;Tono&lt;/b&gt;" in tono
    assert "<b>" not in tono
    assert "<mark" not in sari
    assert f'action="{reverse("person_log", args=[7])}"' in tono
    assert f'hx-post="{reverse("person_snooze", args=[7])}"' in tono
    assert tono.count(str(token)) == 2  # both forms carry the token
    assert '<input type="hidden" name="next" value="/">' in tono
