"""State models per ticket type: which states exist, which moves are allowed, what each move needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core.errors import TransitionError

TICKET_TYPES = ("incident", "service_request", "problem")
TYPE_LABELS = {"incident": "Incident", "service_request": "Service request", "problem": "Problem"}
TYPE_PREFIX = {"incident": "INC", "service_request": "REQ", "problem": "PRB"}

ON_HOLD_REASONS = {
    "awaiting_caller": "Awaiting caller",
    "awaiting_change": "Awaiting change",
    "awaiting_problem": "Awaiting problem",
    "awaiting_vendor": "Awaiting vendor",
}
RESOLUTION_CODES = {
    "solved_permanently": "Solved (permanently)",
    "solved_workaround": "Solved (workaround)",
    "not_reproducible": "Not reproducible",
    "duplicate": "Duplicate",
    "no_fault_found": "No fault found",
    "user_error": "User error",
}


@dataclass(frozen=True)
class StateDef:
    key: str
    label: str
    kind: str  # open | hold | resolved | closed | canceled

    @property
    def is_open(self) -> bool:
        return self.kind in ("open", "hold")


@dataclass(frozen=True)
class Workflow:
    initial: str
    states: tuple[StateDef, ...]
    moves: dict[str, tuple[str, ...]]

    def state(self, key: str) -> StateDef:
        for s in self.states:
            if s.key == key:
                return s
        raise TransitionError(f"Unknown state {key!r}.", field="state")

    def allowed(self, current: str) -> tuple[str, ...]:
        return self.moves.get(current, ())


def external_state(key: str, label: str, is_open: bool | None) -> StateDef:
    """A state a backend's server has beyond this workflow (RT: a status of a queue's own lifecycle): open
    unless the server says it is done. A done one is neither resolved nor closed here: it asks for no
    resolution code and stays editable (the server decides what follows)."""
    return StateDef(key, label, "open" if is_open is not False else "done")


def state_or_external(ticket_type: str, key: str, *, is_open: bool) -> StateDef:
    """The workflow's state `key`, or an external one for a state only the backend knows."""
    try:
        return workflow_for(ticket_type).state(key)
    except TransitionError:
        return external_state(key, key, is_open)


def allowed_moves(ticket_type: str, current: str,
                  extra: Mapping[str, StateDef] | None = None) -> tuple[tuple[str, str], ...]:
    """(state, label) of every move from `current`: the workflow's, then the ones a backend adds (`extra`,
    as backend_moves reads them), in the backend's order."""
    wf = workflow_for(ticket_type)
    own = wf.allowed(current)
    return (*((s, wf.state(s).label) for s in own),
            *((key, state.label) for key, state in (extra or {}).items() if key not in own))


def _states(*rows: tuple[str, str, str]) -> tuple[StateDef, ...]:
    return tuple(StateDef(*row) for row in rows)


WORKFLOWS: dict[str, Workflow] = {
    "incident": Workflow(
        initial="new",
        states=_states(
            ("new", "New", "open"), ("in_progress", "In Progress", "open"), ("on_hold", "On Hold", "hold"),
            ("resolved", "Resolved", "resolved"), ("closed", "Closed", "closed"),
            ("canceled", "Canceled", "canceled"),
        ),
        moves={
            "new": ("in_progress", "on_hold", "resolved", "canceled"),
            "in_progress": ("on_hold", "resolved", "canceled"),
            "on_hold": ("in_progress", "resolved", "canceled"),
            "resolved": ("closed", "in_progress"),
        },
    ),
    "service_request": Workflow(
        initial="new",
        states=_states(
            ("new", "New", "open"), ("awaiting_approval", "Awaiting Approval", "hold"),
            ("approved", "Approved", "open"), ("in_progress", "In Progress", "open"),
            ("on_hold", "On Hold", "hold"), ("fulfilled", "Fulfilled", "resolved"),
            ("closed", "Closed", "closed"), ("rejected", "Rejected", "closed"),
            ("canceled", "Canceled", "canceled"),
        ),
        moves={
            "new": ("awaiting_approval", "in_progress", "canceled"),
            "awaiting_approval": ("approved", "rejected", "canceled"),
            "approved": ("in_progress", "canceled"),
            "in_progress": ("on_hold", "fulfilled", "canceled"),
            "on_hold": ("in_progress", "fulfilled", "canceled"),
            "fulfilled": ("closed", "in_progress"),
        },
    ),
    "problem": Workflow(
        initial="new",
        states=_states(
            ("new", "New", "open"), ("assess", "Assess", "open"),
            ("root_cause_analysis", "Root Cause Analysis", "open"),
            ("fix_in_progress", "Fix in Progress", "open"), ("on_hold", "On Hold", "hold"),
            ("resolved", "Resolved", "resolved"), ("closed", "Closed", "closed"),
            ("canceled", "Canceled", "canceled"),
        ),
        moves={
            "new": ("assess", "canceled"),
            "assess": ("root_cause_analysis", "canceled"),
            "root_cause_analysis": ("fix_in_progress", "on_hold", "resolved", "canceled"),
            "fix_in_progress": ("on_hold", "resolved", "canceled"),
            "on_hold": ("root_cause_analysis", "fix_in_progress", "canceled"),
            "resolved": ("closed", "root_cause_analysis"),
        },
    ),
}


