"""Search: whatever a user types never breaks the queue, with FTS5 or with the LIKE fallback, and it
still finds what it should."""

from __future__ import annotations

import os
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.people import reference
from app.store import integrity_ok, open_store
from app.tickets import queue, search, search_syntax, worklog
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter, QueueSort

HOSTILE = [
    '"', '""', '"unbalanced', "it's", "'", "(", ")", "((a)", "a)", "[x]", "{", "}", "{a b}",
    "AND", "OR", "NOT", "a AND", "OR b", "NOT NOT", "a OR OR b", "NEAR(", "NEAR(a b, 2)", "NEAR/3",
    "*", "**", "a*", "*a", "^", "^a", ":", "title:x", "number:INC", "-x", "--x", "+x", "a-b", "a+b",
    "\\", "\\\\", "a\\b", "%", "_", "%_%", "a%b", "a_b", "\x00", "a\x00b", "\x01\x02\x1f\x7f",
    "🎫", "🎫🎫 printer", "\u202e\u202dabc", "\u200f", "\ufeff", "\ud800", "x\udcff",
    "'; DROP TABLE ticket; --", "\"; DROP TABLE ticket_fts; --", "1; DELETE FROM ticket", "' OR '1'='1",
    "1=1", "ticket_fts MATCH '*'", "rowid", "SELECT * FROM ticket", "/* comment */", "; ;",
    "a" * 10_000, ("word " * 2_000), "é" * 10_000, "1" * 10_000, " ", "\t\n", "",
    "0", "00000", "-1", "1e9", "0x10", "INC", "inc0000001*", "\u0301", "ǅ", "ß", "İ", "ﬁ",
]
TOKENS = ['"', "'", "(", ")", "AND", "OR", "NOT", "NEAR(", "*", "^", ":", "-", "{", "}", "\\", "%", "_", "🎫",
          "\u202e", "\x00", "title:", "printer", "jose", "INC", "1234", ";", "--", "DROP"]


def _intact(st_, rows: int) -> None:
    with st_.session() as s:
        assert s.execute(text("SELECT count(*) FROM ticket")).scalar_one() == rows
        if st_.has_fts:  # one header piece per ticket, one piece per worklog entry
            assert s.execute(text(f"SELECT count(*) FROM ticket_fts WHERE rowid & {search.PIECES} = 0")
                             ).scalar_one() == rows
            assert s.execute(text("SELECT count(*) FROM ticket_fts")).scalar_one() == rows + s.execute(
                text("SELECT count(*) FROM worklog_entry")).scalar_one()
            s.execute(text("INSERT INTO ticket_fts(ticket_fts) VALUES ('integrity-check')"))
    assert integrity_ok(st_.engine)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    st_ = open_store(tmp_path_factory.mktemp("search") / "store.sqlite3")
    with st_.session() as s:
        me = reference.ensure_local_user(s, name="Searcher")
        tickets.create_ticket(s, ticket_type="incident", title="Printer jams on floor 2", actor_id=me)
        tickets.create_ticket(s, ticket_type="incident", title="Laptop for José", actor_id=me,
                              description="New starter in Zürich", number="INC0001234")
        t = tickets.create_ticket(s, ticket_type="problem", title="Mail queue backlog", actor_id=me)
        worklog.add_worklog(s, ticket_id=t.id, kind="note", body="Restarted the postfix daemon", actor_id=me)
        tickets.create_ticket(s, ticket_type="service_request", title="Access for Jose Alvarez", actor_id=me)
    yield st_, me
    st_.close()


MODES = [pytest.param(True, id="fts"), pytest.param(False, id="like")]


def _run(st_, me, user_text: str, has_fts: bool) -> list[int]:
    if has_fts and not st_.has_fts:
        pytest.skip("this SQLite has no FTS5")
    with st_.session() as s:
        flt = QueueFilter(text=user_text)
        count = queue.count_tickets(s, flt=flt, me=me, has_fts=has_fts)
        ids = list(queue.ticket_ids(s, flt=flt, sort=QueueSort(), me=me, has_fts=has_fts))
    assert count == len(ids)
    return ids


