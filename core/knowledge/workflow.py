"""The KCS confidence of an article (work in progress → not validated → validated → archived) and who may set it."""
# KCS v6: an article is captured in the workflow as work in progress, used and improved while not validated,
# validated (published) by a licensed publisher, and archived when it no longer applies. Reuse is the
# evidence: an article linked to solved tickets is the one to validate next.

from __future__ import annotations

from core.errors import TransitionError
from core.tickets.workflow import StateDef, Workflow

ARTICLE_PREFIX = "KB"

CONFIDENCES = (
    StateDef("wip", "Work in progress", "open"),
    StateDef("not_validated", "Not validated", "open"),
    StateDef("validated", "Validated", "resolved"),
    StateDef("archived", "Archived", "closed"),
)
CONFIDENCE_KEYS = tuple(s.key for s in CONFIDENCES)

ARTICLE_WORKFLOW = Workflow(initial="wip", states=CONFIDENCES, moves={
    "wip": ("not_validated", "archived"),
    "not_validated": ("validated", "wip", "archived"),
    # A validated article found wrong goes back to not validated until a publisher checks it again.
    "validated": ("not_validated", "archived"),
    "archived": ("wip",),
})

# Who may publish (move an article to Validated, or change a validated article's text or audience): a role
# on the server's account. Everyone else captures and improves articles up to Not validated.
PUBLISHER_ROLES = ("publisher", "manager", "admin")
# A validated article's fields that only a publisher may change (its published content).
PUBLISHED_FIELDS = frozenset({"title", "body", "audience"})


def confidence_label(key: str) -> str:
    for s in CONFIDENCES:
        if s.key == key:
            return s.label
    return key


def check_confidence_move(current: str, target: str) -> None:
    """TransitionError unless the KCS workflow allows current → target (a no-op move is allowed)."""
    ARTICLE_WORKFLOW.state(target)
    ARTICLE_WORKFLOW.state(current)
    if current == target:
        return
    if target not in ARTICLE_WORKFLOW.allowed(current):
        allowed = ", ".join(confidence_label(s) for s in ARTICLE_WORKFLOW.allowed(current)) or "none"
        raise TransitionError(
            f"An article cannot move from {confidence_label(current)} to {confidence_label(target)}. "
            f"Allowed from {confidence_label(current)}: {allowed}.", field="confidence")


def may_publish(role: str | None) -> bool:
    return role in PUBLISHER_ROLES


def check_publish_right(role: str | None, *, current: str, target: str, fields: set[str]) -> None:
    """TransitionError unless `role` may make this edit: validating an article, or changing the published
    text or audience of a validated one, is for publishers."""
    if may_publish(role):
        return
    if target == "validated" and current != "validated":
        raise TransitionError("Only a publisher validates an article. Your edit is kept; ask a publisher "
                              "to validate it, or set it to Not validated.", field="confidence")
    if current == "validated" and target == "validated" and fields & PUBLISHED_FIELDS:
        raise TransitionError("This article is validated: only a publisher changes its text or audience. "
                              "Set it to Not validated to improve it, or ask a publisher.", field="confidence")
