"""Plain records the problem views read: rows of the problem lists, a problem's detail, similar incidents."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ProblemRow:
    """One row of the Problems, Known errors or Major incidents list."""

    id: str
    number: str
    type: str
    title: str
    state_label: str
    is_open: bool
    priority: int
    service: str
    ci: str
    linked: int  # incidents linked to the problem, or children of the major incident
    open_linked: int
    known_error_at: datetime | None
    updated_at: datetime
    workaround: str = ""


@dataclass(frozen=True)
class IncidentItem:
    """An incident as a problem or major incident lists it."""

    id: str
    number: str
    title: str
    state_label: str
    is_open: bool
    priority: int
    ci: str
    created_at: datetime


@dataclass(frozen=True)
class CommsEntry:
    """One entry of a major incident's communication log."""

    id: str
    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class ProblemDetail:
    """A problem (or a major incident) with what hangs on it, as its editor shows it."""

    id: str
    number: str
    type: str
    title: str
    description: str
    state: str
    state_label: str
    is_open: bool
    is_final: bool
    impact: int
    urgency: int
    priority: int
    service_id: str | None
    ci_id: str | None
    group_id: str | None
    assignee_id: str | None
    root_cause: str
    cause_code: str | None
    workaround: str
    fix_notes: str
    fix_change_id: str | None
    fix_change_label: str
    known_error: bool
    known_error_at: datetime | None
    is_major: bool
    resolution_code: str | None
    resolution_notes: str | None
    created_at: datetime
    updated_at: datetime
    allowed_states: tuple[tuple[str, str], ...]
    incidents: tuple[IncidentItem, ...] = field(default=())
    affected_cis: tuple[str, ...] = field(default=())  # the problem's CIs first (primary, listed), then its
    # incidents' CIs (names)
    listed_cis: tuple[tuple[str, str], ...] = field(default=())  # (id, name) in problem_ci: beyond the primary
    comms: tuple[CommsEntry, ...] = field(default=())


@dataclass(frozen=True)
class SimilarIncident:
    """An incident that looks like the reference one, with why: same CI, same service, shared words."""

    id: str
    row_id: int
    number: str
    title: str
    state_label: str
    is_open: bool
    created_at: datetime
    score: float
    same_ci: bool
    same_service: bool
    shared_words: tuple[str, ...]
    problem_number: str | None  # the problem it is linked to already, if any


@dataclass(frozen=True)
class KnownErrorMatch:
    """A known error that matches an incident, with its workaround (the incident editor's banner)."""

    id: str
    number: str
    title: str
    workaround: str
    reason: str  # "ci" | "service" | "text" | "linked"


@dataclass(frozen=True)
class IncidentProblem:
    """The incident editor's problem strip: its problem and major incident, and matching known errors."""

    problem_id: str | None
    problem_number: str | None
    problem_title: str | None
    problem_state: str | None
    major_id: str | None
    major_number: str | None
    is_major: bool
    known_errors: tuple[KnownErrorMatch, ...] = field(default=())


@dataclass(frozen=True)
class WorkaroundPreview:
    """What Publish workaround would do: the reply's text and the incidents it goes to (and those it skips)."""

    problem_number: str
    body: str
    targets: tuple[IncidentItem, ...]
    skipped: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PublishResult:
    batch_id: str
    posted: tuple[str, ...]  # incident numbers answered
    skipped: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CreatedProblem:
    id: str
    number: str
    batch_id: str  # the link batch: undo_batch takes the incidents back off the problem
    linked: tuple[int, ...]
    skipped: tuple[tuple[str, str], ...]
