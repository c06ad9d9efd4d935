"""Knowledge search: the queue's safe search syntax (app.tickets.search) over article_fts, ranked, highlighted,
filtered; the needs-review view; and the suggestions for a ticket's text, service and CI.

Reads only; every function runs on a read connection (runner.query). The MATCH text is built by
app.tickets.search from letters and digits only and always bound as a parameter, so nothing typed is ever
read as query syntax. Ranking is FTS5's bm25 computed inside the index's scan (`rank`); highlights are
made here, in Python, for the rows of the page only (Segments: (piece, matched) pairs, never markup).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import partial

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.knowledge.records import ArticleFilter, ArticlePage, ArticleRow, Segments, Suggestion
from app.tickets.search import _like_escape
from app.tickets.search_syntax import ParsedSearch, Term, fts_query, parse
from core.knowledge.rules import UNUSED_DAYS, needs_review

PAGE = 100
COUNT_CAP = 1000
# bm25 weights of the index's columns: a word in the title counts most, then keywords, then the body.
_BM25 = "bm25(article_fts, 8.0, 4.0, 1.0)"
_RANK = "bm25(8.0, 4.0, 1.0)"  # the same, as FTS5's rank function (computed inside the index's own scan)
MATCH_WINDOW = 2000
# Validated and reused articles first among equally good matches (bm25 is negative: more is better).
_BOOST = ("(CASE a.confidence WHEN 'validated' THEN 1.3 WHEN 'not_validated' THEN 1.1 ELSE 1.0 END"
          " * (1.0 + min(a.use_count, 50) / 100.0))")
_COLUMNS = ("a.id, a.number, a.confidence, a.use_count, a.open_flags, a.review_date, a.updated_at, a.created_at, "
            "a.last_used_at, (SELECT c.name FROM category c WHERE c.id = a.category_id) AS category")
_MARKUP = re.compile(r"[#*_`>|~\[\]]+|\(https?://[^)]*\)|!\[|^\s*[-+]\s+|^\s*\d+\.\s+", re.MULTILINE)

STOPWORDS = frozenset((
    "every", "some", "any", "all", "after", "before", "since", "very",
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "cannot", "could", "did", "do", "does", "doesnt",
    "dont", "for", "from", "get", "gets", "got", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "please", "she", "so", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "to", "too", "up", "us", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your", "hi", "hello",
    "thanks", "thank", "regards", "dear", "team", "help", "issue", "problem", "still", "again", "also", "just",
    "now", "today", "yesterday",
))
SUGGEST_WORDS = 12
SUGGEST_SHARE = 0.25  # a word in more than this share of the articles says nothing about which one helps
SUGGEST_DOCS = 6_000  # the most matches a suggestion ranks by bm25 (about 1 µs each)
_FEW_LINKED = 400  # a service or CI with more articles finds its most reused by walking the reuse index
_DOCS_TTL_S = 600.0  # how long a word's article count is trusted (it only steers which words to search)
_DOCS: dict[tuple[str, str], tuple[int, float]] = {}  # (database, word) -> (articles holding it, when read)
_REVIEW_IDS = ("SELECT row_id FROM article WHERE review_date <= :today "
               "UNION ALL SELECT row_id FROM article WHERE open_flags > 0 "
               "UNION ALL SELECT row_id FROM article WHERE last_used_at < :unused "
               "UNION ALL SELECT row_id FROM article WHERE last_used_at IS NULL AND created_at < :unused")
NEEDS_REVIEW = f"a.row_id IN ({_REVIEW_IDS})"
_NEEDS_REVIEW_ROW = ("(a.review_date <= :today OR a.open_flags > 0 OR a.last_used_at < :unused "
                     "OR (a.last_used_at IS NULL AND a.created_at < :unused))")


def plain_snippet(body: str, limit: int = 160) -> str:
    """The start of a body without its headings and Markdown's marks, on one line."""
    text = "\n".join(line for line in body[: limit * 6].splitlines() if not line.lstrip().startswith("#"))
    flat = " ".join(_MARKUP.sub(" ", text).split())
    return flat[:limit] + ("…" if len(flat) > limit else "")


