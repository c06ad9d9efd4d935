"""Pull from RT5 as Deskside sync pages: RT's transaction ids are the cursor.

Measured on RT 5.0.3: a transaction search (`id > N`, ordered by id) is a strictly increasing cursor that
is exact and cheap (one indexed query a page), while `LastUpdated > '…'` has one-second resolution. So a
page is the next (at most 100) ticket transactions after the cursor; the tickets they touch are fetched
whole (one GET each, whose ETag becomes the ticket's version on the desk) and their replies and notes
come from the page's own transactions. A ticket the desk does not know yet (a first sync, or a ticket that
came into the user's rights) is backfilled with its whole history. For a user RT counts for (a superuser), a page
reads beside its first 100 transactions the next id ranges of 100 at once, so a first sync walks up to 1,000
transactions a page. Merged tickets are followed (the merged
one is evicted, the surviving one pulled); tickets RT no longer shows the user are evicted.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from app.sync.backends import moves, refs
from app.sync.backends.rt import files, mapping, reference_fields
from app.sync.backends.rt.http import PAGE_MAX, RtHttp, etag_of
from app.sync.backends.rt.lifecycles import Lifecycles
from app.sync.errors import ServerError

log = logging.getLogger(__name__)
TXN_FIELDS = "Type,ObjectId,Created,Creator,TimeTaken,Field,OldValue,NewValue"
ATT_FIELDS = "TransactionId,ContentType,Filename,Content"
FILE_FIELDS = "TransactionId,ContentType,Filename"  # a file's bytes come from GET /attachment/N, once
ID_CHUNK = 50  # transaction ids an attachment search names at most (a backfill's spread-out transactions)
TEXT_TYPES = ("Create", "Correspond", "Comment")
FETCHERS = 4
PROBE_PAGES = 3  # pages looked at past an empty one when RT does not count, before a jump (see Puller.page)
JUMP_MARGIN_S = 60  # seconds a jump's ticket search reaches back before the cursor's transaction (see _visible_after)
RANGES = 9  # id ranges of PAGE_MAX a page reads beside its first search, when RT counts (Puller._transaction_ranges)
SWEEP_BACKFILL = 500  # tickets a sweep pulls at most (the next sweep, with counts still apart, takes the rest)
SWEEP_EVERY = 3600.0  # seconds between full checks of which tickets the user may still see
TICKET_FIELDS = ("Subject,Status,Priority,Queue,Owner,Requestor,Cc,Created,LastUpdated,Resolved,EffectiveId,"
                 "CustomFields")


class Puller:
    """Builds pull pages for one signed-in RT user. `read` runs a function of a session on the desk's
    store (app.sync.writer.SyncDb.read); caches hold what this session already sent (people, queues,
    descriptions) so a first sync does not ask twice."""

    def __init__(self, rt: RtHttp, server_key: str, read: Callable[..., Any],
                 names: dict[str, str] | None = None) -> None:
        self.rt, self.key, self.read = rt, server_key, read
        self.names = dict(mapping.DEFAULT_FIELD_NAMES if names is None else names)  # desk field -> RT custom field
        self.base = rt.url
        self._people: dict[str, dict] = {}     # RT user name -> user record fetched this session
        self._queues: dict[str, dict] = {}     # RT queue id -> queue record fetched this session
        self._described: dict[str, str] = {}  # ticket id -> description already sent this session
        self._forks: list[RtHttp] = []
        self._active: dict[tuple[str, str], bool] = {}  # (queue id, status outside RT's default) -> active
        self._lifecycles = Lifecycles(rt)  # the moves of queues with a lifecycle of their own
        self._files: dict[str, list[dict]] = {}  # transaction id -> its file parts (filled by _texts)
        self.blob_dir: Path | None = None  # where pulled files go (the store's blob folder; None: not pulled)
        self._swept = -SWEEP_EVERY
        self._pool = ThreadPoolExecutor(max_workers=FETCHERS, thread_name_prefix="deskside-rt")

    # --- pages ---------------------------------------------------------------------------------------

    def page(self, cursor: int, limit: int) -> dict[str, Any]:
        per = max(1, min(limit, PAGE_MAX))
        query = f"id > {int(cursor)} AND ObjectType = 'RT::Ticket'"
        answer = self.rt.search("/transactions", query, fields=TXN_FIELDS, per_page=per)
        items = _rows(answer)
        # RT counts a search only for a user who may see every row (a superuser); for the others it drops the
        # rows they may not see from each page of `per` rows, so a page may be short, or empty with more after
        # it: the next pages are looked at before the walk is taken as done.
        exact = answer.get("total") is not None
        probe = 2
        while not items and not exact and probe <= PROBE_PAGES:
            items = _rows(self.rt.search("/transactions", query, fields=TXN_FIELDS, per_page=per, page=probe))
            probe += 1
        if not items and not exact:  # a long run the user may not read: jump over it
            items = self._visible_after(cursor, per)
        if not items:
            return _empty(cursor)
        if exact and int(answer["total"]) > len(items):
            items = [*items, *self._transaction_ranges(max(int(t["id"]) for t in items), limit - len(items))]
        next_cursor = max(int(t["id"]) for t in items)
        numbers = list(dict.fromkeys(str(t["ObjectId"]) for t in items))
        by_ticket: dict[str, list[dict]] = {}
        for t in items:
            by_ticket.setdefault(str(t["ObjectId"]), []).append(t)
        page = self._tickets(numbers, by_ticket)
        page["next_cursor"] = next_cursor
        page["has_more"] = int(answer["total"]) > len(items) if exact else True
        return page

    def _visible_after(self, cursor: int, per: int) -> list[dict]:
        """The first `per` ticket transactions after `cursor` that the user may read, found without walking
        the ones they may not (RT leaves those out of each page after reading them, so a run of thousands
        would take a request per hundred). Exact: RT sets a ticket's LastUpdated on every transaction it
        records (RT::Record::_NewTransaction), after the transaction's own Created, and a transaction after
        the cursor was created no earlier than the cursor's. So the tickets the user can see updated since
        the cursor's transaction (a minute earlier: RT keeps whole seconds, and its clock moves on while the
        requests go) hold every transaction they may read after it; those transactions are searched by
        ticket, 100 tickets a search, and the first `per` by id are the page (each search's first page
        holds its smallest ids, so none below the page's last is missed)."""
        query = "id > 0"
        if cursor > 0:
            response = self.rt.call("GET", f"/transaction/{int(cursor)}")
            # Unreadable now (its ticket left the user's rights; RT 5.0.3 may answer that with 500): the search
            # then takes every ticket the user can see.
            if response.ok:
                created = mapping.rt_time(self.rt.body(response).get("Created"))
                try:
                    rt_now = parsedate_to_datetime(response.headers.get("Date", ""))
                except (TypeError, ValueError):
                    rt_now = datetime.now(UTC)
                if created is not None:
                    # RT reads an absolute date in TicketSQL in the user's time zone (even one written with
                    # "UTC"), a relative one ("N seconds ago") on its own clock: the latter, with a margin
                    # for RT's whole seconds and the time until the search runs.
                    ago = int((rt_now - created).total_seconds()) + JUMP_MARGIN_S
                    query = f"LastUpdated >= '{max(ago, JUMP_MARGIN_S)} seconds ago'"
        numbers: list[str] = []
        page = 1
        while True:
            answer = self.rt.search("/tickets", query, page=page)
            numbers.extend(str(t["id"]) for t in answer.get("items") or [] if isinstance(t, dict))
            if not answer.get("items") or page >= int(answer.get("pages") or page + 1):
                break
            page += 1
        found: dict[int, dict] = {}
        upto: int | None = None  # RT may still leave rows out of a page (a comment the user may not read):
        for start in range(0, len(numbers), PAGE_MAX):  # only ids up to every search's last one are sure
            chunk = " OR ".join(f"ObjectId = {int(n)}" for n in numbers[start:start + PAGE_MAX])
            rows = _rows(self.rt.search("/transactions", f"id > {int(cursor)} AND ObjectType = 'RT::Ticket' AND "
                                        f"({chunk})", fields=TXN_FIELDS, per_page=per))
            found.update((int(t["id"]), t) for t in rows)
            if rows:
                last = max(int(t["id"]) for t in rows)
                upto = last if upto is None else min(upto, last)
        return [found[i] for i in sorted(found)[:per] if upto is not None and i <= upto]

    def _transaction_ranges(self, after: int, room: int) -> list[dict]:
        """The ticket transactions in the next id ranges of PAGE_MAX ids after `after`, as many ranges as `room`
        (rows the page may still take) allows, up to RANGES, read at once on the helper connections. A range of
        PAGE_MAX ids holds at most PAGE_MAX transactions, so each answers whole in one request (no offsets, which
        would shift if RT's history changed between requests): together with the first page's rows they are
        every ticket transaction up to the last range's end. Only for a user RT counts for (a superuser: no
        rows left out), so that the count says whether more follow."""
        ranges = min(room // PAGE_MAX, RANGES)
        if ranges < 1:
            return []
        queries = [f"id > {after + k * PAGE_MAX} AND id <= {after + (k + 1) * PAGE_MAX} AND ObjectType = 'RT::Ticket'"
                   for k in range(ranges)]
        answers = self._parallel(lambda http, query: http.search("/transactions", query, fields=TXN_FIELDS,
                                                                 per_page=PAGE_MAX), queries)
        return [t for answer in answers for t in _rows(answer)]

    def _parallel(self, fn: Callable[[RtHttp, Any], Any], args: list[Any]) -> list[Any]:
        """fn(connection, arg) for each arg, spread over FETCHERS helper connections; the results in order."""
        if len(args) < 2:
            return [fn(self.rt, arg) for arg in args]
        if not self._forks:
            self._forks = [self.rt.fork() for _ in range(FETCHERS)]

        def run(index: int) -> list[tuple[int, Any]]:
            return [(i, fn(self._forks[index], args[i])) for i in range(index, len(args), FETCHERS)]

        out: list[Any] = [None] * len(args)
        for part in self._pool.map(run, range(min(FETCHERS, len(args)))):
            for i, result in part:
                out[i] = result
        return out

    def head_start(self, limit: int) -> dict[str, Any]:
        """The user's own open tickets, most urgent first, before the full walk (cursor stays 0)."""
        answer = self.rt.search("/tickets", "Owner = '__CurrentUser__' AND Status = '__Active__'",
                                order_by="Priority", order="DESC", per_page=max(1, min(limit, PAGE_MAX)))
        numbers = [str(t["id"]) for t in answer.get("items") or [] if isinstance(t, dict)]
        page = self._tickets(numbers, {})
        page.update(next_cursor=0, has_more=True, changes=[])
        return page

    def sweep(self, cursor: int) -> dict[str, Any]:
        """Evictions for the tickets the desk holds that RT no longer shows the user (moved to a queue they
        cannot see, rights taken away): RT records such a move in a transaction the user can no longer read,
        so the transaction walk never tells. Cheap when nothing left: RT's count of the user's tickets is
        compared with the desk's first; the full list of ids (100 a request) is read only when they differ or
        every SWEEP_EVERY seconds."""
        held = self.read(refs.held_tickets, server_key=self.key)
        total = self.rt.search("/tickets", "id > 0", per_page=1).get("total")
        now = time.monotonic()
        if now - self._swept < SWEEP_EVERY and (total is None or int(total) == len(held)):
            return _empty(cursor)
        visible: set[str] = set()
        page = 1
        while True:
            answer = self.rt.search("/tickets", "id > 0", page=page)
            visible.update(str(t["id"]) for t in answer.get("items") or [] if isinstance(t, dict))
            if page >= int(answer.get("pages") or 1):
                break
            page += 1
        self._swept = now
        gone = [local for remote, local in held.items() if remote not in visible]
        # Tickets that came into the user's rights without a transaction of their own (a right granted):
        # pulled whole, as new to this desk.
        entered = sorted(visible - set(held), key=int)[:SWEEP_BACKFILL]
        out = self._tickets(entered, {}) if entered else _empty(cursor)
        out.update(next_cursor=cursor, has_more=False, changes=[*out["changes"], *(_evict(i) for i in gone)])
        return out

    # --- building -------------------------------------------------------------------------------------

    def _tickets(self, numbers: list[str], txns: dict[str, list[dict]]) -> dict[str, Any]:
        rows: dict[str, list] = {"ticket": [], "worklog_entry": [], "person": [], "group": [], "ticket_link": []}
        changes: list[dict] = []
        page_refs: list[tuple] = []
        known = self.read(refs.local_ids, server_key=self.key, kind="ticket", remote_ids=numbers)
        records: dict[str, tuple[dict, str | None]] = {}
        found = self._search_tickets(numbers)
        queue = list(numbers)
        while queue:
            number = queue.pop(0)
            if number in found:
                records[number] = (found[number], None)
                continue
            # Not among the user's tickets: gone from their rights, merged, deleted (or shredded).
            response = self.rt.call("GET", f"/ticket/{number}")
            if response.status_code in (403, 404):
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
        linked: list[tuple[str, str, dict | None, str | None]] = []
        refs_of = reference_fields.resolve(self.read, self.base, [r for r, _ in records.values()], self.names, rows)
        attached: list[tuple[dict, dict, str]] = []
        for number, (record, etag) in records.items():
            ticket_id = ids[number]
            description = held.get(ticket_id, "")
            for t in histories[number]:
                kind = t.get("Type")
                parts = self._files.pop(str(t.get("id")), [])
                attached.extend((part, t, ticket_id) for part in parts)
                if parts and mapping.ref_id(t.get("Creator")):  # a file's author is a person on the desk
                    people.add(str(mapping.ref_id(t.get("Creator"))))
                if kind == "Create":
                    description = texts.get(str(t["id"]), "")
                elif kind in mapping.WORKLOG_TYPES:
                    creator = mapping.ref_id(t.get("Creator"))
                    if creator:
                        people.add(creator)
                    rows["worklog_entry"].append((t, ticket_id, texts.get(str(t["id"]), "")))
            self._described[ticket_id] = description
            row = mapping.ticket_row(self.base, record, ticket_id=ticket_id, description=description,
                                     active=self._is_active(number, record), ids=refs_of, names=self.names)
            rows["ticket"].append(row)
            changes.append({"seq": 0, "entity": "ticket", "entity_id": ticket_id, "op": "upsert"})
            # The version: RT's ETag when the ticket was read alone, else the newest of its transactions this
            # page saw (never newer than the row read after them; an older one only costs a 412 and a merge).
            seen = [int(t["id"]) for t in histories[number] if str(t.get("id", "")).isdigit()]
            page_refs.append(("ticket", number, ticket_id, etag or (str(max(seen)) if seen else None)))
            for field in ("Owner", "Creator"):
                if mapping.ref_id(record.get(field)):
                    people.add(str(mapping.ref_id(record.get(field))))
            people.update(r for r in (mapping.ref_id(x) for x in record.get("Requestor") or []) if r)
            queue_id = mapping.ref_id(record.get("Queue"))
            if queue_id:
                queues.add(queue_id)
            if etag is not None or any(t.get("Type") in ("AddLink", "DeleteLink") for t in histories[number]):
                linked.append((number, ticket_id, record if etag is not None else None, row["created_at"]))
        self._link_rows(linked, rows, changes)
        rows["attachment"] = self._attachment_rows(attached, page_refs)
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
        groups = {r["id"]: r["group_id"] for r in rows["ticket"]}
        lifecycle_moves = self._lifecycles.page_moves(
            [(n, record, etag is not None, groups.get(ids[n])) for n, (record, etag) in records.items()], self._active)
        return {"changes": changes, "rows": rows, "tombstones": [], "evictions": [], "conflicts": [],
                refs.PAGE_KEY: page_refs, moves.PAGE_KEY: lifecycle_moves}

    def _is_active(self, number: str, record: dict) -> bool | None:
        """Whether a status of the ticket's queue's own lifecycle is active (open) or inactive (done). REST2 has
        no lifecycle resource on RT 5.0; its `__Active__` search follows each queue's lifecycle, so one search
        per (queue, status) the first time it is seen tells."""
        status = str(record.get("Status") or "")
        if status in mapping.STATE_FROM_RT or status in ("", "deleted"):
            return None
        key = (str(mapping.ref_id(record.get("Queue")) or ""), status)
        if key not in self._active:
            answer = self.rt.search("/tickets", f"id = {int(number)} AND Status = '__Active__'", per_page=1)
            self._active[key] = bool(answer.get("items"))
        return self._active[key]

    def _search_tickets(self, numbers: list[str]) -> dict[str, dict]:
        """The user's tickets among `numbers`, read by searches of 100 (one request instead of 100)."""
        out: dict[str, dict] = {}
        chunks = [numbers[start:start + PAGE_MAX] for start in range(0, len(numbers), PAGE_MAX)]
        answers = self._parallel(lambda http, chunk: http.search(
            "/tickets", " OR ".join(f"id = {int(n)}" for n in chunk), fields=TICKET_FIELDS), chunks)
        for chunk, answer in zip(chunks, answers, strict=True):
            for record in answer.get("items") or []:
                if isinstance(record, dict) and str(record.get("id")) in chunk and record.get("Status") != "deleted":
                    out[str(record["id"])] = record
        return out

    def _fetch(self, paths: list[str]) -> dict[str, Any]:
        """GET `paths` on FETCHERS connections at once (RT answers each in ~10 ms, but one after another a
        first sync would wait on the network most of the time); path -> response."""
        if len(paths) < 4:
            return {}
        if not self._forks:
            self._forks = [self.rt.fork() for _ in range(FETCHERS)]
        chunks = [paths[i::FETCHERS] for i in range(FETCHERS)]

        def run(index: int) -> dict[str, Any]:
            return {path: self._forks[index].call("GET", path) for path in chunks[index]}

        out: dict[str, Any] = {}
        for part in self._pool.map(run, range(FETCHERS)):
            out.update(part)
        return out

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
        """The text of each transaction (its text/plain part, else its HTML as plain text); the transactions'
        file parts (name, type, id: no content) are kept in self._files. A file's bytes are read once, by
        files.pulled_rows (`GET /attachment/N`, base64): the searches here ask for the content of the parts
        without a file name only, and for the file parts' names only where a transaction may have some (it has
        a multipart/* part, or no part without a file name)."""
        if not txns:
            return {}
        wanted = {str(t["id"]) for t in txns}
        parts = self._parts(wanted, [{"field": "Filename", "operator": "IS", "value": "NULL"}], ATT_FIELDS)
        maybe = {i for i in wanted if not parts.get(i) or any(
            str(p.get("ContentType", "")).startswith("multipart/") for p in parts[i])}
        if maybe:
            named = self._parts(maybe, [{"field": "Filename", "operator": "IS NOT", "value": "NULL"}], FILE_FIELDS)
            for txn_id in maybe:
                found = files.file_parts(named.get(txn_id, []))
                if found:
                    self._files[txn_id] = found
        return {txn_id: mapping.message_text(parts.get(txn_id, [])) for txn_id in wanted}

    def _parts(self, wanted: set[str], where: list[dict], fields: str) -> dict[str, list[dict]]:
        """Transaction id -> its attachment parts matching `where`, by JSON attachment searches: one over the id
        range when the transactions are close together (one page's own), else by chunks of ids (a backfill
        spread over RT's history)."""
        low, high = min(int(i) for i in wanted), max(int(i) for i in wanted)
        if high - low < 4 * len(wanted) + 20:
            # Two limits on one field are OR'ed by RT's search unless told otherwise (a range without "AND" is
            # every attachment in RT: paged through whole for a superuser, cut at its first page for others)
            queries = [[{"field": "TransactionId", "operator": ">=", "value": low, "entry_aggregator": "AND"},
                        {"field": "TransactionId", "operator": "<=", "value": high, "entry_aggregator": "AND"}]]
        else:
            ids = sorted(wanted, key=int)
            queries = [[{"field": "TransactionId", "operator": "=", "value": int(i), "entry_aggregator": "OR"}
                        for i in ids[start:start + ID_CHUNK]] for start in range(0, len(ids), ID_CHUNK)]
        out: dict[str, list[dict]] = {}
        for query in queries:
            for answer in self._all_pages(f"/attachments?fields={fields}&per_page={PAGE_MAX}", [*query, *where]):
                for part in answer.get("items") or []:
                    if isinstance(part, dict) and str(part.get("TransactionId")) in wanted:
                        out.setdefault(str(part.get("TransactionId")), []).append(part)
        return out

    def _all_pages(self, path: str, query: list[dict]) -> list[dict[str, Any]]:
        """Every page of a JSON search: the first, then the others at once when RT counts them (a superuser).
        When it does not, it leaves the rows the user may not see out of each page, so a page can be short or
        empty with more after it: pages are read one by one until PROBE_PAGES + 1 empty ones in a row."""

        def one(http: RtHttp, page: int) -> dict[str, Any]:
            return http.body(http.post_json(f"{path}&page={page}", query))

        first = one(self.rt, 1)
        if first.get("pages") is not None:
            return [first, *self._parallel(one, list(range(2, int(first.get("pages") or 1) + 1)))]
        answers, empty, page = [first], 0 if first.get("items") else 1, 1
        while empty <= PROBE_PAGES:
            page += 1
            answers.append(one(self.rt, page))
            empty = 0 if answers[-1].get("items") else empty + 1
        return answers

    def _attachment_rows(self, attached: list[tuple[dict, dict, str]], page_refs: list[tuple]) -> list[dict]:
        """The files of the page's transactions the desk does not hold yet, fetched into the blob folder."""
        if not attached:
            return []
        remotes = [str(part["id"]) for part, _, _ in attached]
        held = self.read(refs.local_ids, server_key=self.key, kind="attachment", remote_ids=remotes)
        rows, made = files.pulled_rows(self.rt, self.base, self.blob_dir, attached, held)
        page_refs.extend(made)
        return rows

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
        missing = sorted(names - set(held))
        fetched = self._fetch([f"/user/{name}" for name in missing if name not in self._people])
        for name in missing:
            if name not in self._people:
                response = fetched.get(f"/user/{name}") or self.rt.call("GET", f"/user/{name}")
                if response.status_code in (403, 404):
                    self._people[name] = {"Name": name, "EmailAddress": name if "@" in name else ""}
                else:
                    self._people[name] = self.rt.body(response)
            row = mapping.person_row(self.base, self._people[name], mapping.local_id(self.base, "user", name))
            page_refs.append(("user", name, row["id"], None))
            out.append(row)
        return out

    def _link_rows(self, linked: list[tuple[str, str, dict | None, str | None]], rows: dict[str, list],
                   changes: list[dict]) -> None:
        """The links (parent, refers to, depends on) of tickets whose links changed (RT's AddLink / DeleteLink):
        added, and the desk's links from them that RT no longer has deleted."""
        if not linked:
            return
        held = self.read(refs.links_from, ticket_ids=[ticket_id for _, ticket_id, _, _ in linked])
        found: list[tuple[str, str, str, str | None]] = []  # (source id, kind, target number, created)
        for number, ticket_id, record, created_at in linked:
            if record is None:
                record = self.rt.get(f"/ticket/{number}")
            for link in record.get("_hyperlinks") or []:
                kind = mapping.LINK_REFS.get(str(link.get("ref"))) if isinstance(link, dict) else None
                if kind is not None and link.get("type") == "ticket" and str(link.get("id", "")).isdigit():
                    found.append((ticket_id, kind, str(link["id"]), created_at))
        # A target made on this desk keeps its own id (its ref), the others have their derived one.
        targets = self.read(refs.local_ids, server_key=self.key, kind="ticket",
                            remote_ids=sorted({n for _, _, n, _ in found}))
        now = [mapping.link_row(self.base, source, targets.get(n) or mapping.local_id(self.base, "ticket", n), kind,
                                created_at) for source, kind, n, created_at in found]
        rows["ticket_link"].extend(now)
        keep = {(r["source_id"], r["kind"], r["target_id"]) for r in now}
        for _, ticket_id, _, _ in linked:
            for link_id, key in held.get(ticket_id, []):
                if key not in keep and key[1] in mapping.LINK_TO_RT:
                    changes.append({"seq": 0, "entity": "ticket_link", "entity_id": link_id, "op": "delete"})

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        for fork in self._forks:
            fork.close()
        self._forks = []


def _evict(ticket_id: str) -> dict[str, Any]:
    return {"seq": 0, "entity": "ticket", "entity_id": ticket_id, "op": "evict"}


def _rows(answer: dict[str, Any]) -> list[dict]:
    return [t for t in answer.get("items") or [] if isinstance(t, dict) and str(t.get("id", "")).isdigit()]


def _empty(cursor: int) -> dict[str, Any]:
    return {"next_cursor": cursor, "has_more": False, "changes": [], "rows": {}, "tombstones": [], "evictions": [],
            "conflicts": []}
