"""Template variables and what a template or a macro may hold (core.macros, no store, no Qt)."""

from __future__ import annotations

import json

import pytest

from core.errors import ValidationError
from core.macros.rules import ME, check_macro_whole, clean_changes, clean_macro, clean_template
from core.macros.variables import VARIABLES, expand, first_name, names_in, unknown_names

VALUES = {"requester.name": "Rita Requester", "ticket.number": "INC0000042", "agent.name": "Test Agent",
          "sla.due": "Thu 3 Dec 2026, 14:30"}


def test_known_variables_are_replaced_with_or_without_spaces():
    out = expand("Hello {{requester.name}}, re {{ ticket.number }}. Due {{sla.due}} — {{agent.name}}", VALUES)
    assert out.text == "Hello Rita Requester, re INC0000042. Due Thu 3 Dec 2026, 14:30 — Test Agent"
    assert out.complete


def test_an_unknown_variable_is_left_as_typed_and_reported_once():
    out = expand("{{ticket.nmber}} and {{ticket.nmber}} and {{nope}}", VALUES)
    assert out.text == "{{ticket.nmber}} and {{ticket.nmber}} and {{nope}}"
    assert out.unknown == ("ticket.nmber", "nope")
    assert not out.complete


def test_a_variable_without_a_value_is_blank_and_reported():
    out = expand("Due: {{sla.due}}.", {"sla.due": None})
    assert out.text == "Due: ." and out.blank == ("sla.due",)


@pytest.mark.parametrize("hostile", [
    "{0.__class__.__mro__}", "{{__import__('os').system('x')}}", "{{ticket.number.__class__}}",
    "%s %(x)s {x}", "{{{{ticket.number}}}}", "{{" * 10_000 + "}}" * 10_000, "{{requester.name",
])
def test_hostile_text_is_never_evaluated(hostile):
    out = expand(hostile, VALUES)
    assert "__class__" not in out.text or "__class__" in hostile
    assert "<class" not in out.text and "posix" not in out.text
    assert len(out.text) <= len(hostile) + 100


def test_values_are_inserted_verbatim_and_never_expanded_again():
    # A requester whose name is itself a variable (or a format string) stays as typed.
    out = expand("Hi {{requester.name}}", {"requester.name": "{{agent.name}} {0} %s"})
    assert out.text == "Hi {{agent.name}} {0} %s"


def test_names_in_lists_each_name_once_in_order():
    assert names_in("{{b.c}} {{a}} {{b.c}}") == ["b.c", "a"]
    assert unknown_names("{{ticket.number}} {{foo.bar}}") == ["foo.bar"]


def test_every_documented_variable_has_a_group_and_a_description():
    assert all(group and text for group, text in VARIABLES.values())
    assert first_name("  Ada  Lovelace ") == "Ada" and first_name(None) is None


def test_a_template_is_cleaned_and_an_unknown_variable_refused():
    clean = clean_template({"name": "  Password\treset  ", "kind": "reply", "body": "Hi {{requester.first_name}}\x00"})
    assert clean == {"name": "Password reset", "kind": "reply", "body": "Hi {{requester.first_name}}"}
    with pytest.raises(ValidationError, match=r"Unknown variable \{\{requester\.nme\}\}") as info:
        clean_template({"name": "x", "body": "Hi {{requester.nme}}"})
    assert info.value.field == "body"
    for bad in ({"name": "", "body": "x"}, {"name": "x", "body": "  "}, {"name": "x", "body": "y", "kind": "mail"},
                {"name": "x" * 121, "body": "y"}, {"name": "x", "body": "y", "owner_id": "z"}):
        with pytest.raises(ValidationError):
            clean_template(bad)


def test_a_macro_may_set_only_the_fields_a_selection_shares():
    assert clean_changes({"state": "in_progress", "assignee_id": ME, "priority": 2}) == \
        {"state": "in_progress", "assignee_id": ME, "priority": 2}
    for bad, words in (({"title": "x"}, "cannot set title"), ({"state": "flying"}, "not a state"),
                       ({"impact": 7}, "High, Medium or Low"), ({"priority": True}, "P1 to P5"),
                       ({"on_hold_reason": "lunch"}, "on-hold reason"), ({"csat_score": 5}, "cannot set")):
        with pytest.raises(ValidationError, match=words):
            clean_changes(bad)


def test_a_macro_moving_to_a_state_brings_what_the_state_needs():
    with pytest.raises(ValidationError, match="on-hold reason"):
        clean_changes({"state": "on_hold"})
    with pytest.raises(ValidationError, match="resolution code and resolution notes"):
        clean_changes({"state": "resolved", "resolution_code": "solved_permanently"})
    held = clean_changes({"state": "on_hold", "on_hold_reason": "awaiting_caller"})
    assert held["on_hold_reason"] == "awaiting_caller"


def test_a_macro_does_something_and_its_entry_is_whole():
    clean = clean_macro({"name": "Chase", "changes": {"state": "on_hold", "on_hold_reason": "awaiting_caller"},
                         "entry_kind": "reply", "entry_body": "Dear {{requester.first_name}}, any news?"})
    assert json.loads(clean["changes"]) == {"on_hold_reason": "awaiting_caller", "state": "on_hold"}
    check_macro_whole(clean)
    with pytest.raises(ValidationError, match="at least one field"):
        check_macro_whole(clean_macro({"name": "Nothing"}))
    with pytest.raises(ValidationError, match="text of the macro"):
        check_macro_whole(clean_macro({"name": "x", "entry_kind": "note"}))
    with pytest.raises(ValidationError, match="public reply or an internal note"):
        check_macro_whole(clean_macro({"name": "x", "entry_body": "text"}))
    with pytest.raises(ValidationError, match="Unknown variable"):
        clean_macro({"name": "x", "entry_kind": "note", "entry_body": "{{oops}}"})
    with pytest.raises(ValidationError, match="cannot be read"):
        clean_macro({"name": "x", "changes": "{not json"})
