"""The reference combo: a shared list model over the choices, ids kept, a missing id shown without touching it."""

from __future__ import annotations

from dataclasses import dataclass

from app.ui.widgets.choice_combo import ChoiceCombo, ChoiceListModel, shared_model


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


PEOPLE = tuple(Choice(f"p{i}", f"Person {i:05d}") for i in range(20_000))


def test_rows_come_from_the_sequence_with_the_none_row_first(qtbot):
    model = ChoiceListModel(PEOPLE, "(None)")
    assert model.rowCount() == 20_001
    assert model.index(0, 0).data() == "(None)"
    assert model.index(1, 0).data() == "Person 00000"
    assert model.index(20_000, 0).data(256) == "p19999"  # UserRole
    assert model.row_of("p123") == 124 and model.row_of(None) == 0 and model.row_of("nobody") == -1


def test_combos_share_one_model_and_keep_their_ids(qtbot):
    a, b = ChoiceCombo("(None)"), ChoiceCombo("(None)")
    qtbot.addWidget(a)
    qtbot.addWidget(b)
    a.set_shared_choices(PEOPLE, keep="p42")
    b.set_shared_choices(PEOPLE, keep=None)
    assert a.model() is b.model() is shared_model(PEOPLE, "(None)")
    assert a.current_id() == "p42" and a.currentText() == "Person 00042"
    assert b.current_id() is None and b.currentText() == "(None)"
    a.set_current_id("p7")
    assert a.current_id() == "p7"


def test_a_missing_id_gets_its_own_row_and_leaves_the_shared_model_alone(qtbot):
    combo = ChoiceCombo("(None)")
    qtbot.addWidget(combo)
    combo.set_shared_choices(PEOPLE, keep="gone", missing_label="(removed person)")
    assert combo.current_id() == "gone" and combo.currentText() == "(removed person)"
    assert combo.model() is not shared_model(PEOPLE, "(None)")
    assert shared_model(PEOPLE, "(None)").rowCount() == 20_001
    combo.set_shared_choices(PEOPLE, keep="p1")  # back on the shared model
    assert combo.model() is shared_model(PEOPLE, "(None)") and combo.current_id() == "p1"


def test_plain_choices_after_a_shared_list(qtbot):
    combo = ChoiceCombo(None)
    qtbot.addWidget(combo)
    combo.set_shared_choices(PEOPLE, keep="p3")
    combo.set_choices([("x", "Ex"), ("y", "Why")], keep="y")
    assert combo.count() == 2 and combo.current_id() == "y"
    assert shared_model(PEOPLE, None).rowCount() == 20_000


def test_the_row_index_made_ahead_serves_every_model_of_that_list(qtbot):
    cis = tuple(Choice(f"c{i}", f"CI {i:05d}") for i in range(50_000))
    ticket_form, problem_form = ChoiceCombo("(None)"), ChoiceCombo("(none)")  # two 'none' labels: two models
    qtbot.addWidget(ticket_form)
    qtbot.addWidget(problem_form)
    ticket_form.set_shared_choices(cis, keep=None)
    while not ticket_form.prepare(10_000):  # the editor pool's warm-up, a part per idle turn
        pass
    problem_form.set_shared_choices(cis, keep=None)
    assert problem_form.model() is not ticket_form.model()
    assert problem_form.prepare(1)  # nothing left to index: the problem editor's first selection is a lookup
    problem_form.set_current_id("c49999")
    assert problem_form.currentIndex() == 50_000 and problem_form.currentText() == "CI 49999"
    ticket_form.set_current_id("c0")
    assert ticket_form.currentIndex() == 1
