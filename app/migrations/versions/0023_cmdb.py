"""the CMDB: CI attributes and typed relations (issue 14)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03

A configuration item gains its CMDB fields (core.cmdb.schema.CiCmdbColumns: status, description, owner,
support group, site, serial, asset tag, per-class attributes as JSON, updated_at). Relations are a table of
their own, `ci_relation` (source, target, type), indexed from both ends with the type so a walk of one level
is one index range per CI; user-defined classes are `ci_class` rows. A CI's `parent_id` stays as it is and is
read as "runs on the parent" by every walk (core.cmdb.relations), so no data moves. Tickets are indexed by CI
(timeline, impact), by service and age with the requester (the users of a service, read from the index alone)
and by service for the open incidents on an affected service.
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

CI_COLUMNS: list[tuple[str, sa.types.TypeEngine]] = [
    ("description", sa.Text()), ("owner_id", sa.String(length=36)), ("support_group_id", sa.String(length=36)),
    ("site", sa.String(length=200)), ("serial", sa.String(length=100)), ("asset_tag", sa.String(length=100)),
    ("attributes", sa.Text()), ("updated_at", sa.DateTime()),
]
CI_INDEXES = {
    "ix_configuration_item_class_name": ["ci_class", "name"],
    "ix_configuration_item_status_name": ["status", "name"],
    "ix_configuration_item_service_name": ["service_id", "name"],
    "ix_configuration_item_criticality_name": ["criticality", "name"],
    "ix_configuration_item_serial": ["serial"],
    "ix_configuration_item_asset_tag": ["asset_tag"],
    "ix_configuration_item_owner": ["owner_id"],
}
# The in-memory relation graph (app.cmdb.graph.graph_index) is rebuilt only when this number moves: every write
# path (operations, sync pulls, the demo loader, imports) changes relations through SQL, so triggers count them.
GRAPH_KEY = "cmdb_graph_version"
_BUMP = f"UPDATE store_meta SET value = CAST(value AS INTEGER) + 1 WHERE \"key\" = '{GRAPH_KEY}'; "
GRAPH_TRIGGERS = {
    "ci_relation_graph_ai": "AFTER INSERT ON ci_relation BEGIN " + _BUMP + "END",
    "ci_relation_graph_ad": "AFTER DELETE ON ci_relation BEGIN " + _BUMP + "END",
    "ci_relation_graph_au": "AFTER UPDATE ON ci_relation BEGIN " + _BUMP + "END",
    "ci_parent_graph_ai": "AFTER INSERT ON configuration_item WHEN new.parent_id IS NOT NULL BEGIN " + _BUMP + "END",
    "ci_parent_graph_au": "AFTER UPDATE OF parent_id ON configuration_item "
                          "WHEN new.parent_id IS NOT old.parent_id BEGIN " + _BUMP + "END",
    "ci_parent_graph_ad": "AFTER DELETE ON configuration_item WHEN old.parent_id IS NOT NULL BEGIN " + _BUMP + "END",
}
TICKET_INDEXES = {"ix_ticket_ci_open": ["ci_id", "is_open", "created_at"],
                  "ix_ticket_service_created": ["service_id", "created_at", "requester_id"],
                  "ix_ticket_service_open": ["service_id", "is_open", "type"]}


def upgrade() -> None:
    with op.batch_alter_table("configuration_item") as batch:
        batch.add_column(sa.Column("status", sa.String(length=20), nullable=False, server_default="active"))
        for name, type_ in CI_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.create_foreign_key("fk_configuration_item_owner_id_person", "person", ["owner_id"], ["id"])
        batch.create_foreign_key("fk_configuration_item_support_group_id_group", "group", ["support_group_id"],
                                 ["id"])
    for name, columns in CI_INDEXES.items():
        op.create_index(name, "configuration_item", columns)
    op.create_table(
        "ci_relation",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("source_id", sa.String(length=36), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["configuration_item.id"], ondelete="CASCADE",
                                name="fk_ci_relation_source_id_configuration_item"),
        sa.ForeignKeyConstraint(["target_id"], ["configuration_item.id"], ondelete="CASCADE",
                                name="fk_ci_relation_target_id_configuration_item"),
        sa.PrimaryKeyConstraint("id", name="pk_ci_relation"),
    )
    op.create_index("ix_ci_relation_source_type", "ci_relation", ["source_id", "type", "target_id"])
    op.create_index("ix_ci_relation_target_type", "ci_relation", ["target_id", "type", "source_id"])
    op.create_index("uq_ci_relation_triple", "ci_relation", ["source_id", "target_id", "type"], unique=True)
    op.create_table(
        "ci_class",
        sa.Column("id", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("attributes", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ci_class"),
    )
    # 0020 (problems) made ix_ticket_service_created on (service_id, created_at); the CMDB's "users of a
    # service" needs requester_id too. One wider index under the same name serves both.
    op.execute("DROP INDEX IF EXISTS ix_ticket_service_created")
    for name, columns in TICKET_INDEXES.items():
        op.create_index(name, "ticket", columns)
    # A random start: a cache keyed by the file's path never mistakes a new store there for the old one.
    op.execute(f"INSERT INTO store_meta (\"key\", value) VALUES ('{GRAPH_KEY}', "
               "CAST(abs(random() % 1000000000000) AS TEXT))")
    for name, body in GRAPH_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in GRAPH_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DELETE FROM store_meta WHERE \"key\" = '{GRAPH_KEY}'")
    for name in TICKET_INDEXES:
        op.drop_index(name, "ticket")
    op.create_index("ix_ticket_service_created", "ticket", ["service_id", "created_at"])  # 0020's, back
    op.drop_table("ci_class")
    op.drop_table("ci_relation")
    for name in CI_INDEXES:
        op.drop_index(name, "configuration_item")
    with op.batch_alter_table("configuration_item") as batch:
        batch.drop_constraint("fk_configuration_item_support_group_id_group", type_="foreignkey")
        batch.drop_constraint("fk_configuration_item_owner_id_person", type_="foreignkey")
        for name in ("status", *(c for c, _ in CI_COLUMNS)):
            batch.drop_column(name)
