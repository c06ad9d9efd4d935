#!/bin/sh
# Remakes docs/screenshots/ with the app's own --screenshot on a fresh demo desk (offscreen, no X).
set -eu
cd "$(dirname "$0")/.."
BIN=${DESKSIDE:-.venv/bin/deskside}
STORE=$(mktemp -d)/screens.sqlite3
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export DESKSIDE_CONFIG_DIR=$(mktemp -d)
"$BIN" demo --tickets 20000 --seed 11 --store "$STORE"
number=$(python3 - "$STORE" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
me = con.execute("select value from store_meta where key='current_user'").fetchone()[0]
row = con.execute("""select t.number from ticket t where t.assignee_id = ? and t.is_open = 1
                     and (select count(*) from worklog_entry w where w.ticket_id = t.id) >= 2
                     order by t.priority, t.updated_at desc limit 1""", (me,)).fetchone()
print(row[0] if row else "INC0000001")
PY
)
"$BIN" --store "$STORE" --screenshot docs/screenshots/queue.png --view queue
"$BIN" --store "$STORE" --screenshot docs/screenshots/ticket.png --view "ticket:$number"
"$BIN" --store "$STORE" --screenshot docs/screenshots/dark.png --view queue --theme dark
"$BIN" --store "$STORE" --screenshot docs/screenshots/changes.png --view changes
"$BIN" --store "$STORE" --screenshot docs/screenshots/calendar.png --view calendar
"$BIN" --store "$STORE" --screenshot docs/screenshots/timeline.png --view timeline
"$BIN" --store "$STORE" --screenshot docs/screenshots/dashboard.png --view dashboard
"$BIN" --store "$STORE" --screenshot docs/screenshots/dashboard-dark.png --view dashboard --theme dark
"$BIN" --store "$STORE" --screenshot docs/screenshots/people.png --view people --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/template-picker.png --view "ticket:$number:templates" --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/templates.png --view templates --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/macros.png --view macros --size 1280x720
problem=$(python3 - "$STORE" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
row = con.execute("""select p.number from ticket p where p.type = 'problem' and p.known_error = 1 and p.is_open = 1
                     order by (select count(*) from ticket i where i.problem_id = p.id and i.is_open = 1) desc,
                     p.updated_at desc limit 1""").fetchone()
print(row[0] if row else "PRB0000001")
PY
)
"$BIN" --store "$STORE" --screenshot docs/screenshots/problems.png --view problems --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/problem.png --view "problem:$problem" --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/known-errors.png --view known_errors --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/major-incidents.png --view major_incidents --size 1280x720
for view in services groups categories sites; do
  "$BIN" --store "$STORE" --screenshot "docs/screenshots/$view.png" --view "$view" --size 1280x720
done
"$BIN" --store "$(dirname "$STORE")/absent.sqlite3" --screenshot docs/screenshots/first-run.png --view first-run
echo "docs/screenshots: queue, ticket ($number), dark, changes, calendar, timeline, dashboard(-dark), people, template-picker, templates, macros, problems, problem ($problem), known-errors, major-incidents, services, groups, categories, sites, first-run"
