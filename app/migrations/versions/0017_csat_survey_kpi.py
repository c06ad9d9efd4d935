"""csat rollups: the satisfaction KPI counts the requester's own survey answers

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03

The KPI's satisfaction figures (kpi_daily / kpi_rollup csat_n, csat_sum) now count only answers with
csat_source = 'survey' (app.kpi.measures). They are not kept by triggers: app.kpi.daily computes them in
Python from the tickets (FACT_SQL), so this migration marks the stored figures for a rebuild (the next
dashboard refresh makes them anew from the new rule) instead of replacing any trigger.

Before 0016 a ticket's answer kept its source and comment only in the audit (the agent's "Record
satisfaction..."): they are copied to the new columns from each ticket's latest answer, so existing answers
keep their source. An answer an agent typed as "survey" then (the only survey there was) keeps that source
and counts; a desk that syncs takes the server's columns at its next pull anyway.
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_LATEST = ("SELECT a.batch_id FROM audit_event a WHERE a.entity = 'ticket' AND a.entity_id = ticket.id "
           "AND a.field = 'csat_source' ORDER BY a.at DESC, a.id DESC LIMIT 1")


def _of_latest(field: str, column: str) -> str:
    return (f"(SELECT b.{column} FROM audit_event b WHERE b.entity = 'ticket' AND b.entity_id = ticket.id "
            f"AND b.field = '{field}' AND b.batch_id = ({_LATEST}) LIMIT 1)")


def upgrade() -> None:
    op.execute(f"UPDATE ticket SET csat_source = {_of_latest('csat_source', 'new_value')}, "
               f"csat_comment = {_of_latest('csat_comment', 'new_value')}, "
               f"csat_at = {_of_latest('csat_source', 'at')} "
               "WHERE csat_score IS NOT NULL AND csat_source IS NULL")
    op.execute("DELETE FROM store_meta WHERE key = 'kpi_daily'")


def downgrade() -> None:
    # The columns stay (0016 drops them); the figures go back to counting every answer at the next rebuild.
    op.execute("DELETE FROM store_meta WHERE key = 'kpi_daily'")
