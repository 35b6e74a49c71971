"""Errors the domain raises for bad input: each says what was wrong and why.

Messages are written as templates with named parameters and marked with :func:`_` so that the
translation catalogue picks them up; the interfaces translate the template in the reader's
language and then fill it in. The domain itself stays free of any translation machinery.
"""

from __future__ import annotations

from typing import Any


def _(template: str) -> str:
    """Mark ``template`` for translation (extracted by gettext, returned unchanged)."""
    return template


class InvalidInput(ValueError):
    """A value a person typed or a file held cannot be used; the message says why.

    ``template % params`` is the English message; ``field`` names the input it concerns.
    """

    def __init__(self, template: str, *, field: str | None = None, **params: Any) -> None:
        self.template = template
        self.params = params
        self.field = field
        super().__init__(template % params if params else template)
