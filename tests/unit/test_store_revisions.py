"""The store reads its migrations' revision graph without Alembic; it must agree with Alembic's."""

from __future__ import annotations

import subprocess
import sys

from alembic.script import ScriptDirectory

from app.store import alembic_config, head_revision, known_revisions


def test_revisions_and_heads_match_alembic():
    script = ScriptDirectory.from_config(alembic_config())
    assert known_revisions() == {r.revision for r in script.walk_revisions()}
    assert head_revision() == "+".join(sorted(script.get_heads()))


def test_opening_a_current_store_does_not_import_alembic(tmp_path):
    path = tmp_path / "desk.sqlite3"
    # The first open creates and migrates (Alembic runs); a second process opening the current store must not.
    subprocess.run([sys.executable, "-c", "import sys; from app.store import open_store; "
                    "open_store(sys.argv[1]).close()", str(path)], check=True)
    out = subprocess.run([sys.executable, "-c", "import sys; from app.store import open_store; "
                          "s = open_store(sys.argv[1]); print('alembic' in sys.modules); s.close()", str(path)],
                         check=True, capture_output=True, text=True).stdout.split()
    assert out == ["False"]
