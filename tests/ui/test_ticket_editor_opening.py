"""What opening a ticket does as little of as it can: the content page stays shown under a loading cover, the SLA
strip keeps its place, style sheets are set only when they change, and the parts built ahead (the form, the
pickers' indexes, the reference names) equal what is built at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.people.reference import NAMED_LISTS, ReferenceData
from app.tickets import writes as tickets
from app.tickets.records import Choice
from app.ui.ticket.editor import TicketEditor
from app.ui.ticket.fields_form import TicketFieldsForm, prepare_pickers
from app.ui.ticket.sla_strip import SlaStrip
from app.ui.widgets.choice_combo import ChoiceCombo, ChoiceListModel
from app.ui.widgets.colours import STATE_BADGE
from app.ui.widgets.form_scroll import FormScrollArea
from app.ui.widgets.style_sheet import set_style_sheet
from core.sla.business_time import BusinessCalendar
from core.sla.clocks import SlaPolicy, SlaTarget, Timeline, sla_status
from tests.ui.conftest import Paints, wait_idle


@pytest.fixture
def two(store, seeded):
    """An open incident and a resolved one (so their state badges differ)."""
    with store.session() as s:
        first = tickets.create_ticket(s, ticket_type="incident", title="Printer on fire", actor_id=seeded["me"],
                                      requester_id=seeded["requester"], description="It smokes.").id
        second = tickets.create_ticket(s, ticket_type="incident", title="Mail bounce", actor_id=seeded["me"]).id
        resolved = {"state": "resolved", "resolution_code": "solved_permanently", "resolution_notes": "Fixed."}
        tickets.update_ticket(s, ticket_id=second, changes=resolved, actor_id=seeded["me"])
    return first, second


class Counts(QObject):
    """Counts the events of `kinds` that the widgets it watches get."""

    def __init__(self, kinds: tuple[QEvent.Type, ...], *widgets: QWidget) -> None:
        super().__init__()
        self.kinds = kinds
        self.count = 0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in self.kinds:
            self.count += 1
        return False


HIDE = (QEvent.Type.Hide,)
SHOW_OR_HIDE = (QEvent.Type.Show, QEvent.Type.Hide)


def test_the_content_stays_shown_under_a_loading_cover_and_the_cover_goes_with_the_data(qtbot, ctx, two):
    editor = TicketEditor(ctx)
    qtbot.addWidget(editor)
    editor.resize(1200, 800)
    editor.show()
    hides = Counts(HIDE, editor.ui.content)
    editor.show_ticket(two[0])
    cover = editor.ui.page()
    assert cover is not editor.ui.content and isinstance(cover, QLabel) and cover.text() == "Loading…"
    assert cover.isVisible() and cover.autoFillBackground()  # opaque, over the content
    assert editor.ui.content.isVisible()
    qtbot.waitUntil(lambda: editor.detail() is not None, timeout=10_000)
    assert editor.ui.page() is editor.ui.content and cover.isHidden()
    assert editor.ui.header.title.text() == "Printer on fire"
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(two[1])
    assert editor.ui.header.title.text() == "Mail bounce"
    assert hides.count == 0  # never hidden between tickets
    wait_idle(qtbot, ctx.runner)


def test_a_ticket_that_cannot_load_shows_the_failure_over_the_content(qtbot, ctx, two):
    editor = TicketEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_ticket("no-such-ticket")
    qtbot.waitUntil(lambda: editor.ui.page() is not editor.ui.pages.widget(0), timeout=10_000)
    failed = editor.ui.page()
    assert failed is not editor.ui.content and failed.isVisible() and editor.ui.message.text()
    assert editor.ui.pages.widget(0).isHidden()  # the loading cover is gone
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(two[0])
    assert editor.ui.page() is editor.ui.content and failed.isHidden()
    wait_idle(qtbot, ctx.runner)


def test_keys_typed_while_loading_reach_no_field_of_the_ticket_before(qtbot, ctx, two):
    editor = TicketEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(two[0])
    title = editor.ui.form.input_widget("title")
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    editor.show_ticket(two[1])
    assert not title.hasFocus() and editor.ui.page().hasFocus()
    qtbot.waitUntil(lambda: editor.detail() is not None, timeout=10_000)
    assert editor.ui.form.values()["title"] == "Mail bounce"
    wait_idle(qtbot, ctx.runner)


def test_badges_follow_the_ticket_and_a_style_sheet_is_set_only_when_it_changes(qtbot, ctx, two):
    editor = TicketEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(two[0])
    state = editor.ui.header.state
    assert STATE_BADGE["open"] in state.styleSheet()
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(two[1])
    assert STATE_BADGE["resolved"] in state.styleSheet() and state.text() == "Resolved"
    assert not set_style_sheet(state, state.styleSheet())  # the same text again: left alone
    assert set_style_sheet(state, "") and state.styleSheet() == ""
    wait_idle(qtbot, ctx.runner)


def test_the_move_buttons_stay_for_a_ticket_with_the_same_moves_and_offer_nothing_while_it_loads(qtbot, ctx, store,
                                                                                                seeded, two):
    with store.session() as s:
        third = tickets.create_ticket(s, ticket_type="incident", title="Scanner jammed", actor_id=seeded["me"]).id
    editor = TicketEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(two[0])
    bar = editor.ui.state_bar
    buttons = bar.buttons()
    moves = [(b.property("state_key"), b.text()) for b in buttons]
    assert buttons and all(b.isVisible() and b.isEnabled() for b in buttons)
    seen = Counts(SHOW_OR_HIDE, *buttons)
    editor.show_ticket(third)  # a new incident too: the same moves
    assert bar.buttons() == [] and not any(b.isEnabled() for b in buttons)  # under the cover, and disabled
    qtbot.waitUntil(lambda: editor.detail() is not None, timeout=10_000)
    assert bar.buttons() == buttons and all(b.isVisible() and b.isEnabled() for b in buttons)
    assert [(b.property("state_key"), b.text()) for b in bar.buttons()] == moves
    assert seen.count == 0  # not one button shown or hidden: no layout of the window for them
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(two[1])  # resolved: other moves
    assert [b.property("state_key") for b in bar.buttons()] != [key for key, _label in moves]
    assert bar.buttons() and all(b.isVisible() and b.isEnabled() for b in bar.buttons())
    assert not any(b.isVisible() for b in buttons if b not in bar.buttons())
    wait_idle(qtbot, ctx.runner)


def sla_of(priority_seconds: int = 3600):
    cal = BusinessCalendar.office_hours("Europe/Berlin", "08:00", "18:00")
    policy = SlaPolicy(name="Standard support", calendar=cal,
                       targets=(SlaTarget(priority=2, response_seconds=priority_seconds, resolution_seconds=8 * 3600),))
    created = datetime(2026, 11, 2, 8, tzinfo=UTC)
    timeline = Timeline(ticket_type="incident", priority=2, created_at=created, first_response_at=None,
                        state_changes=())
    return sla_status(policy, timeline, created + timedelta(minutes=30))


def test_the_sla_strip_is_cleared_in_place_and_its_bars_show_the_target_used(qtbot):
    strip = SlaStrip()
    qtbot.addWidget(strip)
    strip.show()
    strip.set_status(sla_of())
    response_bar = strip.rows["response"][2]
    assert response_bar.value() == 50 and response_bar.colour().isValid()
    hides = Counts(HIDE, strip)
    strip.clear()  # the next ticket is on its way: nothing of this one shown, the place kept
    assert hides.count == 0 and not strip.isHidden()
    assert strip.title.text() == "" and strip.clock_text("response") == "" and response_bar.value() == 0
    strip.set_status(sla_of(7200))
    assert response_bar.value() == 25 and "target 2 h" in strip.clock_text("response")
    strip.set_status(None)  # a ticket without a policy
    assert strip.isHidden()


def test_a_form_built_part_by_part_equals_one_built_at_once(qtbot, ctx):
    whole = TicketFieldsForm(ctx)
    parts = TicketFieldsForm(ctx, later=True)
    for form in (whole, parts):
        qtbot.addWidget(form)
    steps = 1
    while not parts.build_step():
        steps += 1
    assert steps >= 2
    assert parts.values() == whole.values()
    assert [c.count() for c in parts.findChildren(ChoiceCombo)] == [c.count() for c in whole.findChildren(ChoiceCombo)]
    assert [parts.is_row_shown(f) for f in ("on_hold_reason", "resolution_code", "csat_score")] == \
        [whole.is_row_shown(f) for f in ("on_hold_reason", "resolution_code", "csat_score")]


@dataclass(frozen=True)
class Item:
    id: str
    name: str


def test_a_row_index_made_in_parts_equals_one_made_at_once_and_the_first_of_a_repeated_id_wins():
    items = tuple(Item(f"i{i % 900}", f"Item {i}") for i in range(1000))  # i0..i99 twice
    # Two lists with the same items (an index is shared by the models of one list, whatever their 'none' row).
    whole, parts = ChoiceListModel(items, "(None)"), ChoiceListModel(list(items), "(None)")
    done = [parts.index_part(128) for _ in range(8)]
    assert done == [False] * 7 + [True]
    assert whole.row_of("i5") == 6 and whole.row_of("i899") == 900
    assert all(parts.row_of(f"i{i}") == whole.row_of(f"i{i}") for i in range(900))


def test_the_pickers_are_prepared_in_parts_to_the_end(qtbot, ctx):
    parts = list(prepare_pickers(ctx))
    assert len(parts) >= 2
    form = TicketFieldsForm(ctx)
    qtbot.addWidget(form)
    for combo in form.findChildren(ChoiceCombo):
        assert combo.prepare(1)  # already complete: the shared models' indexes were made


def test_the_reference_data_comes_with_every_lists_names_indexed(ctx):
    # Indexed on the thread that reads them (reference_data), not by the first name asked on the GUI thread: the
    # 1M demo store's 50,000 CIs took ~10 ms there, inside the first article shown.
    names = ctx.reference.__dict__["_name_index"]
    assert set(names) == set(NAMED_LISTS)
    assert names["agents"][ctx.reference.me] == "Ada Agent"


def test_names_by_id_answer_as_the_list_does():
    people = (Choice("a", "Ada"), Choice("b", "Bob"), Choice("a", "Another Ada"))
    ref = ReferenceData(me=None, me_name="", agents=people[:1], requesters=people, groups=(), categories=(),
                        services=(), cis=(), members={}, retired={"r": "Retired Group"})
    assert ref.name_of("requesters", "a") == "Ada"  # the first of a repeated id
    assert ref.name_of("requesters", "b") == "Bob" and ref.name_of("agents", "b") == ""
    assert ref.name_of("groups", "r") == "Retired Group" and ref.name_of("requesters", None) == ""
    assert ref == ReferenceData(me=None, me_name="", agents=people[:1], requesters=people, groups=(), categories=(),
                                services=(), cis=(), members={}, retired={"r": "Retired Group"})


def test_the_form_scroll_area_follows_the_form_it_holds(qtbot):
    form, field = QWidget(), QLabel("A field")
    QVBoxLayout(form).addWidget(field)
    field.setMinimumWidth(300)
    area = FormScrollArea(form)
    holder = QWidget()
    QHBoxLayout(holder).addWidget(area)
    qtbot.addWidget(holder)
    holder.show()
    assert area.minimumWidth() >= 300 and holder.minimumSizeHint().width() >= 300
    field.setMinimumWidth(500)  # the form's layout asks again: the area's minimum follows, and its holder's
    qtbot.waitUntil(lambda: area.minimumWidth() >= 500 and holder.minimumSizeHint().width() >= 500)
    holder.resize(200, 200)  # squeezed: the holder's layout keeps the area at what the form needs
    qtbot.waitUntil(lambda: area.width() >= 500)


def test_the_parts_that_ask_more_ask_once_the_ticket_is_painted_and_only_for_the_last_shown(qtbot, ctx, two):
    """The CI hint, knowledge suggestions, problem strip and similar tickets read the store after the editor
    painted the ticket (their reads ran beside the paint); a detail replaced before that asks nothing."""
    editor = TicketEditor(ctx, two[0])
    qtbot.addWidget(editor)
    editor.resize(1200, 800)
    editor.show()
    qtbot.waitUntil(editor.settled, timeout=10_000)
    wait_idle(qtbot, ctx.runner)
    first = editor.detail()
    assert first is not None and editor.ui.problem_strip.detail is first

    stale = first
    newer = editor.detail().__class__(**{**first.__dict__, "title": "Printer on fire, again"})
    asked: list[str] = []
    submit = ctx.runner.query

    def counting(fn, **kwargs):
        asked.append(kwargs.get("label", ""))
        return submit(fn, **kwargs)

    ctx.runner.query = counting
    try:
        editor.ui.show_detail(stale, ctx.reference, None)
        editor.ui.show_detail(newer, ctx.reference, None)
        late = {"incident problem", "knowledge suggestions", "major incident hint", "similar tickets"}
        assert not editor.ui.late_asked() and not late & set(asked)  # filled, not painted yet: none asked
        qtbot.waitUntil(editor.ui.late_asked, timeout=5_000)
    finally:
        ctx.runner.query = submit
    assert editor.ui.problem_strip.detail is newer and editor.ui.similar.detail is newer
    assert asked.count("incident problem") == 1  # for the newer detail only
    wait_idle(qtbot, ctx.runner)


def test_the_ticket_is_read_first_and_its_sync_marks_once_it_is_painted(qtbot, ctx, two):
    """Opening asks for the ticket before anything else; the conflict and refusal marks (a read of their own) are
    asked after the ticket is painted, so that read never runs beside the fill and the paint."""
    editor = TicketEditor(ctx)
    qtbot.addWidget(editor)
    editor.resize(1200, 800)
    editor.show()
    paints = Paints(editor.ui.header)
    asked: list[tuple[str, int, bool]] = []  # (label, header paints so far, the ticket shown)
    submit = ctx.runner.query

    def counting(fn, **kwargs):
        asked.append((kwargs.get("label", ""), paints.count, editor.detail() is not None))
        return submit(fn, **kwargs)

    ctx.runner.query = counting
    try:
        editor.show_ticket(two[0])
        qtbot.waitUntil(lambda: any(label == "ticket conflicts" for label, _n, _shown in asked), timeout=10_000)
    finally:
        ctx.runner.query = submit
    assert asked[0][0] == "load ticket"
    _label, painted, shown = next(a for a in asked if a[0] == "ticket conflicts")
    assert shown and painted >= 1
    assert [label for label, _n, _shown in asked].count("ticket conflicts") == 1
    assert editor.conflict_banner.isHidden() and editor.refusal_banner.isHidden()
    wait_idle(qtbot, ctx.runner)


def test_the_first_read_starts_once_the_loading_cover_has_painted(qtbot, ctx, two, monkeypatch):
    """Its Python ran beside the turn that shows the tab and the cover's paint, each taking the interpreter lock
    from the other; it waits for the paint (a gate), and not at all when the editor's window is not on screen."""
    gates = []
    query = ctx.runner.query

    def recording(fn, **kwargs):
        if kwargs.get("label") == "load ticket":
            gates.append(kwargs.get("gate"))
        return query(fn, **kwargs)

    monkeypatch.setattr(ctx.runner, "query", recording)
    hidden = TicketEditor(ctx)
    qtbot.addWidget(hidden)
    with qtbot.waitSignal(hidden.loaded, timeout=10_000):
        hidden.show_ticket(two[1])
    assert gates == [None]  # no window on screen: read at once

    editor = TicketEditor(ctx)
    qtbot.addWidget(editor)
    editor.resize(1200, 800)
    with qtbot.waitExposed(editor):
        editor.show()
    paints = Counts((QEvent.Type.Paint,), editor.ui.page())
    editor.show_ticket(two[0])
    gate = gates[-1]
    assert gate is not None and not gate.is_set() and paints.count == 0
    qtbot.waitUntil(gate.is_set, timeout=5_000)
    assert paints.count >= 1  # the cover painted before the read was let go
    qtbot.waitUntil(lambda: editor.detail() is not None, timeout=10_000)
    assert editor.ui.header.title.text() == "Printer on fire"
    wait_idle(qtbot, ctx.runner)


