"""Django's ``{% url %}``, each address kept once reversed.

Loaded as a built-in of every template (``TEMPLATES`` in the settings), in place of
Django's own tag: a dashboard's due list writes four addresses on every line, and each of
Django's ``reverse`` calls costs tens of microseconds. An address depends only on the view,
its arguments, the application namespace, the script prefix and the URL configuration, all
of which are in the key; a name that reverses to nothing is never kept.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()


class KeptURLNode(URLNode):
    def render(self, context):
        from django.urls import NoReverseMatch

        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple(sorted((k, v.resolve(context)) for k, v in self.kwargs.items()))
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        try:
            url = kept_reverse(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
            url = ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def kept_reverse(view_name, args: tuple, kwargs: tuple, current_app) -> str:
    """Return ``reverse(view_name, args, dict(kwargs), current_app)``, kept per script
    prefix and URL configuration (reversed afresh for arguments that cannot be a key)."""
    where = (get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    try:
        return _reversed(view_name, args, kwargs, current_app, where)
    except TypeError:  # an argument that is no dictionary key
        return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


@lru_cache(maxsize=1 << 14)
def _reversed(view_name, args: tuple, kwargs: tuple, current_app, _where: tuple) -> str:
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


@register.tag
def url(parser, token):
    """``{% url 'name' arg … [as var] %}`` as Django writes it."""
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
