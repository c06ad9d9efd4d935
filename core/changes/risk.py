"""Change risk calculator: low / moderate / high from lead time, CI criticality, change type and history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from core.changes.workflow import CHANGE_TYPES, FAILED_OUTCOMES, OUTCOMES
from core.errors import ValidationError

RISK_LEVELS = ("low", "moderate", "high")
RISK_LABELS = {"low": "Low", "moderate": "Moderate", "high": "High"}

# Score thresholds: a score at or above the value reaches the level.
MODERATE_AT = 2
HIGH_AT = 4
SHORT_LEAD = timedelta(days=1)
NORMAL_LEAD = timedelta(days=5)
# Fewer past changes than this say too little about a CI to count.
MIN_HISTORY = 3


@dataclass(frozen=True)
class RiskAssessment:
    """The risk of a change and why. `calculated_level` differs from `level` only after an override."""

    level: str
    score: int
    reasons: tuple[str, ...]
    calculated_level: str
    override_reason: str | None = None

    @property
    def overridden(self) -> bool:
        return self.override_reason is not None


def _level(score: int) -> str:
    if score >= HIGH_AT:
        return "high"
    if score >= MODERATE_AT:
        return "moderate"
    return "low"


def _points(n: int) -> str:
    return f"{n:+d}"


def _lead_text(lead: timedelta) -> str:
    hours = lead.total_seconds() / 3600
    return f"{hours:.0f} hours" if hours < 48 else f"{hours / 24:.1f} days"


def assess_risk(*, change_type: str, planned_start: datetime, now: datetime,
                ci_criticalities: Iterable[int] = (), past_outcomes: Iterable[str] = ()) -> RiskAssessment:
    """Score a change; pure and cheap. `ci_criticalities` are of the affected CIs (1 = most critical),
    `past_outcomes` of earlier closed changes on those CIs (keys of OUTCOMES).

    Every factor adds a reason, also those that add nothing, so the UI can show the whole sum.
    """
    if change_type not in CHANGE_TYPES:
        raise ValidationError(f"Unknown change type {change_type!r}.", field="change_type")
    score = 0
    reasons: list[str] = []

    lead = planned_start - now
    if lead < timedelta(0):
        pts, text = 3, "Planned start is already past"
    elif lead < SHORT_LEAD:
        pts, text = 2, f"Lead time of {_lead_text(lead)} is under 1 day"
    elif lead < NORMAL_LEAD:
        pts, text = 1, f"Lead time of {_lead_text(lead)} is under 5 days"
    else:
        pts, text = 0, f"Lead time of {_lead_text(lead)}"
    score += pts
    reasons.append(f"{text} ({_points(pts)})")

    crits = list(ci_criticalities)
    if not crits:
        reasons.append("No affected configuration items (+0)")
    else:
        top = min(crits)
        pts = {1: 2, 2: 1}.get(top, 0)
        score += pts
        reasons.append(f"Most critical affected CI has criticality {top} ({_points(pts)})")

    pts = {"emergency": 2, "normal": 0, "standard": -1}[change_type]
    score += pts
    kind = {"emergency": "Emergency change", "normal": "Normal change", "standard": "Standard (pre-approved) change"}
    reasons.append(f"{kind[change_type]} ({_points(pts)})")

    outcomes = [o for o in past_outcomes if o in OUTCOMES]
    if len(outcomes) < MIN_HISTORY:
        reasons.append(f"Only {len(outcomes)} past changes on these CIs, too few to judge (+0)")
    else:
        failed = sum(1 for o in outcomes if o in FAILED_OUTCOMES)
        rate = failed / len(outcomes)
        pts = 2 if rate >= 0.5 else 1 if rate >= 0.2 else 0
        score += pts
        reasons.append(f"{failed} of {len(outcomes)} past changes on these CIs failed or were backed out "
                       f"({rate:.0%}) ({_points(pts)})")

    level = _level(score)
    return RiskAssessment(level=level, score=score, reasons=tuple(reasons), calculated_level=level)


def override_risk(assessment: RiskAssessment, *, level: str, reason: str) -> RiskAssessment:
    """Set the level by hand, keeping the calculated one; the caller records the override in the audit."""
    if level not in RISK_LEVELS:
        raise ValidationError(f"Unknown risk level {level!r}.", field="risk")
    if not reason.strip():
        raise ValidationError("Give a reason for overriding the calculated risk.", field="risk_override_reason")
    return replace(assessment, level=level, override_reason=reason.strip())
