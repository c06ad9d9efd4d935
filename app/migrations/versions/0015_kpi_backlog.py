"""kpi_backlog: each ticket's time in the backlog in an R*Tree, kept by triggers, for the backlog at any past end

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02

The backlog at the end of a period (its total, aging and workload charts) is the tickets created before
the end and resolved after it: a stabbing query that no B-tree index of the ticket table answers. For an
end in the past, the resolution index walked every ticket resolved since (half a million on a 1M store,
1-2 s). An R*Tree over each ticket's span [created, resolved) finds the few thousand tickets open at any
instant directly; the charts then read those tickets' rows by row id. A daily snapshot at the charts'
grain (day x type x priority x group x service x assignee x age) would hold millions of rows on a 1M
store and could not be kept by deltas without each ticket's old values.

Coordinates are seconds since 1970 (UTC). A ticket that is never in the backlog (canceled without a
resolution, or resolved before its creation) gets an empty span. The R*Tree stores 32-bit floats rounded
outwards, so it answers a superset: the readers test the exact condition on the ticket row. Triggers
keep it current on every write path (services, sync pulls, evictions, the demo loader).
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

OPEN_FOREVER = "1e12"  # an unresolved ticket's span ends after any period


def _seconds(column: str) -> str:
    return f"((julianday({column}) - 2440587.5) * 86400.0)"


def _span(t: str) -> str:
    """(opened, closed) of ticket row `t` (new, or ticket for the fill)."""
    opened = _seconds(f"{t}.created_at")
    closed = (f"CASE WHEN {t}.resolved_at IS NULL AND {t}.state = 'canceled' THEN {opened} "
              f"WHEN {t}.resolved_at IS NULL THEN {OPEN_FOREVER} "
              f"ELSE max({opened}, {_seconds(f'{t}.resolved_at')}) END")
    return f"{opened}, {closed}"


# No OR REPLACE / OR IGNORE in a trigger: the statement that fires it overrides them (an upsert's
# ON CONFLICT made a trigger's OR IGNORE abort), so each insert first deletes what it would replace.
TRIGGERS = {
    "kpi_backlog_ai": f"""CREATE TRIGGER kpi_backlog_ai AFTER INSERT ON ticket BEGIN
        DELETE FROM kpi_backlog WHERE id = new.row_id;
        INSERT INTO kpi_backlog (id, opened, closed) VALUES (new.row_id, {_span("new")});
    END""",
    "kpi_backlog_au": f"""CREATE TRIGGER kpi_backlog_au AFTER UPDATE OF row_id, created_at, resolved_at, state ON ticket
        WHEN new.row_id IS NOT old.row_id OR new.created_at IS NOT old.created_at
            OR new.resolved_at IS NOT old.resolved_at OR new.state IS NOT old.state BEGIN
        DELETE FROM kpi_backlog WHERE id IN (old.row_id, new.row_id);
        INSERT INTO kpi_backlog (id, opened, closed) VALUES (new.row_id, {_span("new")});
    END""",
    "kpi_backlog_ad": """CREATE TRIGGER kpi_backlog_ad AFTER DELETE ON ticket BEGIN
        DELETE FROM kpi_backlog WHERE id = old.row_id;
    END""",
}

# Every ticket's span at once (the upgrade, and a rebuild from the tickets: app.kpi.daily.rebuild_backlog).
FILL = f"INSERT INTO kpi_backlog (id, opened, closed) SELECT ticket.row_id, {_span('ticket')} FROM ticket"


def upgrade() -> None:
    op.execute("CREATE VIRTUAL TABLE kpi_backlog USING rtree(id, opened, closed)")
    op.execute(FILL)
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    op.execute("DROP TABLE kpi_backlog")
