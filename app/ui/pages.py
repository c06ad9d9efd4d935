"""The window's pinned pages after the queue (changes, calendar, dashboard, ...): one table, built lazily."""
# A page is any QWidget made by `factory(ctx, window, later=...)`. With `later` True a page may be made in parts
# (app.ui.widgets.built_in_steps: the page slot builds one per event-loop turn). It may define a `data_shown`
# signal, emitted once its data is on screen (the `--screenshot --view KEY` option waits for it), and
# `activate(arg: str)` for a view argument such as `timeline` in `--view calendar:timeline`. A page is created
# the first time it is shown, so start-up pays only for the queue.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class PageSpec:
    key: str  # the --view name and the object name of the tab
    title: str  # translated through the "Pages" context
    shortcut: str  # Ctrl+2, Ctrl+3, ... (Ctrl+1 is the queue)
    factory: Callable[..., QWidget]  # (ctx, window, later=) -> the page widget; later: see app.ui.page_slot
    modules: tuple[str, ...] = ()  # what the factory imports: imported on a thread before it runs (app.ui.page_slot)


def tr(text: str) -> str:
    return QCoreApplication.translate("Pages", text)


def page_specs() -> tuple[PageSpec, ...]:
    """The pinned pages in tab order. Imports are local so a page's modules load only when built."""

    def changes(ctx, window, later=False):
        from app.ui.changes.changes_page import ChangesPage
        return ChangesPage(ctx, window)

    def calendar(ctx, window, later=False):
        from app.ui.calendar.calendar_page import CalendarPage
        return CalendarPage(ctx, window, later=later)

    def dashboard(ctx, window, later=False):
        from app.ui.dashboard.dashboard_page import DashboardPage
        return DashboardPage(ctx, window)

    def people(ctx, window, later=False):
        from app.ui.people.people_page import PeoplePage
        return PeoplePage(ctx, window)

    def macros(ctx, window, later=False):
        from app.ui.macros.macros_page import MacrosPage
        return MacrosPage(ctx, window, later=later)
    def problems(ctx, window, later=False):
        from app.ui.problems.problems_page import ProblemsPage
        return ProblemsPage(ctx, window, later=later)
    def reference(ctx, window, later=False):
        from app.ui.reference.reference_page import ReferencePage
        return ReferencePage(ctx, window)
    def cmdb(ctx, window, later=False):
        from app.ui.cmdb.cmdb_page import CmdbPage
        return CmdbPage(ctx, window, later=later)
    def knowledge(ctx, window, later=False):
        from app.ui.knowledge.knowledge_page import KnowledgePage
        return KnowledgePage(ctx, window, later=later)

    return (
        PageSpec("changes", "Changes", "Ctrl+2", changes, ("app.ui.changes.changes_page",)),
        PageSpec("calendar", "Calendar", "Ctrl+3", calendar, ("app.ui.calendar.calendar_page",)),
        PageSpec("dashboard", "Dashboard", "Ctrl+4", dashboard, ("app.ui.dashboard.dashboard_page",)),
        PageSpec("people", "People", "Ctrl+5", people, ("app.ui.people.people_page",)),
        PageSpec("problems", "Problems", "Ctrl+6", problems, ("app.ui.problems.problems_page",)),
        PageSpec("knowledge", "Knowledge", "Ctrl+7", knowledge, ("app.ui.knowledge.knowledge_page",)),
        PageSpec("cmdb", "CMDB", "Ctrl+8", cmdb, ("app.ui.cmdb.cmdb_page",)),
        PageSpec("reference", "Reference data", "Ctrl+9", reference, ("app.ui.reference.reference_page",)),
        PageSpec("macros", "Macros", "Ctrl+Shift+M", macros, ("app.ui.macros.macros_page",)),
    )