def _filters(session: Session, flt: ArticleFilter, params: dict, today: date) -> list[str]:
    where = []
    if flt.confidence is None:
        where.append("a.confidence != 'archived'")
    else:
        where.append("a.confidence = :confidence")
        params["confidence"] = flt.confidence
    if flt.category_id:
        where.append("a.category_id = :category")
        params["category"] = flt.category_id
    if flt.service_id:
        # Links by their index: as a list when the service has few articles; as a check per row when it has
        # many, so a page walks the sort order and stops (one article in fifteen is found soon).
        params["service"] = flt.service_id
        many = (session.scalar(text(f"SELECT count(*) FROM (SELECT 1 FROM article_service WHERE service_id = "
                                    f":service LIMIT {_FEW_LINKED + 1})"), params) or 0) > _FEW_LINKED
        where.append("EXISTS (SELECT 1 FROM article_service s WHERE s.article_id = a.id AND s.service_id = :service)"
                     if many else "a.id IN (SELECT s.article_id FROM article_service s WHERE s.service_id = :service)")
    if flt.needs_review:
        # Three reasons, each answered by its own index and put together (an OR of ranges made SQLite
        # scan the table): the review date passed, open flags, nobody used it for a year (never used:
        # created more than a year ago).
        params["today"] = today
        params["unused"] = today - timedelta(days=UNUSED_DAYS)
        where.append(NEEDS_REVIEW)
    return where


def _reasons(r, today: date) -> tuple[str, ...]:
    used = r.last_used_at
    return needs_review(review_date=_as_date(r.review_date), open_flags=r.open_flags, today=today,
                        last_used=_as_date(used) if used else None, created=_as_date(r.created_at),
                        confidence=r.confidence)


def _as_date(value) -> date:
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value if type(value) is date else value.date()


def _row(r, title: Segments, snippet: Segments, today: date) -> ArticleRow:
    from core.schema import UtcDateTime

    updated = UtcDateTime().process_result_value(_parse_time(r.updated_at), None)
    return ArticleRow(id=r.id, number=r.number or "", title=title, snippet=snippet, confidence=r.confidence,
                      category=r.category or "", use_count=r.use_count, open_flags=r.open_flags,
                      review_date=_as_date(r.review_date) if r.review_date else None, updated_at=updated,
                      review_reasons=_reasons(r, today))


def _parse_time(value):
    from datetime import datetime

    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _short_words_exact(parsed: ParsedSearch) -> ParsedSearch:
    """One-letter words are searched as whole words, not as prefixes: a one-letter prefix stands for most of
    the index (the queue's rule for short prefixes, app.tickets.search.walkable, is the same idea)."""
    def fix(term: Term) -> Term:
        if not term.phrase and len(term.words) == 1 and len(term.words[0]) == 1:
            return Term(term.words, phrase=True)
        return term

    return ParsedSearch(tuple(tuple(fix(t) for t in g) for g in parsed.groups), tuple(fix(t) for t in parsed.excluded),
                        parsed.ignored)


def _highlights(title: str, body: str, words: list[str]) -> tuple[Segments, Segments]:
    """The title with the matched words marked, and a snippet of the body around its first match."""
    flat = plain_snippet(body, 4000)
    low = flat.lower()
    at = min((i for i in (low.find(w.lower()) for w in words) if i >= 0), default=0)
    start = max(0, low.rfind(" ", 0, max(at - 50, 0)) + 1) if at > 60 else 0
    piece = ("…" if start else "") + flat[start:start + 170] + ("…" if len(flat) > start + 170 else "")
    return mark_words(title, words), mark_words(piece, words)


