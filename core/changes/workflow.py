"""State model of changes (standard / normal / emergency): which moves are allowed and what each needs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from core.errors import TransitionError
from core.tickets.workflow import StateDef, Workflow

CHANGE_TYPES = ("standard", "normal", "emergency")
CHANGE_TYPE_LABELS = {"standard": "Standard", "normal": "Normal", "emergency": "Emergency"}
CHANGE_PREFIX = "CHG"

OUTCOMES = {"successful": "Successful", "failed": "Failed", "backed_out": "Backed out"}
FAILED_OUTCOMES = frozenset({"failed", "backed_out"})
CAB_DECISIONS = ("pending", "approved", "rejected")

CHANGE_STATES = (
    StateDef("new", "New", "open"),
    StateDef("assess", "Assess", "open"),
    StateDef("authorize", "Authorize", "open"),
    StateDef("scheduled", "Scheduled", "open"),
    StateDef("implement", "Implement", "open"),
    StateDef("review", "Review", "open"),
    StateDef("closed", "Closed", "closed"),
    StateDef("canceled", "Canceled", "canceled"),
)
# Changes in these states no longer hold their slot on the calendar.
INACTIVE_STATES = frozenset({"closed", "canceled"})

_MAIN_LINE = {
    "new": ("assess",),
    "assess": ("authorize",),
    "authorize": ("scheduled",),
    "scheduled": ("implement",),
    "implement": ("review",),
    "review": ("closed",),
}


def _moves(**first_moves: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The main line, with per-type moves out of New, and Canceled from every state before Closed."""
    moves = dict(_MAIN_LINE, **first_moves)
    return {state: targets + ("canceled",) for state, targets in moves.items()}


CHANGE_WORKFLOWS: dict[str, Workflow] = {
    "normal": Workflow(initial="new", states=CHANGE_STATES, moves=_moves()),
    # Pre-approved: no assessment or CAB needed, but it may still go the long way.
    "standard": Workflow(initial="new", states=CHANGE_STATES, moves=_moves(new=("assess", "scheduled"))),
    # No time to assess: straight to (emergency) authorization.
    "emergency": Workflow(initial="new", states=CHANGE_STATES, moves=_moves(new=("authorize",))),
}


@dataclass(frozen=True)
class CabApproval:
    """One CAB member's decision on a change."""

    approver_id: str
    decision: str = "pending"  # one of CAB_DECISIONS


def latest_approvals(decisions: Iterable[tuple[str | None, str]]) -> list[CabApproval]:
    """The latest decision of each approver from (approver id, decision) pairs in the order they were
    made: a later vote replaces an earlier one. The desk and the server count approvals with this."""
    latest: dict[str, str] = {}
    for approver, decision in decisions:
        latest[approver or ""] = decision
    return [CabApproval(approver_id=a, decision=d) for a, d in latest.items()]


def change_workflow_for(change_type: str) -> Workflow:
    try:
        return CHANGE_WORKFLOWS[change_type]
    except KeyError:
        raise TransitionError(f"Unknown change type {change_type!r}.", field="change_type") from None


def change_state_label(state: str) -> str:
    for s in CHANGE_STATES:
        if s.key == state:
            return s.label
    return state


def _article(word: str) -> str:
    return "An" if word[:1].lower() in "aeiou" else "A"


def check_change_transition(change_type: str, current: str, target: str, *,
                            planned_start: datetime | None = None, planned_end: datetime | None = None,
                            approvals: Sequence[CabApproval] = (), outcome: str | None = None,
                            close_notes: str | None = None) -> StateDef:
    """Validate a move and the data it needs; return the target state. Raises TransitionError.

    Pure: reads nothing but its arguments. Planned times must be timezone-aware (UTC by convention).
    """
    wf = change_workflow_for(change_type)
    target_def = wf.state(target)
    wf.state(current)
    type_label = CHANGE_TYPE_LABELS[change_type]
    if target not in wf.allowed(current):
        current_label = change_state_label(current)
        allowed = ", ".join(change_state_label(s) for s in wf.allowed(current)) or "none"
        raise TransitionError(
            f"{_article(type_label)} {type_label.lower()} change cannot move from {current_label} to "
            f"{target_def.label}. Allowed from {current_label}: {allowed}.",
            field="state",
        )
    if target == "scheduled":
        _check_planned_times(planned_start, planned_end)
        if change_type == "normal" and current == "authorize":
            _check_approvals(approvals)
    if target == "closed" and outcome not in OUTCOMES:
        raise TransitionError(
            "Choose an outcome to close the change: " + ", ".join(OUTCOMES.values()) + ".", field="outcome")
    if target == "closed" and not (close_notes or "").strip():
        # The outcome alone says nothing about what happened; the notes are what the next change reads.
        raise TransitionError("Write closure notes to close the change: what was done and how it went.",
                              field="close_notes")
    return target_def


def _check_planned_times(start: datetime | None, end: datetime | None) -> None:
    if start is None or end is None:
        raise TransitionError("Set the planned start and end before scheduling the change.",
                              field="planned_start" if start is None else "planned_end")
    if start.tzinfo is None or end.tzinfo is None:
        raise TransitionError("Planned start and end need a time zone.", field="planned_start")
    if end <= start:
        raise TransitionError("The planned end must be after the planned start.", field="planned_end")


def _check_approvals(approvals: Sequence[CabApproval]) -> None:
    if not approvals:
        raise TransitionError("A normal change needs CAB approval before it is scheduled; none is recorded.",
                              field="approvals")
    open_ = [a for a in approvals if a.decision != "approved"]
    if open_:
        rejected = sum(1 for a in open_ if a.decision == "rejected")
        raise TransitionError(
            f"Every CAB approval must be approved before the change is scheduled: {len(open_)} of "
            f"{len(approvals)} not approved ({rejected} rejected).",
            field="approvals",
        )