@pytest.mark.parametrize("has_fts", MODES)
@pytest.mark.parametrize("user_text", HOSTILE, ids=[repr(h)[:40] for h in HOSTILE])
def test_hostile_text_never_raises(desk, user_text, has_fts):
    st_, me = desk
    _run(st_, me, user_text, has_fts)
    _intact(st_, 4)


@pytest.mark.parametrize("has_fts", MODES)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(user_text=st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=200),
    st.lists(st.sampled_from(TOKENS), max_size=12).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=12).map("".join),
))
def test_any_text_never_raises(desk, has_fts, user_text):
    st_, me = desk
    _run(st_, me, user_text, has_fts)


def test_the_store_is_intact_after_the_hostile_runs(desk):
    _intact(desk[0], 4)


def _titles(st_, ids):
    with st_.session() as s:
        return sorted(r.title for r in queue.queue_rows(s, row_ids=ids).values())


@pytest.mark.parametrize("has_fts", MODES)
@pytest.mark.parametrize(("user_text", "titles"), [
    ("print", ["Printer jams on floor 2"]),
    ("PRINTER", ["Printer jams on floor 2"]),
    ("jam flo", ["Printer jams on floor 2"]),
    ("INC0001234", ["Laptop for José"]),
    ("inc0001234", ["Laptop for José"]),
    ("1234", ["Laptop for José"]),
    ("0001234", ["Laptop for José"]),
    ("postfix", ["Mail queue backlog"]),
    ("restart daemon", ["Mail queue backlog"]),
    ("zürich", ["Laptop for José"]),
    ('"printer" (floor*', ["Printer jams on floor 2"]),
    ("printer)", ["Printer jams on floor 2"]),
    ("title:printer", []),  # not a column filter: "title" is just a word that no ticket holds
    ("printer zebra", []),
])
def test_search_finds_what_it_should(desk, has_fts, user_text, titles):
    st_, me = desk
    assert _titles(st_, _run(st_, me, user_text, has_fts)) == titles


def test_search_ignores_diacritics_with_fts(desk):
    st_, me = desk
    expected = ["Access for Jose Alvarez", "Laptop for José"]
    assert _titles(st_, _run(st_, me, "jose", True)) == expected
    assert _titles(st_, _run(st_, me, "JOSÉ", True)) == expected
    assert _titles(st_, _run(st_, me, "zurich", True)) == ["Laptop for José"]


def test_capital_operators_mean_all_words(desk):
    st_, me = desk
    for has_fts in (True, False):
        assert (_titles(st_, _run(st_, me, "laptop AND jose", has_fts))
                == _titles(st_, _run(st_, me, "laptop jose", has_fts)))


def test_a_number_is_found_by_the_start_of_its_significant_digits(desk):
    """Typing narrows: 1, 12, 123, 1234 all find INC0001234 (by ranges of the number index); 234 is
    not the start of its digits."""
    st_, me = desk
    with st_.session() as s:
        numbers = dict(s.execute(text("SELECT number, title FROM ticket")).all())
    for has_fts in (True, False):
        for typed in ("1", "12", "123", "1234", "01234", "0001234", "inc0001", "INC0001234"):
            assert "Laptop for José" in _titles(st_, _run(st_, me, typed, has_fts)), typed
        assert "Laptop for José" not in _titles(st_, _run(st_, me, "234", has_fts))
        assert "Laptop for José" not in _titles(st_, _run(st_, me, "INC1234", has_fts))
        assert _titles(st_, _run(st_, me, "-1234", has_fts)) == sorted(t for n, t in numbers.items()
                                                                      if n != "INC0001234")