def article_page(session: Session, *, flt: ArticleFilter, offset: int = 0, limit: int = PAGE, has_fts: bool = True,
                 today: date | None = None) -> ArticlePage:
    """One page of the list: with search text, ranked by relevance (bm25: title, then keywords, then body;
    validated and reused articles first among equals) with the matches highlighted; without, newest change
    first (the needs-review view: oldest review date first).

    Ranking reads at most MATCH_WINDOW matches (the newest): a search that matches more (a two-letter
    prefix) ranks those and says so (`capped`); typing more narrows it to an exact ranking."""
    today = today or date.today()
    parsed = _short_words_exact(parse(flt.text))
    params: dict = {"limit": limit, "offset": offset}
    where = _filters(session, flt, params, today)
    if parsed.is_empty or not parsed.groups:
        return _browse(session, flt, parsed, where, params, today, has_fts)
    if not has_fts:
        return _like_page(session, parsed, where, params, today)
    params["q"] = fts_query(parsed)
    rows = session.execute(text(
        f"WITH m AS MATERIALIZED (SELECT rowid AS r, rank AS score FROM article_fts WHERE article_fts MATCH :q "
        f"AND rank MATCH '{_RANK}' ORDER BY rowid DESC LIMIT {MATCH_WINDOW}), "
        f"n AS (SELECT count(*) AS window FROM m) "
        f"SELECT {_COLUMNS}, a.title, substr(a.body, 1, 6000) AS body, count(*) OVER () AS total, "
        f"(SELECT window FROM n) AS window FROM m JOIN article a ON a.row_id = m.r WHERE {' AND '.join(where)} "
        f"ORDER BY m.score * {_BOOST} LIMIT :limit OFFSET :offset"), params).all()
    words = [w for g in parsed.groups for t in g for w in t.words]
    out = tuple(_row(r, *_highlights(r.title, r.body, words), today) for r in rows)
    if rows:
        return ArticlePage(out, rows[0].total, rows[0].window >= MATCH_WINDOW, parsed.ignored)
    return ArticlePage((), 0, False, parsed.ignored)  # none among the matches ranked


def _count(session: Session, body: str, params: dict) -> tuple[int, bool]:
    n = session.scalar(text(f"SELECT count(*) FROM (SELECT 1 {body} LIMIT {COUNT_CAP + 1})"), params) or 0
    return min(n, COUNT_CAP), n > COUNT_CAP


def _browse(session: Session, flt: ArticleFilter, parsed: ParsedSearch, where: list[str], params: dict,
            today: date, has_fts: bool) -> ArticlePage:
    if parsed.excluded:
        if has_fts:
            params["q"] = fts_query(parsed, excluded_only=True)
            where.append("a.row_id NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH :q)")
        else:
            where.append("NOT (" + _like_terms(parsed.excluded, params, "x") + ")")
    order = "a.updated_at DESC"
    if flt.needs_review:
        # Oldest review date first. Few articles needing review: their row ids come from the three indexes
        # (NEEDS_REVIEW) and are sorted; many: the review-date index is walked in order and each row
        # checked, which finds a page long before the end.
        order = "a.review_date"
        few = session.scalar(text(f"SELECT count(*) FROM ({_REVIEW_IDS} LIMIT {COUNT_CAP + 1})"), params) or 0
        if few > COUNT_CAP:
            where[where.index(NEEDS_REVIEW)] = _NEEDS_REVIEW_ROW
            # `+`: no other index may drive the walk (the confidence index would sort half the table).
            where = [w.replace("a.confidence = ", "+a.confidence = ").replace("a.category_id = ", "+a.category_id = ")
                     for w in where]
    body = f"FROM article a WHERE {' AND '.join(where)}"
    rows = session.execute(text(f"SELECT {_COLUMNS}, a.title, substr(a.body, 1, 2000) AS body {body} "
                                f"ORDER BY {order} LIMIT :limit OFFSET :offset"), params).all()
    out = tuple(_row(r, ((r.title, False),), ((plain_snippet(r.body), False),), today) for r in rows)
    if flt.needs_review or parsed.excluded or flt.service_id:
        total, capped = _count(session, body, params)
    else:  # an index count, a few milliseconds even for 100,000 articles
        total, capped = session.scalar(text(f"SELECT count(*) {body}"), params) or 0, False
    return ArticlePage(out, total, capped, parsed.ignored)


