"""issue 12: store size and demo generation

Revision ID: 0029
Revises: 0027
Create Date: 2026-12-03

Indexes over columns that are empty on most rows hold only the rows that have a value: every query that
reads them asks for a value (`col = ?`, `col IN (...)`, `col IS NOT NULL`), which SQLite proves implies the
index's condition, so the plans stay the same (tests/unit/test_store_size.py checks them). On 1M demo
tickets the audit trail's batch id is empty on every row, a ticket's problem on nine in ten, its major
incident on nearly all and its CI on one in five. Rebuilding them reads the ticket table once per index (a
few seconds on 1M tickets); rows are not touched, so an interrupted upgrade loses nothing.

ix_ticket_sla_resolution_due (resolution_state, resolution_due_at) goes: no read filters or sorts ticket_sla by
those columns (the dashboard's EXISTS tests seek ticket_sla by its primary key, the queue sorts on the copy
of the due time on the ticket row); 70 bytes per ticket.
"""

from alembic import op

revision = "0029"
down_revision = "0027"
branch_labels = None
depends_on = None

# name: (table, columns, the column that must have a value)
PARTIAL = {
    "ix_audit_event_batch_id": ("audit_event", "batch_id", "batch_id"),
    "ix_ticket_problem": ("ticket", "problem_id, created_at", "problem_id"),
    "ix_ticket_major": ("ticket", "major_id", "major_id"),
    "ix_ticket_ci_created": ("ticket", "ci_id, created_at", "ci_id"),
    "ix_ticket_ci_open": ("ticket", "ci_id, is_open, created_at", "ci_id"),
}


def upgrade() -> None:
    for name, (table, columns, column) in PARTIAL.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON {table} ({columns}) WHERE {column} IS NOT NULL")
    op.execute("DROP INDEX IF EXISTS ix_ticket_sla_resolution_due")


def downgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_ticket_sla_resolution_due ON ticket_sla (resolution_state, "
               "resolution_due_at)")
    for name, (table, columns, _) in PARTIAL.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON {table} ({columns})")
