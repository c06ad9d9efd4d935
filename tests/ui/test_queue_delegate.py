"""The queue's row delegate: it paints the prepared texts as the styled delegate would, elided once per width."""

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QRegion
from PySide6.QtWidgets import QApplication, QStyledItemDelegate
from sqlalchemy import select

from app.models import Ticket
from app.tickets import queue as queue_service
from app.tickets import writes as tickets
from app.ui.queue.table_model import TicketTableModel
from app.ui.queue.table_view import QueueTableView
from app.ui.theme import dark_palette
from app.ui.widgets.row_painter import RowDelegate, one_line
from tests.ui.conftest import publish_change, shown_queue_page, wait_idle

# Markup and a line break (ASCII: the fast painter's; bidi marks and other scripts go to the style, as
# tests/ui/test_prepared_table.py shows).
HOSTILE = "<b>bold</b> <a href='x'>link</a> &amp; " + "very long " * 22 + "\nsecond line"


@pytest.fixture
def view(qtbot, ctx, seeded, store):
    with store.session() as s:
        for i in range(30):
            tickets.create_ticket(s, ticket_type="incident", title=HOSTILE if i == 0 else f"Printer jam #{i}",
                                  actor_id=seeded["me"], impact=1 + i % 3, urgency=1 + (i // 3) % 3,
                                  group_id=seeded["group"])
    model = TicketTableModel(ctx)
    shown = QueueTableView(model)
    qtbot.addWidget(shown)
    shown.resize(1200, 500)
    shown.show()
    with qtbot.waitSignal(model.query_loaded, timeout=10_000):
        model.set_query(queue_service.QueueFilter(), queue_service.QueueSort("priority", False))
    wait_idle(qtbot, ctx.runner)
    return shown


def render(view, region: QRegion | None = None) -> QImage:
    QApplication.processEvents()  # scroll bars and layout settle before the picture
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    if region is None:
        view.viewport().render(image)
    else:
        view.viewport().render(image, QPoint(), region)
    return image


def column_of(view, key: str) -> int:
    return next(c for c, column in enumerate(view.model().columns) if column.key == key)


def test_it_paints_what_the_styled_delegate_paints(qtbot, view):
    """Selection, alternate rows, priority and SLA colours, bold priorities, right-aligned time left: the
    same pixels as QStyledItemDelegate draws from the model's roles."""
    assert isinstance(view.itemDelegate(), RowDelegate)
    view.select_row(2)
    ours = render(view)
    styled = QStyledItemDelegate(view)
    view.setItemDelegate(styled)
    theirs = render(view)
    assert ours == theirs
    view.setItemDelegate(view.row_delegate)
    assert render(view) == ours  # again from the cached layouts


def test_the_focus_frame_and_a_dark_palette_look_the_same(qtbot, view):
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    view.select_row(3)
    view.setPalette(dark_palette())  # the app's dark palette, on the view alone
    view.model().restyle(True)
    ours = render(view)
    view.setItemDelegate(QStyledItemDelegate(view))
    assert render(view) == ours
    view.setItemDelegate(view.row_delegate)
    view.clearFocus()
    assert render(view) != ours  # focus shows (the frame and the active selection)


def test_a_cell_and_the_selection_are_painted(qtbot, view):
    view.select_row(1)
    image = render(view)
    highlight = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    inactive = view.palette().color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight)
    title = view.visualRect(view.model().index(1, column_of(view, "title")))
    colours = {QColor(image.pixel(x, title.center().y())).rgb() for x in range(title.left(), title.right())}
    assert highlight.rgb() in colours or inactive.rgb() in colours  # the selection fill
    assert len(colours) > 2  # and text on it
    unselected = view.visualRect(view.model().index(4, column_of(view, "title")))
    row = {QColor(image.pixel(x, unselected.center().y())).rgb() for x in range(unselected.left(), unselected.right())}
    assert len(row) > 2  # text, not just the row's background
    assert highlight.rgb() not in row


def test_elided_texts_are_measured_again_when_a_column_is_resized(qtbot, view):
    render(view)
    delegate = view.row_delegate
    title = column_of(view, "title")
    wide = {s.text() for s in delegate.laid_out()}
    assert wide and "Printer jam #3" in wide
    view.horizontalHeader().resizeSection(title, 60)
    assert delegate.laid_out() == []
    render(view)
    narrow = {s.text() for s in delegate.laid_out()}
    assert "Printer jam #3" not in narrow
    assert any(t.startswith("Print") and t.endswith("…") for t in narrow)


def test_hostile_text_is_drawn_as_plain_elided_text(qtbot, view):
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.row_at(r).title == HOSTILE)
    view.scrollTo(model.index(row, 0))
    render(view)
    drawn = [s for s in view.row_delegate.laid_out() if s.text().startswith("<b>bold</b")]
    assert drawn, "the markup is shown as typed, not interpreted"
    static = drawn[0]
    assert static.textFormat() == Qt.TextFormat.PlainText
    assert "…" in static.text() and "\n" not in static.text()  # elided to one line
    # A screen reader still hears the whole title from the model.
    assert model.data(model.index(row, column_of(view, "title")), Qt.ItemDataRole.AccessibleTextRole) == HOSTILE


def test_one_line_turns_line_breaks_into_spaces():
    assert one_line("a\nb\r\nc\u2028d") == "a b  c d"
    plain = "nothing to change"
    assert one_line(plain) is plain