def _like_terms(terms: tuple[Term, ...], params: dict, stem: str) -> str:
    parts = []
    for i, term in enumerate(terms):
        words = [" ".join(term.words)] if term.phrase else list(term.words)
        each = []
        for j, word in enumerate(words):
            key = f"{stem}{i}_{j}"
            params[key] = f"%{_like_escape(word)}%"
            each.append(f"(a.title LIKE :{key} ESCAPE '\\' OR a.keywords LIKE :{key} ESCAPE '\\' "
                        f"OR a.body LIKE :{key} ESCAPE '\\')")
        parts.append("(" + " AND ".join(each) + ")")
    return " OR ".join(parts)


def _like_page(session: Session, parsed: ParsedSearch, where: list[str], params: dict, today: date) -> ArticlePage:
    """Without FTS5: every group by LIKE, newest first, highlighted in Python."""
    for g, group in enumerate(parsed.groups):
        where.append("(" + _like_terms(group, params, f"g{g}_") + ")")
    if parsed.excluded:
        where.append("NOT (" + _like_terms(parsed.excluded, params, "x") + ")")
    body = f"FROM article a WHERE {' AND '.join(where)}"
    rows = session.execute(text(f"SELECT {_COLUMNS}, a.title, a.body {body} ORDER BY a.updated_at DESC "
                                "LIMIT :limit OFFSET :offset"), params).all()
    words = [w for g in parsed.groups for t in g for w in t.words]
    out = tuple(_row(r, mark_words(r.title, words), mark_words(plain_snippet(r.body), words), today) for r in rows)
    total, capped = _count(session, body, params)
    return ArticlePage(out, total, capped, parsed.ignored)


def mark_words(value: str, words: list[str]) -> Segments:
    """Highlight the words (as prefixes, any case) in a plain text."""
    if not words:
        return ((value, False),) if value else ()
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\w*",
                         re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(value):
        if m.start() > last:
            out.append((value[last:m.start()], False))
        out.append((m.group(0), True))
        last = m.end()
    if last < len(value):
        out.append((value[last:], False))
    return tuple(out)


# ----- suggestions while working a ticket


def suggestion_words(ticket_text: str) -> list[str]:
    """The words of a ticket's text worth matching: no stop words, three letters or more, each once, the
    first SUGGEST_WORDS in the order written (the title comes first)."""
    out: list[str] = []
    for group in parse(ticket_text).groups:
        for term in group:
            for word in term.words:
                low = word.lower()
                if len(low) >= 3 and low not in STOPWORDS and not low.isdigit() and low not in out:
                    out.append(low)
    return out[:SUGGEST_WORDS]


def _doc_counts(session: Session, words: list[str]) -> dict[str, int]:
    """How many articles hold each word. fts5vocab counts by reading the word's whole list (about 0.5 ms for a
    common word in 100,000 articles), so counts are kept for _DOCS_TTL_S per database: they only steer which
    words a suggestion searches, and an agent's tickets reuse the same words all day."""
    database = str(session.get_bind().engine.url.database)
    now = time.monotonic()
    out: dict[str, int] = {}
    missing = []
    for w in words:
        hit = _DOCS.get((database, w))
        if hit is not None and now - hit[1] < _DOCS_TTL_S:
            out[w] = hit[0]
        else:
            missing.append(w)
    if missing:
        if len(_DOCS) > 50_000:
            _DOCS.clear()
        marks = ", ".join(f":w{i}" for i in range(len(missing)))
        vocab = text(f"SELECT term, doc FROM article_fts_vocab WHERE term IN ({marks})")
        found: dict[str, int] = dict(session.execute(vocab, {f"w{i}": w for i, w in enumerate(missing)}).all())
        for w in missing:
            out[w] = found.get(w, 0)
            if out[w]:  # a word no article holds yet costs nothing to look up, and may be in the next one
                _DOCS[(database, w)] = (out[w], now)
    return out


