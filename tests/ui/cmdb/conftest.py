"""A hand-built CMDB on a real store, made through the CMDB's operations: a payroll service on a web
application, its database, host and storage, with open incidents and a change planned on the database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.changes import writes as changes
from app.cmdb import ops as cmdb_ops
from app.models import Service, TicketSla
from app.people import reference
from app.tickets import writes as tickets
from core.schema import utcnow


@pytest.fixture
def cmdb(store, seeded):
    """Ids by short name: svc (business service) depends on app, app depends on db and runs on host, db
    connects to san, lonely has no relations. Open incidents: i_db (higher priority) and i_db2 on db, i_app on
    app. Change chg on db, planned from an hour from now for two hours; i_db's SLA falls due inside it."""
    me = seeded["me"]
    with store.session() as s:
        service = Service(name="Payroll")
        s.add(service)
        s.flush()

        def ci(name, ci_class, criticality=3, **values):
            return cmdb_ops.create_ci(s, values={"name": name, "ci_class": ci_class, "criticality": criticality,
                                                 **values}, actor_id=me).ci.id

        ids = {"service": service.id,
               "svc": ci("Payroll service", "business_service", 1, service_id=service.id),
               "app": ci("payroll-web", "application", 1, service_id=service.id,
                         attributes={"vendor": "Acme", "version": "4.2"}),
               "db": ci("payroll-db", "database", 1, serial="SN-DB-1"),
               "host": ci("srv-web-01", "server", 2, status="maintenance"),
               "san": ci("san-01", "storage", 2),
               "lonely": ci("spare-laptop", "workstation", 4, status="in_stock")}
        for source, target, kind in (("svc", "app", "depends_on"), ("app", "db", "depends_on"),
                                     ("app", "host", "runs_on"), ("db", "san", "connects_to")):
            ids[f"{source}>{target}"] = cmdb_ops.add_relation(s, source_id=ids[source], target_id=ids[target],
                                                              type=kind, actor_id=me)

        def incident(title, ci_key, **kw):
            t = tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=me, ci_id=ids[ci_key], **kw)
            return t.id, t.number

        ids["i_db"], ids["i_db_number"] = incident("Payroll database slow", "db", impact=2, urgency=2)
        ids["i_db2"], ids["i_db2_number"] = incident("Payroll reports time out", "db")
        ids["i_app"], ids["i_app_number"] = incident("Payroll web login fails", "app")
        start = utcnow() + timedelta(hours=1)
        chg = changes.create_change(s, change_type="normal", title="Patch the payroll database", actor_id=me,
                                    ci_ids=[ids["db"]], planned_start=start, planned_end=start + timedelta(hours=2))
        ids["chg"], ids["chg_number"] = chg.id, chg.number
        s.merge(TicketSla(ticket_id=ids["i_db"], computed_at=utcnow(), state="running",
                          due_at=start + timedelta(minutes=30)))
        s.commit()
    return ids


@pytest.fixture
def cmdb_ctx(ctx, store, cmdb):
    """The UI context with reference data reloaded after the CMDB was built (the app reloads it too)."""
    with store.session() as s:
        ctx.reference = reference.reference_data(s)
    return ctx
