"""Words the knowledge screens show for stored keys (confidences, audiences, flag reasons, review reasons)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Knowledge", text)


def confidence_label(key: str) -> str:
    return {"wip": _t("Work in progress"), "not_validated": _t("Not validated"), "validated": _t("Validated"),
            "archived": _t("Archived")}.get(key, key)


def audience_label(key: str) -> str:
    return {"agents": _t("Agents only"), "requesters": _t("Requesters and agents")}.get(key, key)


def flag_reason_label(key: str) -> str:
    return {"wrong": _t("Wrong"), "outdated": _t("Outdated"), "unclear": _t("Unclear"),
            "incomplete": _t("Incomplete")}.get(key, key)


def review_reason_label(key: str) -> str:
    return {"review date passed": _t("review date passed"), "flagged": _t("flagged"),
            "unused for a year": _t("unused for a year")}.get(key, key)


def why_label(key: str) -> str:
    return {"matches the text": _t("matches the text"), "same service": _t("same service"),
            "same CI": _t("same CI")}.get(key, key)


CONFIDENCE_COLOURS = {"wip": "#8a6d00", "not_validated": "#1f5fa8", "validated": "#1e7a34", "archived": "#6b6b6b"}
