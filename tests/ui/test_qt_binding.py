"""Guards against a Qt binding that corrupts Python's reference counts (PySide6 6.12.0 did: every
void method call dropped a reference to None, and on Python 3.11 the app aborted after a while)."""

import sys

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox


def test_void_calls_keep_none_alive(qapp):
    obj, combo = QObject(), QComboBox()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
        combo.addItem("item", None)
        combo.itemData(0)
    combo.clear()
    # Other threads may hold a few more or fewer references meanwhile; a leak is one per call.
    assert sys.getrefcount(None) - before > -100


def test_shared_choices_stay_shared_and_unpolluted(qapp):
    from app.tickets.records import Choice
    from app.ui.widgets.choice_combo import ChoiceCombo

    people = tuple(Choice(id=f"p{i}", name=f"Person {i}") for i in range(50))
    a, b = ChoiceCombo("(None)"), ChoiceCombo("(None)")
    a.set_shared_choices(people)
    b.set_shared_choices(people, keep="p7")
    assert a.model() is b.model() and b.current_id() == "p7" and a.current_id() is None
    # An id outside the list gets its own entry in a private copy, never in the shared model.
    b.set_current_id("gone", missing_label="Unknown")
    assert b.model() is not a.model() and b.current_id() == "gone" and a.count() == 51
    assert a.findData("gone") < 0
