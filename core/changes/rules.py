"""Change rules both sides apply: field limits, the columns a create carries, link kinds and CAB columns."""

from __future__ import annotations

TITLE_MAX = 300


TEXT_MAX = 100_000


TEXT_FIELDS = ("description", "implementation_plan", "backout_plan", "test_plan", "close_notes")


TIME_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")


CREATE_COLUMNS = ["id", "number", "title", "description", "change_type", "template_id", "state", "risk",
                  "risk_proposed", "risk_overridden", "risk_reason", "planned_start", "planned_end",
                  "requester_id", "group_id", "assignee_id", "implementation_plan", "backout_plan", "test_plan",
                  "created_at", "updated_at"]


CHANGE_LINK_KINDS = {"caused_by": "Caused by", "fixes": "Fixes", "related": "Related to"}


DECISION_LABELS = {"pending": "Pending", "approved": "Approved", "rejected": "Rejected"}


APPROVAL_COLUMNS = ["id", "change_id", "approver_id", "decision", "comment", "decided_at"]


LINK_COLUMNS = ["id", "change_id", "ticket_id", "kind", "created_at"]


COMMENT_MAX = 10_000
