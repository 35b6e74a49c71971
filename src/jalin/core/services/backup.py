"""A complete, versioned JSON backup of one owner's data, and its exact restore.

The backup lists every owned row section by section. Rows are numbered per section in
primary-key order (``ref``), and relations point at those numbers, so a backup does not depend
on the database it came from: restoring it into an empty database and exporting again gives the
same document (but for ``exported_at``).

Every concrete field of every model is written, found through Django's model metadata, so a
field added to a model is backed up without touching this module.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from jalin.core.errors import Conflict, InvalidInput
from jalin.core.models import (
    Affiliation,
    Circle,
    ContactPoint,
    DuplicatePair,
    Favour,
    ImportBatch,
    ImportJob,
    Interaction,
    Link,
    Merge,
    Need,
    Organisation,
    Participation,
    Person,
    Profile,
    Reminder,
    SourceRecord,
    Tag,
)
from jalin.core.participation import refresh

BACKUP_FORMAT = "jalin-backup"
BACKUP_VERSION = 1

SECTIONS: tuple[tuple[str, type[models.Model]], ...] = (
    ("import_batches", ImportBatch),
    ("circles", Circle),
    ("tags", Tag),
    ("organisations", Organisation),
    ("people", Person),
    ("contact_points", ContactPoint),
    ("affiliations", Affiliation),
    ("links", Link),
    ("needs", Need),
    ("interactions", Interaction),
    ("favours", Favour),
    ("reminders", Reminder),
    ("source_records", SourceRecord),
    ("duplicate_pairs", DuplicatePair),
    ("merges", Merge),
    ("import_jobs", ImportJob),
)
PROFILE_FIELDS = ("language", "time_zone", "weekly_budget", "own_names", "own_emails")
_SKIPPED = {"id", "owner"}


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in _SKIPPED]


def _m2m(model: type[models.Model]) -> list[models.ManyToManyField]:
    return list(model._meta.many_to_many)


def _section_of(model: type[models.Model]) -> str:
    return next(name for name, m in SECTIONS if m is model)


def _dump_value(field: models.Field, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def backup_export(*, owner: AbstractBaseUser) -> dict[str, Any]:
    """Return the owner's whole network as a JSON-ready dict (see the module doc)."""
    refs: dict[type[models.Model], dict[int, int]] = {}
    document: dict[str, Any] = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "exported_at": timezone.now().astimezone(UTC).isoformat(),
        "owner": owner.get_username(),
    }
    profile = Profile.objects.filter(user=owner).first()
    document["profile"] = {f: getattr(profile, f) for f in PROFILE_FIELDS} if profile else {}
    for section, model in SECTIONS:
        rows = list(
            model.objects.filter(owner=owner)
            .order_by("pk")
            .prefetch_related(*(f.name for f in _m2m(model)))
        )
        refs[model] = {row.pk: index for index, row in enumerate(rows, start=1)}
        document[section] = [_dump_row(row, refs) for row in rows]
    return document


def _dump_row(row: models.Model, refs: dict[type[models.Model], dict[int, int]]) -> dict:
    item: dict[str, Any] = {"ref": refs[type(row)][row.pk]}
    for field in _fields(type(row)):
        if field.is_relation:
            target_id = getattr(row, field.attname)
            item[field.name] = None if target_id is None else refs[field.related_model][target_id]
        else:
            item[field.name] = _dump_value(field, getattr(row, field.attname))
    for field in _m2m(type(row)):
        target_refs = refs[field.related_model]
        item[field.name] = sorted(target_refs[t.pk] for t in getattr(row, field.name).all())
    return item


def _owner_has_data(owner: AbstractBaseUser) -> bool:
    return any(
        model.objects.filter(owner=owner).exists()
        for _, model in SECTIONS
        if model not in (Circle, Tag)
    )


@transaction.atomic
def backup_restore(*, owner: AbstractBaseUser, document: Any) -> dict[str, int]:
    """Restore a backup into ``owner``'s empty network; return the rows restored per section.

    Refuses an owner who already has people or interactions (a restore never mixes two
    networks). Any invalid value raises :class:`InvalidInput` naming its place in the document
    (``people[3].birthday_month``), and nothing is kept.
    """
    _check_header(document)
    if _owner_has_data(owner):
        raise Conflict("a backup restores only into an empty network; this one has data")
    Circle.objects.filter(owner=owner).delete()
    Tag.objects.filter(owner=owner).delete()
    _restore_profile(owner, document.get("profile") or {})
    ids: dict[type[models.Model], dict[int, int]] = {}
    counts = {}
    for section, model in SECTIONS:
        items = document.get(section, [])
        if not isinstance(items, list):
            raise InvalidInput(f"{section}: expected a list")
        ids[model] = _restore_section(owner, section, model, items, ids)
        counts[section] = len(items)
    return counts


