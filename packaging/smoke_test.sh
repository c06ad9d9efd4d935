#!/bin/sh
# Runs the built bundle offscreen: makes a demo desk, takes a screenshot of the queue and of every page
# (changes, calendar, timeline, dashboard: each loads its own modules), checks the PNGs.
# Usage: packaging/smoke_test.sh [dist/deskside/deskside]
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-dist/deskside/deskside}
[ -x "$BIN" ] || { echo "smoke test: no bundle at $BIN (make package)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export QT_QPA_PLATFORM=offscreen
# a private data and config folder, so the smoke test never touches the user's desk
export DESKSIDE_DATA_DIR="$TMP/data" DESKSIDE_CONFIG_DIR="$TMP/config"

"$BIN" --version
"$BIN" demo --tickets 300 --seed 1 --store "$TMP/s.sqlite3"
for view in queue changes calendar timeline dashboard; do
  "$BIN" --store "$TMP/s.sqlite3" --screenshot "$TMP/$view.png" --view "$view"
  # the eight bytes every PNG starts with: \211 P N G \r \n \032 \n
  header=$(od -An -tx1 -N8 "$TMP/$view.png" | tr -d ' \n')
  if [ "$header" != "89504e470d0a1a0a" ]; then
    echo "smoke test: $TMP/$view.png is not a PNG (header $header)" >&2
    exit 1
  fi
  echo "  $view: $(wc -c < "$TMP/$view.png") byte PNG"
done
echo "smoke test passed: queue and every page from $BIN"
