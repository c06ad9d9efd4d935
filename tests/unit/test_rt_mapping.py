"""The RT5 mapping (app.sync.backends.rt.mapping), field by field, as docs/RT.md states it."""

from __future__ import annotations

import pytest

from app.sync.backends.rt import mapping as m

BASE = "https://rt.example.com"
RECORD = {
    "id": 42, "Subject": "Printer <b>jams</b>", "Status": "stalled", "Priority": "65",
    "Queue": {"type": "queue", "id": "3"}, "Owner": {"type": "user", "id": "alice"},
    "Requestor": [{"type": "user", "id": "bob@example.com"}, {"type": "user", "id": "carol@example.com"}],
    "Cc": [{"type": "user", "id": "dan@example.com"}],
    "Created": "2026-01-02T03:04:05Z", "LastUpdated": "2026-01-03T00:00:00Z", "Resolved": "1970-01-01T00:00:00Z",
}


def row(**changes):
    return m.ticket_row(BASE, {**RECORD, **changes}, ticket_id="T", description="First message")


def test_ticket_fields_one_by_one():
    r = row()
    assert r["number"] == "RT42" and r["title"] == "Printer <b>jams</b>" and r["description"] == "First message"
    assert r["group_id"] == m.local_id(BASE, "queue", "3")                 # queue -> assignment group
    assert r["assignee_id"] == m.local_id(BASE, "user", "alice")           # owner -> assignee
    assert r["requester_id"] == m.local_id(BASE, "user", "bob@example.com")  # first requestor -> requester
    assert r["cc"] == "dan@example.com"
    assert (r["state"], r["is_open"], r["on_hold_reason"]) == ("on_hold", True, "awaiting_caller")
    assert (r["priority"], r["priority_overridden"]) == (2, True)          # "65" (a string) -> 2
    assert r["created_at"].startswith("2026-01-02T03:04:05") and r["resolved_at"] is None  # 1970 is "unset"
    assert row(Owner={"type": "user", "id": "Nobody"})["assignee_id"] is None


@pytest.mark.parametrize(("status", "state", "is_open"), [
    ("new", "new", True), ("open", "in_progress", True), ("stalled", "on_hold", True),
    ("resolved", "resolved", False), ("rejected", "canceled", False), ("deleted", "deleted", False),
    ("waiting for vendor", "waiting for vendor", True),  # a queue lifecycle's own status: shown as it is
])
def test_statuses(status, state, is_open):
    r = row(Status=status, Resolved="2026-02-01T00:00:00Z")
    assert (r["state"], r["is_open"]) == (state, is_open)
    assert (r["resolved_at"] is not None) == (status == "resolved")


@pytest.mark.parametrize(("state", "status"), [
    ("new", "new"), ("in_progress", "open"), ("on_hold", "stalled"), ("resolved", "resolved"),
    ("closed", "resolved"), ("canceled", "rejected"), ("waiting for vendor", "waiting for vendor")])
def test_states_back_to_rt(state, status):
    assert m.status_to_rt(state) == status


@pytest.mark.parametrize(("rt", "desk"), [("99", 1), ("80", 1), ("79", 2), ("60", 2), ("40", 3), ("20", 4),
                                          ("19", 5), ("0", 5), ("", 5), ("junk", 5)])
def test_priority_from_rt(rt, desk):
    assert m.priority_from_rt(rt) == desk


def test_priority_round_trips():
    assert all(m.priority_from_rt(m.priority_to_rt(p)) == p for p in range(1, 6))


def test_worklog_from_transactions():
    txn = {"id": "77", "Type": "Comment", "Creator": {"id": "alice"}, "TimeTaken": "15",
           "Created": "2026-01-02T03:04:05Z"}
    entry = m.worklog_row(BASE, txn, ticket_id="T", body="checked the fuser")
    assert (entry["kind"], entry["time_spent_minutes"], entry["author_id"]) == (
        "note", 15, m.local_id(BASE, "user", "alice"))
    reply = m.worklog_row(BASE, {**txn, "Type": "Correspond"}, ticket_id="T", body="")
    assert (reply["kind"], reply["sent_via"], entry["sent_via"]) == ("reply", "other_mail", None)  # RT mails it
    assert m.worklog_row(BASE, txn, ticket_id="T", body="", entry_id="mine")["id"] == "mine"


def test_message_text_prefers_plain_and_defuses_html():
    assert m.message_text([{"ContentType": "text/plain", "Content": "plain", "Filename": ""},
                           {"ContentType": "text/html", "Content": "<b>html</b>", "Filename": ""}]) == "plain"
    text = m.message_text([{"ContentType": "text/html", "Filename": "",
                            "Content": "<p>Hi &amp; bye</p><script>x()</script><img src='http://t.invalid/p'>"}])
    assert text == "Hi & bye"
    assert m.message_text([{"ContentType": "text/plain", "Content": "file", "Filename": "a.txt"}]) == ""