def test_the_strips_answered_later_take_their_place_with_the_fill(qtbot, ctx, store, seeded, two):
    """Shown or hidden after the first paint, the problem strip and the CI hint moved the form below them and
    repainted it: where the ticket decides it (a service request has neither), they take their place in the fill."""
    with store.session() as s:
        request = tickets.create_ticket(s, ticket_type="service_request", title="New laptop",
                                        actor_id=seeded["me"]).id
    editor = TicketEditor(ctx)
    qtbot.addWidget(editor)
    editor.resize(1200, 800)
    with qtbot.waitExposed(editor):
        editor.show()
    strip, hint = editor.ui.problem_strip, editor.ui.ci_hint
    at_fill: list[tuple[bool, bool]] = []
    editor.loaded.connect(lambda: at_fill.append((strip.isVisible(), hint.isVisible())))
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(two[0])
    assert at_fill[-1][0]  # an incident's strip is there from the fill, its neutral line until the answer
    qtbot.waitUntil(lambda: strip.state is not None, timeout=10_000)
    wait_idle(qtbot, ctx.runner)
    hint.show()  # as a hint of the ticket before would be
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(request)
    assert at_fill[-1] == (False, False)  # a service request has neither: gone with the fill, not after the paint
    wait_idle(qtbot, ctx.runner)


