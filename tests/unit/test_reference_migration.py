"""Migration 0024: the site names people carry become site rows; services get their new columns' defaults."""

from __future__ import annotations

import uuid

from sqlalchemy import text

from app.store import make_engine, upgrade


def test_the_desk_makes_a_site_for_every_site_name(tmp_path):
    engine = make_engine(tmp_path / "old.sqlite3")
    upgrade(engine, "0023")
    with engine.begin() as conn:
        for name, site in (("Ana", "London"), ("Bo", "London"), ("Cy", "Paris"), ("Di", None), ("Ed", "")):
            conn.execute(text("INSERT INTO person (id, name, is_agent, active, vip, site) "
                              "VALUES (:id, :name, 0, 1, 0, :site)"), {"id": str(uuid.uuid4()), "name": name,
                                                                       "site": site})
        conn.execute(text("INSERT INTO service (id, name) VALUES ('s1', 'Mail')"))
    upgrade(engine)
    with engine.connect() as conn:
        assert [r[0] for r in conn.execute(text("SELECT name FROM site ORDER BY name"))] == ["London", "Paris"]
        assert conn.execute(text("SELECT criticality, active, hours FROM service")).one() == (3, 1, None)
        assert conn.execute(text('SELECT count(*) FROM "group" WHERE active')).scalar() == 0
    engine.dispose()
