"""The problem tables both sides share: one definition, built on each side's MetaData."""

from sqlalchemy import Column, ForeignKey, MetaData, String, Table


def problem_ci_table(metadata: MetaData) -> Table:
    """A problem's affected CIs beyond its primary one (the ticket's ci_id); a Table belongs to one
    MetaData, so each side builds its own. A deleted problem takes its rows along."""
    return Table(
        "problem_ci", metadata,
        Column("problem_id", String(36), ForeignKey("ticket.id", ondelete="CASCADE"), primary_key=True),
        Column("ci_id", String(36), ForeignKey("configuration_item.id"), primary_key=True, index=True),
    )
