"""reference data screens: services, sites, groups, categories (issue 14)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03

Sites become rows (name, address, time zone), one made for every site name people already carry
(Person.site stays that name). A service gains its owner, criticality, SLA policy (by name), hours and an
active flag; groups and categories gain an active flag (retired rows leave the pickers, tickets keep them).
The service's two new references are added through a table rebuild (SQLite adds no foreign key to a table
in place); the rest are plain ADD COLUMNs. A ticket index answers "how many tickets name this
category" (a service's count uses the service indexes of 0020 and 0023).
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=1000), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
        sa.UniqueConstraint("name", name=op.f("uq_site_name")),
    )
    conn = op.get_bind()
    names = [r[0] for r in conn.execute(sa.text(
        "SELECT DISTINCT site FROM person WHERE site IS NOT NULL AND site != '' ORDER BY site"))]
    if names:
        conn.execute(sa.text("INSERT INTO site (id, name, active) VALUES (:id, :name, 1)"),
                     [{"id": str(uuid.uuid4()), "name": n} for n in names])
    for table in ("group", "category"):
        op.add_column(table, sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table("service") as batch:
        batch.add_column(sa.Column("owner_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("criticality", sa.Integer(), server_default=sa.text("3"), nullable=False))
        batch.add_column(sa.Column("sla_policy", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("hours", sa.Text(), nullable=True))
        batch.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.create_foreign_key(op.f("fk_service_owner_id_person"), "person", ["owner_id"], ["id"])
    op.create_index("ix_ticket_category", "ticket", ["category_id"])


def downgrade() -> None:
    op.drop_index("ix_ticket_category", "ticket")
    with op.batch_alter_table("service") as batch:
        batch.drop_constraint(op.f("fk_service_owner_id_person"), type_="foreignkey")
        for name in ("active", "hours", "sla_policy", "criticality", "owner_id"):
            batch.drop_column(name)
    for table in ("category", "group"):  # in place: the queue's sort-key triggers name "group"
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN active')
    op.drop_table("site")
