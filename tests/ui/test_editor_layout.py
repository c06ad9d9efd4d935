"""At 1280×720 the ticket and change editors clip nothing: every field of the form can be scrolled fully
into view, and no label is narrower than its text."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QSplitter, QWidget

from app.changes import writes as changes
from app.models import ConfigurationItem
from app.tickets import writes as tickets
from app.ui.changes.editor import ChangeEditor
from tests.ui.conftest import close_window, open_window, wait_idle


@pytest.fixture
def desk(store, seeded):
    with store.session() as s:
        ci = ConfigurationItem(name="mail-relay-frankfurt-primary-01", criticality=2)
        s.add(ci)
        s.flush()
        ticket = tickets.create_ticket(
            s, ticket_type="incident", title="Outlook keeps asking for the password after the migration",
            actor_id=seeded["me"], group_id=seeded["group"], assignee_id=seeded["me"],
            requester_id=seeded["requester"], ci_id=ci.id, resolution_code="solved_workaround",
            resolution_notes="Cleared the credential cache.", description="Since Monday.\n" * 12).id
        # Another open incident on the same CI: the editor shows the two-line CI hint over the form.
        tickets.create_ticket(
            s, ticket_type="incident", title="Mail to partners bounces since the relay certificate changed",
            actor_id=seeded["me"], group_id=seeded["group"], requester_id=seeded["requester"], ci_id=ci.id)
        # Soon, on a critical CI, an emergency: the risk box lists its longest reasons.
        start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
        change = changes.create_change(s, change_type="emergency", title="Replace the mail relay certificate",
                                       actor_id=seeded["me"], ci_ids=[ci.id], planned_start=start,
                                       planned_end=start + timedelta(hours=2), group_id=seeded["group"],
                                       assignee_id=seeded["me"]).id
    path = store.path
    store.close()
    return path, ticket, change


@pytest.fixture
def window(qtbot, desk, tmp_path):
    window, runner, st = open_window(qtbot, desk[0], tmp_path, size=(1280, 720))
    qtbot.waitUntil(lambda: window.ctx.reference.me is not None, timeout=10_000)
    wait_idle(qtbot, runner)
    yield window
    wait_idle(qtbot, runner)
    close_window(qtbot, window, runner, st)


def field_inputs(form: QWidget) -> list[QWidget]:
    """The form's inputs: the widgets its labels are buddies of."""
    return [label.buddy() for label in form.findChildren(QLabel)
            if label.buddy() is not None and label.isVisibleTo(form) and label.buddy().isVisibleTo(form)]


def assert_nothing_clipped(qtbot, editor: QWidget, scroll) -> None:
    check_fields_and_labels(qtbot, editor, scroll)
    # The user drags the splitter as far left as it goes: the form keeps the width its fields need.
    splitter = scroll.parentWidget()
    assert isinstance(splitter, QSplitter)
    splitter.setSizes([0, splitter.width()])
    qtbot.waitUntil(lambda: splitter.sizes()[0] == scroll.width())
    check_fields_and_labels(qtbot, editor, scroll)