def selective_words(session: Session, words: list[str]) -> list[str]:
    """The words worth a search, by how many articles hold each (article_fts_vocab): none that no article
    holds, none that more than SUGGEST_SHARE of the articles hold (they rank nothing), and, rarest first,
    only as many as keep the matches to read under SUGGEST_DOCS. Kept in the order written."""
    if not words:
        return []
    docs = _doc_counts(session, words)
    articles = session.scalar(text("SELECT max(row_id) FROM article")) or 0
    useful = sorted((docs[w], w) for w in words if 0 < docs.get(w, 0) <= max(articles * SUGGEST_SHARE, 50))
    kept: set[str] = set()
    total = 0
    for doc, word in useful:
        if total + doc > SUGGEST_DOCS and kept:
            break
        kept.add(word)
        total += doc
    return [w for w in words if w in kept]


def suggest(session: Session, *, ticket_text: str, service_id: str | None, ci_id: str | None, limit: int = 5,
            has_fts: bool = True) -> tuple[Suggestion, ...]:
    """The best articles for a ticket being worked: any of its words (ranked by bm25, title first), articles
    of its service and CI; archived articles left out, and requester-only ranking not applied (agents see
    all). Score: text relevance, +2 the same service, +3 the same CI, then confidence and reuse."""
    words = suggestion_words(ticket_text)
    candidates: dict[str, dict] = {}
    if words and has_fts:
        words = selective_words(session, words)
    if words and has_fts:
        # Whole words OR-ed (the ticket's words are written, not being typed), ranked inside the index's scan;
        # selective_words keeps that scan to at most SUGGEST_DOCS matches.
        q = fts_query(ParsedSearch(groups=(tuple(Term((w,), phrase=True) for w in words),)))
        for r in session.execute(text(
                f"WITH m AS MATERIALIZED (SELECT rowid AS r, rank AS score FROM article_fts WHERE article_fts MATCH :q "
                f"AND rank MATCH '{_RANK}' ORDER BY rank LIMIT 40) "
                "SELECT a.id, a.number, a.title, substr(a.body, 1, 4000) AS body, a.confidence, a.use_count, "
                "-m.score AS rel FROM m JOIN article a ON a.row_id = m.r WHERE a.confidence != 'archived' "
                "ORDER BY m.score LIMIT 30"), {"q": q}):
            candidates[r.id] = {"row": r, "rel": r.rel, "marks": partial(_highlights, r.title, r.body, words)}
    elif words:
        params: dict = {}
        clause = _like_terms(tuple(Term((w,)) for w in words), params, "s")
        for r in session.execute(text("SELECT a.id, a.number, a.title, a.body, a.confidence, a.use_count "
                                      f"FROM article a WHERE a.confidence != 'archived' AND ({clause}) LIMIT 200"),
                                 params):
            hits = sum(1 for w in words if w in (r.title + " " + r.body).lower())
            candidates[r.id] = {"row": r, "rel": float(hits), "marks": partial(_like_marks, r.title, r.body, words)}
    linked = _linked(session, service_id, ci_id, set(candidates))
    # Ranked first, marked after: the marks (a regex pass over each text) are made for the few shown only.
    out: list[Suggestion] = []
    marks: dict[str, Callable[[], tuple[Segments, Segments]]] = {}
    for article_id, c in candidates.items():
        r = c["row"]
        why: list[str] = ["matches the text"] if c["rel"] else []
        score = c["rel"]
        if article_id in linked.get("service", ()):
            score, why = score + 2.0, [*why, "same service"]
        if article_id in linked.get("ci", ()):
            score, why = score + 3.0, [*why, "same CI"]
        score += {"validated": 1.0, "not_validated": 0.5}.get(r.confidence, 0.0) + math.log1p(r.use_count) * 0.3
        out.append(Suggestion(id=r.id, number=r.number or "", title=(), snippet=(), confidence=r.confidence,
                              use_count=r.use_count, why=tuple(why), score=score))
        marks[r.id] = c["marks"]
    for article_id, r in linked.get("extra", {}).items():
        if article_id in candidates:
            continue
        found = tuple(w for w, ok in (("same service", article_id in linked["service"]),
                                      ("same CI", article_id in linked["ci"])) if ok)
        score = 2.0 * ("same service" in found) + 3.0 * ("same CI" in found) \
            + {"validated": 1.0, "not_validated": 0.5}.get(r.confidence, 0.0) + math.log1p(r.use_count) * 0.3
        out.append(Suggestion(id=r.id, number=r.number or "", title=(), snippet=(), confidence=r.confidence,
                              use_count=r.use_count, why=found, score=score))
        marks[r.id] = partial(_unmarked, r.title, r.body)
    out.sort(key=lambda s: (-s.score, s.number))
    return tuple(replace(s, title=title, snippet=snippet)
                 for s in out[:limit] for title, snippet in (marks[s.id](),))


