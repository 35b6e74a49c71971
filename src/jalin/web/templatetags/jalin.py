from django import template

from jalin.web import labels

register = template.Library()


@register.filter
def channel_label(code: str) -> str:
    return labels.CHANNEL_LABELS.get(code, code)


@register.filter
def kind_label(code: str) -> str:
    return labels.KIND_LABELS.get(code, code)


@register.filter
def initiator_label(code: str) -> str:
    return labels.INITIATOR_LABELS.get(code, code)


@register.filter
def contact_label(code: str) -> str:
    return labels.CONTACT_LABELS.get(code, code)


@register.filter
def status_label(code: str) -> str:
    return labels.STATUS_LABELS.get(code, code)


@register.filter
def cadence_source_label(code: str) -> str:
    return labels.CADENCE_SOURCE_LABELS.get(code, code)


@register.filter
def circle_label(circle) -> str:
    return labels.circle_label(circle)


@register.filter
def need_kind_label(code: str) -> str:
    return labels.NEED_KIND_LABELS.get(code, code)


@register.filter
def need_status_label(code: str) -> str:
    return labels.NEED_STATUS_LABELS.get(code, code)


@register.filter
def verdict_label(code: str) -> str:
    return labels.VERDICT_LABELS.get(code, code)


@register.filter
def favour_direction_label(code: str) -> str:
    return labels.FAVOUR_DIRECTION_LABELS.get(code, code)


@register.filter
def favour_status_label(code: str) -> str:
    return labels.FAVOUR_STATUS_LABELS.get(code, code)


@register.filter
def match_text(found) -> str:
    """Return what matched a need, ``(code, what)`` pairs, in the reader's language."""
    return ", ".join(str(labels.MATCH_LABELS[code]) % {"what": what} for code, what in found)


@register.filter
def link_label(code: str) -> str:
    return labels.LINK_LABELS.get(code, code)
