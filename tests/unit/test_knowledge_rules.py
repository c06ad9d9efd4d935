"""The KCS confidence workflow, who may publish, field cleaning and the needs-review rule (no store, no Qt)."""

from datetime import date

import pytest

from core.errors import TransitionError, ValidationError
from core.knowledge import rules
from core.knowledge.workflow import (
    ARTICLE_WORKFLOW,
    CONFIDENCE_KEYS,
    check_confidence_move,
    check_publish_right,
    may_publish,
)
from core.numbering import format_number, number_value


def test_kcs_confidences_in_order():
    assert CONFIDENCE_KEYS == ("wip", "not_validated", "validated", "archived")
    assert ARTICLE_WORKFLOW.initial == "wip"


@pytest.mark.parametrize(("current", "target"), [
    ("wip", "not_validated"), ("not_validated", "validated"), ("validated", "archived"), ("archived", "wip"),
    ("validated", "not_validated"), ("not_validated", "wip"), ("wip", "archived"), ("wip", "wip"),
])
def test_allowed_moves(current, target):
    check_confidence_move(current, target)


@pytest.mark.parametrize(("current", "target"), [
    ("wip", "validated"), ("archived", "validated"), ("archived", "not_validated"), ("validated", "wip"),
])
def test_refused_moves_say_what_is_allowed(current, target):
    with pytest.raises(TransitionError, match="Allowed from"):
        check_confidence_move(current, target)


def test_unknown_confidence_is_refused():
    with pytest.raises(TransitionError):
        check_confidence_move("wip", "published")


def test_only_publishers_validate_or_change_published_text():
    assert may_publish("publisher") and may_publish("manager") and may_publish("admin")
    assert not may_publish("agent") and not may_publish("technician") and not may_publish(None)
    with pytest.raises(TransitionError, match="Only a publisher"):
        check_publish_right("agent", current="not_validated", target="validated", fields={"confidence"})
    with pytest.raises(TransitionError, match="only a publisher changes"):
        check_publish_right("agent", current="validated", target="validated", fields={"body"})
    # An agent may still demote, archive, retag and review a validated article.
    check_publish_right("agent", current="validated", target="not_validated", fields={"confidence", "body"})
    check_publish_right("agent", current="validated", target="validated", fields={"keywords", "review_date"})
    check_publish_right("publisher", current="not_validated", target="validated", fields={"confidence"})


def test_keywords_are_trimmed_lowered_and_unique():
    assert rules.clean_keywords(" VPN, vpn ;Cisco AnyConnect\n  remote   access,, ") == \
        "vpn, cisco anyconnect, remote access"
    with pytest.raises(ValidationError):
        rules.clean_keywords("x" * 600)


def test_fields_are_checked():
    assert rules.clean_field("title", "  Reset a password  ") == "Reset a password"
    assert rules.clean_field("body", "a\x00b\x02c") == "abc"  # controls never reach the index
    with pytest.raises(ValidationError, match="required"):
        rules.clean_field("title", "   ")
    with pytest.raises(ValidationError):
        rules.clean_field("audience", "everyone")
    assert rules.clean_field("review_date", "2027-01-31") == date(2027, 1, 31)
    with pytest.raises(ValidationError, match="YYYY"):
        rules.clean_field("review_date", "next week")
    assert rules.clean_field("service_ids", "b,a,,b") == ("a", "b")
    with pytest.raises(ValidationError):
        rules.clean_field("ci_ids", [1, 2])
    with pytest.raises(ValidationError):
        rules.clean_field("number", "KB1")
    with pytest.raises(ValidationError):
        rules.clean_field("body", "x" * (rules.BODY_MAX + 1))


def test_needs_review_reasons():
    today = date(2027, 6, 1)
    fresh = dict(review_date=date(2027, 9, 1), open_flags=0, last_used=date(2027, 5, 1), created=date(2027, 1, 1),
                 today=today, confidence="validated")
    assert rules.needs_review(**fresh) == ()
    assert rules.needs_review(**{**fresh, "review_date": today}) == ("review date passed",)
    assert rules.needs_review(**{**fresh, "open_flags": 2}) == ("flagged",)
    assert rules.needs_review(**{**fresh, "last_used": date(2026, 5, 1)}) == ("unused for a year",)
    assert rules.needs_review(**{**fresh, "last_used": None, "created": date(2026, 1, 1)}) == ("unused for a year",)
    assert rules.needs_review(**{**fresh, "open_flags": 1, "confidence": "archived"}) == ()


def test_article_numbers():
    assert format_number("KB", 42) == "KB0000042"
    assert number_value("KB", "KB0000042") == 42
    assert number_value("KB", "KB42") is None