def check_fields_and_labels(qtbot, editor: QWidget, scroll) -> None:
    viewport = scroll.viewport()
    inputs = field_inputs(scroll.widget())
    assert len(inputs) >= 8
    for widget in inputs:
        # The whole widget, not only its text cursor (which is what ensureWidgetVisible aims at).
        at = widget.mapTo(scroll.widget(), QPoint(0, 0))
        # Margins rounded up: with an odd height, height // 2 on both sides of the centre leaves the last
        # pixel row outside what ensureVisible brings into view.
        half_w, half_h = (widget.width() + 1) // 2, (widget.height() + 1) // 2
        scroll.ensureVisible(at.x() + widget.width() // 2, at.y() + widget.height() // 2, half_w, half_h)
        shown = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
        visible = viewport.rect()
        assert visible.left() <= shown.left() and shown.right() <= visible.right(), (
            f"{widget.accessibleName()} is cut off at the right: {shown} in a viewport {visible.width()} wide")
        if shown.height() <= visible.height():
            assert visible.top() <= shown.top() and shown.bottom() <= visible.bottom(), widget.accessibleName()
    scroll_bar = scroll.horizontalScrollBar()
    assert not scroll_bar.isVisible()  # the form fits its pane at this size: no sideways scrolling either
    for label in editor.findChildren(QLabel):
        if not label.isVisibleTo(editor) or label.wordWrap() or label.text() == "":
            continue
        if isinstance(label.parentWidget(), QAbstractScrollArea):
            continue
        needs, has = label.sizeHint().width(), label.width()
        assert needs <= has, f"label {label.text()!r} is cut: needs {needs} px, has {has}"


def test_ticket_editor_clips_nothing_at_1280_by_720(qtbot, window, desk):
    with qtbot.waitSignal(window.ticket_shown, timeout=10_000):
        window.open_ticket(desk[1])
    editor = window.current_editor()
    wait_idle(qtbot, window.ctx.runner)
    assert editor.ui.form.is_row_shown("resolution_notes")  # the longest form a ticket has
    assert_nothing_clipped(qtbot, editor, editor.ui.form_scroll)


def test_change_editor_clips_nothing_at_1280_by_720(qtbot, window, desk):
    window.open_change(desk[2])
    editor = window.tabs.currentWidget()
    assert isinstance(editor, ChangeEditor)
    qtbot.waitUntil(lambda: "Replace the mail relay" in editor.ui.heading.text(), timeout=10_000)
    wait_idle(qtbot, window.ctx.runner)
    assert_nothing_clipped(qtbot, editor, editor.ui.form_scroll)


def test_composer_keeps_three_lines_at_1280_by_720_with_every_strip_shown(qtbot, window, desk):
    with qtbot.waitSignal(window.ticket_shown, timeout=10_000):
        window.open_ticket(desk[1])
    editor = window.current_editor()
    ui = editor.ui
    qtbot.waitUntil(lambda: ui.ci_hint.isVisible(), timeout=10_000)  # the other incident on the same CI
    wait_idle(qtbot, window.ctx.runner)
    assert ui.sla_strip.isVisible() and ui.problem_strip.isVisible() and ui.knowledge.isVisible()
    # The window fits a 1280×720 screen: nothing in it asks for more height than that.
    assert window.minimumSizeHint().height() <= 720
    qtbot.waitUntil(lambda: ui.content.height() >= ui.content.minimumSizeHint().height())
    body = ui.worklog.body
    assert body.viewport().height() >= 3 * body.fontMetrics().lineSpacing()
    composer = body.parentWidget()
    for widget in composer.findChildren(QWidget):  # nothing in the composer squeezed under what it needs
        if widget.isVisibleTo(composer) and widget.parentWidget() is composer:
            assert widget.height() >= widget.minimumSizeHint().height() or widget is body, widget.accessibleName()


def test_a_window_shorter_than_the_editor_needs_scrolls_the_editor_instead_of_squeezing_it(qtbot, window, desk):
    with qtbot.waitSignal(window.ticket_shown, timeout=10_000):
        window.open_ticket(desk[1])
    ui = window.current_editor().ui
    qtbot.waitUntil(lambda: ui.ci_hint.isVisible(), timeout=10_000)
    wait_idle(qtbot, window.ctx.runner)
    window.resize(1280, 520)  # a laptop's screen with a docked panel, or a window the user made short
    qtbot.waitUntil(lambda: ui.content_scroll.verticalScrollBar().isVisible())
    assert ui.content.height() >= ui.content.minimumSizeHint().height()
    body = ui.worklog.body
    assert body.viewport().height() >= 3 * body.fontMetrics().lineSpacing()
    composer = body.parentWidget()
    for widget in composer.findChildren(QWidget):
        if widget.isVisibleTo(composer) and widget.parentWidget() is composer and widget is not body:
            assert widget.height() >= widget.minimumSizeHint().height(), widget.accessibleName()
    # The bottom of the editor (the composer's Add button) can be scrolled into view.
    ui.content_scroll.ensureWidgetVisible(ui.worklog.add_button)
    viewport = ui.content_scroll.viewport()
    shown = QRect(ui.worklog.add_button.mapTo(viewport, QPoint(0, 0)), ui.worklog.add_button.size())
    assert viewport.rect().contains(shown)
