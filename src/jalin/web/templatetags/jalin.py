from django import template

from jalin.web import labels

register = template.Library()

# Each filter reads a code (a channel, a status …) in the reader's language; unknown codes
# are shown as they are.
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
for _name, _table in CODE_LABELS.items():
    register.filter(_name, lambda code, table=_table: table.get(code, code))


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
