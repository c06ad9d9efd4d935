"""The CI list's context menu: open a CI's record, impact or map, edit or retire it, from its row."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from app.ui.cmdb.ci_detail_pane import IMPACT, MAP

if TYPE_CHECKING:
    from app.ui.cmdb.cmdb_page import CmdbPage


def tr(text: str) -> str:
    return QCoreApplication.translate("CiRowMenu", text)


def ci_row_menu(page: CmdbPage, ci_id: str) -> QMenu:
    """The menu of `ci_id`'s row on `page` (the caller pops it up). GUI thread only."""
    menu = QMenu(page)
    for text, tab in ((tr("Open the record"), None), (tr("Show impact"), IMPACT),
                      (tr("Show on the relation map"), MAP)):
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False, tab=tab: _open_at(page, ci_id, tab))
    menu.addSeparator()
    edit = menu.addAction(tr("Edit…"))
    edit.triggered.connect(lambda: _after_open(page, ci_id, page.edit_ci))
    retire = menu.addAction(tr("Retire…"))
    retire.triggered.connect(lambda: _after_open(page, ci_id, page.retire_ci))
    return menu


def _open_at(page: CmdbPage, ci_id: str, tab: int | None) -> None:
    if tab is not None:
        page.detail.preselect_tab(tab)
    page.open_ci(ci_id)


def _after_open(page: CmdbPage, ci_id: str, action: Callable[[], None]) -> None:
    """Run `action` on `ci_id`'s record: at once when it is shown, else once it is."""
    if page.detail.ci_id == ci_id:
        action()
        return

    def once(shown: str) -> None:
        page.ci_shown.disconnect(once)
        if shown == ci_id:
            action()
    page.ci_shown.connect(once)
    page.open_ci(ci_id)
