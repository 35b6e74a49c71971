from collections import OrderedDict
from datetime import date, datetime
from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils import formats, translation

from jalin.web import labels
from jalin.web.templatetags.kept_url import kept_reverse

register = template.Library()

# Each filter reads a code (a channel, a status …) in the reader's language; unknown codes
# are shown as they are. A label is translated once per language and kept: a timeline shows
# three on every line, and each translation looked up costs more than the line's markup.
CODE_LABELS = {
    "channel_label": labels.CHANNEL_LABELS,
    "kind_label": labels.KIND_LABELS,
    "initiator_label": labels.INITIATOR_LABELS,
    "contact_label": labels.CONTACT_LABELS,
    "status_label": labels.STATUS_LABELS,
    "cadence_source_label": labels.CADENCE_SOURCE_LABELS,
    "need_kind_label": labels.NEED_KIND_LABELS,
    "need_status_label": labels.NEED_STATUS_LABELS,
    "verdict_label": labels.VERDICT_LABELS,
    "favour_direction_label": labels.FAVOUR_DIRECTION_LABELS,
    "favour_status_label": labels.FAVOUR_STATUS_LABELS,
    "link_label": labels.LINK_LABELS,
    "status_reason_label": labels.STATUS_REASON_LABELS,
    "layer_label": labels.LAYER_LABELS,
}


def _label_text(table: dict):
    @lru_cache(maxsize=1 << 10)
    def text(code, _language: str) -> str:
        return str(table.get(code, code))

    return text


_CODE_TEXTS = {name: _label_text(table) for name, table in CODE_LABELS.items()}
for _name, _text in _CODE_TEXTS.items():
    register.filter(_name, lambda code, text=_text: text(code, translation.get_language()))


def code_label(name: str, code, language: str | None = None) -> str:
    """Return what the label filter ``name`` (``"channel_label"`` …) shows for ``code``, in
    ``language`` (the reader's unless given: a long list reads it once for all its lines)."""
    return _CODE_TEXTS[name](code, language or translation.get_language())


@lru_cache(maxsize=1 << 8)
def _link_phrase(kind: str, _language: str) -> str:
    return labels.link_phrase(kind)


@register.filter
def link_phrase(kind: str) -> str:
    """Return how a link reads before the other's name ("sibling of"), kept per language."""
    return _link_phrase(kind, translation.get_language())


@register.filter
def circle_label(circle) -> str:
    return labels.circle_label(circle)


@register.filter
def match_text(found) -> str:
    """Return what matched a need, ``(code, what)`` pairs, in the reader's language."""
    return ", ".join(str(labels.MATCH_LABELS[code]) % {"what": what} for code, what in found)


@register.filter
def reminder_text(reminder) -> str:
    """Return what a reminder asks, in the reader's language."""
    return labels.reminder_text(reminder)


@register.filter
def plan_reason(reason) -> str:
    """Return a reason of the week's plan in the reader's language."""
    return labels.plan_reason(reason)


@register.filter
def whatsapp_number(phone: str) -> str:
    """Return a phone number as wa.me links take it: digits only, country code first."""
    return "".join(ch for ch in phone if ch.isdigit())


@register.filter
def percent(value) -> int:
    """Return a 0–1 figure as a whole percentage (0 for none)."""
    return round((value or 0) * 100)


_BLANK_FIELDS: OrderedDict[tuple, str] = OrderedDict()
BLANK_FIELDS_KEPT = 1024  # forms × fields × languages × owners' own choices, the newest


@register.simple_tag
def field(bound) -> str:
    """Return a form field laid out as every form of the app shows one (``_field.html``:
    label, widget, errors, help).

    A field of a blank form that renders alike every time is rendered once per language
    and kept: the person page shows three such forms on every view, and the template engine
    renders a select an option at a time. A form says so with ``renders_alike``: ``True``
    when its choices and initial values are fixed in the class, or a method returning what
    else they come from (an owner's circles, say).
    """
    form = bound.form
    alike = getattr(form, "renders_alike", False)
    alike = alike() if callable(alike) else alike
    if alike in (False, None) or form.is_bound or form.initial:
        return render_to_string("jalin/_field.html", {"field": bound})
    key = (type(form), form.prefix, form.auto_id, bound.name, translation.get_language(), alike)
    if key in _BLANK_FIELDS:
        _BLANK_FIELDS.move_to_end(key)
    else:
        _BLANK_FIELDS[key] = render_to_string("jalin/_field.html", {"field": bound})
        if len(_BLANK_FIELDS) > BLANK_FIELDS_KEPT:
            _BLANK_FIELDS.popitem(last=False)
    return _BLANK_FIELDS[key]


_WIDGETS: OrderedDict[tuple, str] = OrderedDict()


@register.simple_tag
def widget(bound) -> str:
    """Return a field's widget as ``{{ field }}`` writes it, kept once rendered for the
    value it shows when its form ``renders_alike`` (see :func:`field`) and the field has no
    error: the people page's filters are bound to every search, and their selects would be
    rendered an option at a time on each."""
    form = bound.form
    alike = getattr(form, "renders_alike", False)
    alike = alike() if callable(alike) else alike
    if alike in (False, None) or bound.errors:
        return str(bound)
    value = bound.value()
    key = (type(form), form.prefix, form.auto_id, bound.name, translation.get_language(),
           alike, repr(value))  # fmt: skip
    if key in _WIDGETS:
        _WIDGETS.move_to_end(key)
    else:
        _WIDGETS[key] = str(bound)
        if len(_WIDGETS) > BLANK_FIELDS_KEPT:
            _WIDGETS.popitem(last=False)
    return _WIDGETS[key]


@register.filter(expects_localtime=True)
def day(value: date | datetime | None, format_string: str) -> str:
    """Return the day of ``value`` (a date, or a moment in the reader's time zone) as
    Django's ``date`` filter writes it with ``format_string`` — of day, month and year only.

    Each day is written once per language and format and kept: a long list writes the same
    few days again and again, and each costs Django's formatter tens of microseconds.
    """
    if not value:
        return ""
    on = value.date() if isinstance(value, datetime) else value
    return _day_text(on, format_string, translation.get_language())


@lru_cache(maxsize=1 << 12)
def _day_text(on: date, format_string: str, _language: str) -> str:
    return formats.date_format(on, format_string)


@register.filter(expects_localtime=True)
def moment(value: datetime, language: str | None = None) -> str:
    """Return a moment in the reader's time zone as day, month, year and the time on a
    24-hour clock ("7 Dec 2026, 09:30", as Django's ``date:"j M Y, H:i"``), the day kept
    as :func:`day` keeps it; in ``language`` when given (a long list reads it once)."""
    on = _day_text(value.date(), "j M Y", language or translation.get_language())
    return f"{on}, {value:%H:%M}"


@register.simple_tag(takes_context=True)
def logged_it(context, person_id: int, back: str) -> str:
    """Return the one-tap "logged it" form of a due list's person (``lines.logged_it_form``),
    returning to the page named ``back`` without htmx."""
    from django.template.backends.utils import csrf_input

    from jalin.web.lines import logged_it_form  # the lines read this module's filters

    kept = context.render_context  # one form token for the page's every row
    if "logged_it_token" not in kept:
        kept["logged_it_token"] = csrf_input(context.request)
    return logged_it_form(person_id, kept_reverse(back, (), (), None), kept["logged_it_token"])
