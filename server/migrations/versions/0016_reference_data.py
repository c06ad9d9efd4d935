"""reference data: services, sites, groups, categories (issue 14)

Revision ID: 0016_reference_data
Revises: 0015_cmdb
Create Date: 2026-12-03

Sites become rows (name, address, time zone), one made for every site name people already carry, each
written to the change log so desks receive it. A service gains its owner, criticality, SLA policy (by name),
hours and an active flag; groups and categories gain an active flag.
"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0016_reference_data"
down_revision = "0015_cmdb"
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
    for table in ("group", "category"):
        op.add_column(table, sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table("service") as batch:
        batch.add_column(sa.Column("owner_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("criticality", sa.Integer(), server_default=sa.text("3"), nullable=False))
        batch.add_column(sa.Column("sla_policy", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("hours", sa.Text(), nullable=True))
        batch.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.create_foreign_key(op.f("fk_service_owner_id_person"), "person", ["owner_id"], ["id"])
    conn = op.get_bind()
    names = [r[0] for r in conn.execute(sa.text(
        "SELECT DISTINCT site FROM person WHERE site IS NOT NULL AND site != '' ORDER BY site"))]
    if not names:
        return
    # Each new row is a change desks must pull: the next numbers of the gap-free sequence (server.changelog;
    # migrations run one process at a time, before the server serves).
    seq = max(conn.scalar(sa.text("SELECT coalesce(max(seq), 0) FROM change_log")) or 0,
              conn.scalar(sa.text("SELECT value FROM server_state WHERE key = 'pruned_through'")) or 0)
    now = datetime.now(UTC).replace(tzinfo=None)  # UtcDateTime stores naive UTC
    for name in names:
        site_id = str(uuid.uuid4())
        seq += 1
        conn.execute(sa.text("INSERT INTO site (id, name, active) VALUES (:id, :name, :active)"),
                     {"id": site_id, "name": name, "active": True})
        conn.execute(sa.text("INSERT INTO change_log (seq, entity, entity_id, op, at) "
                             "VALUES (:seq, 'site', :id, 'upsert', :at)"), {"seq": seq, "id": site_id, "at": now})


def downgrade() -> None:
    with op.batch_alter_table("service") as batch:
        batch.drop_constraint(op.f("fk_service_owner_id_person"), type_="foreignkey")
        for name in ("active", "hours", "sla_policy", "criticality", "owner_id"):
            batch.drop_column(name)
    for table in ("category", "group"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("active")
    op.drop_table("site")
