"""SQLAlchemy ORM classes of the local store; no Qt here.

Each module is imported when one of its names is first asked for (`from app.models import Ticket` loads
app.models.ticket only): mapping the 45 classes cost ~0.25 s of CPU at every start, most of it for tables
the first queue page never reads (KPI, changes, knowledge, macros). `Base` and `load_all()` bring every
module in (the migrations, the schema tests), and so does the first flush of a session (its unit of work
sorts the tables by their foreign keys, which must all be known).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.models.audit import AuditEvent
    from app.models.backend import BackendMove, BackendRef, BackendSent
    from app.models.base import Base
    from app.models.change import (
        CabApproval,
        Change,
        ChangeLink,
        ChangeTemplate,
        Holiday,
        ScheduleWindowRow,
        change_ci,
    )
    from app.models.cmdb import CiClassRow, CiRelation
    from app.models.knowledge import Article, ArticleFlag, ArticleUse, ArticleVersion, article_ci, article_service
    from app.models.kpi import KpiCategory, KpiDaily, KpiProblemLink, KpiProblemRun, KpiRollup
    from app.models.local import Draft, NumberSequence, OutboxMutation, SavedView, StoreMeta
    from app.models.macros import Macro, MacroRunEntry, MacroShortcut, ReplyTemplate
    from app.models.problem import problem_ci
    from app.models.reference import Category, ConfigurationItem, Group, Person, Service, Site, group_member
    from app.models.sla import BusinessCalendarRow, SlaPolicyRow, TicketSla
    from app.models.sync import SyncConflict, SyncCursor, SyncReceipt
    from app.models.ticket import Attachment, Ticket, TicketLink, WorklogEntry

# The module (under app.models) that defines each name.
_HOMES: dict[str, str] = {
    "AuditEvent": "audit",
    "BackendMove": "backend", "BackendRef": "backend", "BackendSent": "backend",
    "CabApproval": "change", "Change": "change", "ChangeLink": "change", "ChangeTemplate": "change",
    "Holiday": "change", "ScheduleWindowRow": "change", "change_ci": "change",
    "CiClassRow": "cmdb", "CiRelation": "cmdb",
    "Article": "knowledge", "ArticleFlag": "knowledge", "ArticleUse": "knowledge", "ArticleVersion": "knowledge",
    "article_ci": "knowledge", "article_service": "knowledge",
    "KpiCategory": "kpi", "KpiDaily": "kpi", "KpiProblemLink": "kpi", "KpiProblemRun": "kpi", "KpiRollup": "kpi",
    "Draft": "local", "NumberSequence": "local", "OutboxMutation": "local", "SavedView": "local", "StoreMeta": "local",
    "Macro": "macros", "MacroRunEntry": "macros", "MacroShortcut": "macros", "ReplyTemplate": "macros",
    "problem_ci": "problem",
    "Category": "reference", "ConfigurationItem": "reference", "Group": "reference", "Person": "reference",
    "Service": "reference", "Site": "reference", "group_member": "reference",
    "BusinessCalendarRow": "sla", "SlaPolicyRow": "sla", "TicketSla": "sla",
    "SyncConflict": "sync", "SyncCursor": "sync", "SyncReceipt": "sync",
    "Attachment": "ticket", "Ticket": "ticket", "TicketLink": "ticket", "WorklogEntry": "ticket",
}
MODULES = tuple(dict.fromkeys(_HOMES.values()))

__all__ = [
    "AuditEvent", "Attachment", "Base", "CabApproval", "Category", "Change", "ChangeLink", "ChangeTemplate",
    "Holiday", "KpiCategory", "KpiDaily", "KpiRollup", "ScheduleWindowRow", "change_ci", "ConfigurationItem", "Draft",
    "Group", "KpiProblemLink", "KpiProblemRun",
    "NumberSequence", "OutboxMutation", "Person", "SavedView", "Service", "StoreMeta", "SyncConflict",
    "SyncCursor", "SyncReceipt", "Ticket", "TicketLink", "WorklogEntry", "group_member",
    "BusinessCalendarRow", "SlaPolicyRow", "TicketSla",
    "Macro", "MacroRunEntry", "MacroShortcut", "ReplyTemplate",
    "Site",
    "CiClassRow", "CiRelation",
    "BackendMove", "BackendRef", "BackendSent",
    "Article", "ArticleFlag", "ArticleUse", "ArticleVersion", "article_ci", "article_service",
    "problem_ci",
    "MODULES", "load_all",
]


def load_all() -> None:
    """Import every model module: the metadata and the mapper registry then hold the whole schema. Cheap
    once done (imports are cached); thread-safe (the import lock)."""
    for name in MODULES:
        importlib.import_module(f"{__name__}.{name}")


def __getattr__(name: str) -> Any:
    """A model name, its module imported on first use (PEP 562); `Base` with every module loaded."""
    if name == "Base":
        load_all()
        from app.models.base import Base

        return Base
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value
