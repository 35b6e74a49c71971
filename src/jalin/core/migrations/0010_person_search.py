"""Full-text search over people: names, nickname, city, notes, tags, organisations, titles.

Triggers on the tables the text comes from note which people changed (a plain row in
``core_person_search_dirty``), so every writer — a form, an import of a hundred thousand
contacts, a merge, a restore — keeps the index true without knowing it exists, at the cost
of one small insert a row. A search first rebuilds the entries of the people noted, in one
statement (:mod:`jalin.core.people_search`). SQLite keeps the entries in an FTS5 table (case
and accents folded by its ``unicode61`` tokenizer); PostgreSQL as ``tsvector`` values under a
GIN index (the ``simple`` configuration).
"""

from django.db import migrations

DIRTY = "INSERT INTO core_person_search_dirty (person_id) VALUES ({}) ON CONFLICT DO NOTHING;"

SQLITE_TRIGGERS = {
    "ai": ("AFTER INSERT ON core_person", ["new.id"]),
    "au": ("AFTER UPDATE OF name, nickname, city, notes ON core_person", ["new.id"]),
    "ad": ("AFTER DELETE ON core_person", ["old.id"]),
    "affiliation_ai": ("AFTER INSERT ON core_affiliation", ["new.person_id"]),
    "affiliation_au": ("AFTER UPDATE ON core_affiliation", ["old.person_id", "new.person_id"]),
    "affiliation_ad": ("AFTER DELETE ON core_affiliation", ["old.person_id"]),
    "tag_ai": ("AFTER INSERT ON core_person_tags", ["new.person_id"]),
    "tag_ad": ("AFTER DELETE ON core_person_tags", ["old.person_id"]),
}
SQLITE_FORWARD = [
    "CREATE TABLE core_person_search_dirty (person_id integer PRIMARY KEY)",
    "CREATE VIRTUAL TABLE core_person_fts USING fts5(owner_id UNINDEXED, body,"
    " tokenize = 'unicode61 remove_diacritics 2', detail = none, columnsize = 0)",
    "INSERT INTO core_person_search_dirty (person_id) SELECT id FROM core_person",
    *(
        f"CREATE TRIGGER person_search_{name} {when} BEGIN"
        f" {' '.join(DIRTY.format(person) for person in people)} END"
        for name, (when, people) in SQLITE_TRIGGERS.items()
    ),
    "CREATE TRIGGER person_search_organisation_au AFTER UPDATE OF name ON core_organisation"
    " BEGIN INSERT INTO core_person_search_dirty (person_id) SELECT person_id"
    " FROM core_affiliation WHERE organisation_id = new.id ON CONFLICT DO NOTHING; END",
]
SQLITE_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS person_search_{name}" for name in SQLITE_TRIGGERS),
    "DROP TRIGGER IF EXISTS person_search_organisation_au",
    "DROP TABLE IF EXISTS core_person_fts",
    "DROP TABLE IF EXISTS core_person_search_dirty",
]

POSTGRES_FORWARD = [
    "CREATE TABLE core_person_search_dirty (person_id bigint PRIMARY KEY)",
    "CREATE TABLE core_person_search (person_id bigint PRIMARY KEY, owner_id bigint NOT NULL,"
    " body tsvector NOT NULL)",
    "CREATE INDEX core_person_search_body ON core_person_search USING gin (body)",
    "INSERT INTO core_person_search_dirty (person_id) SELECT id FROM core_person",
    """CREATE FUNCTION jalin_person_search_dirty() RETURNS trigger AS $$
    BEGIN
      IF TG_TABLE_NAME = 'core_organisation' THEN
        INSERT INTO core_person_search_dirty (person_id)
          SELECT person_id FROM core_affiliation WHERE organisation_id = NEW.id
          ON CONFLICT DO NOTHING;
        RETURN NULL;
      END IF;
      IF TG_TABLE_NAME = 'core_person' THEN
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO core_person_search_dirty VALUES (NEW.id) ON CONFLICT DO NOTHING;
        ELSE
          INSERT INTO core_person_search_dirty VALUES (OLD.id) ON CONFLICT DO NOTHING;
        END IF;
      ELSE
        IF TG_OP <> 'INSERT' THEN
          INSERT INTO core_person_search_dirty VALUES (OLD.person_id) ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO core_person_search_dirty VALUES (NEW.person_id) ON CONFLICT DO NOTHING;
        END IF;
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    "CREATE TRIGGER person_search_person_insert AFTER INSERT ON core_person"
    " FOR EACH ROW EXECUTE FUNCTION jalin_person_search_dirty()",
    "CREATE TRIGGER person_search_person_change AFTER UPDATE OF name, nickname, city, notes"
    " OR DELETE ON core_person FOR EACH ROW EXECUTE FUNCTION jalin_person_search_dirty()",
    "CREATE TRIGGER person_search_affiliation AFTER INSERT OR UPDATE OR DELETE"
    " ON core_affiliation FOR EACH ROW EXECUTE FUNCTION jalin_person_search_dirty()",
    "CREATE TRIGGER person_search_tag AFTER INSERT OR DELETE ON core_person_tags"
    " FOR EACH ROW EXECUTE FUNCTION jalin_person_search_dirty()",
    "CREATE TRIGGER person_search_organisation AFTER UPDATE OF name ON core_organisation"
    " FOR EACH ROW EXECUTE FUNCTION jalin_person_search_dirty()",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS person_search_person_insert ON core_person",
    "DROP TRIGGER IF EXISTS person_search_person_change ON core_person",
    "DROP TRIGGER IF EXISTS person_search_affiliation ON core_affiliation",
    "DROP TRIGGER IF EXISTS person_search_tag ON core_person_tags",
    "DROP TRIGGER IF EXISTS person_search_organisation ON core_organisation",
    "DROP FUNCTION IF EXISTS jalin_person_search_dirty()",
    "DROP TABLE IF EXISTS core_person_search",
    "DROP TABLE IF EXISTS core_person_search_dirty",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0009_link_to_index")]

    operations = [migrations.RunPython(forward, backward)]
