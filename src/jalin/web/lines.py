"""The pages' long lists — the person page's contacts and links, the people list —
written out in the reader's language and time zone in one pass, ready for the template
to print.

A busy tie's page shows thirty contacts and a score of links, a page of the people list
fifty people. Looked up field by field through filters, each line costs the template
engine a dozen lookups, conversions and translations, and the page most of its time; here
each line is one small object of text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from jalin.core.models import person_url
from jalin.core.people_list import ListedPerson
from jalin.core.selectors import PersonLink
from jalin.web import labels
from jalin.web.templatetags.jalin import circle_label, code_label, day, link_phrase, moment
from jalin.web.templatetags.kept_url import kept_reverse


def written(template: str, *values) -> SafeString:
    """Return ``template`` filled with ``values``, each escaped unless it is safe HTML: what
    Django's ``format_html`` returns, for a third of its time.

    ``format_html`` checks every value, twice over, for text still to be translated; the
    lines' values are plain text already, and a page of them fills a thousand slots.
    """
    return SafeString(
        template.format(
            *(v.__html__() if hasattr(v, "__html__") else escape(str(v)) for v in values)
        )
    )


@dataclass(frozen=True, slots=True)
class ContactLine:
    """One contact of the timeline: when (ISO 8601 and as read), channel, kind, who
    started it, and its details (messages, minutes) and summary; it writes itself as the
    timeline's ``<li>`` (``{{ line }}``)."""

    at_iso: str
    at_text: str
    channel: str
    kind: str
    kind_text: str
    started_by: str
    details: str
    summary: str

    def __html__(self) -> str:
        summary = written("<p>{}</p>", self.summary) if self.summary else ""
        return written(
            '<li><time datetime="{}">{}</time> <span class="chip">{}</span>'
            ' <span class="chip kind-{}">{}</span> <small>{}{}</small>{}</li>',
            self.at_iso, self.at_text, self.channel, self.kind, self.kind_text,
            self.started_by, self.details, summary,
        )  # fmt: skip

    __str__ = __html__  # as a form's field: the template prints what ``str`` gives


def contact_lines(interactions) -> list[ContactLine]:
    """Return the timeline's lines of ``interactions`` (any with ``occurred_at``,
    ``channel``, ``kind``, ``initiator``, message counts, ``minutes`` and ``summary``).

    The reader's language and time zone are read once for all the lines: each read costs
    more than the label it selects.
    """
    language, zone = translation.get_language(), timezone.get_current_timezone()
    started_by = gettext("started by")
    lines = []
    for i in interactions:
        at = i.occurred_at.astimezone(zone)
        details = []
        if i.messages_me or i.messages_them:
            details.append(_messages_text(i.messages_me, i.messages_them, language))
        if i.minutes:
            details.append(gettext("%(minutes)s min") % {"minutes": i.minutes})
        lines.append(
            ContactLine(
                at_iso=at.isoformat(),
                at_text=moment(at, language),
                channel=code_label("channel_label", i.channel, language),
                kind=i.kind,
                kind_text=code_label("kind_label", i.kind, language),
                started_by=f"{started_by} {code_label('initiator_label', i.initiator, language)}",
                details="".join(f" · {part}" for part in details),
                summary=i.summary,
            )
        )
    return lines


@lru_cache(maxsize=1 << 10)
def _messages_text(mine: int, theirs: int, _language: str) -> str:
    return labels.messages_sentence(mine, theirs)


@dataclass(frozen=True, slots=True)
class LinkLine:
    """One link of the person page: how it reads ("sibling of"), the other person (id,
    name and page), its kind, what its removal button says to a screen reader, and where
    (with which form token) the removal posts; it writes itself as the list's ``<li>``."""

    phrase: str
    other_id: int
    name: str
    url: str
    kind: str
    removal: str
    remove_url: str
    token: str  # the form token's hidden input, safe HTML

    def __html__(self) -> str:
        return written(
            '<li>{} <a href="{}">{}</a> <form method="post" action="{}" hx-post="{}"'
            ' hx-target="#links" class="inline">{}<input type="hidden" name="other" value="{}">'
            '<input type="hidden" name="kind" value="{}"> <button type="submit"'
            ' class="secondary outline small" aria-label="{}">×</button></form></li>',
            self.phrase, self.url, self.name, self.remove_url, self.remove_url, self.token,
            self.other_id, self.kind, self.removal,
        )  # fmt: skip

    __str__ = __html__


def link_lines(links: list[PersonLink], *, remove_url: str, token: str) -> list[LinkLine]:
    """Return the lines of a person's ``links`` (as :func:`selectors.person_links`
    reads them), each removed by a post to ``remove_url`` with the form ``token``."""
    return [
        LinkLine(
            phrase=link_phrase(link.kind),
            other_id=link.other.pk,
            name=link.other.name,
            url=person_url(link.other.pk),
            kind=link.kind,
            removal=labels.link_removal(link.other.name),
            remove_url=remove_url,
            token=token,
        )
        for link in links
    ]


