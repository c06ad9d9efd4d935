#!/bin/sh
# The server installs and runs alone: a fresh venv gets `pip install ./server` (the server and the shared
# core), must have no PySide6, pyqtgraph or keyring, serves the API from its own entry point, and passes
# the server's tests (tests/server) with only the test tools added.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV="${SERVER_VENV:-build/server-venv}"
rm -rf "$VENV" server/build
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet ./server
rm -rf server/build server/*.egg-info
root=$(pwd)
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
# Asked from outside the repository, so that only what the venv installed can be found.
(cd "$data" && "$root/$VENV/bin/python" - <<'PY'
import importlib.util, sys
present = [m for m in ("PySide6", "shiboken6", "pyqtgraph", "keyring", "app") if importlib.util.find_spec(m)]
if present:
    sys.exit(f"the server's venv holds desktop packages: {present}")
import core, server  # noqa: F401  (the two packages the server install brings)
print("server venv: no PySide6, pyqtgraph, keyring or desk package")
PY
)
# Its own entry point serves the API.
port=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$data" && exec "$root/$VENV/bin/deskside-server" --data "$data" --port "$port") > "$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
"$VENV/bin/python" - "$port" <<'PY'
import json, sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/v1/info"
for _ in range(300):
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            print("server alone answers /v1/info:", json.load(reply))
            break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("the server installed alone did not answer")
PY
kill $pid
# The server's tests, run by that venv's Python with the test tools only (no Qt). Some of them push a real
# desk outbox through the desk's headless sync client, which needs requests and (for its token store) keyring.
"$VENV/bin/python" -m pip install --quiet "pytest>=8.0" "pytest-timeout>=2.3" "hypothesis>=6.100" "requests>=2.31" \
    "schemathesis>=3.30" "keyring>=25.0"
"$VENV/bin/python" -c 'import importlib.util, sys; sys.exit("PySide6 in the test venv" if importlib.util.find_spec("PySide6") else 0)'
"$VENV/bin/python" -m pytest -q -p no:cacheprovider -o qt_api=pyside6 tests/server
