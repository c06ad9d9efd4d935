"""The desk's problem tables (beside the ticket columns a problem shares with every ticket)."""

from app.models.base import Base
from core.problems.schema import problem_ci_table

problem_ci = problem_ci_table(Base.metadata)