def workflow_for(ticket_type: str) -> Workflow:
    try:
        return WORKFLOWS[ticket_type]
    except KeyError:
        raise TransitionError(f"Unknown ticket type {ticket_type!r}.", field="type") from None


def state_label(ticket_type: str, state: str) -> str:
    try:
        return workflow_for(ticket_type).state(state).label
    except TransitionError:
        return state


def is_final(ticket_type: str, state: str) -> bool:
    """Closed (and canceled) tickets are final: no field edits, only the moves the workflow allows
    from there (none today). Unknown types or states are not final (the caller reports them)."""
    try:
        return workflow_for(ticket_type).state(state).kind in ("closed", "canceled")
    except TransitionError:
        return False


def check_not_final(ticket_type: str, state: str, number: str | None) -> None:
    """TransitionError when a ticket in `state` is final; the message says why nothing can change."""
    if is_final(ticket_type, state):
        label = state_label(ticket_type, state).lower()
        raise TransitionError(f"{number or 'This ticket'} is {label}, and a {label} ticket is final: its fields "
                              "can no longer be changed.", field="state")


def all_state_keys() -> list[tuple[str, str]]:
    """Every (key, label) across the types, first label wins; for filter menus."""
    seen: dict[str, str] = {}
    for wf in WORKFLOWS.values():
        for s in wf.states:
            seen.setdefault(s.key, s.label)
    return list(seen.items())


def _article(word: str) -> str:
    return "An" if word[:1].lower() in "aeiou" else "A"


def check_transition(ticket_type: str, current: str, target: str, *, on_hold_reason: str | None,
                     resolution_code: str | None, resolution_notes: str | None,
                     extra: Mapping[str, StateDef] | None = None) -> StateDef:
    """Validate a move and its required fields; return the target state. Raises TransitionError. `extra`: the
    moves a backend's server allows from `current` beyond the workflow's (app.tickets.backend_moves)."""
    wf = workflow_for(ticket_type)
    extra = extra or {}
    target_def = extra[target] if target in extra else wf.state(target)
    current_label = state_label(ticket_type, current)
    if target not in wf.allowed(current) and target not in extra:
        allowed = ", ".join(label for _, label in allowed_moves(ticket_type, current, extra)) or "none (it is final)"
        raise TransitionError(
            f"{_article(TYPE_LABELS[ticket_type])} {TYPE_LABELS[ticket_type].lower()} cannot move from "
            f"{current_label} to {target_def.label}. Allowed from {current_label}: {allowed}.",
            field="state",
        )
    if target_def.kind == "hold" and target == "on_hold" and on_hold_reason not in ON_HOLD_REASONS:
        raise TransitionError("Choose an on-hold reason before putting the ticket on hold.", field="on_hold_reason")
    if target_def.kind == "resolved":
        if resolution_code not in RESOLUTION_CODES:
            raise TransitionError("Choose a resolution code to resolve the ticket.", field="resolution_code")
        if not (resolution_notes or "").strip():
            raise TransitionError("Write resolution notes to resolve the ticket.", field="resolution_notes")
    return target_def
