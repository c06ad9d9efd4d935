"""people directory: callers' phone, site, department, VIP and language; the caller lookup's index

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03

A person gains phone, site, VIP flag and language (core.people.schema; sites are a plain name, see
core.people.rules). The caller lookup types ahead over name, e-mail, phone, department and site through an
FTS5 table with prefix indexes, kept by triggers so every write path (operations, sync pulls, the demo
loader) indexes alike. Its rows are keyed by `person_fts_key`, an INTEGER PRIMARY KEY per person id: the
person table's implicit rowid would not survive a VACUUM. Without FTS5 neither table is made and the lookup
falls back to LIKE (app.people.directory). The people list sorts by name and filters by site and department
through the three indexes; a caller's card lists their newest tickets through ix_ticket_requester.
"""

import sqlite3

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

COLUMNS = [("phone", sa.String(length=40)), ("site", sa.String(length=200)), ("language", sa.String(length=12))]
INDEXES = {"ix_person_name": ["name"], "ix_person_site_name": ["site", "name"],
           "ix_person_department_name": ["department", "name"]}

# A phone number is indexed as typed and as its digits run together, so "0207946" finds "020 7946 0123".
_DIGITS = "replace(replace(replace(replace(replace(replace(coalesce({0}.phone, ''), ' ', ''), '-', ''), " \
          "'+', ''), '(', ''), ')', ''), '.', '')"
_VALUES = ("coalesce({0}.name, ''), coalesce({0}.email, ''), coalesce({0}.phone, '') || ' ' || " + _DIGITS
           + ", coalesce({0}.department, ''), coalesce({0}.site, '')")
_KEY = "(SELECT k.rowid FROM person_fts_key k WHERE k.person_id = {0}.id)"
TRIGGERS = [
    "CREATE TRIGGER person_fts_ai AFTER INSERT ON person BEGIN "
    "INSERT INTO person_fts_key (person_id) VALUES (new.id); "
    "INSERT INTO person_fts (rowid, name, email, phone, department, site) VALUES ("
    + _KEY.format("new") + ", " + _VALUES.format("new") + "); END",
    "CREATE TRIGGER person_fts_au AFTER UPDATE OF name, email, phone, department, site ON person BEGIN "
    "DELETE FROM person_fts WHERE rowid = " + _KEY.format("old") + "; "
    "INSERT INTO person_fts (rowid, name, email, phone, department, site) VALUES ("
    + _KEY.format("new") + ", " + _VALUES.format("new") + "); END",
    "CREATE TRIGGER person_fts_ad AFTER DELETE ON person BEGIN "
    "DELETE FROM person_fts WHERE rowid = " + _KEY.format("old") + "; "
    "DELETE FROM person_fts_key WHERE person_id = old.id; END",
]
REBUILD = [
    "INSERT INTO person_fts_key (person_id) SELECT id FROM person ORDER BY name",
    "INSERT INTO person_fts (rowid, name, email, phone, department, site) SELECT k.rowid, "
    + _VALUES.format("p") + " FROM person p JOIN person_fts_key k ON k.person_id = p.id",
]


def _has_fts5() -> bool:
    try:
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        con.close()
        return True
    except sqlite3.OperationalError:
        return False


def upgrade() -> None:
    for name, type_ in COLUMNS:
        op.add_column("person", sa.Column(name, type_, nullable=True))
    op.add_column("person", sa.Column("vip", sa.Boolean(), nullable=False, server_default=sa.false()))
    for name, columns in INDEXES.items():
        op.create_index(name, "person", columns)
    op.create_index("ix_ticket_requester", "ticket", ["requester_id", "is_open", "updated_at"])
    if not _has_fts5():
        return
    op.execute("CREATE TABLE person_fts_key (rowid INTEGER PRIMARY KEY, person_id VARCHAR(36) NOT NULL UNIQUE)")
    op.execute("CREATE VIRTUAL TABLE person_fts USING fts5(name, email, phone, department, site, "
               "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')")
    for sql in REBUILD:
        op.execute(sql)
    for sql in TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    for name in ("person_fts_ai", "person_fts_au", "person_fts_ad"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS person_fts")
    op.execute("DROP TABLE IF EXISTS person_fts_key")
    op.drop_index("ix_ticket_requester", "ticket")
    for name in INDEXES:
        op.drop_index(name, "person")
    for name in ("vip", *(c for c, _ in reversed(COLUMNS))):
        op.execute(f"ALTER TABLE person DROP COLUMN {name}")