def _check_header(document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise InvalidInput('not a jalin backup (no "format": "jalin-backup")')
    if document.get("version") != BACKUP_VERSION:
        raise InvalidInput(
            f"backup version {document.get('version')!r} is not supported"
            f" (this jalin reads version {BACKUP_VERSION})"
        )


def _restore_profile(owner: AbstractBaseUser, data: dict) -> None:
    profile, _ = Profile.objects.get_or_create(user=owner)
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    try:
        profile.clean_fields(exclude=["user"])
    except ValidationError as error:
        raise InvalidInput(f"profile: {_describe(error)}") from error
    profile.save()


def _describe(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def _restore_section(
    owner: AbstractBaseUser,
    section: str,
    model: type[models.Model],
    items: list,
    ids: dict[type[models.Model], dict[int, int]],
) -> dict[int, int]:
    fields = _fields(model)
    relations = [f for f in fields if f.is_relation]
    deferred = [f for f in relations if f.related_model is model]
    rows, item_refs = [], []
    for index, item in enumerate(items):
        where = f"{section}[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("ref"), int):
            raise InvalidInput(f'{where}: expected an object with an integer "ref"')
        values = {"owner": owner}
        for field in fields:
            if field in deferred:
                continue
            if field.is_relation:
                values[field.attname] = _target(item.get(field.name), field, ids, where)
            elif field.name in item:
                values[field.attname] = _load(field, item[field.name], f"{where}.{field.name}")
        row = model(**values)
        try:
            row.clean_fields(exclude=["owner", *(f.name for f in relations)])
        except ValidationError as error:
            raise InvalidInput(f"{where}: {_describe(error)}") from error
        rows.append(row)
        item_refs.append(item["ref"])
    if len(set(item_refs)) != len(item_refs):
        raise InvalidInput(f"{section}: the same ref appears twice")
    created = model.objects.bulk_create(rows, batch_size=500)
    mapping = {ref: row.pk for ref, row in zip(item_refs, created, strict=True)}
    for field in deferred:
        _restore_self_relation(model, field, items, mapping, section)
    for field in _m2m(model):
        _restore_m2m(owner, model, field, items, mapping, ids, section)
    return mapping


def _load(field: models.Field, value: Any, where: str) -> Any:
    try:
        return field.to_python(value)
    except ValidationError as error:
        raise InvalidInput(f"{where}: {' '.join(error.messages)}") from error


def _target(ref: Any, field: models.Field, ids: dict, where: str) -> int | None:
    if ref is None:
        if not field.null:
            raise InvalidInput(f"{where}.{field.name}: cannot be empty")
        return None
    target = ids.get(field.related_model, {}).get(ref)
    if target is None:
        raise InvalidInput(
            f"{where}.{field.name}: no {_section_of(field.related_model)} with ref {ref!r}"
        )
    return target


def _restore_self_relation(model, field, items, mapping, section) -> None:
    for index, item in enumerate(items):
        ref = item.get(field.name)
        if ref is None:
            continue
        if ref not in mapping:
            raise InvalidInput(f"{section}[{index}].{field.name}: no {section} with ref {ref!r}")
        model.objects.filter(pk=mapping[item["ref"]]).update(**{field.attname: mapping[ref]})


def _restore_m2m(owner, model, field, items, mapping, ids, section) -> None:
    through = field.remote_field.through
    source_column = f"{model._meta.model_name}_id"
    target_column = f"{field.related_model._meta.model_name}_id"
    owned = {"owner_id": owner.pk} if through is Participation else {}
    links = []
    for index, item in enumerate(items):
        for ref in item.get(field.name, []):
            target = ids.get(field.related_model, {}).get(ref)
            if target is None:
                raise InvalidInput(
                    f"{section}[{index}].{field.name}: no"
                    f" {_section_of(field.related_model)} with ref {ref!r}"
                )
            links.append(
                through(**{source_column: mapping[item["ref"]], target_column: target}, **owned)
            )
    through.objects.bulk_create(links, batch_size=1000)
    if through is Participation:
        refresh(mapping.values())  # the time and shape scoring reads, from the interactions