def _like_marks(title: str, body: str, words: list[str]) -> tuple[Segments, Segments]:
    return mark_words(title, words), mark_words(plain_snippet(body, 120), words)


def _unmarked(title: str, body: str) -> tuple[Segments, Segments]:
    return ((title, False),), ((plain_snippet(body, 120), False),)


def _linked(session: Session, service_id: str | None, ci_id: str | None, candidates: set[str]) -> dict:
    """Which candidates apply to the service and the CI, and the most reused other articles that do
    (a ticket with no words yet still gets its service's and CI's articles)."""
    out: dict = {"service": set(), "ci": set(), "extra": {}}
    for kind, table, column, value in (("service", "article_service", "service_id", service_id),
                                       ("ci", "article_ci", "ci_id", ci_id)):
        if not value:
            continue
        # The ten most reused: a service or CI with many articles walks the reuse index from the top and
        # checks each article's link (ten are found early); one with few sorts its own.
        many = (session.scalar(text(f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {column} = :v "
                                    f"LIMIT {_FEW_LINKED + 1})"), {"v": value}) or 0) > _FEW_LINKED
        top = (f"SELECT a.id FROM article a INDEXED BY ix_article_use_count WHERE a.confidence != 'archived' "
               f"AND EXISTS (SELECT 1 FROM {table} l WHERE l.article_id = a.id AND l.{column} = :v) "
               "ORDER BY a.use_count DESC LIMIT 10") if many else (
               f"SELECT a.id FROM {table} l JOIN article a ON a.id = l.article_id WHERE l.{column} = :v "
               "AND a.confidence != 'archived' ORDER BY a.use_count DESC LIMIT 10")
        rows = session.execute(text(
            f"WITH top AS MATERIALIZED ({top}) "
            "SELECT a.id, a.number, a.title, substr(a.body, 1, 2000) AS body, a.confidence, a.use_count "
            "FROM top JOIN article a ON a.id = top.id ORDER BY a.use_count DESC"), {"v": value}).all()
        out[kind].update(r.id for r in rows)
        if candidates:
            ids = sorted(candidates)
            marks = ",".join(f":c{i}" for i in range(len(ids)))
            out[kind].update(session.scalars(text(
                f"SELECT article_id FROM {table} WHERE {column} = :v AND article_id IN ({marks})"),
                {"v": value, **{f"c{i}": x for i, x in enumerate(ids)}}))
        for r in rows:
            out["extra"].setdefault(r.id, r)
    return out
