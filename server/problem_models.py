"""The server's problem tables (beside the ticket columns a problem shares with every ticket)."""

from __future__ import annotations

from core.problems.schema import problem_ci_table
from server.models import Base

problem_ci = problem_ci_table(Base.metadata)