def test_fts_query_quotes_every_term():
    # Operators come only from the parser; every user word is a quoted FTS string.
    # A lone word shorter than three letters is a whole word (search_syntax.PREFIX_MIN): no `*`.
    assert search_syntax.fts_query('NEAR(a "b" OR c*') == '("NEAR"* AND "a"*) AND (("b") OR ("c"))'
    assert search_syntax.fts_query("near or not") == '("near"*) AND ("or") AND ("not"*)'
    assert search_syntax.fts_query("a OR b-c") == '(("a") OR ("b"* AND "c"*))'
    assert search_syntax.fts_query('x -y NOT "a b"') == '(("x")) NOT (("y") OR ("a b"))'
    assert search_syntax.fts_query("xyz -yes") == '(("xyz"*)) NOT ("yes"*)'
    assert search_syntax.fts_query("NOT y") is None  # FTS5 has no lone NOT: search_clause leaves the matches out
    assert search_syntax.fts_query("NOT y", excluded_only=True) == '"y"'
    assert search_syntax.fts_query("") is None
    assert search_syntax.fts_query("\"'(*)") is None
    assert len(search_syntax.terms(" ".join(f"w{i}" for i in range(50)))) == search_syntax.MAX_TERMS
    assert len(search_syntax.terms("-".join(f"w{i}" for i in range(50)))) == search_syntax.MAX_TERMS


