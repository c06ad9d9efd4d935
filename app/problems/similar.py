"""Similar incidents: open and recent incidents that look like a problem or an incident, ranked.

Candidates come from three bounded reads, each on an index: the newest incidents of the same CI
(ix_ticket_ci_created), of the same service (ix_ticket_service_created), and for each distinctive word of
the reference's title the newest pieces of the full-text index holding it (FTS5 walks a term's list by
rowid, newest first, and stops at the limit). Whatever the store's size, a search reads at most
CI_LIMIT + SERVICE_LIMIT + WORDS * WORD_LIMIT index entries, then scores the union:

    score = 6 * (weight of the shared words / weight of all words) + 3 * same CI + 1.5 * same service
            + 0.5 * open + exp(-age in days / 30)

A word's weight is its rarity: ln(1 + WORD_LIMIT / hits) when fewer than WORD_LIMIT pieces hold it, else
0.2 (so "error" alone never makes two incidents alike). docs/PROBLEMS.md states the same formula.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import Ticket, problem_ci
from app.problems.records import SimilarIncident
from core.schema import utcnow
from core.tickets.workflow import state_label

CI_LIMIT = 150
PROBLEM_CIS = 10  # a problem's listed CIs searched for look-alikes (each a CI_LIMIT read)
SERVICE_LIMIT = 150
WORD_LIMIT = 400
WORDS = 6
RECENT_DAYS = 90
COMMON_WEIGHT = 0.2
MIN_SCORE = 1.6  # below: only recency or an open state speaks for it, which is not a likeness

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
STOPWORDS = frozenset(("a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "cannot", "could", "do",
    "does", "for", "from", "has", "have", "how", "i", "in", "is", "it", "its", "me", "my", "no", "not", "of", "on",
    "or", "our", "please", "since", "so", "that", "the", "their", "them", "then", "there", "this", "to", "too", "up",
    "us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
    "after", "again", "all", "also", "any", "get", "gets", "got", "just", "new", "now", "still"))


def title_words(title: str, description: str = "") -> list[str]:
    """The distinctive words of a reference (title first, then the description's start): lower-cased,
    three characters or more, no stopwords or bare numbers, each once, at most WORDS."""
    out: list[str] = []
    for word in _WORD.findall(f"{title} {description[:400]}".lower()):
        if len(word) >= 3 and not word.isdigit() and word not in STOPWORDS and word not in out:
            out.append(word)
        if len(out) == WORDS:
            break
    return out


def _word_hits(session: Session, word: str) -> list[int]:
    """The row ids of the newest tickets with a piece holding `word` (WORD_LIMIT pieces at most)."""
    rows = session.execute(text("SELECT rowid >> 32 FROM ticket_fts WHERE ticket_fts MATCH :q "
                                "ORDER BY rowid DESC LIMIT :n"), {"q": f'"{word}"', "n": WORD_LIMIT})
    return [r[0] for r in rows]


def _newest(session: Session, column, value: str | None, limit: int) -> list[int]:
    if value is None:
        return []
    return list(session.scalars(select(Ticket.row_id).where(column == value)
                                .order_by(column, Ticket.created_at.desc()).limit(limit)))


def similar_incidents(session: Session, *, ticket_id: str, has_fts: bool, limit: int = 20,
                      now: datetime | None = None) -> tuple[SimilarIncident, ...]:
    """Open and recent (RECENT_DAYS) incidents like the ticket `ticket_id` (a problem or an incident),
    best first, the ticket itself and incidents already linked to it (as problem or major incident) left
    out. Runs on a read connection; costs a bounded number of index reads (module docstring)."""
    ref = session.scalar(select(Ticket).where(Ticket.id == ticket_id))
    if ref is None:
        return ()
    now = now or utcnow()
    cis = _reference_cis(session, ref)
    candidates: set[int] = set()
    for ci in cis:
        candidates.update(_newest(session, Ticket.ci_id, ci, CI_LIMIT))
    candidates.update(_newest(session, Ticket.service_id, ref.service_id, SERVICE_LIMIT))
    words = title_words(ref.title, ref.description or "")
    weights: dict[str, float] = {}
    holders: dict[int, set[str]] = {}
    if has_fts:
        for word in words:
            hits = _word_hits(session, word)
            if not hits:
                continue
            weights[word] = math.log(1 + WORD_LIMIT / len(hits)) if len(hits) < WORD_LIMIT else COMMON_WEIGHT
            for row_id in hits:
                holders.setdefault(row_id, set()).add(word)
        candidates.update(holders)
    candidates.discard(ref.row_id)
    if not candidates:
        return ()
    total_weight = sum(weights.values()) or 1.0
    now_s = now.timestamp()
    recent = (now - timedelta(days=RECENT_DAYS)).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    # Scored on plain tuples (a thousand candidates or more); only the best `limit` become records.
    scored: list[tuple[float, int, tuple[str, ...], bool, bool, int]] = []
    for row_id, created_s, ci_id, service_id, is_open in _candidates(session, candidates, ref.id, recent):
        held = holders.get(row_id)
        shared = tuple(w for w in words if w in held) if held else ()
        same_ci = ci_id is not None and ci_id in cis
        same_service = service_id is not None and service_id == ref.service_id
        age_days = max(0.0, (now_s - created_s) / 86400)
        score = (6 * sum(weights[w] for w in shared) / total_weight + 3 * same_ci + 1.5 * same_service
                 + 0.5 * bool(is_open) + math.exp(-age_days / 30))
        if score >= MIN_SCORE:
            scored.append((score, created_s, shared, same_ci, same_service, row_id))
    best = heapq.nlargest(limit, scored, key=lambda t: (t[0], t[1]))
    return _records(session, best)


def _reference_cis(session: Session, ref: Ticket) -> list[str]:
    """The CIs a reference stands for: its own, and for a problem all its affected CIs (problem_ci, at most
    PROBLEM_CIS of them) and the CIs of its linked incidents."""
    cis = [ref.ci_id] if ref.ci_id else []
    if ref.type == "problem":
        listed = session.scalars(select(problem_ci.c.ci_id).where(problem_ci.c.problem_id == ref.id)
                                 .order_by(problem_ci.c.ci_id).limit(PROBLEM_CIS))
        cis += [c for c in listed if c not in cis]
        linked = session.scalars(select(Ticket.ci_id).where(Ticket.problem_id == ref.id, Ticket.ci_id.is_not(None))
                                 .distinct().limit(10))
        cis += [c for c in linked if c is not None and c not in cis]
    return cis


def _candidates(session: Session, row_ids: Iterable[int], ref_id: str, recent: str) -> list[tuple]:
    """(row_id, created epoch seconds, ci_id, service_id, is_open) of the candidates that are incidents, open
    or created since `recent` (stored-time text), and not linked to the reference already. Plain SQL on the
    session's connection: a thousand rows through the ORM cost more than the reads."""
    ids = sorted(row_ids)
    conn = session.connection()
    out: list[tuple] = []
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.exec_driver_sql(
            "SELECT row_id, CAST(strftime('%s', created_at) AS INTEGER), ci_id, service_id, is_open, problem_id, "
            f"major_id FROM ticket WHERE row_id IN ({marks}) AND type = 'incident' AND (is_open OR created_at >= ?)",
            (*chunk, recent)).fetchall()
        out.extend(r[:5] for r in rows if ref_id not in (r[5], r[6]))
    return out


def _records(session: Session, best: list) -> tuple[SimilarIncident, ...]:
    """The chosen candidates as records, best first, with their problem's number."""
    if not best:
        return ()
    rows = {r.row_id: r for r in session.execute(
        select(Ticket.row_id, Ticket.id, Ticket.number, Ticket.title, Ticket.state, Ticket.is_open, Ticket.created_at,
               Ticket.problem_id).where(Ticket.row_id.in_([b[5] for b in best])))}
    items = []
    for score, _created, shared, same_ci, same_service, row_id in best:
        row = rows.get(row_id)
        if row is None:
            continue
        items.append(SimilarIncident(
            id=row.id, row_id=row.row_id, number=row.number or "Draft", title=row.title,
            state_label=state_label("incident", row.state), is_open=row.is_open, created_at=row.created_at,
            score=round(score, 3), same_ci=same_ci, same_service=same_service, shared_words=shared,
            problem_number=row.problem_id))
    return _with_problem_numbers(session, items)


def _with_problem_numbers(session: Session, items: list[SimilarIncident]) -> tuple[SimilarIncident, ...]:
    """`problem_number` held the problem's id until here: now its number."""
    ids = sorted({s.problem_number for s in items if s.problem_number})
    numbers = {r.id: r.number for r in session.execute(select(Ticket.id, Ticket.number).where(Ticket.id.in_(ids)))}
    return tuple(replace(s, problem_number=numbers.get(s.problem_number) if s.problem_number else None)
                 for s in items)
