"""Links between people of a network: family, and who knows whom.

A link reads from both sides (``parent`` one way is ``child`` the other), so it is kept
once. Family links that would make someone their own ancestor are refused; so are links to
oneself, to another owner's people, and repeats. Links also come from a CSV file of names,
one pair a row, all or nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q

from jalin.core.errors import InvalidInput, NotFound, PersonNotFound
from jalin.core.models import Link, Person
from jalin.domain import vocabulary as vocab
from jalin.domain.errors import _

ANCESTRY = {"parent": 1, "child": -1}  # from_person is a parent (child) of to_person


def _kind(kind: str) -> str:
    if kind not in vocab.LINK_INVERSES:
        raise InvalidInput(
            _("a link is one of %(allowed)s, not %(value)r"),
            field="kind",
            allowed=", ".join(vocab.LINK_INVERSES),
            value=kind,
        )
    return kind


def _parents(owner: AbstractBaseUser) -> dict[int, set[int]]:
    """Return ``{child: {parents}}`` from the owner's parent and child links."""
    parents: dict[int, set[int]] = {}
    for a, b, kind in Link.objects.filter(owner=owner, kind__in=ANCESTRY).values_list(
        "from_person_id", "to_person_id", "kind"
    ):
        parent, child = (a, b) if kind == "parent" else (b, a)
        parents.setdefault(child, set()).add(parent)
    return parents


def _is_ancestor(parents: dict[int, set[int]], ancestor: int, person: int) -> bool:
    """Return whether ``ancestor`` is among ``person``'s ancestors (or is them)."""
    stack, seen = [person], set()
    while stack:
        current = stack.pop()
        if current == ancestor:
            return True
        if current in seen:
            continue
        seen.add(current)
        stack.extend(parents.get(current, ()))
    return False


def link_create(
    *,
    owner: AbstractBaseUser,
    a: Person,
    b: Person,
    kind: str = "knows",
    note: str = "",
    source: str = "manual",
) -> Link:
    """Record that ``a`` is ``kind`` of ``b`` (``a`` parent of ``b`` …); return the link.

    The same link read from either side is one link: asking again for it (``parent`` from
    one side or ``child`` from the other) is refused (:func:`link_get_or_create` takes it).
    """
    link, created = link_get_or_create(owner=owner, a=a, b=b, kind=kind, note=note, source=source)
    if not created:
        raise InvalidInput(
            _("%(a)s is already linked to %(b)s as %(kind)s"), a=a.name, b=b.name, kind=kind
        )
    return link


@transaction.atomic
def link_get_or_create(
    *,
    owner: AbstractBaseUser,
    a: Person,
    b: Person,
    kind: str = "knows",
    note: str = "",
    source: str = "manual",
) -> tuple[Link, bool]:
    """Return the link ``a`` is ``kind`` of ``b``, creating it (checked as
    :func:`link_create` says) when it is not kept yet, and whether it was created."""
    kind = _kind(kind)
    if a.owner_id != owner.pk or b.owner_id != owner.pk:
        raise InvalidInput(_("that person is not in your network"), field="person")
    if a.pk == b.pk:
        raise InvalidInput(_("%(name)s cannot be linked to themselves"), name=a.name)
    inverse = vocab.link_inverse(kind)
    existing = Link.objects.filter(
        Q(from_person=a, to_person=b, kind=kind) | Q(from_person=b, to_person=a, kind=inverse),
        owner=owner,
    ).first()
    if existing is not None:
        return existing, False
    if kind in ANCESTRY:
        parent, child = (a, b) if kind == "parent" else (b, a)
        if _is_ancestor(_parents(owner), child.pk, parent.pk):
            raise InvalidInput(
                _("%(parent)s cannot be a parent of %(child)s: that would be a cycle"),
                parent=parent.name,
                child=child.name,
            )
    link = Link.objects.create(
        owner=owner, from_person=a, to_person=b, kind=kind, note=note.strip(), source=source
    )
    return link, True


@transaction.atomic
def link_delete(*, owner: AbstractBaseUser, a: Person, b: Person, kind: str | None = None) -> int:
    """Remove the links between ``a`` and ``b`` (of ``kind`` read from ``a``'s side, or
    all); return how many. :class:`NotFound` when there is none."""
    between = Q(from_person=a, to_person=b) | Q(from_person=b, to_person=a)
    if kind is not None:
        _kind(kind)
        inverse = vocab.link_inverse(kind)
        between = Q(from_person=a, to_person=b, kind=kind) | Q(
            from_person=b, to_person=a, kind=inverse
        )
    removed, _counts = Link.objects.filter(between, owner=owner).delete()
    if not removed:
        raise NotFound(_("%(a)s and %(b)s are not linked") % {"a": a.name, "b": b.name})
    return removed


def links_import(
    *,
    owner: AbstractBaseUser,
    path: Path,
    kind: str = "knows",
    resolve,
) -> dict:
    """Create the links of a CSV file whose rows are ``name, name[, kind]`` (a header row
    ``a,b`` or ``person,knows`` is skipped); ``resolve(owner, text)`` finds each person.

    All or nothing: a row naming nobody, an unknown kind or a cycle stops the import with
    ``file:line: reason`` and stores nothing. A link already kept is counted, not doubled.
    Returns ``{"created": n, "existing": m}``.
    """
    kind = _kind(kind)
    text = path.read_text(encoding="utf-8-sig")
    counts = {"created": 0, "existing": 0}
    with transaction.atomic():
        for line, row in _rows(text):
            where = f"{path.name}:{line}"
            if len(row) < 2 or not row[0].strip() or not row[1].strip():
                raise InvalidInput(_("%(where)s: a row needs two names"), where=where)
            row_kind = row[2].strip() if len(row) > 2 and row[2].strip() else kind
            try:
                a, b = resolve(owner, row[0].strip()), resolve(owner, row[1].strip())
                _link, created = link_get_or_create(
                    owner=owner, a=a, b=b, kind=row_kind, source="csv"
                )
            except (InvalidInput, PersonNotFound) as error:
                raise InvalidInput(
                    _("%(where)s: %(reason)s"), where=where, reason=str(error)
                ) from error
            counts["created" if created else "existing"] += 1
    return counts


def _rows(text: str) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text))
    for number, row in enumerate(reader, start=1):
        if not any(cell.strip() for cell in row):
            continue
        if number == 1 and [c.strip().casefold() for c in row[:2]] in (
            ["a", "b"], ["person", "knows"], ["name", "name"], ["from", "to"],
        ):  # fmt: skip
            continue
        yield number, row
