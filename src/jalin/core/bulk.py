"""Inserting many plain rows at once, for imports.

Django's ``bulk_create`` builds a model instance per row and assembles its SQL in Python, which
costs more than the database's own work when an import writes tens of thousands of contact
points and links. ``insert_rows`` sends one parameterised INSERT with ``executemany`` instead.
It is used only for rows whose ids nobody needs back (contact points, source links, many-to-many
rows); values still pass through each field's own conversion for the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC

from django.db import connection, models


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence],
    *,
    ignore_conflicts: bool = False,
) -> int:
    """Insert ``rows`` (tuples in the order of ``fields``) into ``model``'s table.

    With ``ignore_conflicts``, rows that would break a unique constraint are skipped
    (``ON CONFLICT DO NOTHING``, understood by SQLite and PostgreSQL). Returns the rows sent.
    """
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    converters = [
        (i, _converter(field))
        for i, field in enumerate(columns)
        if isinstance(field, models.DateField | models.JSONField)
    ]
    prepared = []
    for row in rows:
        if converters:
            row = list(row)
            for i, convert in converters:
                row[i] = convert(row[i])
        prepared.append(tuple(row))
    if not prepared:
        return 0
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({}){}".format(
        quote(meta.db_table),
        ", ".join(quote(field.column) for field in columns),
        ", ".join(["%s"] * len(columns)),
        " ON CONFLICT DO NOTHING" if ignore_conflicts else "",
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
    return len(prepared)


def _converter(field: models.Field):
    """Return how to turn a value of ``field`` into what the database driver takes.

    Aware datetimes on SQLite become the naive UTC text Django itself stores (a direct
    conversion: Django's own per-value path costs more than the insert); everything else goes
    through the field's ``get_db_prep_save``.
    """
    if isinstance(field, models.DateTimeField) and connection.vendor == "sqlite":
        last: list = [None, None]  # rows often share a value (the time of the import)

        def to_sqlite(value):
            if value is None:
                return None
            if value is last[0]:
                return last[1]
            if value.tzinfo is UTC:  # the common case, four times cheaper
                text = value.isoformat(" ")[:-6]
            elif value.tzinfo is not None:
                text = str(value.astimezone(UTC).replace(tzinfo=None))
            else:
                text = str(value)
            last[:] = value, text
            return last[1]

        return to_sqlite
    return lambda value: field.get_db_prep_save(value, connection)


def rows_by_key(
    model: type[models.Model],
    key: str,
    values: Sequence,
    fields: Sequence[str],
    *,
    owner_id: int,
    batch: int = 900,
) -> dict:
    """Return ``{key: (fields…)}`` for ``owner_id``'s rows whose ``key`` is in ``values``.

    One plain SELECT per ``batch`` of values: the ORM's per-value preparation of a long
    ``IN`` list cost more than the query when an import checks each chunk of records it reads.
    """
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in (key, *fields))
    found = {}
    with connection.cursor() as cursor:
        for start in range(0, len(values), batch):
            part = list(values[start : start + batch])
            cursor.execute(
                "SELECT {} FROM {} WHERE {} = %s AND {} IN ({})".format(
                    columns,
                    quote(meta.db_table),
                    quote(meta.get_field("owner").column),
                    quote(meta.get_field(key).column),
                    ", ".join(["%s"] * len(part)),
                ),
                [owner_id, *part],
            )
            found.update((row[0], row[1:]) for row in cursor.fetchall())
    return found


def insert_returning_ids(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence], *, scope: dict
) -> list[int]:
    """Insert ``rows`` like :func:`insert_rows` and return their new ids, in row order.

    The ids are read back as the rows matching ``scope`` (for example this import batch) with
    ids above the largest id before the insert, in id order — the order they were inserted in,
    since ids come from one increasing sequence. Callers hold the import's transaction, so no
    other writer adds rows to their scope meanwhile.
    """
    if not rows:
        return []
    before = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    insert_rows(model, fields, rows)
    new_ids = list(
        model.objects.filter(pk__gt=before, **scope).order_by("pk").values_list("pk", flat=True)
    )
    if len(new_ids) != len(rows):
        raise RuntimeError(f"inserted {len(rows)} {model.__name__} rows, read back {len(new_ids)}")
    return new_ids


def insert_objects(objects: Sequence[models.Model], *, scope: dict) -> None:
    """Insert unsaved model instances and give each its new ``pk`` (see above)."""
    if not objects:
        return
    model = type(objects[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = [tuple(getattr(obj, f.attname) for f in fields) for obj in objects]
    ids = insert_returning_ids(model, [f.name for f in fields], rows, scope=scope)
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = "default"