class PaintPasses(QObject):
    """Notes the widgets painted more than once in one paint of `window` (one UpdateRequest of it)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.passes = 0
        self._painted: set[int] = set()
        self.twice: list[str] = []
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.UpdateRequest and obj is self.window:
            self.passes += 1
            self._painted = set()
        elif event.type() == QEvent.Type.Paint and isinstance(obj, QWidget) and obj.window() is self.window:
            key = shiboken6.getCppPointer(obj)[0]  # a Python id is reused by the wrappers Qt's own children get
            if key in self._painted:
                self.twice.append(f"{type(obj).__name__} {obj.objectName()}")
            self._painted.add(key)
        return False

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)


def test_each_widget_of_an_opened_ticket_is_painted_once_per_paint_of_the_window(qtbot, ctx, two):
    """Qt paints an opaque widget that asked for a repaint on its own, then paints the window's other changes
    over it again: the editor's page and form (opaque, as QScrollArea makes what it holds) were painted twice in
    the paint that showed each ticket."""
    editor = TicketEditor(ctx)
    qtbot.addWidget(editor)
    editor.resize(1280, 720)
    with qtbot.waitExposed(editor):
        editor.show()
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(two[0])
    qtbot.waitUntil(editor.settled, timeout=10_000)
    wait_idle(qtbot, ctx.runner)
    passes = PaintPasses(editor)
    try:
        for ticket_id in (two[1], two[0]):  # reused: a resolved ticket (more rows), then the open one again
            with qtbot.waitSignal(editor.loaded, timeout=10_000):
                editor.show_ticket(ticket_id)
            qtbot.waitUntil(editor.settled, timeout=10_000)
            wait_idle(qtbot, ctx.runner)
            qtbot.wait(50)
    finally:
        passes.stop()
    assert passes.passes >= 2
    assert passes.twice == []


def test_an_opened_ticket_paints_its_form_then_its_tabs_and_asks_its_late_parts_after_both(qtbot, ctx, two):
    """The fill's paint comes in two passes of the window (the form, then the tabs and suggestions beside it:
    one pass took 7-12 ms on the 1M desk), and the late parts read the store only after the second."""
    editor = TicketEditor(ctx)
    qtbot.addWidget(editor)
    editor.resize(1280, 720)
    with qtbot.waitExposed(editor):
        editor.show()
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(two[0])
    qtbot.waitUntil(editor.settled, timeout=10_000)
    wait_idle(qtbot, ctx.runner)
    header, tabs = editor.ui.header, editor.ui.tabs
    passes: list[set[str]] = []
    asked_in_pass: dict[str, int] = {}
    submit = ctx.runner.query

    def counting(fn, **kwargs):
        asked_in_pass.setdefault(kwargs.get("label", ""), len(passes))
        return submit(fn, **kwargs)

    class Passes(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.UpdateRequest and obj is editor:
                passes.append(set())
            elif event.type() == QEvent.Type.Paint and passes and obj in (header, tabs):
                passes[-1].add("header" if obj is header else "tabs")
            return False

    watcher = Passes()
    QApplication.instance().installEventFilter(watcher)
    ctx.runner.query = counting
    try:
        with qtbot.waitSignal(editor.loaded, timeout=10_000):
            editor.show_ticket(two[1])
        qtbot.waitUntil(editor.ui.late_asked, timeout=10_000)
        wait_idle(qtbot, ctx.runner)
    finally:
        ctx.runner.query = submit
        QApplication.instance().removeEventFilter(watcher)
    form_pass = next(i for i, painted in enumerate(passes) if painted == {"header"})
    tabs_pass = next(i for i, painted in enumerate(passes) if "tabs" in painted and i > form_pass)
    assert asked_in_pass["incident problem"] > tabs_pass
