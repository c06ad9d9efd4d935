"""The people directory: cleaning rules, the caller lookup (results, plans), cards, the list, the operations."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from app.models import AuditEvent, OutboxMutation, Person
from app.people import directory, ops
from app.tickets import writes as tickets
from core.people.rules import PersonInvalid, clean_person, guess_fields, lookup_words, match_expression

# ----- rules

def test_clean_person_trims_folds_and_refuses_bad_values():
    clean = clean_person({"name": "  Ana\u202e  María\x00 ", "email": "Ana@Example.COM", "phone": " +44 20 7946 0123",
                          "language": "FR-ca", "vip": True})
    assert clean == {"name": "Ana María", "email": "ana@example.com", "phone": "+44 20 7946 0123",
                     "language": "fr-CA", "vip": True}
    for values, field in (({"name": ""}, "name"), ({"name": "A", "email": "not-an-address"}, "email"),
                          ({"name": "A", "phone": "call me"}, "phone"), ({"name": "A", "language": "english!"},
                                                                         "language"),
                          ({"name": "A", "vip": "yes"}, "vip"), ({"name": "x" * 201}, "name")):
        with pytest.raises(PersonInvalid) as err:
            clean_person(values)
        assert err.value.field == field
    with pytest.raises(PersonInvalid, match="Unknown"):
        clean_person({"name": "A", "id": "x"})
    assert clean_person({"phone": "123 456"}, partial=True) == {"phone": "123 456"}


def test_lookup_words_are_safe_prefixes():
    assert lookup_words('Zoë "OR" smi*') == ["zoe", "or", "smi"]
    assert lookup_words("+44 7946-0123") == ["44", "7946", "0123"]
    assert match_expression(["7946", "44"]) == '"794644"* OR ("7946"* AND "44"*)'
    assert lookup_words("  ^*() ") == []
    assert match_expression(["smi", "zoe"]) == '"smi"* AND "zoe"*'
    assert guess_fields("ana@example.com") == {"email": "ana@example.com"}
    assert guess_fields("+44 20 7946") == {"phone": "+44 20 7946"}
    assert guess_fields("Ana  Lee") == {"name": "Ana Lee"}


# ----- lookup

def _add(session, name, **values):
    person = Person(name=name, **values)
    session.add(person)
    session.flush()
    return person.id


@pytest.fixture
def people(store):
    with store.session() as s:
        return {
            "ana": _add(s, "Ana Smith", email="ana.smith@example.com", phone="+44 20 7946 0123", department="Finance",
                        site="London", vip=True),
            "bo": _add(s, "Bo Smithers", email="bo@example.com", department="Sales", site="Paris"),
            "zoe": _add(s, "Zoë Blacksmith", email="zoe@example.com", department="Finance", site="London"),
            "old": _add(s, "Sam Smith", email="sam@example.com", active=False),
        }


def _names(store, typed, **kwargs):
    with store.read_session() as s:
        return [r.name for r in directory.lookup_callers(s, text=typed, **kwargs)]


def test_lookup_matches_word_prefixes_of_every_field(store, people):
    assert _names(store, "smi") == ["Ana Smith", "Bo Smithers"]  # name-word starts first; inactive Sam left out
    assert _names(store, "smi", include_inactive=True) == ["Ana Smith", "Bo Smithers", "Sam Smith"]
    assert _names(store, "zoe") == ["Zoë Blacksmith"]  # accents folded both ways
    assert _names(store, "ana.smith@") == ["Ana Smith"]
    assert _names(store, "+44 207946") == ["Ana Smith"]  # the phone's digits run together
    assert _names(store, "7946 0123") == ["Ana Smith"]
    assert _names(store, "finance lon") == ["Ana Smith", "Zoë Blacksmith"]
    assert _names(store, "paris") == ["Bo Smithers"]
    assert _names(store, '"; DROP TABLE person; --') == []
    assert _names(store, "NEAR(") == []


def test_lookup_follows_edits_through_the_triggers(store, me, people):
    with store.session() as s:
        ops.update_person(s, person_id=people["bo"], changes={"name": "Bo Jones", "phone": "555 0100"}, actor_id=me)
    assert _names(store, "smithers") == []
    assert _names(store, "jones") == ["Bo Jones"]
    assert _names(store, "5550") == ["Bo Jones"]
    with store.session() as s:
        s.execute(text("DELETE FROM person WHERE id = :id"), {"id": people["bo"]})
    assert _names(store, "jones") == []


def test_lookup_without_fts_falls_back_to_like(store, people):
    with store.session() as s:
        s.execute(text("UPDATE store_meta SET value = '0' WHERE key = 'fts'"))
    assert _names(store, "smi") == ["Ana Smith", "Bo Smithers", "Zoë Blacksmith"]
    assert _names(store, "100%") == []


def test_lookup_plan_uses_the_indexes(store, people):
    with store.read_session() as s:
        stmt = directory.matching_ids_sql(["smi"], 200)
        compiled = stmt.compile(compile_kwargs={"literal_binds": True})
        plan = " | ".join(r[3] for r in s.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "SCAN f VIRTUAL TABLE INDEX 0:M" in plan  # the MATCH answered by the index, not a full scan
    assert "SEARCH k USING INTEGER PRIMARY KEY" in plan
    with store.read_session() as s:
        rows = s.execute(text("EXPLAIN QUERY PLAN SELECT id, updated_at FROM ticket WHERE requester_id = 'x' "
                              "AND is_open = 1 ORDER BY updated_at DESC LIMIT 5")).all()
        plan = " | ".join(r[3] for r in rows)
        assert "ix_ticket_requester" in plan and "TEMP B-TREE" not in plan
        rows = s.execute(text("EXPLAIN QUERY PLAN SELECT id FROM person WHERE active = 1 ORDER BY name LIMIT 5"))
        assert "ix_person_name" in " | ".join(r[3] for r in rows)
        rows = s.execute(text("EXPLAIN QUERY PLAN SELECT id FROM person WHERE site = 'x' ORDER BY name LIMIT 5"))
        assert "ix_person_site_name" in " | ".join(r[3] for r in rows)


# ----- card and list

def test_caller_card_lists_open_and_recent_tickets(store, me, people):
    with store.session() as s:
        first = tickets.create_ticket(s, ticket_type="incident", title="Printer jams", actor_id=me,
                                      requester_id=people["ana"]).id
        tickets.create_ticket(s, ticket_type="incident", title="VPN drops", actor_id=me, requester_id=people["ana"])
        tickets.get_ticket(s, first).is_open = False
    with store.read_session() as s:
        card = directory.caller_card(s, person_id=people["ana"])
        assert directory.caller_card(s, person_id="nobody") is None
    assert card is not None and card.person.vip and card.person.site == "London"
    assert [t.title for t in card.open_tickets] == ["VPN drops"] and card.open_count == 1
    assert [t.title for t in card.recent_tickets] == ["Printer jams"]


def test_people_page_filters(store, me, people):
    def names(**kw):
        with store.read_session() as s:
            return [r.name for r in directory.people_page(s, flt=directory.PeopleFilter(**kw)).rows]

    assert names(vip=True) == ["Ana Smith"]
    assert names(site="London") == ["Ana Smith", "Zoë Blacksmith"]
    assert names(department="Sales") == ["Bo Smithers"]
    assert names(text="smi", active=None) == ["Ana Smith", "Bo Smithers", "Sam Smith"]
    assert names(active=False) == ["Sam Smith"]
    assert "Test Agent" in names(kind="agents") and "Test Agent" not in names(kind="requesters")
    with store.read_session() as s:
        page = directory.people_page(s, flt=directory.PeopleFilter(), limit=2)
    assert page.more and len(page.rows) == 2
    assert page.sites == ("London", "Paris") and page.departments == ("Finance", "Sales")


# ----- operations

def test_create_person_is_audited_and_queued(store, me):
    with store.session() as s:
        record = ops.create_person(s, values={"name": "New Caller", "email": "New@Example.com", "vip": True},
                                   actor_id=me)
    assert record.email == "new@example.com" and record.vip and not record.is_agent and record.active
    with store.read_session() as s:
        mutation = s.execute(select(OutboxMutation.entity, OutboxMutation.op, OutboxMutation.payload)
                             .where(OutboxMutation.entity_id == record.id)).one()
        audit = s.execute(select(AuditEvent.field, AuditEvent.new_value).where(AuditEvent.entity_id == record.id)).all()
    assert mutation.entity == "person" and mutation.op == "create"
    row = json.loads(mutation.payload)["row"]
    assert row["name"] == "New Caller" and row["vip"] is True and row["id"] == record.id
    assert [tuple(a) for a in audit] == [("created", "New Caller")]
    assert _names(store, "new cal") == ["New Caller"]


def test_create_refuses_bad_input_and_a_taken_address(store, me, people):
    with store.session() as s, pytest.raises(PersonInvalid) as err:
        ops.create_person(s, values={"name": "Copy", "email": "ANA.smith@example.com"}, actor_id=me)
    assert err.value.field == "email" and "Ana Smith" in str(err.value)
    with store.session() as s, pytest.raises(PersonInvalid):
        ops.create_person(s, values={"name": "   "}, actor_id=me)
    with store.read_session() as s:
        assert s.scalar(select(Person.id).where(Person.name == "Copy")) is None


def test_update_and_deactivate(store, me, people):
    with store.session() as s:
        record = ops.update_person(s, person_id=people["bo"], changes={"site": "Berlin", "vip": True,
                                                                     "department": "Sales"}, actor_id=me)
    assert record.site == "Berlin" and record.vip
    with store.read_session() as s:
        payload = s.scalar(select(OutboxMutation.payload).where(OutboxMutation.entity_id == people["bo"]))
        fields = json.loads(payload)["fields"]
    assert fields == {"site": {"base": "Paris", "new": "Berlin"}, "vip": {"base": False, "new": True}}
    with store.session() as s:
        assert not ops.set_active(s, person_id=people["bo"], active=False, actor_id=me).active
    assert _names(store, "bo") == []
    with store.session() as s, pytest.raises(PersonInvalid, match="yourself"):
        ops.set_active(s, person_id=me, active=False, actor_id=me)
