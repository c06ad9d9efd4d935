"""Translated labels and colours for change types, states, risks, outcomes and CAB decisions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.changes.workflow import CHANGE_STATES

# Text colours on the window background, (light, dark) per risk.
_RISK_TEXT = {"low": ("#2e7d32", "#81c995"), "moderate": ("#b06000", "#ffab40"), "high": ("#c62828", "#ff8a80")}
# Badge backgrounds with white text; dark enough on both themes.
RISK_BADGE = {"low": "#2e7d32", "moderate": "#b06000", "high": "#c62828"}
STATE_BADGE = {"new": "#5f6368", "assess": "#1a73e8", "authorize": "#8430ce", "scheduled": "#188038",
               "implement": "#e37400", "review": "#1967d2", "closed": "#5f6368", "canceled": "#80868b"}


def tr(text: str) -> str:
    return QCoreApplication.translate("Changes", text)


def type_label(key: str) -> str:
    return {"standard": tr("Standard"), "normal": tr("Normal"), "emergency": tr("Emergency")}.get(key, key)


def state_label(key: str) -> str:
    labels = {"new": tr("New"), "assess": tr("Assess"), "authorize": tr("Authorize"), "scheduled": tr("Scheduled"),
              "implement": tr("Implement"), "review": tr("Review"), "closed": tr("Closed"),
              "canceled": tr("Canceled")}
    return labels.get(key, key)


def risk_label(key: str) -> str:
    return {"low": tr("Low"), "moderate": tr("Moderate"), "high": tr("High")}.get(key, key)


def outcome_label(key: str | None) -> str:
    return {"successful": tr("Successful"), "failed": tr("Failed"), "backed_out": tr("Backed out")}.get(key or "", "")


def decision_label(key: str) -> str:
    return {"pending": tr("Pending"), "approved": tr("Approved"), "rejected": tr("Rejected")}.get(key, key)


def link_kind_label(key: str) -> str:
    return {"caused_by": tr("Caused by"), "fixes": tr("Fixes"), "related": tr("Related to")}.get(key, key)


def risk_colour(risk: str, dark: bool) -> str:
    pair = _RISK_TEXT.get(risk)
    return pair[dark] if pair else ("#e8eaed" if dark else "#202124")


STATE_KEYS = tuple(s.key for s in CHANGE_STATES)
TYPE_KEYS = ("standard", "normal", "emergency")
RISK_KEYS = ("low", "moderate", "high")
OUTCOME_KEYS = ("successful", "failed", "backed_out")
