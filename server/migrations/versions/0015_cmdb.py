"""the CMDB: CI attributes and typed relations (issue 14)

Revision ID: 0015_cmdb
Revises: 0014_templates_macros
Create Date: 2026-12-03

A configuration item gains its CMDB fields (core.cmdb.schema.CiCmdbColumns); typed relations are
`ci_relation` (one row per source, target and type) and user-defined classes `ci_class`. Desks create and edit
them through pushes (server.cmdb). A CI's parent_id stays and is read as "runs on the parent".
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_cmdb"
down_revision = "0014_templates_macros"
branch_labels = None
depends_on = None

CI_COLUMNS: list[tuple[str, sa.types.TypeEngine]] = [
    ("description", sa.Text()), ("owner_id", sa.String(length=36)), ("support_group_id", sa.String(length=36)),
    ("site", sa.String(length=200)), ("serial", sa.String(length=100)), ("asset_tag", sa.String(length=100)),
    ("attributes", sa.Text()), ("updated_at", sa.DateTime()),
]


def upgrade() -> None:
    with op.batch_alter_table("configuration_item") as batch:
        batch.add_column(sa.Column("status", sa.String(length=20), nullable=False, server_default="active"))
        for name, type_ in CI_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.create_foreign_key("fk_configuration_item_owner_id_person", "person", ["owner_id"], ["id"])
        batch.create_foreign_key("fk_configuration_item_support_group_id_group", "group", ["support_group_id"],
                                 ["id"])
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
    op.create_index("uq_ci_relation_triple", "ci_relation", ["source_id", "target_id", "type"], unique=True)
    op.create_index("ix_ci_relation_target_id", "ci_relation", ["target_id"])
    op.create_table(
        "ci_class",
        sa.Column("id", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("attributes", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ci_class"),
    )


def downgrade() -> None:
    op.drop_table("ci_class")
    op.drop_table("ci_relation")
    with op.batch_alter_table("configuration_item") as batch:
        batch.drop_constraint("fk_configuration_item_support_group_id_group", type_="foreignkey")
        batch.drop_constraint("fk_configuration_item_owner_id_person", type_="foreignkey")
        for name in ("status", *(c for c, _ in CI_COLUMNS)):
            batch.drop_column(name)
