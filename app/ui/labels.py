"""The words core's label tables hold (ticket states, priorities, types, SLA states, change and problem states,
knowledge confidences, ...), translated at display time.

core/ stays Qt-free and keeps its English label tables; the screens pass a stored key (or the English label
a query already looked up) through one of the functions here. Every text of the tables below is collected
by packaging/update_translations.py (`label_strings`) under the "Labels" context, so a label added to a core
table reaches the catalogue without a hand-written marker. Sorting and filtering keep using the keys: these
functions are for display only.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLocale

from app.tickets.queue import BUILTIN_VIEWS
from core.changes.risk import RISK_LABELS
from core.changes.rules import CHANGE_LINK_KINDS, DECISION_LABELS
from core.changes.workflow import CHANGE_STATES, CHANGE_TYPE_LABELS, change_state_label
from core.knowledge.rules import FLAG_REASONS
from core.knowledge.workflow import CONFIDENCES, confidence_label
from core.problems.rules import CAUSE_CODES
from core.tickets.children import INBOUND_KINDS, LINK_KINDS
from core.tickets.csat import CSAT_SOURCES
from core.tickets.priority import LEVELS, PRIORITY_LABELS
from core.tickets.rules import CHANNELS
from core.tickets.workflow import ON_HOLD_REASONS, RESOLUTION_CODES, TYPE_LABELS, WORKFLOWS, state_label

CONTEXT = "Labels"

# SLA display states (app/ui/widgets/sla_text.py keeps its own table under "SlaText"; these are the same words
# for screens that show a stored SLA state by key).
SLA_STATE_LABELS = {"running": "Running", "at_risk": "At risk", "breached": "Breached", "paused": "Paused",
                    "met": "Met", "canceled": "Canceled", "none": "n/a"}


# Why the knowledge search suggests an article (app/knowledge/search.py puts these words in a suggestion's `why`).
MATCH_REASONS = ("matches the text", "same service", "same CI")


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def label_text(english: str | None) -> str:
    """An English label some query already looked up in a core table (e.g. a row's `state_label`), in the
    user's language. Unknown texts come back unchanged."""
    return _t(english) if english else ""


def ticket_state(ticket_type: str, state: str) -> str:
    """'in_progress' of an incident -> 'In Bearbeitung'."""
    return _t(state_label(ticket_type, state))


def ticket_type(key: str) -> str:
    return _t(TYPE_LABELS.get(key, key))


def priority(value: int | None) -> str:
    """1..5 -> 'P1 Kritisch'...; None or unknown -> '' or the number."""
    if not value:
        return ""
    return _t(PRIORITY_LABELS[value]) if value in PRIORITY_LABELS else str(value)


def level(value: int) -> str:
    """Impact/urgency 1..3 -> Hoch/Mittel/Niedrig."""
    return _t(LEVELS[value]) if value in LEVELS else str(value)


def on_hold_reason(key: str) -> str:
    return _t(ON_HOLD_REASONS.get(key, key))


def resolution_code(key: str) -> str:
    return _t(RESOLUTION_CODES.get(key, key))


def channel(key: str) -> str:
    return _t(CHANNELS.get(key, key))


def cause_code(key: str) -> str:
    return _t(CAUSE_CODES.get(key, key))


def ticket_link_kind(kind: str, direction: str) -> str:
    return _t((LINK_KINDS if direction == "out" else INBOUND_KINDS).get(kind, kind))


def sla_state(display: str) -> str:
    return _t(SLA_STATE_LABELS.get(display, SLA_STATE_LABELS["none"]))


def change_state(key: str) -> str:
    return _t(change_state_label(key))


def change_type(key: str) -> str:
    return _t(CHANGE_TYPE_LABELS.get(key, key))


def change_risk(key: str) -> str:
    return _t(RISK_LABELS.get(key, key))


def change_decision(key: str) -> str:
    return _t(DECISION_LABELS.get(key, key))


def change_link_kind(key: str) -> str:
    return _t(CHANGE_LINK_KINDS.get(key, key))


def confidence(key: str) -> str:
    """A knowledge article's KCS confidence: 'validated' -> 'Validiert'."""
    return _t(confidence_label(key))


def view_name(name: str, builtin: bool) -> str:
    """A queue view's name: a built-in view's ("My open tickets") translated, a saved one's as the user typed it."""
    return _t(name) if builtin else name


def label_strings() -> Iterable[str]:
    """Every English text the functions above can translate, for packaging/update_translations.py."""
    for workflow in WORKFLOWS.values():
        yield from (s.label for s in workflow.states)
    yield from (s.label for s in CHANGE_STATES)
    yield from (s.label for s in CONFIDENCES)
    for table in (TYPE_LABELS, PRIORITY_LABELS, LEVELS, ON_HOLD_REASONS, RESOLUTION_CODES, CHANNELS, CAUSE_CODES,
                  LINK_KINDS, INBOUND_KINDS, SLA_STATE_LABELS, CHANGE_TYPE_LABELS, RISK_LABELS, DECISION_LABELS,
                  CHANGE_LINK_KINDS, FLAG_REASONS, CSAT_SOURCES):
        yield from table.values()
    yield from (v.name for v in BUILTIN_VIEWS)
    yield from MATCH_REASONS


def number(value: int) -> str:
    """A count in the user's locale ("12.345" in German); a machine left on the C locale gets "12,345"."""
    locale = QLocale()
    return f"{value:,}" if locale.language() == QLocale.Language.C else locale.toString(value)
