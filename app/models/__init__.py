"""SQLAlchemy ORM classes of the local store; no Qt here."""

from app.models.audit import AuditEvent
from app.models.backend import BackendMove, BackendRef, BackendSent
from app.models.base import Base
from app.models.change import CabApproval, Change, ChangeLink, ChangeTemplate, Holiday, ScheduleWindowRow, change_ci
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
]
