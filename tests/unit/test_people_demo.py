"""The demo desk's people carry the directory fields, and the caller lookup finds them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.demo.generator import SITES, generate
from app.models import Person
from app.people.directory import lookup_callers
from app.store import open_store


def _generated(path):
    generate(path, tickets=200, seed=3, until=date(2026, 11, 1))
    return path


def test_demo_people_have_phone_site_language_and_a_few_vips(tmp_path):
    store = open_store(_generated(tmp_path / "demo.sqlite3"))
    try:
        with store.read_session() as s:
            people = s.execute(select(Person.name, Person.phone, Person.site, Person.language, Person.vip,
                                      Person.is_agent)).all()
            requesters = [p for p in people if not p.is_agent]
            assert {p.site for p in people} <= {name for name, _, _ in SITES} | {None}
            assert sum(p.phone is not None for p in people) > 0.8 * len(people)
            assert all(p.language for p in people if p.site)
            assert 0 < sum(p.vip for p in requesters) < 0.1 * len(requesters)
            assert not any(p.vip for p in people if p.is_agent)
            someone = next(p for p in requesters if p.phone)
            digits = "".join(c for c in someone.phone if c.isdigit())
            assert someone.name in [r.name for r in lookup_callers(s, text=digits, limit=50)]
            in_paris = s.scalar(select(func.count()).select_from(Person).where(Person.site == "Paris",
                                                                                Person.active.is_(True)))
            assert len(lookup_callers(s, text="paris", limit=1000)) == min(in_paris, 200)
            first = s.execute(select(Person.id, Person.phone, Person.site, Person.vip).order_by(Person.id)).all()
        # The same seed gives the same people.
        again = open_store(_generated(tmp_path / "again.sqlite3"))
        try:
            with again.read_session() as s2:
                assert s2.execute(select(Person.id, Person.phone, Person.site, Person.vip)
                                  .order_by(Person.id)).all() == first
        finally:
            again.close()
    finally:
        store.close()
