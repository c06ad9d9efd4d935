"""Search syntax: AND by default, OR, NOT / -word, "exact phrases", and what is ignored, the same with
FTS5 and with the LIKE fallback."""

from __future__ import annotations

import pytest

from app.people import reference
from app.tickets import queue, search, search_syntax, worklog
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter, QueueSort

TITLES = ["Printer jams on floor 2", "Outlook crashes on start", "Teams call drops", "Outlook and Teams sign-in loop",
          "Laptop battery swollen", "Scanner 100% broken"]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    from app.store import open_store

    st_ = open_store(tmp_path_factory.mktemp("syntax") / "store.sqlite3")
    with st_.session() as s:
        me = reference.ensure_local_user(s, name="Searcher")
        made = [tickets.create_ticket(s, ticket_type="incident", title=t, actor_id=me) for t in TITLES]
        worklog.add_worklog(s, ticket_id=made[4].id, kind="note", body="Replaced under warranty", actor_id=me)
    yield st_, me
    st_.close()


def _titles(st_, me, user_text, has_fts):
    if has_fts and not st_.has_fts:
        pytest.skip("this SQLite has no FTS5")
    with st_.session() as s:
        flt = QueueFilter(text=user_text)
        ids = list(queue.ticket_ids(s, flt=flt, sort=QueueSort(), me=me, has_fts=has_fts))
        assert queue.count_tickets(s, flt=flt, me=me, has_fts=has_fts) == len(ids)
        return sorted(r.title for r in queue.queue_rows(s, row_ids=ids).values())


EVERYTHING = sorted(TITLES)


@pytest.mark.parametrize("has_fts", [pytest.param(True, id="fts"), pytest.param(False, id="like")])
@pytest.mark.parametrize(("user_text", "titles"), [
    ("NOT printer", sorted(set(TITLES) - {"Printer jams on floor 2"})),
    ("-printer", sorted(set(TITLES) - {"Printer jams on floor 2"})),
    ("-printer -outlook -teams", ["Laptop battery swollen", "Scanner 100% broken"]),
    ("outlook OR teams", ["Outlook and Teams sign-in loop", "Outlook crashes on start", "Teams call drops"]),
    ("outlook teams", ["Outlook and Teams sign-in loop"]),
    ("outlook AND teams", ["Outlook and Teams sign-in loop"]),
    ("outlook -teams", ["Outlook crashes on start"]),
    ("outlook NOT teams", ["Outlook crashes on start"]),
    ("outlook OR teams -sign", ["Outlook crashes on start", "Teams call drops"]),
    ("printer OR laptop OR scanner floor", ["Printer jams on floor 2"]),
    ('"call drops"', ["Teams call drops"]),
    ('"drops call"', []),
    ('-"call drops"', sorted(set(TITLES) - {"Teams call drops"})),
    ('"outlook crashes" OR "battery swollen"', ["Laptop battery swollen", "Outlook crashes on start"]),
    ("warrant", ["Laptop battery swollen"]),  # prefix, worklog
    ("NOT warranty", sorted(set(TITLES) - {"Laptop battery swollen"})),
    ("not", []),  # lower case it is a word
    ("OR", EVERYTHING),  # a lone operator is ignored (and the queue says so)
    ("NOT", EVERYTHING),
    ("%", EVERYTHING),
    ("🎫", EVERYTHING),
    ("🎫 printer", ["Printer jams on floor 2"]),
    ("100%", ["Scanner 100% broken"]),
    ("NOT %", EVERYTHING),
])
def test_syntax(desk, has_fts, user_text, titles):
    st_, me = desk
    assert _titles(st_, me, user_text, has_fts) == titles


@pytest.mark.parametrize(("user_text", "ignored"), [
    ("%", [(search_syntax.NOTHING_SEARCHABLE, "%")]),
    ("🎫 printer *", [(search_syntax.NOTHING_SEARCHABLE, "🎫"), (search_syntax.NOTHING_SEARCHABLE, "*")]),
    ("printer OR", [(search_syntax.LONE_OPERATOR, "OR")]),
    ("OR printer", [(search_syntax.LONE_OPERATOR, "OR")]),
    ("printer NOT", [(search_syntax.LONE_OPERATOR, "NOT")]),
    ("printer OR -scanner", [(search_syntax.LONE_OPERATOR, "OR")]),
    ("NOT %", [(search_syntax.NOTHING_SEARCHABLE, "%"), (search_syntax.LONE_OPERATOR, "NOT")]),
    ("a NEAR b", [(search_syntax.UNSUPPORTED, "NEAR")]),
    ("printer AND scanner", []),
    ('"unclosed phrase', []),
])
def test_what_is_ignored_is_reported(user_text, ignored):
    assert list(search_syntax.parse(user_text).ignored) == ignored


def test_too_many_terms_are_reported():
    parsed = search_syntax.parse(" ".join(f"w{i}" for i in range(search_syntax.MAX_TERMS + 2)))
    assert len(parsed.groups) == search_syntax.MAX_TERMS
    assert [r for r, _ in parsed.ignored] == [search_syntax.TOO_MANY] * 2


def test_only_ignored_terms_filter_nothing():
    for user_text in ("%", "🎫", "*", "_", "-", "NOT", "OR AND", '""', "()"):
        parsed = search_syntax.parse(user_text)
        assert parsed.is_empty and parsed.ignored, user_text
        assert search.search_clause(user_text, has_fts=True) is None


@pytest.mark.parametrize(("user_text", "titles"), [
    ("on", ["Outlook crashes on start", "Printer jams on floor 2"]),  # the word, not "swollen" nor "sign-in"
    ("-on", sorted(set(TITLES) - {"Outlook crashes on start", "Printer jams on floor 2"})),
    ("sc", []),  # not the start of "Scanner": two letters are a whole word
    ("sca", ["Scanner 100% broken"]),  # three letters are a prefix again
    ("on OR call", ["Outlook crashes on start", "Printer jams on floor 2", "Teams call drops"]),
    ("outlook on", ["Outlook crashes on start"]),
])
def test_words_shorter_than_three_letters_are_whole_words(desk, user_text, titles):
    """A one- or two-letter word would stand for hundreds of the index's words as a prefix (seconds on a million
    tickets, at each keystroke on the way to a longer word); it is searched as that word."""
    st_, me = desk
    assert _titles(st_, me, user_text, True) == titles
    parsed = search_syntax.parse(user_text)
    whole = any(search_syntax.is_whole_word(t) for g in (*parsed.groups, parsed.excluded) for t in g)
    assert whole == (user_text != "sca")


def test_short_digits_stay_prefixes():
    [[term]] = search_syntax.parse("12").groups
    assert not term.phrase and not search_syntax.is_whole_word(term)