def test_other_models_get_the_styled_delegate(qtbot, view):
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    other = QTableView()
    qtbot.addWidget(other)
    items = QStandardItemModel(2, 2)
    items.setData(items.index(0, 0), "styled")
    other.setModel(items)
    other.setItemDelegate(RowDelegate(other))
    other.resize(300, 200)
    other.show()
    image = QImage(other.viewport().size(), QImage.Format.Format_ARGB32)
    other.viewport().render(image)
    styled = QImage(other.viewport().size(), QImage.Format.Format_ARGB32)
    other.setItemDelegate(QStyledItemDelegate(other))
    other.viewport().render(styled)
    assert image == styled


def test_size_hints_are_the_styled_delegates(qtbot, view):
    """Column fitting (double-click on a header edge) measures from the model's roles, as before."""
    title = column_of(view, "title")
    ours = view.sizeHintForColumn(title)
    view.setItemDelegate(QStyledItemDelegate(view))
    assert ours == view.sizeHintForColumn(title) > 100


def test_the_whole_view_painter_matches_qt_with_moved_hidden_and_scrolled_columns(qtbot, view):
    """The view paints its cells in one call (QueueTableView.paintEvent); with the title moved first, a column
    hidden, a horizontal scroll, a whole row and a single cell selected, the pixels are Qt's own."""
    header = view.horizontalHeader()
    header.moveSection(header.visualIndex(column_of(view, "title")), 0)
    header.setSectionHidden(column_of(view, "priority"), True)
    view.resize(700, 400)
    view.select_row(2)
    cell = view.model().index(5, column_of(view, "title"))
    view.selectionModel().select(cell, QItemSelectionModel.SelectionFlag.Select)
    view.horizontalScrollBar().setValue(37)
    ours = render(view)
    view.setItemDelegate(QStyledItemDelegate(view))
    assert render(view) == ours
    view.setItemDelegate(view.row_delegate)


def test_a_part_of_the_viewport_is_painted_as_qt_paints_it(qtbot, view):
    """A repaint of a region (a scrolled-in strip, a row that changed) paints what Qt's own loop paints there."""
    view.select_row(4)
    height = view.rowHeight(0)
    strip = QRect(90, height * 3 + 5, 400, height * 2)
    ours = render(view, QRegion(strip))
    view.setItemDelegate(QStyledItemDelegate(view))
    assert render(view, QRegion(strip)) == ours
    view.setItemDelegate(view.row_delegate)


def test_a_changed_ticket_is_painted_with_its_new_title(qtbot, view, ctx, store):
    """Display values are prepared once per row: an edit re-reads the row and the new title is painted, the
    old one no longer."""
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.row_at(r).title == "Printer jam #7")
    view.scrollTo(model.index(row, 0))
    render(view)
    assert "Printer jam #7" in {s.text() for s in view.row_delegate.laid_out()}
    ticket_id = model.row_at(row).id
    done = []
    ctx.runner.op(tickets.update_ticket, ticket_id=ticket_id, changes={"title": "Scanner jam #7"}, actor_id=None,
                  on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    model.refresh()  # what the queue page does when the change feed names a ticket
    qtbot.waitUntil(lambda: any(model.row_at(r) is not None and model.row_at(r).title == "Scanner jam #7"
                                for r in range(model.rowCount())), timeout=10_000)
    view.row_delegate.forget_layout()
    render(view)
    shown = {s.text() for s in view.row_delegate.laid_out()}
    assert "Scanner jam #7" in shown and "Printer jam #7" not in shown


def test_a_pulled_change_and_a_new_sort_are_painted_from_fresh_rows(qtbot, ctx, seeded, store):
    """A sync pull writes the row and publishes its change: the page re-reads and paints the new title; a
    new sort paints the rows in their new order."""
    with store.session() as s:
        first = tickets.create_ticket(s, ticket_type="incident", title="Alpha printer", actor_id=seeded["me"],
                                      impact=3, urgency=3, group_id=seeded["group"]).id
        tickets.create_ticket(s, ticket_type="incident", title="Beta scanner", actor_id=seeded["me"], impact=1,
                              urgency=1, group_id=seeded["group"])
    page = shown_queue_page(qtbot, ctx, size=(1200, 400))
    render(page.view)
    assert "Alpha printer" in {t.text() for t in page.view.row_delegate.laid_out()}
    with store.session() as s:  # what applying a pulled page does, then the runner's change record
        s.scalars(select(Ticket).where(Ticket.id == first)).one().title = "Alpha plotter"
    publish_change(ctx, "ticket", first)
    qtbot.waitUntil(lambda: any(page.model.row_at(r) is not None and page.model.row_at(r).title == "Alpha plotter"
                                for r in range(page.model.rowCount())), timeout=10_000)
    wait_idle(qtbot, ctx.runner)
    page.view.row_delegate.forget_layout()
    render(page.view)
    shown = {t.text() for t in page.view.row_delegate.laid_out()}
    assert "Alpha plotter" in shown and "Alpha printer" not in shown
    for descending in (False, True):
        with qtbot.waitSignal(page.model.query_loaded, timeout=10_000):
            page.model.set_query(page.model.flt, queue_service.QueueSort("title", descending))
        wait_idle(qtbot, ctx.runner)
        render(page.view)
        titles = [page.model.row_at(r).title for r in range(page.model.rowCount())]
        assert titles == sorted(titles, reverse=descending)
        top = page.model.display_at(0)
        assert top is not None and top.texts[column_of(page.view, "title")] == titles[0]
