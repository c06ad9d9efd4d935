"""The demo's templates and macros: valid by the same rules as the user's, and usable on the demo desk."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.demo.generator import generate
from app.demo.templates import MACROS, TEMPLATES
from app.macros import queries, run
from app.models import Macro, Ticket
from app.store import open_store
from core.macros.rules import check_macro_whole, clean_macro, clean_template


@pytest.mark.parametrize(("name", "kind", "body", "shared"), TEMPLATES)
def test_every_demo_template_passes_the_rules(name, kind, body, shared):
    assert clean_template({"name": name, "kind": kind, "body": body})["body"] == body


@pytest.mark.parametrize(("name", "description", "changes", "kind", "body", "shared"), MACROS)
def test_every_demo_macro_passes_the_rules(name, description, changes, kind, body, shared):
    check_macro_whole(clean_macro({"name": name, "description": description, "changes": changes,
                                   "entry_kind": kind, "entry_body": body}))


def test_the_demo_desk_has_them_and_a_macro_runs_on_it(tmp_path):
    path = tmp_path / "demo.sqlite3"
    generate(path, tickets=300, seed=3)
    store = open_store(path)
    try:
        with store.session() as s:
            me = s.scalar(select(Macro.owner_id).where(Macro.owner_id.is_not(None)))
            templates = queries.list_templates(s, me=me)
            assert len(templates) == len(TEMPLATES)
            assert sum(not t.shared for t in templates) == sum(not t[3] for t in TEMPLATES)
            assert len(queries.list_templates(s, me="someone-else")) == sum(t[3] for t in TEMPLATES)
            macros = {m.name: m for m in queries.list_macros(s, me=me)}
            assert len(macros) == len(MACROS)
            network = macros["Escalate to Network"]
            open_ids = s.scalars(select(Ticket.id).where(Ticket.is_open).limit(5)).all()
            result = run.apply_macro(s, macro_id=network.id, ticket_ids=list(open_ids), actor_id=me)
            assert open_ids and len(result.changed) == len(open_ids) == result.entries and result.skipped == ()
            expanded = queries.expand_template(s, template_id=templates[-1].id, ticket_id=open_ids[0], me=me)
            assert "{{" not in expanded.text
    finally:
        store.close()
