"""CheckList: choices to tick on a model (a reference list of 50,000 CIs is one model reset)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.tickets.records import Choice
from app.ui.widgets.check_list import CheckList


def test_ticks_are_kept_across_new_choices_and_only_offered_ids_are_ticked(qtbot):
    box = CheckList()
    qtbot.addWidget(box)
    box.set_choices([Choice("s1", "Mail"), Choice("s2", "VPN"), Choice("s3", "Printing")])
    box.set_ticked(("s3", "s1", "gone"))
    assert box.ticked() == ("s1", "s3")
    model = box.model()
    assert model.data(model.index(0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.data(model.index(1), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    box.set_choices([Choice("s2", "VPN"), Choice("s3", "Printing")])  # s1 no longer offered
    assert box.ticked() == ("s3",)


def test_space_on_a_row_ticks_it_and_again_unticks_it(qtbot):
    box = CheckList()
    qtbot.addWidget(box)
    box.resize(300, 200)
    box.set_choices([Choice(f"c{i}", f"CI {i}") for i in range(50_000)])
    assert box.model().rowCount() == 50_000
    assert box.model()._known is None  # no set of the offered ids made with each new list: when read (`ticked`)
    with qtbot.waitExposed(box):
        box.show()
    model = box.model()
    box.setFocus()
    box.setCurrentIndex(model.index(2))
    qtbot.keyClick(box.viewport(), Qt.Key.Key_Space)
    assert box.ticked() == ("c2",)
    qtbot.keyClick(box.viewport(), Qt.Key.Key_Space)
    assert box.ticked() == ()
    assert model.setData(model.index(7), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)  # an int too
    assert box.ticked() == ("c7",)
