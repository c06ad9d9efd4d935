"""What the sync engine needs from a server: the Backend protocol and what each backend can do.

The engine (app.sync.engine), the outbox, the conflict inbox, the derived SLA/KPI figures and the UI are the
same for every backend: a backend answers pushes with receipts and pulls with pages in the reference
protocol's shape (docs/SYNC_PROTOCOL.md), whatever its server speaks. The reference server's client
(app.sync.client.SyncClient) is one backend; Request Tracker 5 (app.sync.backends.rt) another. GLPI, Zammad
or Jira Service Management would be a third package next to rt/ implementing the same methods.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import requests

from app.credentials import TokenStore


@dataclass(frozen=True)
class Capabilities:
    """What a backend's server does itself; what it lacks stays on the desk (and the UI says so)."""

    kind: str                      # "deskside" | "rt"
    label: str                     # for the user: "Deskside server", "Request Tracker"
    etags: bool = False            # versions per record, checked on write (If-Match)
    idempotent_push: bool = True   # the server deduplicates repeated pushes itself
    change_records: bool = True    # change records (and CAB approvals) are synced
    sla_policies: bool = True      # SLA policies come from the server
    attachments: bool = True       # attachment files move with the sync
    long_poll: bool = True         # a pull can wait for news (else it polls)
    conflict_records: bool = True  # the server keeps conflict records of its own

    def local_only(self) -> list[str]:
        """What stays on this desk with this backend, for the user."""
        out = []
        if not self.change_records:
            out.append("change records")
        if not self.sla_policies:
            out.append("SLA policies")
        if not self.attachments:
            out.append("attachments")
        return out


REFERENCE = Capabilities(kind="deskside", label="Deskside server", etags=False)


@runtime_checkable
class Backend(Protocol):
    """The methods app.sync.engine and app.ui.sync.controller call. Every method may raise the typed errors of
    app.sync.errors (Offline, AuthExpired, BadCredentials, ServerError...)."""

    url: str
    tokens: TokenStore
    capabilities: Capabilities

    @property
    def server_key(self) -> str: ...

    def close(self) -> None: ...

    def info(self) -> dict[str, Any]: ...

    def sign_in(self, name: str, password: str) -> Any: ...

    def resume(self, name: str) -> Any: ...

    def sign_out(self) -> None: ...

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> dict[str, Any]: ...

    def pull(self, cursor: int, limit: int = 200, wait: float = 0,
             priority_first: bool = False) -> dict[str, Any]: ...

    def blob_status(self, sha256: str) -> tuple[int, bool]: ...

    def blob_put(self, sha256: str, chunk: bytes, start: int, total: int) -> tuple[int, bool]: ...

    def blob_get(self, sha256: str, offset: int = 0) -> requests.Response: ...


def capabilities_of(client: Any) -> Capabilities:
    return getattr(client, "capabilities", REFERENCE)


def bind_store(client: Any, db: Any) -> None:
    """Give a backend that keeps desk-side bookkeeping (RT: ids, versions, the sent ledger) the store's
    SyncDb for this round; the reference client needs none."""
    bind = getattr(client, "bind_store", None)
    if bind is not None:
        bind(db)