def _fold(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", value.lower()) if not unicodedata.combining(c))


def _row_texts(st_) -> dict[int, tuple[str, str]]:
    """Row id -> (number, every searchable text of the ticket), as the oracle reads them."""
    with st_.session() as s:
        rows = s.execute(text("SELECT t.row_id, coalesce(t.number, ''), t.title || ' ' || t.description || ' ' || "
                              "coalesce((SELECT group_concat(w.body, ' ') FROM worklog_entry w "
                              "WHERE w.ticket_id = t.id), '') FROM ticket t")).all()
    return {r[0]: (r[1], r[2]) for r in rows}


def _names_number(term: search_syntax.Term, number: str) -> bool:
    """The oracle of number search: with a prefix the start of the number; bare digits the start of its
    digits after any leading zeros."""
    match = re.fullmatch(r"(inc|req|prb)?([0-9]+)", term.words[0], re.IGNORECASE) if len(term.words) == 1 else None
    if term.phrase or match is None or not number:
        return False
    if match.group(1):
        return number.startswith(term.words[0].upper())
    return number[:3] in search.TICKET_PREFIXES and any(
        number[3:].startswith("0" * zeros + match.group(2)) for zeros in range(8))


def _contains(term: search_syntax.Term, body: str, has_fts: bool) -> bool:
    """Whether the term is in the text. FTS: each word a prefix of a token (a phrase: whole tokens in a
    row); LIKE: each word a substring (a phrase: in order). Diacritics folded as FTS folds them."""
    words = [_fold(w) for w in term.words]
    if not has_fts:
        pattern = ".*".join(re.escape(w) for w in words) if term.phrase else None
        return bool(re.search(pattern, body.lower())) if pattern else all(w in body.lower() for w in words)
    tokens = re.findall(r"[^\W_]+", _fold(body))
    if term.phrase:
        return any(tokens[i:i + len(words)] == words for i in range(len(tokens)))
    return all(any(t.startswith(w) for t in tokens) for w in words)


def _plain(term: search_syntax.Term) -> bool:
    return all(w.isascii() for w in term.words)


def _assert_only_matching_rows(st_, user_text: str, ids: list[int], has_fts: bool) -> None:
    """The oracle: every row returned has one term of each group and none of the excluded terms.
    Terms are checked when plain ASCII, where SQLite's case and diacritic folding and ours surely agree."""
    parsed = search_syntax.parse(user_text)
    texts = _row_texts(st_)
    if parsed.is_empty:
        assert len(ids) == len(texts)  # nothing searchable: not filtered (the queue says so)
        return
    for row_id in ids:
        number, body = texts[row_id]
        for group in parsed.groups:
            if all(_plain(t) for t in group):
                assert any(_contains(t, body, has_fts) or _names_number(t, number) for t in group), \
                    (user_text, body, group)
        for term in parsed.excluded:
            if _plain(term):
                assert not _contains(term, body, has_fts) and not _names_number(term, number), \
                    (user_text, body, term)


OPERATOR_SOUP = ["AND", "OR", "NOT", "-", '"', "(", ")", "printer", "jose", "laptop", "mail", "1234", "INC",
                 "%", "🎫", "-printer", "-jos", '"mail queue"', '-"for jose"', "floor", "restart", "zürich", "é"]


SOUP_TEXTS = st.one_of(
    st.lists(st.sampled_from(OPERATOR_SOUP), max_size=10).map(" ".join),
    st.lists(st.sampled_from(OPERATOR_SOUP), max_size=10).map("".join),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
)


# `make test` draws 120 random texts a mode (new ones every run); `make soak` the long twin below.
@pytest.mark.parametrize("has_fts", MODES)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(user_text=SOUP_TEXTS)
def test_operator_soup_returns_only_matching_rows(desk, has_fts, user_text):
    st_, me = desk
    _assert_only_matching_rows(st_, user_text, _run(st_, me, user_text, has_fts), has_fts)


@pytest.mark.soak
@pytest.mark.parametrize("has_fts", MODES)
@settings(max_examples=int(os.environ.get("DESKSIDE_SOAK_EXAMPLES", "200")) * 10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(user_text=SOUP_TEXTS)
def test_soak_operator_soup_returns_only_matching_rows(desk, has_fts, user_text):
    st_, me = desk
    _assert_only_matching_rows(st_, user_text, _run(st_, me, user_text, has_fts), has_fts)


def test_like_fallback_on_a_store_without_fts(tmp_path):
    """A SQLite built without FTS5: no ticket_fts table, no triggers, store_meta.fts = 0."""
    path = tmp_path / "nofts.sqlite3"
    st_ = open_store(path)
    with st_.session() as s:
        for name in ("ticket_fts_ai", "ticket_fts_au", "ticket_fts_ad", "worklog_fts_ai", "worklog_fts_au",
                     "worklog_fts_ad"):
            s.execute(text(f"DROP TRIGGER {name}"))
        s.execute(text("DROP TABLE ticket_fts_terms"))
        s.execute(text("DROP TABLE ticket_fts"))
        s.execute(text("UPDATE store_meta SET value = '0' WHERE key = 'fts'"))
    st_.close()
    st_ = open_store(path)
    try:
        assert st_.has_fts is False
        with st_.session() as s:
            me = reference.ensure_local_user(s, name="No FTS")
            t = tickets.create_ticket(s, ticket_type="incident", title="Scanner offline", actor_id=me)
            worklog.add_worklog(s, ticket_id=t.id, kind="reply", body="Power-cycled the 100% broken_unit",
                                actor_id=me)
            tickets.update_ticket(s, ticket_id=t.id, changes={"title": "Scanner offline again"}, actor_id=me)
            tickets.create_ticket(s, ticket_type="incident", title="Plain", actor_id=me)
        # "_" and "%" hold no letter or digit, so they filter nothing (as with FTS5), and they are never
        # LIKE wildcards: "broken_unit" is the words broken and unit.
        for user_text, hits in (("scan", 1), ("power cycled", 1), ("100%", 1), ("broken_unit", 1), ("_", 2),
                                ("%", 2), ("INC0000001", 1), ("1", 1), ("'; DROP TABLE ticket; --", 0),
                                ("NOT scanner", 1), ("-power", 1), ('"power cycled"', 1), ("plain OR scan", 2),
                                ('-"cycled the 100"', 1), ("-%", 2)):
            assert len(_run(st_, me, user_text, False)) == hits, user_text
        _intact(st_, 2)
    finally:
        st_.close()