@dataclass(frozen=True, slots=True)
class PeopleLine:
    """One person of the people list: id, name and page, their circles' names, and their
    strength, status (with its name when it is not "ok") and last contact as read.

    A line writes itself as the list's ``<li>`` (``{{ line }}``), written once when it is
    made, in the language active then: fifty of them, each a dozen fields, cost the
    template engine most of the page.
    """

    pk: int
    name: str
    url: str
    circles: tuple[str, ...]
    strength: int | None
    status: str | None
    status_text: str
    last_contact: str
    html: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "html", self._written())

    def _written(self) -> str:
        chips = SafeString(
            "".join(written('<span class="chip">{}</span>', c) for c in self.circles)
        )
        figures = ""
        if self.strength is not None:
            figures = written(
                '<span class="strength" title="{}">{}</span>', gettext("strength"), self.strength
            )
            if self.status_text:
                figures += written(' <mark class="{}">{}</mark>', self.status, self.status_text)
        return written(
            '<li><input type="checkbox" name="people" value="{}" form="bulk" aria-label="{}">'
            ' <a href="{}">{}</a> {} <span class="person-figures">{}'
            " <small>{}</small></span></li>",
            self.pk, self.name, self.url, self.name, chips, figures, self.last_contact,
        )  # fmt: skip

    def __html__(self) -> str:
        return self.html

    __str__ = __html__  # as a form's field: the template prints what ``str`` gives


def people_lines(listed: list[ListedPerson]) -> list[PeopleLine]:
    """Return the lines of a page of the people list (of :func:`listed_people`).

    Each line is kept once written, per everything it shows and the reader's language and
    time zone: the list is read at every search keystroke and after every visit to a
    person, mostly the same lines again, and a line kept costs a lookup where one written
    costs tens of microseconds.
    """
    language, zone = translation.get_language(), timezone.get_current_timezone()
    return [
        _people_line(
            p.pk,
            p.name,
            tuple(circle_label(c) for c in p.circles),
            p.strength,
            p.status,
            p.last_contact,
            language,
            zone,
        )
        for p in listed
    ]


@lru_cache(maxsize=1 << 13)  # a large network's every person, in one language and zone
def _people_line(pk, name, circles, strength, status, last_contact, _language, _zone):
    return PeopleLine(
        pk=pk,
        name=name,
        url=person_url(pk),
        circles=circles,
        strength=strength,
        status=status,
        status_text="" if status in (None, "ok") else code_label("status_label", status),
        last_contact=day(timezone.localtime(last_contact), "j M Y") if last_contact else "—",
    )


def logged_it_form(person_id: int, back: str, token: str) -> SafeString:
    """Return the one-tap "logged it" form of a person on a due list (a touch by message,
    started by the owner), returning to the address ``back`` without htmx; ``token``: the
    form token's hidden input."""
    log = kept_reverse("person_log", (person_id,), (), None)
    return written(
        '<form method="post" action="{}" hx-post="{}" hx-target="#due-{}" hx-swap="outerHTML">'
        '{}<input type="hidden" name="from" value="today">'
        '<input type="hidden" name="next" value="{}">'
        '<input type="hidden" name="channel" value="message">'
        '<input type="hidden" name="kind" value="touch">'
        '<input type="hidden" name="initiator" value="me">'
        '<button type="submit" class="outline">{}</button></form>',
        log, log, person_id, token, back, gettext("Logged it"),
    )  # fmt: skip


def last_contact_text(on) -> str:
    """Return when a due person was last in touch ("last contact 6 Dec 2026"), or that no
    contact is logged yet, in the reader's language."""
    if not on:
        return gettext("no contact logged yet")
    return gettext("last contact %(date)s") % {"date": day(on, "j M Y")}


@dataclass(frozen=True, slots=True)
class DueLine:
    """One person of the dashboard's today list: their page, whether they are drifting,
    their last contact, and the "logged it" and "snooze" forms (a week off the list); it
    writes itself as the list's ``<li>``."""

    pk: int
    name: str
    url: str
    drifting: str  # the status's name when drifting, else empty
    last_contact: str
    logged_it: str  # safe HTML
    snooze_url: str
    back: str
    token: str  # the form token's hidden input, safe HTML

    def __html__(self) -> str:
        mark = written(' <mark class="drifting">{}</mark>', self.drifting) if self.drifting else ""
        return written(
            '<li class="due-row" id="due-{}"><div><a href="{}"><strong>{}</strong></a>{}'
            ' <small>{}</small></div><div class="row-actions">{}'
            '<form method="post" action="{}" hx-post="{}" hx-target="#due-{}"'
            ' hx-swap="outerHTML">{}<input type="hidden" name="days" value="7">'
            '<input type="hidden" name="next" value="{}"><button type="submit"'
            ' class="secondary outline" title="{}">{}</button></form></div></li>',
            self.pk, self.url, self.name, mark, self.last_contact, self.logged_it,
            self.snooze_url, self.snooze_url, self.pk, self.token, self.back,
            gettext("Off the list for a week"), gettext("Snooze"),
        )  # fmt: skip

    __str__ = __html__


def due_lines(due, *, back: str, token: str) -> list[DueLine]:
    """Return the lines of the dashboard's today list (``selectors.DuePerson``s), their
    forms returning to ``back`` without htmx and posting the form ``token``."""
    language = translation.get_language()
    token = SafeString(token)
    return [
        DueLine(
            pk=item.person.pk,
            name=item.person.name,
            url=person_url(item.person.pk),
            drifting=code_label("status_label", "drifting", language)
            if item.score.status == "drifting"
            else "",
            last_contact=last_contact_text(item.last_interaction),
            logged_it=logged_it_form(item.person.pk, back, token),
            snooze_url=kept_reverse("person_snooze", (item.person.pk,), (), None),
            back=back,
            token=token,
        )
        for item in due
    ]