def test_people_and_queues():
    person = m.person_row(BASE, {"Name": "alice", "RealName": "Alice Smith", "EmailAddress": "a@example.com",
                                 "Privileged": "1", "Disabled": "0"})
    assert (person["name"], person["email"], person["is_agent"], person["active"]) == (
        "Alice Smith", "a@example.com", True, True)
    requester = m.person_row(BASE, {"Name": "bob@example.com", "Privileged": 0})
    assert (requester["name"], requester["email"], requester["is_agent"]) == ("bob@example.com", "bob@example.com",
                                                                              False)
    group = m.group_row(BASE, {"id": "3", "Name": "Helpdesk", "Description": ""})
    assert group == {"id": m.local_id(BASE, "queue", "3"), "name": "Helpdesk", "description": None, "active": True}
    assert m.group_row(BASE, {"id": "4", "Name": "Old", "Disabled": "1"})["active"] is False


def test_update_body_maps_what_rt_holds():
    body, unmapped = m.update_body(
        {"title": "t", "state": "on_hold", "priority": 1, "group_id": "G", "assignee_id": None,
         "requester_id": "P", "impact": 1, "is_open": True},
        queue_of={"G": "3"}, user_of={"P": "bob@example.com"})
    assert body == {"Subject": "t", "Status": "stalled", "Priority": 90, "Queue": "3", "Owner": "Nobody",
                    "Requestor": ["bob@example.com"]}
    assert unmapped == ["impact"]  # derived fields (is_open) are not sent; fields RT lacks are reported


def test_ids_are_stable_per_server():
    assert m.local_id(BASE, "ticket", 1) == m.local_id(BASE + "/", "ticket", "1")
    assert m.local_id(BASE, "ticket", 1) != m.local_id("https://other", "ticket", 1)


@pytest.mark.parametrize(("values", "expected"), [(["1"], 1), (["2"], 2), (["High"], 1), (["medium"], 2), ([], 3),
                                                  (["7"], 3), (None, 3)])
def test_impact_and_urgency_from_custom_fields(values, expected):
    custom = [{"name": "Impact", "values": values or []}, {"name": "Urgency", "values": ["1"]}]
    r = row(CustomFields=custom)
    assert (r["impact"], r["urgency"]) == (expected, 1)
    assert m.custom_fields_of({"CustomFields": custom}) == {"impact", "urgency"}
    assert m.custom_fields_of(RECORD) == set()  # a queue without them: the desk's edits stay conflicts
    body, unmapped = m.update_body({"impact": 2}, queue_of={}, user_of={}, custom={"impact"})
    assert (body, unmapped) == ({"CustomFields": {"Impact": "2"}}, [])


def test_custom_field_names_come_from_the_setting():
    from app.config import setting

    assert m.field_names("") == m.DEFAULT_FIELD_NAMES
    names = m.field_names("ci=Asset; category = Kategorie ;urgency=")
    assert names["ci_id"] == "Asset" and names["category_id"] == "Kategorie" and "urgency" not in names
    assert names["impact"] == "Impact" and names["service_id"] == "Service"
    record = {"id": 7, "Status": "open", "CustomFields": [{"name": "Kategorie", "values": ["  Net   work "]},
                                                          {"name": "Urgency", "values": ["1"]}]}
    row = m.ticket_row("http://rt", record, ticket_id="t", description="", names=names)
    assert row["category_id"] == m.local_id("http://rt", "category", "Net work")
    assert row["urgency"] == 3 and row["ci_id"] is None  # urgency mapped to nothing: not read
    assert m.custom_fields_of(record, names) == {"category_id"}  # the queue keeps the category, sent back
    accepts = setting("rt_custom_fields").accepts
    assert accepts("ci=Asset; category=Kategorie") and accepts("")
    assert not accepts("colour=Blue") and not accepts("Asset")


def test_category_service_and_ci_are_sent_as_the_rows_names():
    custom = [{"id": "4", "name": "Category", "values": []}, {"id": "5", "name": "CI", "values": ["x"]}]
    assert m.custom_fields_of({"CustomFields": custom}) == {"category_id", "ci_id"}
    assert m.custom_field_ids({"CustomFields": custom}) == {"Category": "4", "CI": "5"}
    body, unmapped = m.update_body({"category_id": "C1", "ci_id": None, "service_id": "S1"}, queue_of={},
                                   user_of={}, custom={"category_id", "ci_id"}, labels={"C1": "Network"})
    assert body == {"CustomFields": {"Category": "Network", "CI": None}}  # None clears RT's field
    assert unmapped == ["service_id"]  # the queue has no Service field
    body, unmapped = m.update_body({"category_id": "gone"}, queue_of={}, user_of={}, custom={"category_id"},
                                   labels={})
    assert (body, unmapped) == ({}, ["category_id"])  # a row the desk no longer has: nothing sent


def test_a_select_field_takes_only_its_lists_values():
    field = {"Name": "Area", "Type": "Select", "Values": [{"name": "E-mail", "category": ""}]}
    assert m.select_refusal(field, "E-mail") is None and m.select_refusal(field, None) is None
    assert "'Area' is a list without 'Phones'" in (m.select_refusal(field, "Phones") or "")
    assert m.select_refusal({"Name": "Free", "Type": "Freeform"}, "Phones") is None
    as_names = {"Name": "Area", "Type": "Select", "Values": ["E-mail", "Printing"]}  # what RT 5.0.3 sends
    assert m.select_refusal(as_names, "Printing") is None and m.select_refusal(as_names, "Phones")
    assert "no custom field 'Kategorie'" in m.no_field_reason("category_id", {"category_id": "Kategorie"})
    assert "no field for this" in m.no_field_reason("description")
