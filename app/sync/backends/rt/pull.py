"""Pull from RT5 as Deskside sync pages: RT's transaction ids are the cursor.

Measured on RT 5.0.3: a transaction search (`id > N`, ordered by id) is a strictly increasing cursor that
is exact and cheap (one indexed query a page), while `LastUpdated > '…'` has one-second resolution. So a
page is the next (at most 100) ticket transactions after the cursor; the tickets they touch are fetched
whole (one GET each, whose ETag becomes the ticket's version on the desk) and their replies and notes
come from the page's own transactions. A ticket the desk does not know yet (a first sync, or a ticket that
came into the user's rights) is backfilled with its whole history. Merged tickets are followed (the merged
one is evicted, the surviving one pulled); tickets RT no longer shows the user are evicted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from app.sync.backends import refs
from app.sync.backends.rt import mapping
from app.sync.backends.rt.http import PAGE_MAX, RtHttp, etag_of
from app.sync.errors import ServerError

log = logging.getLogger(__name__)
TXN_FIELDS = "Type,ObjectId,Created,Creator,TimeTaken,Field,OldValue,NewValue"
ATT_FIELDS = "TransactionId,ContentType,Filename,Content"
TEXT_TYPES = ("Create", "Correspond", "Comment")


class Puller:
    """Builds pull pages for one signed-in RT user. `read` runs a function of a session on the desk's
    store (app.sync.writer.SyncDb.read); caches hold what this session already sent (people, queues,
    descriptions) so a first sync does not ask twice."""

    def __init__(self, rt: RtHttp, server_key: str, read: Callable[..., Any]) -> None:
        self.rt, self.key, self.read = rt, server_key, read
        self.base = rt.url
        self._people: dict[str, dict] = {}     # RT user name -> user record fetched this session
        self._queues: dict[str, dict] = {}     # RT queue id -> queue record fetched this session
        self._described: dict[str, str] = {}  # ticket id -> description already sent this session

    # --- pages ---------------------------------------------------------------------------------------

    def page(self, cursor: int, limit: int) -> dict[str, Any]:
        per = max(1, min(limit, PAGE_MAX))
        answer = self.rt.search("/transactions", f"id > {int(cursor)} AND ObjectType = 'RT::Ticket'",
                                fields=TXN_FIELDS, per_page=per)
        items = [t for t in answer.get("items") or [] if isinstance(t, dict) and str(t.get("id", "")).isdigit()]
        if not items:
            return _empty(cursor)
        next_cursor = max(int(t["id"]) for t in items)
        numbers = list(dict.fromkeys(str(t["ObjectId"]) for t in items))
        by_ticket: dict[str, list[dict]] = {}
        for t in items:
            by_ticket.setdefault(str(t["ObjectId"]), []).append(t)
        page = self._tickets(numbers, by_ticket)
        page["next_cursor"] = next_cursor
        page["has_more"] = int(answer.get("total") or 0) > len(items)
        return page

    def head_start(self, limit: int) -> dict[str, Any]:
        """The user's own open tickets, most urgent first, before the full walk (cursor stays 0)."""
        answer = self.rt.search("/tickets", "Owner = '__CurrentUser__' AND Status = '__Active__'",
                                order_by="Priority", order="DESC", per_page=max(1, min(limit, PAGE_MAX)))
        numbers = [str(t["id"]) for t in answer.get("items") or [] if isinstance(t, dict)]
        page = self._tickets(numbers, {})
        page.update(next_cursor=0, has_more=True, changes=[])
        return page

    def newest(self) -> int:
        """The newest ticket transaction id (0 for none): what a watch compares its cursor with."""
        answer = self.rt.search("/transactions", "ObjectType = 'RT::Ticket'", order="DESC", per_page=1)
        items = answer.get("items") or []
        return int(items[0]["id"]) if items else 0

    # --- building -------------------------------------------------------------------------------------

    def _tickets(self, numbers: list[str], txns: dict[str, list[dict]]) -> dict[str, Any]:
        rows: dict[str, list] = {"ticket": [], "worklog_entry": [], "person": [], "group": [], "ticket_link": []}
        changes: list[dict] = []
        page_refs: list[tuple] = []
        known = self.read(refs.local_ids, server_key=self.key, kind="ticket", remote_ids=numbers)
        records: dict[str, tuple[dict, str | None]] = {}
        queue = list(numbers)
        while queue:
            number = queue.pop(0)
            response = self.rt.call("GET", f"/ticket/{number}")
            if response.status_code in (403, 404):  # gone from the user's rights (or shredded)
                changes.append(_evict(known.get(number) or mapping.local_id(self.base, "ticket", number)))
                continue
            record = self.rt.body(response)
            effective = mapping.ref_id(record.get("EffectiveId")) or str(record.get("id"))
            if effective != number or str(record.get("id")) != number:  # merged into another ticket
                changes.append(_evict(known.get(number) or mapping.local_id(self.base, "ticket", number)))
                if effective not in records and effective not in queue:
                    queue.append(effective)
                    known.update(self.read(refs.local_ids, server_key=self.key, kind="ticket",
                                           remote_ids=[effective]))
                continue
            if record.get("Status") == "deleted":
                changes.append(_evict(known.get(number) or mapping.local_id(self.base, "ticket", number)))
                continue
            records[number] = (record, etag_of(response))
        ids = {n: known.get(n) or mapping.local_id(self.base, "ticket", n) for n in records}
        held = self.read(refs.descriptions, ticket_ids=[ids[n] for n in records if ids[n] not in self._described])
        held.update({i: self._described[i] for i in ids.values() if i in self._described})
        people: set[str] = set()
        queues: set[str] = set()
        histories: dict[str, list[dict]] = {}
        backfills: list[dict] = []
        for number in records:
            history = txns.get(number, [])
            if ids[number] not in held and not any(t.get("Type") == "Create" for t in history):
                history = self._history(number)  # new to this desk: backfill everything
                backfills.extend(t for t in history if t.get("Type") in TEXT_TYPES)
            histories[number] = history
        own = [t for h in txns.values() for t in h if t.get("Type") in TEXT_TYPES]
        texts = {**self._texts(own), **self._texts(backfills)}  # one range search for the page's own
        for number, (record, etag) in records.items():
            ticket_id = ids[number]
            description = held.get(ticket_id, "")
            for t in histories[number]:
                kind = t.get("Type")
                if kind == "Create":
                    description = texts.get(str(t["id"]), "")
                elif kind in mapping.WORKLOG_TYPES:
                    creator = mapping.ref_id(t.get("Creator"))
                    if creator:
                        people.add(creator)
                    rows["worklog_entry"].append((t, ticket_id, texts.get(str(t["id"]), "")))
            self._described[ticket_id] = description
            row = mapping.ticket_row(self.base, record, ticket_id=ticket_id, description=description)
            rows["ticket"].append(row)
            changes.append({"seq": 0, "entity": "ticket", "entity_id": ticket_id, "op": "upsert"})
            page_refs.append(("ticket", number, ticket_id, etag))
            for field in ("Owner", "Creator"):
                if mapping.ref_id(record.get(field)):
                    people.add(str(mapping.ref_id(record.get(field))))
            people.update(r for r in (mapping.ref_id(x) for x in record.get("Requestor") or []) if r)
            queue_id = mapping.ref_id(record.get("Queue"))
            if queue_id:
                queues.add(queue_id)
            rows["ticket_link"].extend(self._links(record, ticket_id, row["created_at"]))
        rows["person"] = self._people_rows(people, page_refs)
        rows["group"] = self._queue_rows(queues, page_refs)
        txn_ids = [str(t["id"]) for t, _, _ in rows["worklog_entry"]]
        mine = self.read(refs.local_ids, server_key=self.key, kind="txn", remote_ids=txn_ids)
        rows["worklog_entry"] = [
            mapping.worklog_row(self.base, t, ticket_id=ticket_id, body=body, entry_id=mine.get(str(t["id"])),
                                author_id=None)
            for t, ticket_id, body in rows["worklog_entry"]]
        keys = [f"{r['source_id']}|{r['kind']}|{r['target_id']}" for r in rows["ticket_link"]]
        made = self.read(refs.local_ids, server_key=self.key, kind="link", remote_ids=keys)
        for key, link in zip(keys, rows["ticket_link"], strict=True):
            link["id"] = made.get(key, link["id"])
        # A link to a ticket the desk does not hold is skipped by the apply (its row comes with that ticket).
        return {"changes": changes, "rows": rows, "tombstones": [], "evictions": [], "conflicts": [],
                refs.PAGE_KEY: page_refs}

    def _history(self, number: str) -> list[dict]:
        out: list[dict] = []
        page = 1
        while True:
            answer = self.rt.body(self.rt.call("GET", f"/ticket/{number}/history", params={
                "fields": TXN_FIELDS, "per_page": PAGE_MAX, "page": page}))
            out.extend(t for t in answer.get("items") or [] if isinstance(t, dict))
            if page >= int(answer.get("pages") or 1):
                return out
            page += 1

    def _texts(self, txns: list[dict]) -> dict[str, str]:
        """The text of each transaction (its text/plain part, else its HTML as plain text)."""
        if not txns:
            return {}
        wanted = {str(t["id"]) for t in txns}
        low, high = min(int(i) for i in wanted), max(int(i) for i in wanted)
        parts: dict[str, list[dict]] = {}
        if high - low < 4 * len(wanted) + 20:  # close together (one page's transactions): one range search
            query = [{"field": "TransactionId", "operator": ">=", "value": low},
                     {"field": "TransactionId", "operator": "<=", "value": high}]
            page = 1
            while True:
                response = self.rt.post_json(f"/attachments?fields={ATT_FIELDS}&per_page={PAGE_MAX}&page={page}",
                                             query)
                answer = self.rt.body(response)
                for part in answer.get("items") or []:
                    parts.setdefault(str(part.get("TransactionId")), []).append(part)
                if page >= int(answer.get("pages") or 1):
                    break
                page += 1
        else:  # spread over RT's whole history (a backfill): per transaction
            for txn_id in sorted(wanted, key=int):
                answer = self.rt.get(f"/transaction/{txn_id}/attachments", fields=ATT_FIELDS, per_page=PAGE_MAX)
                parts[txn_id] = list(answer.get("items") or [])
        return {txn_id: mapping.message_text(parts.get(txn_id, [])) for txn_id in wanted}

    def _queue_rows(self, queue_ids: set[str], page_refs: list[tuple]) -> list[dict]:
        """Group rows for the queues the desk does not hold yet (a page sends them again until it does)."""
        held = self.read(refs.local_ids, server_key=self.key, kind="queue", remote_ids=sorted(queue_ids))
        out = []
        for queue_id in sorted(queue_ids - set(held)):
            if queue_id not in self._queues:
                try:
                    self._queues[queue_id] = self.rt.get(f"/queue/{queue_id}")
                except ServerError as exc:
                    if exc.status not in (403, 404):
                        raise
                    # A queue the user cannot see: the ticket still shows which one.
                    self._queues[queue_id] = {"id": queue_id, "Name": f"RT queue {queue_id}"}
            row = mapping.group_row(self.base, self._queues[queue_id])
            page_refs.append(("queue", queue_id, row["id"], None))
            out.append(row)
        return out

    def _people_rows(self, names: set[str], page_refs: list[tuple]) -> list[dict]:
        """Person rows for the RT users the desk does not hold yet (requesters are created as seen)."""
        names = {n for n in names if n not in ("RT_System", mapping.NOBODY)}
        held = self.read(refs.local_ids, server_key=self.key, kind="user", remote_ids=sorted(names))
        out = []
        for name in sorted(names - set(held)):
            if name not in self._people:
                try:
                    self._people[name] = self.rt.get(f"/user/{name}")
                except ServerError as exc:
                    if exc.status not in (403, 404):
                        raise
                    self._people[name] = {"Name": name, "EmailAddress": name if "@" in name else ""}
            row = mapping.person_row(self.base, self._people[name], mapping.local_id(self.base, "user", name))
            page_refs.append(("user", name, row["id"], None))
            out.append(row)
        return out

    def _links(self, record: dict, ticket_id: str, created_at: str | None) -> list[dict]:
        out = []
        for link in record.get("_hyperlinks") or []:
            if isinstance(link, dict) and link.get("ref") == "parent" and str(link.get("id", "")).isdigit():
                target = mapping.local_id(self.base, "ticket", link["id"])
                out.append(mapping.link_row(self.base, ticket_id, target, "child_of", created_at))
        return out

    def reset(self) -> None:
        self._people.clear()
        self._queues.clear()
        self._described.clear()


def _evict(ticket_id: str) -> dict[str, Any]:
    return {"seq": 0, "entity": "ticket", "entity_id": ticket_id, "op": "evict"}


def _empty(cursor: int) -> dict[str, Any]:
    return {"next_cursor": cursor, "has_more": False, "changes": [], "rows": {}, "tombstones": [], "evictions": [],
            "conflicts": []}
