"""Migration 0016_reference_data: the site names people carry become site rows, logged for desks to pull."""

from __future__ import annotations

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine, text

from server.db import MIGRATIONS


def test_the_server_makes_the_site_rows_and_logs_them_for_desks(tmp_path):
    url = f"sqlite+pysqlite:///{tmp_path / 'server.sqlite3'}"
    engine = create_engine(url)
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0015_cmdb")
        conn.execute(text("INSERT INTO person (id, name, is_agent, active, vip, site) VALUES "
                          "('p1', 'Ana', 0, 1, 0, 'Oslo'), ('p2', 'Bo', 0, 1, 0, 'Oslo')"))
        conn.execute(text("INSERT INTO change_log (seq, entity, entity_id, op, at) "
                          "VALUES (7, 'person', 'p1', 'upsert', '2026-01-01 00:00:00')"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with engine.connect() as conn:
        [(site_id, name)] = conn.execute(text("SELECT id, name FROM site")).all()
        assert name == "Oslo"
        assert conn.execute(text("SELECT seq, entity, entity_id FROM change_log WHERE seq > 7")).all() == \
            [(8, "site", site_id)]
    engine.dispose()
