"""Sync with a Deskside server (docs/SYNC_PROTOCOL.md): HTTP client, engine, pulled-row apply, conflicts."""
# Qt-free and headless. The UI runs `engine.sync_once` on its database worker through the task runner.

SCHEMA_VERSION = 1
