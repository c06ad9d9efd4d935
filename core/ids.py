"""Client-made identifiers: UUIDv7 strings, sortable by creation time and safe to retry (docs/SYNC_PROTOCOL.md)."""

import uuid6


def new_id() -> str:
    """Return a fresh UUIDv7 as its canonical 36-character string."""
    return str(uuid6.uuid7())
