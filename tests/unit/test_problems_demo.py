"""The demo's problem management: incidents linked to problems, known errors with workarounds and dates,
fixes by changes, one major incident with children and a log; and every problem view name of
`--screenshot --view` works on a fresh demo store."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.demo.generator import generate

ROOT = Path(__file__).resolve().parents[2]
UNTIL = date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    generate(path, tickets=3000, seed=5, until=UNTIL)
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_demo_problems_hold_the_rules(demo):
    linked = rows(demo, "SELECT count(*), count(DISTINCT problem_id) FROM ticket WHERE problem_id IS NOT NULL")[0]
    assert linked[0] > 50 and linked[1] > 20
    assert rows(demo, "SELECT count(*) FROM ticket i JOIN ticket p ON p.id = i.problem_id "
                      "WHERE i.type != 'incident' OR p.type != 'problem'") == [(0,)]
    known = rows(demo, "SELECT workaround, known_error_at, created_at, root_cause, cause_code FROM ticket "
                       "WHERE known_error")
    assert len(known) > 10
    assert all(w and at and at >= created and cause and code for w, at, created, cause, code in known)
    assert rows(demo, "SELECT count(*) FROM ticket WHERE type != 'problem' AND (known_error OR root_cause IS NOT NULL "
                      "OR workaround IS NOT NULL)") == [(0,)]
    assert rows(demo, "SELECT count(*) FROM ticket t LEFT JOIN change c ON c.id = t.fix_change_id "
                      "WHERE t.fix_change_id IS NOT NULL AND c.id IS NULL") == [(0,)]
    assert rows(demo, "SELECT count(*) FROM ticket WHERE fix_change_id IS NOT NULL")[0][0] > 0
    # Each problem affects one to three CIs in all (its primary ci_id and problem_ci), many more than one.
    per_problem = rows(demo, "SELECT (p.ci_id IS NOT NULL) + (SELECT count(*) FROM problem_ci x WHERE "
                             "x.problem_id = p.id AND x.ci_id IS NOT p.ci_id) FROM ticket p WHERE p.type = 'problem'")
    assert per_problem and all(n <= 3 for (n,) in per_problem)
    assert sum(n >= 2 for (n,) in per_problem) > len(per_problem) / 3
    (major, children), = rows(demo, "SELECT id, (SELECT count(*) FROM ticket c WHERE c.major_id = t.id) FROM ticket t "
                                    "WHERE is_major")
    assert children >= 1
    assert rows(demo, f"SELECT count(*) FROM worklog_entry WHERE ticket_id = '{major}' AND kind = 'comms'") == [(3,)]
    # the log is searchable like every worklog entry
    assert rows(demo, "SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH 'declared'")[0][0] >= 1


@pytest.mark.parametrize("view", ["problems", "problem:{number}", "known_errors", "major_incidents"])
def test_each_problem_view_screenshots_from_a_fresh_demo_store(demo, tmp_path, view):
    number = rows(demo, "SELECT number FROM ticket WHERE type = 'problem' AND known_error ORDER BY row_id")[0][0]
    out = tmp_path / "shot.png"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", DESKSIDE_LOG_DIR=str(tmp_path / "logs"),
               DESKSIDE_CONFIG_DIR=str(tmp_path / "config"), DESKSIDE_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "app", "--store", str(demo), "--screenshot", str(out), "--view",
                           view.format(number=number), "--size", "1280x720"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000
