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
"$BIN" --store "$STORE" --screenshot docs/screenshots/knowledge.png --view knowledge --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/article.png --view "article:$article" --size 1280x720
"$BIN" --store "$STORE" --screenshot docs/screenshots/knowledge-ticket.png --view "ticket:$kb_ticket" --size 1280x720
"$BIN" --store "$(dirname "$STORE")/absent.sqlite3" --screenshot docs/screenshots/first-run.png --view first-run
echo "docs/screenshots: queue, ticket ($number), dark, changes, calendar, timeline, dashboard(-dark), people, knowledge, article ($article), knowledge-ticket ($kb_ticket), first-run"
