"""The ORM modules load on first use: a name brings its own module, `Base` and a flush bring them all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import app.models

ROOT = Path(__file__).resolve().parents[2]

# Run in a new interpreter: this test process has imported every model module long ago.
_PROBE = """
import json, sys
from pathlib import Path

def loaded():
    return sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("app.models.")
                  and m not in ("app.models.base", "app.models.configure_retry"))  # base's, not a model module

out = {}
import app.models
out["bare"] = loaded()
from app.models import Ticket
out["ticket"] = loaded()

from app.store import open_store
from sqlalchemy import select
from app.models import StoreMeta
store = open_store(Path(sys.argv[1]))
with store.read_session() as session:
    session.scalar(select(Ticket.row_id).limit(1))  # a read: configures the mappers loaded so far
out["after_read"] = loaded()
from app.models import Person
with store.session() as session:
    session.add(Person(name="Lazy Loaded", email="lazy@example.test", is_agent=True))
    session.flush()
out["after_flush"] = loaded()
store.close()
print(json.dumps(out))
"""


def _probe(tmp_path: Path) -> dict:
    from app.store import open_store

    open_store(tmp_path / "desk.sqlite3").close()  # made and migrated here: a user's store opens as it is
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(tmp_path / "desk.sqlite3")], capture_output=True,
                          text=True, timeout=120, env=env, cwd=ROOT)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, proc.stderr[-3000:]
    return json.loads(lines[-1])


def test_a_model_name_loads_its_own_module_and_a_flush_loads_them_all(tmp_path):
    seen = _probe(tmp_path)
    assert seen["bare"] == []
    assert "ticket" in seen["ticket"]
    for rare in ("kpi", "knowledge", "cmdb", "change", "macros"):
        assert rare not in seen["ticket"], seen
        assert rare not in seen["after_read"], seen  # opening the store and reading tickets does not need them
    assert seen["after_flush"] == sorted(app.models.MODULES)


def test_base_holds_every_table_and_every_name_resolves():
    from app.models import Base

    assert {"ticket", "kpi_daily", "article", "change", "macro", "ci_relation"} <= set(Base.metadata.tables)
    for name in app.models.__all__:
        assert getattr(app.models, name) is not None
