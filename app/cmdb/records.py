"""The CMDB's read results: frozen dataclasses that cross from the runner's threads to the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CiRow:
    """One CI in a list, or a node in a result."""

    id: str
    name: str
    ci_class: str
    status: str
    criticality: int  # 1 = mission critical .. 4 = low
    service_name: str | None = None
    support_group_name: str | None = None
    site: str | None = None
    open_incidents: int = 0
    class_label: str = ""


@dataclass(frozen=True)
class CiRelation:
    """A relation as seen from one CI; `label` is in this CI's direction ("depends on" / "used by")."""

    relation_id: str  # "parent:<child id>" for a legacy parent_id (core.cmdb.relations)
    type: str
    label: str
    outgoing: bool
    other: CiRow


@dataclass(frozen=True)
class CiTimelineEntry:
    kind: str  # "incident" | "service_request" | "problem" | "change"
    id: str
    number: str
    title: str
    state: str
    at: datetime
    is_open: bool


@dataclass(frozen=True)
class CiDetail:
    ci: CiRow
    description: str
    owner_name: str | None
    serial: str | None
    asset_tag: str | None
    attributes: tuple[tuple[str, str], ...]  # per-class attributes, (label, value) in class order
    relations: tuple[CiRelation, ...]
    timeline: tuple[CiTimelineEntry, ...]
    updated_at: datetime | None
    owner_id: str | None = None
    support_group_id: str | None = None
    service_id: str | None = None
    parent_id: str | None = None
    attribute_values: tuple[tuple[str, str], ...] = ()  # (key, value) as stored, for the editor


@dataclass(frozen=True)
class GraphNode:
    id: str
    name: str
    ci_class: str
    status: str
    criticality: int
    open_incidents: int
    depth: int = 0


@dataclass(frozen=True)
class GraphEdge:
    id: str
    source_id: str
    target_id: str
    type: str


@dataclass(frozen=True)
class CiGraph:
    centre_id: str
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    truncated: bool


@dataclass(frozen=True)
class TicketRef:
    id: str
    number: str
    title: str
    type: str
    state: str
    priority: int
    ci_name: str | None
    sla_due: datetime | None = None


@dataclass(frozen=True)
class ChangeRef:
    id: str
    number: str
    title: str
    state: str
    start: datetime | None
    end: datetime | None


@dataclass(frozen=True)
class Impact:
    ci_id: str
    services: tuple[CiRow, ...]  # business services depending on it, transitively
    blast_radius: tuple[CiRow, ...]  # every CI reached (the CI itself first)
    open_incidents: tuple[TicketRef, ...]
    open_changes: tuple[ChangeRef, ...]
    users: tuple[tuple[str, str], ...]  # (person id, name) of the users of those services
    truncated: bool = False  # the walk stopped at its limit (app.cmdb.graph.IMPACT_LIMIT)


@dataclass(frozen=True)
class ChangeImpact:
    """The change editor's preview before the CAB."""

    change_id: str
    services: tuple[CiRow, ...]
    open_incidents: tuple[TicketRef, ...]
    sla_due_in_window: tuple[TicketRef, ...]
    conflicts: tuple[ChangeRef, ...]
    blast_radius: tuple[CiRow, ...] = ()


@dataclass(frozen=True)
class CiClassInfo:
    key: str
    label: str
    attributes: tuple[tuple[str, str, str], ...]  # (key, label, kind)
    builtin: bool
    ci_count: int = 0
    description: str = ""


@dataclass(frozen=True)
class CiChoice:
    """A CI offered by a type-ahead picker (the add-relation dialog)."""

    id: str
    name: str
    ci_class: str
    class_label: str
    status: str
