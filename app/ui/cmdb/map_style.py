"""The relation map's colours: a CI's status or criticality, relation types, node cards, light and dark."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

# Fill of a node's colour band, readable with white text and on both themes.
_STATUS = {
    "operational": "#188038", "in_service": "#188038", "active": "#188038", "live": "#188038",
    "production": "#188038", "deployed": "#188038",
    "degraded": "#e37400", "maintenance": "#b06000", "under_maintenance": "#b06000",
    "down": "#c5221f", "outage": "#c5221f", "failed": "#c5221f",
    "planned": "#1a73e8", "ordered": "#1a73e8", "in_stock": "#5e35b1", "stock": "#5e35b1",
    "test": "#00838f", "testing": "#00838f",
    "retired": "#80868b", "disposed": "#80868b", "inactive": "#80868b",
}
_OTHER = ("#6d4c41", "#ad1457", "#3949ab", "#00897b", "#7cb342", "#8e24aa")
CRITICALITY = {1: "#c5221f", 2: "#e37400", 3: "#b08800", 4: "#188038"}
# Relation types get colours in the order the map first meets them; chosen to stay apart on both themes.
_TYPE_COLOURS = ("#1a73e8", "#e37400", "#8e24aa", "#00897b", "#c2185b", "#6d4c41", "#5c6bc0", "#7cb342")


def tr(text: str) -> str:
    return QCoreApplication.translate("RelationMap", text)


def status_colour(status: str) -> str:
    key = (status or "").strip().lower().replace(" ", "_").replace("-", "_")
    if key in _STATUS:
        return _STATUS[key]
    return _OTHER[sum(map(ord, key)) % len(_OTHER)]  # stable for a status this table does not know


def criticality_colour(criticality: int) -> str:
    return CRITICALITY.get(criticality, "#80868b")


def criticality_label(criticality: int) -> str:
    return {1: tr("1 Mission critical"), 2: tr("2 High"), 3: tr("3 Medium"), 4: tr("4 Low")}.get(
        criticality, str(criticality))


def status_label(status: str) -> str:
    known = {"planned": tr("Planned"), "in_stock": tr("In stock"), "active": tr("Active"),
             "maintenance": tr("In maintenance"), "retired": tr("Retired")}
    return known.get(status) or (status or "").replace("_", " ").capitalize()


def class_text(ci_class: str, label: str = "") -> str:
    """A CI class for people: its label, or its key made readable (a class this desk does not define)."""
    if label and label != ci_class:
        return label
    return ci_class.replace("_", " ").capitalize()


def type_colour(index: int) -> str:
    return _TYPE_COLOURS[index % len(_TYPE_COLOURS)]


@dataclass(frozen=True)
class CardColours:
    """A node card and the canvas it sits on."""
    background: str
    card: str
    card_border: str
    text: str
    meta: str
    edge: str
    label_back: str
    selected: str
    badge: str


LIGHT = CardColours(background="#fafafa", card="#ffffff", card_border="#c4c7c5", text="#202124", meta="#5f6368",
                    edge="#9aa0a6", label_back="#fafafa", selected="#1a73e8", badge="#c5221f")
DARK = CardColours(background="#1e1f22", card="#2b2d30", card_border="#4a4d52", text="#e8eaed", meta="#9aa0a6",
                   edge="#6f737a", label_back="#1e1f22", selected="#8ab4f8", badge="#e53935")


def card_colours(dark: bool) -> CardColours:
    return DARK if dark else LIGHT
