"""The main window's tabs repaint a page only where it changed: a layout change inside it does not repaint the
rest of the page (QTabWidget did), while what the tab widget itself places still follows its tabs and pages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.ui.page_tabs import PageTabs


class Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def settle(qtbot) -> None:
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(10)


def page_with_a_growing_label(tabs: QTabWidget) -> tuple[QLabel, QWidget]:
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel("short", page)
    label.setMinimumSize(10, 10)  # its new text changes its size hint, not the page's minimum
    other = QWidget(page)
    other.setMinimumSize(300, 200)
    layout.addWidget(other)  # above the label: the label's new text moves nothing in the page
    layout.addWidget(label)
    layout.addStretch(1)
    tabs.addTab(page, "Page")
    return label, other


@pytest.mark.parametrize("kind, repaints_all", [(PageTabs, False), (QTabWidget, True)])
def test_a_label_laid_out_again_does_not_repaint_the_rest_of_the_page(qtbot, kind, repaints_all):
    tabs = kind()
    qtbot.addWidget(tabs)
    label, other = page_with_a_growing_label(tabs)
    tabs.resize(600, 400)
    tabs.show()
    qtbot.waitExposed(tabs)
    settle(qtbot)
    paints = Paints()
    other.installEventFilter(paints)
    label.setText("a much longer text than before, laid out again " * 2)
    settle(qtbot)
    # QTabWidget (the control) repaints its whole page on the layout request the label sent up.
    assert (paints.count > 0) == repaints_all


def test_new_tabs_and_a_larger_page_minimum_are_still_laid_out(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    tabs = PageTabs(window)
    QVBoxLayout(window).addWidget(tabs)
    label, other = page_with_a_growing_label(tabs)
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot)
    bar_width = tabs.tabBar().width()
    for n in range(4):
        tabs.addTab(QWidget(), f"Another tab {n}")
    settle(qtbot)
    assert tabs.tabBar().width() > bar_width  # the tab bar was placed again for its new tabs
    assert window.minimumSizeHint().height() < 800
    other.setMinimumSize(300, 800)
    settle(qtbot)
    assert window.minimumSizeHint().height() >= 800  # the page's larger minimum reaches the window
    assert window.height() >= 800
