"""The queue's search box as a user types in it: OR, NOT and phrases filter as they say, and what the
search ignored is said plainly under the box instead of a list that only looks filtered."""

import pytest
from PySide6.QtCore import QLocale

from app.tickets import writes as tickets
from app.ui.i18n import install_translators, remove_translators
from tests.ui.conftest import shown_queue_page, wait_idle

TITLES = ["Printer jams on floor 2", "Outlook crashes on start", "Teams call drops", "Laptop battery swollen"]


@pytest.fixture
def english(qapp):
    """As the app starts: the English catalogue gives counts their plural forms."""
    installed = install_translators(qapp, QLocale(QLocale.Language.English))
    yield
    remove_translators(qapp, installed)


@pytest.fixture
def page(qtbot, english, ctx, store, seeded):
    with store.session() as s:
        for title in TITLES:
            tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=seeded["me"])
    page = shown_queue_page(qtbot, ctx, size=(1200, 700))
    yield page
    wait_idle(qtbot, ctx.runner)


def _search(qtbot, page, text):
    page.filter_bar.search.clear()
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000):
        if text.isascii():
            qtbot.keyClicks(page.filter_bar.search, text)
        else:  # pasted: QTest cannot type a character outside the BMP key by key
            page.filter_bar.search.insert(text)
    wait_idle(qtbot, page.ctx.runner)
    return sorted(page.model.row_at(r).title for r in range(page.model.count))


def test_not_and_or_filter_as_typed(qtbot, page):
    assert _search(qtbot, page, "NOT printer") == sorted(set(TITLES) - {"Printer jams on floor 2"})
    assert page.filter_bar.search_notice.isHidden()
    assert _search(qtbot, page, "outlook OR teams") == ["Outlook crashes on start", "Teams call drops"]
    assert _search(qtbot, page, '-"call drops" -laptop') == ["Outlook crashes on start", "Printer jams on floor 2"]
    assert page.count_label.text() == "2 tickets"
    assert _search(qtbot, page, '"battery swollen"') == ["Laptop battery swollen"]
    assert page.count_label.text() == "1 ticket"


@pytest.mark.parametrize("typed", ["%", "🎫", "* _"])
def test_nothing_searchable_says_so_instead_of_looking_filtered(qtbot, page, typed):
    assert _search(qtbot, page, typed) == sorted(TITLES)
    notice = page.filter_bar.search_notice
    assert notice.isVisible()
    assert f"Ignored: {typed}" in notice.text() and "nothing searchable" in notice.text()
    assert "Nothing was searched" in notice.text()
    assert page.count_label.text() == "4 tickets"
    assert page.filter_bar.search.text() == typed  # what was typed stays, to edit


def test_an_ignored_piece_beside_real_words_is_named(qtbot, page):
    assert _search(qtbot, page, "printer OR 🎫") == ["Printer jams on floor 2"]
    text = page.filter_bar.search_notice.text()
    assert "🎫" in text and "OR" in text and "Nothing was searched" not in text
    assert _search(qtbot, page, "zebra") == []
    assert page.count_label.text() == "No tickets match"
    assert page.filter_bar.search_notice.isHidden()


def test_a_short_word_is_searched_whole_and_the_notice_says_so(qtbot, page):
    assert _search(qtbot, page, "on") == ["Outlook crashes on start", "Printer jams on floor 2"]  # not "swollen"
    notice = page.filter_bar.search_notice
    assert notice.isVisible() and "Whole words only: on" in notice.text() and "needs 3 letters" in notice.text()
    assert "Nothing was searched" not in notice.text()
    assert _search(qtbot, page, "swo") == ["Laptop battery swollen"]  # three letters: the start of words again
    assert notice.isHidden()
