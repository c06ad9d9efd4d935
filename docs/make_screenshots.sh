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
# A validated article reused the most, and an open incident that gets knowledge suggestions.
picks=$(python3 - "$STORE" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
article = con.execute("select number from article where confidence = 'validated' order by use_count desc, "
                      "number limit 1").fetchone()
ticket = con.execute("""select number from ticket where is_open = 1 and type = 'incident'
                        and (title like '%VPN%' or title like '%Outlook%' or title like '%rint%')
                        order by priority, updated_at desc limit 1""").fetchone()
print(article[0] if article else "KB0000001", ticket[0] if ticket else "INC0000001")
PY
)
article=${picks% *}
kb_ticket=${picks#* }
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
ci=$(python3 - "$STORE" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
# The application with the most relations (stored ones and parent links, both ways): a full relation map.
row = con.execute("""select c.name from configuration_item c where c.ci_class = 'application'
                     order by (select count(*) from ci_relation r where c.id in (r.source_id, r.target_id))
                            + (select count(*) from configuration_item k where k.parent_id = c.id) desc, c.name
                     limit 1""").fetchone()
print(row[0] if row else "")
PY
)
record=$(python3 - "$STORE" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
# A CI with its own attributes and the most tickets on it: a full record.
row = con.execute("""select c.name from configuration_item c where coalesce(c.attributes, '{}') != '{}'
                     order by (select count(*) from ticket t where t.ci_id = c.id) desc, c.name limit 1""").fetchone()
print(row[0] if row else "")
PY
)
hinted=$(python3 - "$STORE" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
# An open incident with another open incident on its CI: the editor's major-incident hint shows.
row = con.execute("""select t.number from ticket t where t.type = 'incident' and t.is_open = 1 and t.ci_id is not null
                     and exists (select 1 from ticket o where o.ci_id = t.ci_id and o.id != t.id and o.is_open = 1
                                 and o.type = 'incident') order by t.priority, t.number limit 1""").fetchone()
print(row[0] if row else "INC0000001")
PY
)
"$BIN" --store "$STORE" --screenshot docs/screenshots/cmdb.png --view cmdb --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/cmdb-ci.png --view "ci:$record" --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/cmdb-map.png --view "ci-map:$ci" --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/cmdb-map-dark.png --view "ci-map:$ci" --size 1280x720 --theme dark
"$BIN" --store "$STORE" --screenshot docs/screenshots/ticket-ci-hint.png --view "ticket:$hinted" --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/knowledge.png --view knowledge --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/article.png --view "article:$article" --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/knowledge-ticket.png --view "ticket:$kb_ticket" --size 1280x720
"$BIN" --store "$(dirname "$STORE")/absent.sqlite3" --screenshot docs/screenshots/first-run.png --view first-run
# In front of Request Tracker 5 (a real one, when Debian's request-tracker5 is installed): docs/RT.md.
QT_QPA_PLATFORM=offscreen PYTHONPATH=. "$(dirname "$BIN")/python" docs/make_rt_screenshots.py docs/screenshots
echo "docs/screenshots: queue, ticket ($number), dark, changes, calendar, timeline, dashboard(-dark), people, template-picker, templates, macros, problems, problem ($problem), known-errors, major-incidents, services, groups, categories, sites, cmdb, CI ($record), map ($ci), incident hint ($hinted), knowledge, article ($article), knowledge-ticket ($kb_ticket), rt-sign-in, rt-queue, rt-ticket, first-run"
