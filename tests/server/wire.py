"""Test helpers: a headless sync client over requests, and builders for outbox-shaped mutations."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import requests

SCHEMA = 1


def new_id() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def ticket_row(ticket_id: str, *, group_id: str | None, title: str = "Printer jams", number: str | None = None,
               ticket_type: str = "incident", assignee_id: str | None = None, **extra: Any) -> dict[str, Any]:
    """A create payload row as app.tickets.writes.create_ticket writes it (CREATE_COLUMNS)."""
    row = {"id": ticket_id, "type": ticket_type, "number": number, "title": title, "description": "",
           "state": "new", "on_hold_reason": None, "impact": 3, "urgency": 3, "priority": 5,
           "priority_overridden": False, "category_id": None, "service_id": None, "ci_id": None,
           "requester_id": None, "group_id": group_id, "assignee_id": assignee_id, "channel": "portal",
           "created_at": now_iso(), "updated_at": now_iso()}
    row.update(extra)
    return row


def worklog_row(entry_id: str, ticket_id: str, body: str = "Called the user", kind: str = "note") -> dict[str, Any]:
    return {"id": entry_id, "ticket_id": ticket_id, "kind": kind, "author_id": None, "body": body,
            "time_spent_minutes": 5, "created_at": now_iso()}


class SyncClient:
    """One desktop install: a client id, its own increasing mutation numbers, a bearer token."""

    def __init__(self, base_url: str, tokens: dict[str, Any], client_id: str | None = None) -> None:
        self.base_url = base_url
        self.tokens = tokens
        self.client_id = client_id or new_id()
        self._seq = itertools.count(1)
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {tokens['access_token']}"

    @property
    def person_id(self) -> str:
        return self.tokens["user"]["person_id"]

    @property
    def group_ids(self) -> list[str]:
        return self.tokens["user"]["group_ids"]

    def close(self) -> None:
        self.http.close()

    def mutation(self, entity: str, entity_id: str, op: str, payload: dict) -> dict[str, Any]:
        return {"seq": next(self._seq), "mutation_id": new_id(), "entity": entity, "entity_id": entity_id,
                "op": op, "payload": payload}

    def create(self, ticket_id: str, **row: Any) -> dict[str, Any]:
        row.setdefault("group_id", self.group_ids[0] if self.group_ids else None)
        return self.mutation("ticket", ticket_id, "create", {"row": ticket_row(ticket_id, **row)})

    def update(self, ticket_id: str, **fields: tuple[Any, Any]) -> dict[str, Any]:
        return self.mutation("ticket", ticket_id, "update",
                             {"fields": {f: {"base": b, "new": n} for f, (b, n) in fields.items()}})

    def worklog(self, ticket_id: str, entry_id: str | None = None, body: str = "Called the user") -> dict[str, Any]:
        entry_id = entry_id or new_id()
        return self.mutation("worklog_entry", entry_id, "append", {"row": worklog_row(entry_id, ticket_id, body)})

    def push_raw(self, mutations: list[dict], schema_version: int = SCHEMA) -> requests.Response:
        return self.http.post(f"{self.base_url}/v1/sync/push", timeout=30,
                              json={"client_id": self.client_id, "schema_version": schema_version,
                                    "mutations": mutations})

    def push(self, *mutations: dict) -> list[dict[str, Any]]:
        response = self.push_raw(list(mutations))
        assert response.status_code == 200, response.text
        return response.json()["receipts"]

    def pull(self, cursor: int = 0, limit: int = 200, wait: float = 0, **params: Any) -> dict[str, Any]:
        response = self.http.get(f"{self.base_url}/v1/sync/pull", timeout=40,
                                 params={"schema_version": SCHEMA, "cursor": cursor, "limit": limit,
                                         "wait": wait, **params})
        assert response.status_code == 200, response.text
        return response.json()

    def pull_all(self, cursor: int = 0, limit: int = 200) -> tuple[list[dict[str, Any]], int]:
        pages = []
        while True:
            page = self.pull(cursor, limit)
            pages.append(page)
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return pages, cursor

    def ticket(self, ticket_id: str) -> dict[str, Any] | None:
        """The server's current row as this user sees it (a pull from 0)."""
        found = None
        for page in self.pull_all()[0]:
            for row in page["rows"].get("ticket", []):
                if row["id"] == ticket_id:
                    found = row
            if any(t["entity_id"] == ticket_id for t in page["tombstones"] + page["evictions"]):
                found = None
        return found


class WaitingPull:
    """A long-poll pull running in a thread: start it, cause a change, then `result()`."""

    def __init__(self, client: SyncClient, cursor: int, wait: float = 25, settle: float = 0.5) -> None:
        self._out: dict[str, Any] = {}
        self._thread = threading.Thread(target=self._run, args=(client, cursor, wait), name="waiting-pull")
        self._thread.start()
        time.sleep(settle)  # let the request reach the server and start waiting

    def _run(self, client: SyncClient, cursor: int, wait: float) -> None:
        began = time.monotonic()
        try:
            # A session of its own: requests.Session is not meant to be shared between threads.
            with requests.Session() as http:
                http.headers.update(client.http.headers)
                response = http.get(f"{client.base_url}/v1/sync/pull", timeout=40,
                                    params={"schema_version": SCHEMA, "cursor": cursor, "wait": wait})
            assert response.status_code == 200, response.text
            self._out["page"] = response.json()
        except BaseException as exc:  # re-raised by result(); a thread must not die silently
            self._out["error"] = exc
        self._out["took"] = time.monotonic() - began

    def result(self) -> tuple[dict[str, Any], float]:
        """(page, seconds the pull took)."""
        self._thread.join(timeout=40)
        if "error" in self._out:
            raise self._out["error"]
        return self._out["page"], self._out["took"]
