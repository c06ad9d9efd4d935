"""Reference lists on a real store: services, groups, categories and sites, their audit and outbox, pickers, CSV."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from app.models import AuditEvent, Category, OutboxMutation, Person, Service, Site, group_member
from app.people import fts_bulk, reference_transfer, transfer
from app.people import ops as people_ops
from app.people import reference_ops as ops
from app.people import reference_queries as q
from app.people.directory import lookup_callers
from app.people.reference import reference_data
from core.csv_table import CsvFileError, read_csv
from core.errors import ValidationError
from core.people.reference_csv import SERVICES
from core.people.reference_rules import ReferenceInvalid, describe_hours, parse_hours


def _outbox(s, entity):
    return [(m.op, json.loads(m.payload)) for m in s.scalars(
        select(OutboxMutation).where(OutboxMutation.entity == entity).order_by(OutboxMutation.seq))]


def test_hours_are_typed_as_people_say_them_and_checked():
    stored = parse_hours("mon-fri 08:00-12:00 13:00-17:00; Sat 09:00-12:00", "europe/london")
    assert describe_hours(stored) == ("Mon-Fri 08:00-12:00 13:00-17:00; Sat 09:00-12:00", "Europe/London")
    assert describe_hours(parse_hours("24x7", "UTC")) == ("24x7", "UTC")
    assert parse_hours("", None) is None
    for typed, tz, field in (("Mon 9-5", "UTC", "hours"), ("Funday 08:00-10:00", "UTC", "hours"),
                             ("Mon 18:00-08:00", "UTC", "hours"), ("Mon 08:00-10:00", "Mars/Base", "hours_tz"),
                             ("Mon 08:00-10:00", None, "hours_tz")):
        with pytest.raises(ReferenceInvalid) as info:
            parse_hours(typed, tz)
        assert info.value.field == field


def test_a_service_is_created_edited_and_retired_with_audit_and_outbox(store, me):
    with store.session() as s:
        group = ops.create_group(s, values={"name": "Payroll team"}, actor_id=me)
        sid = ops.create_service(s, values={"name": " Payroll ", "owner_id": me, "owner_group_id": group,
                                            "criticality": 2, "sla_policy": "Standard support",
                                            "hours": parse_hours("Mon-Fri 08:00-18:00", "Europe/Berlin")},
                                 actor_id=me)
    with store.session() as s, pytest.raises(ReferenceInvalid, match="already"):
        ops.create_service(s, values={"name": "PAYROLL"}, actor_id=me)
    with store.session() as s:
        ops.update_service(s, service_id=sid, changes={"criticality": 1, "description": "Salaries"}, actor_id=me)
        ops.update_service(s, service_id=sid, changes={"active": False}, actor_id=me)
    with store.read_session() as s:
        row = next(r for r in q.services(s) if r.id == sid)
        assert (row.name, row.criticality, row.support_group_name, row.hours_text, row.hours_tz, row.active) == \
            ("Payroll", 1, "Payroll team", "Mon-Fri 08:00-18:00", "Europe/Berlin", False)
        out = _outbox(s, "service")
        assert out[0][0] == "create" and out[0][1]["row"]["owner_group_id"] == group
        assert out[1] == ("update", {"fields": {"criticality": {"base": 2, "new": 1},
                                                "description": {"base": None, "new": "Salaries"}}})
        assert out[2][1]["fields"]["active"] == {"base": True, "new": False}
        fields = s.scalars(select(AuditEvent.field).where(AuditEvent.entity_id == sid)).all()
        assert sorted(fields) == ["active", "created", "criticality", "description"]
        ref = reference_data(s)
        assert sid not in {c.id for c in ref.services} and ref.name_of("services", sid) == "Payroll"


def test_the_category_tree_moves_and_retires_but_never_loops(store, me):
    with store.session() as s:
        hardware = ops.create_category(s, values={"name": "Hardware"}, actor_id=me)
        laptop = ops.create_category(s, values={"name": "Laptop", "parent_id": hardware}, actor_id=me)
        battery = ops.create_category(s, values={"name": "Battery", "parent_id": laptop}, actor_id=me)
        other = ops.create_category(s, values={"name": "Other", "parent_id": hardware}, actor_id=me)
        ops.create_category(s, values={"name": "Other"}, actor_id=me)  # same name elsewhere in the tree: fine
    with store.session() as s, pytest.raises(ReferenceInvalid, match="itself"):
        ops.update_category(s, category_id=hardware, changes={"parent_id": battery}, actor_id=me)
    with store.session() as s, pytest.raises(ReferenceInvalid, match="already"):
        ops.create_category(s, values={"name": "other", "parent_id": hardware}, actor_id=me)
    with store.session() as s:
        ops.update_category(s, category_id=battery, changes={"parent_id": hardware}, actor_id=me)
        ops.update_category(s, category_id=other, changes={"active": False}, actor_id=me)
    with store.read_session() as s:
        paths = [(c.path, c.depth, c.active) for c in q.category_rows(s) if c.path.startswith("Hardware")]
        assert paths == [("Hardware", 0, True), ("Hardware / Battery", 1, True), ("Hardware / Laptop", 1, True),
                         ("Hardware / Other", 1, False)]
        picker = [c.name for c in reference_data(s).categories]
        assert "Hardware / Battery" in picker and "Hardware / Other" not in picker
        assert s.get(Category, laptop) is not None


def test_sites_come_from_people_and_a_rename_follows_them(store, me):
    with store.session() as s:
        ana = people_ops.create_person(s, values={"name": "Ana", "site": "london"}, actor_id=me).id
        people_ops.create_person(s, values={"name": "Bo", "site": "LONDON"}, actor_id=me)
    with store.session() as s:
        sites = q.sites(s)
        assert [x.name for x in sites] == ["london"]  # one row; the second person took its spelling
        assert s.scalar(select(func.count()).select_from(Person).where(Person.site == "london")) == 2
        ops.update_site(s, site_id=sites[0].id, changes={"name": "London", "timezone": "europe/london"},
                        actor_id=me)
    with store.read_session() as s:
        assert s.get(Person, ana).site == "London" and s.get(Site, sites[0].id).timezone == "Europe/London"
        assert [r.id for r in lookup_callers(s, text="ana london")] == [ana]  # the index follows the rename
        assert q.usage(s, entity="site", row_id=sites[0].id).people == 2
        assert [op for op, _ in _outbox(s, "person")] == ["create", "create"]  # the server renames its own


def test_members_are_agents_and_each_change_is_queued(store, me):
    with store.session() as s:
        group = ops.create_group(s, values={"name": "Nights", "description": "After hours"}, actor_id=me)
        requester = people_ops.create_person(s, values={"name": "Req"}, actor_id=me).id
        ops.add_member(s, group_id=group, person_id=me, actor_id=me)
        ops.add_member(s, group_id=group, person_id=me, actor_id=me)  # already in: nothing more
    with store.session() as s, pytest.raises(ReferenceInvalid, match="requester"):
        ops.add_member(s, group_id=group, person_id=requester, actor_id=me)
    with store.session() as s:
        ops.remove_member(s, group_id=group, person_id=me, actor_id=me)
    with store.read_session() as s:
        assert _outbox(s, "group_member") == [
            ("create", {"row": {"group_id": group, "person_id": me}}),
            ("delete", {"row": {"group_id": group, "person_id": me}})]
        assert q.group_members(s, group_id=group) == ()
        assert s.scalar(select(func.count()).select_from(group_member)) == 0


SERVICES_CSV = ("Name,Owner,Criticality,SLA policy,Support group,Hours,Time zone,Active\r\n"
                "Payroll,owner@example.com,high,Standard support,Payroll team,Mon-Fri 08:00-18:00,Europe/Berlin,\r\n"
                "Mail,,1,,,24x7,UTC,yes\r\n")


def test_services_import_resolves_names_and_is_all_or_nothing(store, me, tmp_path):
    with store.session() as s:
        owner = people_ops.create_person(s, values={"name": "Olga Owner", "email": "owner@example.com"},
                                         actor_id=me).id
        group = ops.create_group(s, values={"name": "Payroll team"}, actor_id=me)
        mail = ops.create_service(s, values={"name": "mail", "criticality": 3}, actor_id=me)
    path = tmp_path / "services.csv"
    path.write_text(SERVICES_CSV, encoding="utf-8")
    with store.read_session() as s:
        preview = reference_transfer.preview_services(s, path=str(path))
    assert (preview.new, preview.updates, preview.problems) == (1, 1, ())
    with store.session() as s:
        result = reference_transfer.import_services(s, preview=preview, actor_id=me)
    assert (result.added, result.updated) == (1, 1)
    with store.read_session() as s:
        rows = {r.name: r for r in q.services(s)}
        assert (rows["Payroll"].owner_id, rows["Payroll"].support_group_id, rows["Payroll"].criticality) == \
            (owner, group, 2)
        assert s.get(Service, mail).criticality == 1 and rows["Mail"].hours_text == "24x7"  # matched, renamed
        out = tmp_path / "out.csv"
        assert reference_transfer.export_services(s, path=str(out)) == 2
    back = read_csv(out.read_bytes(), SERVICES)
    assert not back.problems and {v["name"] for _, v in back.rows} == {"Payroll", "Mail"}
    assert next(v for _, v in back.rows if v["name"] == "Payroll")["owner"] == "owner@example.com"

    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Owner,Support group,Criticality,Hours,Time zone\n"
                   "Fine,,,,,\n"
                   "Nobody,ghost@example.com,,,,\n"
                   "No group,,Ghosts,,,\n"
                   "Hot,,,9,,\n"
                   "Late,,,,Mon 18:00-08:00,UTC\n"
                   "fine,,,,,\n", encoding="utf-8")
    with store.read_session() as s:
        preview = reference_transfer.preview_services(s, path=str(bad))
    assert [(p.line, p.column) for p in preview.problems] == [
        (3, "owner"), (4, "support_group"), (5, "criticality"), (6, "hours"), (7, "name")]
    with store.session() as s, pytest.raises(ValidationError, match="nothing was imported"):
        reference_transfer.import_services(s, preview=preview, actor_id=me)
    with store.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Service).where(Service.name == "Fine")) == 0


@pytest.mark.parametrize("data, message", [
    (b"Owner\nx@example.com\n", "Name"), (b"Name\r\n", "holds no services"),
    (bytes(range(256)) * 4, "not text in UTF-8"), (b"Name\x00\nA\n", "binary"),
    (b"Name,Owner\nA,\"x\n", "cannot be read"), (b"Name,name\nA,B\n", "twice"),
])
def test_unusable_services_files_are_refused_whole(data, message):
    with pytest.raises(CsvFileError, match=message):
        read_csv(data, SERVICES)


def test_exports_of_groups_categories_and_sites(store, me, tmp_path):
    with store.session() as s:
        group = ops.create_group(s, values={"name": "=Formula"}, actor_id=me)
        ops.add_member(s, group_id=group, person_id=me, actor_id=me)
        top = ops.create_category(s, values={"name": "Hardware"}, actor_id=me)
        ops.create_category(s, values={"name": "Laptop", "parent_id": top}, actor_id=me)
        ops.create_site(s, values={"name": "Paris", "address": "1 rue\nParis", "timezone": "Europe/Paris"},
                        actor_id=me)
    with store.read_session() as s:
        for fn, name in ((reference_transfer.export_groups, "g"), (reference_transfer.export_categories, "c"),
                         (reference_transfer.export_sites, "s")):
            fn(s, path=str(tmp_path / f"{name}.csv"))
    groups = (tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()
    assert groups[0] == "Name,Description,Members,Active" and groups[1].startswith("'=Formula,,Test Agent,yes")
    assert "Hardware / Laptop,Laptop,Hardware,yes" in (tmp_path / "c.csv").read_text(encoding="utf-8")
    assert '"1 rue\r\nParis"' in (tmp_path / "s.csv").read_text(encoding="utf-8") or \
        '"1 rue\nParis"' in (tmp_path / "s.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("count", [5_000, pytest.param(25_000, marks=pytest.mark.soak)])
def test_a_big_people_import_builds_the_lookup_index_once_and_completely(store, me, tmp_path, count):
    """5,000 new people in make test, over twice the bulk path's threshold (app.people.fts_bulk.SMALL);
    the 25,000-row run is its twin in make soak."""
    assert count > 2 * fts_bulk.SMALL
    lines = ["name,email,site,phone"] + [f"Person {i} Zq{i % 97},p{i}@example.com,Site {i % 7},+44 20 {i:07d}"
                                         for i in range(count)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with store.read_session() as s:
        preview = transfer.preview_import(s, path=str(path))
    with store.session() as s:
        assert transfer.import_people(s, preview=preview, actor_id=me).added == count
    with store.read_session() as s:
        keys = s.scalar(text("SELECT count(*) FROM person_fts_key"))
        people = s.scalar(select(func.count()).select_from(Person))
        assert keys == people  # every person indexed once, the trigger back in place
        assert s.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'person_fts_ai'")) == 1
        found = lookup_callers(s, text="zq93 p4458")
        assert [r.name for r in found] == ["Person 4458 Zq93"]
        assert [r.email for r in lookup_callers(s, text="20 0004458")] == ["p4458@example.com"]
        assert [x.name for x in q.sites(s)] == [f"Site {i}" for i in range(7)]
        assert s.scalar(select(func.count()).select_from(OutboxMutation)
                        .where(OutboxMutation.entity == "person")) == count
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.field == "created",
                                                                           AuditEvent.entity == "person")) == count
    with store.session() as s:  # the trigger indexes a person added afterwards as before
        pid = people_ops.create_person(s, values={"name": "Late Comer"}, actor_id=me).id
    with store.read_session() as s:
        assert [r.id for r in lookup_callers(s, text="late com")] == [pid]


def test_the_ticket_count_queries_use_indexes(store):
    with store.read_session() as s:
        for column in ("category_id", "service_id"):
            plan = " ".join(str(r) for r in s.execute(text(
                f"EXPLAIN QUERY PLAN SELECT count(*) FROM ticket WHERE {column} = 'x'")))
            assert "USING COVERING INDEX ix_ticket_" in plan, plan


def test_the_demo_desk_has_sites_and_complete_services(tmp_path):
    from datetime import date

    from app.demo.generator import SITES, generate
    from app.store import open_store

    generate(tmp_path / "demo.sqlite3", tickets=100, seed=5, until=date(2026, 11, 1))
    st = open_store(tmp_path / "demo.sqlite3")
    try:
        with st.read_session() as s:
            sites = {x.name: x for x in q.sites(s)}
            used = set(s.scalars(select(Person.site).where(Person.site.is_not(None))))
            assert used <= set(sites) <= {name for name, *_ in SITES}
            assert sites["London"].timezone == "Europe/London" and sites["London"].address
            services = q.services(s)
            assert services and all(x.owner_name and x.hours_text and x.sla_policy for x in services)
            assert {x.criticality for x in services} <= {1, 2, 3, 4}
    finally:
        st.close()


def test_a_service_measures_its_tickets_with_the_sla_policy_it_names(store, me):
    from app.models import BusinessCalendarRow, SlaPolicyRow, TicketSla
    from app.tickets import writes as tickets

    with store.session() as s:
        calendar = s.scalars(select(BusinessCalendarRow)).first()
        gold = SlaPolicyRow(name="Gold", calendar_id=calendar.id, position=5,
                            match=json.dumps({"types": ["incident"]}),
                            targets=json.dumps([{"priority": p, "service_id": None, "response_s": 600,
                                                 "resolution_s": 3600} for p in range(1, 6)]))
        s.add(gold)
        s.flush()
        gold_id = gold.id
        named = ops.create_service(s, values={"name": "Trading", "sla_policy": "gold"}, actor_id=me)
        plain = ops.create_service(s, values={"name": "Canteen"}, actor_id=me)
        elsewhere = ops.create_service(s, values={"name": "Branch", "sla_policy": "Platinum"}, actor_id=me)
    with store.session() as s:
        ids = {key: tickets.create_ticket(s, ticket_type="incident", title=key, actor_id=me, service_id=sid).id
               for key, sid in (("named", named), ("plain", plain), ("elsewhere", elsewhere))}
    with store.read_session() as s:
        policy = {k: s.get(TicketSla, tid).policy_id for k, tid in ids.items()}
    assert policy["named"] == gold_id  # the service's policy, though a policy before it matches too
    assert policy["plain"] != gold_id and policy["elsewhere"] == policy["plain"]  # not on this desk: the desk's own
    with store.session() as s:  # the service drops its policy: its open tickets are measured again at once
        ops.update_service(s, service_id=named, changes={"sla_policy": None}, actor_id=me)
    with store.read_session() as s:
        assert s.get(TicketSla, ids["named"]).policy_id == policy["plain"]
