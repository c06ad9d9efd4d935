"""Named reads of the problem views: the three lists, a problem's detail, the incident editor's strip,
known-error matches, the workaround preview and problems found by number or words."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, literal_column, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.models import ConfigurationItem, Person, Service, Ticket, WorklogEntry, problem_ci
from app.problems.records import (
    CommsEntry,
    IncidentItem,
    IncidentProblem,
    KnownErrorMatch,
    ProblemDetail,
    ProblemRow,
    WorkaroundPreview,
)
from app.problems.similar import similar_incidents, title_words
from core.errors import NotFoundError
from core.tickets.children import COMMS_KIND
from core.tickets.workflow import is_final, state_label, workflow_for


def get_ticket(session: Session, ticket_id: str) -> Ticket:
    """app.tickets.writes.get_ticket, imported when first called: the queue's major-incident strip lists problems
    before the first page is painted, and the write modules behind that one (KPI, outbox) are not needed for it."""
    from app.tickets.writes import get_ticket as get

    return get(session, ticket_id)


__all__ = ["problem_list", "problem_detail", "incident_problem", "workaround_preview", "find_problems",
           "similar_incidents"]

VIEWS = ("problems", "known_errors", "majors")
LIST_LIMIT = 500


# The flags as bare columns: SQLite uses a partial index (WHERE known_error, WHERE is_major) only for a
# query that names its condition as written there; SQLAlchemy would write "known_error = 1". Only a problem
# is ever a known error and only an incident a major incident (core.problems.rules), so no type test.
KNOWN_ERROR: ColumnElement[Any] = literal_column("ticket.known_error")
IS_MAJOR: ColumnElement[Any] = literal_column("ticket.is_major")


def _view_clauses(view: str) -> list:
    if view == "problems":
        return [Ticket.type == "problem"]
    if view == "known_errors":
        return [KNOWN_ERROR]
    if view == "majors":
        return [IS_MAJOR]
    raise ValueError(f"unknown problem view {view!r}")


def problem_list(session: Session, *, view: str, text: str = "", open_only: bool = False,
                 limit: int = LIST_LIMIT) -> tuple[ProblemRow, ...]:
    """The rows of one problem view, newest change first: problems, known errors (the KEDB: searched in
    their title, workaround and root cause too) or major incidents. `text`: words that must all appear
    (number, title, workaround, root cause). Reads through ix_ticket_type / ix_ticket_known_error /
    ix_ticket_major_open: the problem-side rows are few next to the incidents."""
    clauses = _view_clauses(view)
    if open_only:  # the views walk their own index: is_open is tested per row (+ keeps SQLite off its indexes)
        clauses.append(Ticket.is_open if view == "problems" else literal_column("+ticket.is_open"))
    for word in title_words(text) or [w for w in text.lower().split() if w][:6]:
        pattern = f"%{word.replace('%', '').replace('_', '')}%"
        clauses.append(or_(Ticket.title.ilike(pattern), Ticket.number.ilike(pattern),
                           Ticket.workaround.ilike(pattern), Ticket.root_cause.ilike(pattern)))
    # Open ones first, each part newest change first: ix_ticket_type_open / ix_ticket_major_open walk it.
    order = (Ticket.known_error_at.desc(),) if view == "known_errors" else (Ticket.is_open.desc(),
                                                                             Ticket.updated_at.desc())
    return _problem_rows(session, clauses, order, limit, Ticket.major_id if view == "majors" else Ticket.problem_id)


def _problem_rows(session: Session, clauses: list, order: tuple, limit: int, link) -> tuple[ProblemRow, ...]:
    rows = session.execute(
        select(Ticket.id, Ticket.number, Ticket.type, Ticket.title, Ticket.state, Ticket.is_open, Ticket.priority,
               Ticket.known_error_at, Ticket.updated_at, Ticket.workaround, Service.name.label("service"),
               ConfigurationItem.name.label("ci"))
        .outerjoin(Service, Service.id == Ticket.service_id)
        .outerjoin(ConfigurationItem, ConfigurationItem.id == Ticket.ci_id)
        .where(*clauses).order_by(*order).limit(limit)).all()
    counts = _link_counts(session, link, [r.id for r in rows])
    listed = _listed_ci_names(session, [r.id for r in rows if r.type == "problem"])
    return tuple(ProblemRow(
        id=r.id, number=r.number or "Draft", type=r.type, title=r.title, state_label=state_label(r.type, r.state),
        is_open=r.is_open, priority=r.priority, service=r.service or "",
        ci=", ".join(dict.fromkeys([*([r.ci] if r.ci else []), *listed.get(r.id, [])])),
        linked=counts.get(r.id, (0, 0))[0], open_linked=counts.get(r.id, (0, 0))[1],
        known_error_at=r.known_error_at, updated_at=r.updated_at, workaround=r.workaround or "") for r in rows)


def _listed_ci_names(session: Session, ids: list[str]) -> dict[str, list[str]]:
    """problem id -> the names of its other affected CIs (problem_ci), by name."""
    out: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):
        for problem_id, name in session.execute(
                select(problem_ci.c.problem_id, ConfigurationItem.name)
                .join(ConfigurationItem, ConfigurationItem.id == problem_ci.c.ci_id)
                .where(problem_ci.c.problem_id.in_(ids[start:start + 500])).order_by(ConfigurationItem.name)):
            out.setdefault(problem_id, []).append(name)
    return out


def _link_counts(session: Session, column, ids: list[str]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for start in range(0, len(ids), 500):
        for key, total, open_ in session.execute(
                select(column, func.count(), func.sum(Ticket.is_open))
                .where(column.in_(ids[start:start + 500])).group_by(column)):
            out[key] = (total, int(open_ or 0))
    return out


def _incidents(session: Session, column, ticket_id: str) -> tuple[IncidentItem, ...]:
    rows = session.execute(
        select(Ticket.id, Ticket.number, Ticket.title, Ticket.state, Ticket.is_open, Ticket.priority,
               Ticket.created_at, ConfigurationItem.name.label("ci"))
        .outerjoin(ConfigurationItem, ConfigurationItem.id == Ticket.ci_id)
        .where(column == ticket_id).order_by(Ticket.is_open.desc(), Ticket.created_at.desc()).limit(2000))
    return tuple(IncidentItem(id=r.id, number=r.number or "Draft", title=r.title,
                              state_label=state_label("incident", r.state), is_open=r.is_open,
                              priority=r.priority, ci=r.ci or "", created_at=r.created_at) for r in rows)


def problem_detail(session: Session, *, ticket_id: str) -> ProblemDetail:
    """A problem with its linked incidents and affected CIs, or a major incident with its child incidents
    and communication log. NotFoundError when the ticket is gone."""
    t = get_ticket(session, ticket_id)
    wf = workflow_for(t.type)
    incidents = _incidents(session, Ticket.major_id if t.is_major else Ticket.problem_id, t.id)
    cis: list[str] = []
    if t.ci_id:
        cis.append(session.scalar(select(ConfigurationItem.name).where(ConfigurationItem.id == t.ci_id)) or "")
    listed = tuple((r.id, r.name) for r in session.execute(
        select(ConfigurationItem.id, ConfigurationItem.name)
        .join(problem_ci, problem_ci.c.ci_id == ConfigurationItem.id)
        .where(problem_ci.c.problem_id == t.id).order_by(ConfigurationItem.name)))
    cis += [name for _, name in listed if name not in cis]
    for item in incidents:
        if item.ci and item.ci not in cis:
            cis.append(item.ci)
    change_label = ""
    if t.fix_change_id:
        from app.models import Change  # the changes' tables load on first use (app.models)

        change = session.execute(select(Change.number, Change.title).where(Change.id == t.fix_change_id)).first()
        change_label = f"{change.number or 'Draft'} {change.title}" if change else ""
    return ProblemDetail(
        id=t.id, number=t.number or "Draft", type=t.type, title=t.title, description=t.description or "",
        state=t.state, state_label=state_label(t.type, t.state), is_open=t.is_open,
        is_final=is_final(t.type, t.state), impact=t.impact, urgency=t.urgency, priority=t.priority,
        service_id=t.service_id, ci_id=t.ci_id, group_id=t.group_id, assignee_id=t.assignee_id,
        root_cause=t.root_cause or "", cause_code=t.cause_code, workaround=t.workaround or "",
        fix_notes=t.fix_notes or "", fix_change_id=t.fix_change_id, fix_change_label=change_label,
        known_error=t.known_error, known_error_at=t.known_error_at, is_major=t.is_major,
        resolution_code=t.resolution_code, resolution_notes=t.resolution_notes, created_at=t.created_at,
        updated_at=t.updated_at, allowed_states=tuple((s, wf.state(s).label) for s in wf.allowed(t.state)),
        incidents=incidents, affected_cis=tuple(cis), listed_cis=listed,
        comms=_comms(session, t.id) if t.is_major else ())


def _comms(session: Session, ticket_id: str) -> tuple[CommsEntry, ...]:
    rows = session.execute(select(WorklogEntry.id, WorklogEntry.body, WorklogEntry.created_at, Person.name)
                           .outerjoin(Person, Person.id == WorklogEntry.author_id)
                           .where(WorklogEntry.ticket_id == ticket_id, WorklogEntry.kind == COMMS_KIND)
                           .order_by(WorklogEntry.created_at.desc()))
    return tuple(CommsEntry(id=r.id, author=r.name or "", body=r.body, created_at=r.created_at) for r in rows)


KNOWN_ERROR_LIMIT = 3


def incident_problem(session: Session, *, ticket_id: str) -> IncidentProblem:
    """The incident editor's problem strip: the incident's problem and major incident, and the known
    errors that match it (its linked problem if that is one; else same CI, same service, or at least two
    distinctive title words shared with the known error's title), best first, at most three."""
    t = get_ticket(session, ticket_id)
    problem = session.execute(select(Ticket.number, Ticket.title, Ticket.state, Ticket.type)
                              .where(Ticket.id == t.problem_id)).first() if t.problem_id else None
    major = session.scalar(select(Ticket.number).where(Ticket.id == t.major_id)) if t.major_id else None
    return IncidentProblem(
        problem_id=t.problem_id, problem_number=problem.number if problem else None,
        problem_title=problem.title if problem else None,
        problem_state=state_label("problem", problem.state) if problem else None,
        major_id=t.major_id, major_number=major, is_major=t.is_major,
        known_errors=known_error_matches(session, t) if t.type == "incident" else ())


# The newest active known errors, compared in Python (the rule's shared title words have no index): the fields
# the ranks need only; the workaround text is read for the few shown. Written as ix_ticket_known_error_active's
# WHERE, which SQLite then takes for it.
_KNOWN_ERRORS = ("SELECT id, number, title, ci_id, service_id FROM ticket WHERE known_error AND state NOT IN "
                 "('closed', 'canceled') ORDER BY known_error_at DESC LIMIT 2000")
_KNOWN_TITLE_WORDS: dict[str, frozenset[str]] = {}  # a known error's title: its distinctive words
_TITLE_WORDS_KEPT = 20_000


def _known_title_words(title: str) -> frozenset[str]:
    """title_words of a known error's title, kept: the editor asks for the same 2,000 titles at every incident
    it opens (on the 1M store they were 13 of the strip's 21 ms on a read thread, beside the GUI's paint)."""
    words = _KNOWN_TITLE_WORDS.get(title)
    if words is None:
        if len(_KNOWN_TITLE_WORDS) >= _TITLE_WORDS_KEPT:
            _KNOWN_TITLE_WORDS.clear()
        words = _KNOWN_TITLE_WORDS[title] = frozenset(title_words(title))
    return words


def known_error_matches(session: Session, t: Ticket) -> tuple[KnownErrorMatch, ...]:
    """Known errors (not closed or canceled) matching the incident `t`: its linked problem, then those on its CI
    (their own or listed among their affected CIs), then those sharing two distinctive title words, then those
    on its service; newest known error first within each, at most KNOWN_ERROR_LIMIT. The known errors are read
    through ix_ticket_known_error_active, the newest 2,000 at most."""
    conn = session.connection()
    rows = conn.exec_driver_sql(_KNOWN_ERRORS).fetchall()
    words = frozenset(title_words(t.title))
    # Known errors listing the incident's CI among their affected CIs (ix_problem_ci_ci_id).
    by_listed = set(session.scalars(select(problem_ci.c.problem_id).where(problem_ci.c.ci_id == t.ci_id))) \
        if t.ci_id is not None else set()
    found: list[tuple[int, str, Any]] = []
    problem_id, ci_id, service_id = t.problem_id, t.ci_id, t.service_id  # plain values: 2,000 rows compare them
    for r in rows:
        if r[0] == problem_id:
            rank, reason = 0, "linked"
        elif ci_id is not None and (r[3] == ci_id or r[0] in by_listed):
            rank, reason = 1, "ci"
        elif len(words) >= 2 and len(words & _known_title_words(r[2])) >= 2:
            rank, reason = 2, "text"
        elif service_id is not None and r[4] == service_id:
            rank, reason = 3, "service"
        else:
            continue
        found.append((rank, reason, r))
    found.sort(key=lambda f: f[0])
    shown = found[:KNOWN_ERROR_LIMIT]
    workarounds = dict(session.execute(select(Ticket.id, Ticket.workaround).where(
        Ticket.id.in_([r[0] for _, _, r in shown]))).all()) if shown else {}
    return tuple(KnownErrorMatch(id=r[0], number=r[1] or "Draft", title=r[2], workaround=workarounds.get(r[0]) or "",
                                 reason=reason) for _, reason, r in shown)


def open_linked(session: Session, problem_id: str) -> list[Ticket]:
    """The open incidents linked to a problem, oldest first (the workaround's and the resolution's targets)."""
    return list(session.scalars(select(Ticket).where(Ticket.problem_id == problem_id, Ticket.is_open)
                                .order_by(Ticket.created_at)))


def workaround_body(problem: Ticket) -> str:
    return (f"A workaround is known for this issue ({problem.number or 'problem'}: {problem.title}):\n\n"
            f"{(problem.workaround or '').strip()}\n\nWe are working on a permanent fix and will let you know.")


def workaround_preview(session: Session, *, problem_id: str) -> WorkaroundPreview:
    """What Publish workaround would send: the reply's text, the open linked incidents it goes to, and
    those it skips (already sent this workaround)."""
    problem = get_ticket(session, problem_id)
    if not (problem.workaround or "").strip():
        return WorkaroundPreview(problem_number=problem.number or "Draft", body="", targets=(), skipped=())
    body = workaround_body(problem)
    targets, skipped = [], []
    for inc in open_linked(session, problem_id):
        item = IncidentItem(id=inc.id, number=inc.number or "Draft", title=inc.title,
                            state_label=state_label(inc.type, inc.state), is_open=True, priority=inc.priority,
                            ci="", created_at=inc.created_at)
        if already_sent(session, inc.id, body):
            skipped.append((item.number, "this workaround was sent already"))
        else:
            targets.append(item)
    return WorkaroundPreview(problem_number=problem.number or "Draft", body=body, targets=tuple(targets),
                             skipped=tuple(skipped))


def already_sent(session: Session, incident_id: str, body: str) -> bool:
    return session.scalar(select(WorklogEntry.id).where(
        WorklogEntry.ticket_id == incident_id, WorklogEntry.kind == "reply", WorklogEntry.body == body)
        .limit(1)) is not None


def find_problems(session: Session, *, text: str, limit: int = 30) -> tuple[ProblemRow, ...]:
    """Problems to link an incident to: by number (PRB123 or its digits) or by title words; open ones
    first. An empty text lists the open problems, newest first."""
    clauses: list[ColumnElement[bool]] = [Ticket.type == "problem"]
    digits = "".join(ch for ch in text if ch.isdigit())
    words = title_words(text)
    if digits and not words:
        clauses.append(Ticket.number.like(f"%{digits}"))
    for word in words:
        clauses.append(Ticket.title.ilike(f"%{word}%"))
    if not text.strip():
        clauses.append(Ticket.is_open.is_(True))
    return _problem_rows(session, [and_(*clauses)], (Ticket.is_open.desc(), Ticket.updated_at.desc()), limit,
                         Ticket.problem_id)


def problem_id_for_number(session: Session, *, number: str) -> str:
    """The id of the problem or major incident numbered `number` (--view problem:PRB0000012)."""
    found = session.scalar(select(Ticket.id).where(Ticket.number == number.strip().upper()))
    if found is None:
        raise NotFoundError(f"No ticket is numbered {number.strip() or '(empty)'}.")
    return found


CHANGE_CHOICES = 300


def change_choices(session: Session) -> tuple[tuple[str, str], ...]:
    """(id, "CHG0000012 Title") of the newest changes, for a problem's fix change picker."""
    from app.models import Change

    rows = session.execute(select(Change.id, Change.number, Change.title).order_by(Change.created_at.desc())
                           .limit(CHANGE_CHOICES))
    return tuple((r.id, f"{r.number or 'Draft'} {r.title}") for r in rows)
