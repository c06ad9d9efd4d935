"""Copies template tickets that RT's own API wrote into many more tickets, row for row, for the RT bench.

RT's Perl API costs ~0.1 s of CPU a ticket here (a create, an owner, 1-4 replies, a status: ~100 SQL
statements through RT's objects), so 20,000 tickets would take hours on this shared machine. The bench loads a
few hundred tickets through the API (bench/rt_load.py) and then writes each further ticket by copying every row
RT wrote for its template (the ticket; its four role groups with their principals, members, cached members and
Create transactions; its transactions and their attachments) with fresh ids, the plan's own people, queue,
subject, texts, priority and time taken (bench/rt_plan.py gives each copy its template's shape). So the rows are
RT's own layout, and RT reads them back as it reads its own (checked through REST2 before the load is kept).
"""

from __future__ import annotations

import sqlite3
from typing import Any

ROLE = "RT::Ticket-Role"
NOTES = ("Correspond", "Comment")

SPREAD_DATES = (
    # Everything was written just now: ticket N opens 1500 s after N-1 (the newest three days ago), its
    # transactions follow each other by 10 min to 2 h, and LastUpdated, Started, Told and Resolved follow them.
    "UPDATE Tickets SET Created = datetime(:end - (:max - id) * 1500, 'unixepoch')",
    """UPDATE Transactions SET Created = datetime(
        (SELECT strftime('%s', t.Created) FROM Tickets t WHERE t.id = Transactions.ObjectId)
        + (Transactions.id - (SELECT MIN(x.id) FROM Transactions x WHERE x.ObjectType = 'RT::Ticket'
                              AND x.ObjectId = Transactions.ObjectId)) * (600 + (Transactions.id * 7919) % 7200),
        'unixepoch') WHERE ObjectType = 'RT::Ticket'""",
    # RT's SQLite schema has no index on Groups.id: the role groups' dates go through a keyed temp table.
    "CREATE TEMP TABLE role_created (id INTEGER PRIMARY KEY, created TEXT)",
    """INSERT INTO role_created SELECT g.id, t.Created FROM Groups g JOIN Tickets t ON t.id = g.Instance
       WHERE g.Domain = 'RT::Ticket-Role'""",
    """UPDATE Transactions SET Created = (SELECT r.created FROM role_created r WHERE r.id = Transactions.ObjectId)
       WHERE ObjectType = 'RT::Group' AND ObjectId IN (SELECT id FROM role_created)""",
    "DROP TABLE role_created",
    "UPDATE Attachments SET Created = (SELECT x.Created FROM Transactions x WHERE x.id = Attachments.TransactionId)",
    """UPDATE Tickets SET LastUpdated = (SELECT MAX(x.Created) FROM Transactions x
                                         WHERE x.ObjectType = 'RT::Ticket' AND x.ObjectId = Tickets.id)""",
    """UPDATE Tickets SET Started = (SELECT MIN(x.Created) FROM Transactions x WHERE x.ObjectType = 'RT::Ticket'
                                     AND x.ObjectId = Tickets.id AND x.Type <> 'Create')
       WHERE Started <> '1970-01-01 00:00:00'""",
    """UPDATE Tickets SET Told = (SELECT MAX(x.Created) FROM Transactions x WHERE x.ObjectType = 'RT::Ticket'
                                  AND x.ObjectId = Tickets.id AND x.Type = 'Correspond')
       WHERE Told <> '1970-01-01 00:00:00'""",
    "UPDATE Tickets SET Resolved = LastUpdated WHERE Status IN ('resolved', 'rejected')",
    "UPDATE Groups SET Created = (SELECT t.Created FROM Tickets t WHERE t.id = Groups.Instance), "
    "LastUpdated = (SELECT t.Created FROM Tickets t WHERE t.id = Groups.Instance) WHERE Domain = 'RT::Ticket-Role'",
)


class _Table:
    """One RT table's rows to insert, with the next free id."""

    def __init__(self, con: sqlite3.Connection, name: str) -> None:
        self.name = name
        self.columns = [c[1] for c in con.execute(f"PRAGMA table_info({name})")]
        self.next = (con.execute(f"SELECT MAX(id) FROM {name}").fetchone()[0] or 0) + 1
        self.rows: list[tuple] = []

    def take(self) -> int:
        self.next += 1
        return self.next - 1

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(tuple(row[c] for c in self.columns))

    def flush(self, con: sqlite3.Connection) -> None:
        marks = ", ".join("?" for _ in self.columns)
        con.executemany(f"INSERT INTO {self.name} ({', '.join(self.columns)}) VALUES ({marks})", self.rows)
        self.rows = []


def _select(con: sqlite3.Connection, sql: str, *args: Any) -> list[dict[str, Any]]:
    cursor = con.execute(sql, args)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _template(con: sqlite3.Connection, ticket_id: int) -> dict[str, Any]:
    groups = _select(con, "SELECT * FROM Groups WHERE Domain = ? AND Instance = ? ORDER BY id", ROLE, ticket_id)
    gids = [g["id"] for g in groups]
    marks = ", ".join("?" for _ in gids)
    txns = _select(con, f"""SELECT * FROM Transactions WHERE (ObjectType = 'RT::Ticket' AND ObjectId = ?)
                            OR (ObjectType = 'RT::Group' AND ObjectId IN ({marks})) ORDER BY id""", ticket_id, *gids)
    tids = [t["id"] for t in txns]
    return {
        "ticket": _select(con, "SELECT * FROM Tickets WHERE id = ?", ticket_id)[0],
        "groups": groups, "txns": txns,
        "attachments": _select(con, f"SELECT * FROM Attachments WHERE TransactionId IN "
                                    f"({', '.join('?' for _ in tids)}) ORDER BY id", *tids),
        "members": _select(con, f"SELECT * FROM GroupMembers WHERE GroupId IN ({marks}) ORDER BY id", *gids),
        "cached": _select(con, f"SELECT * FROM CachedGroupMembers WHERE GroupId IN ({marks}) ORDER BY id", *gids),
    }


def clone(con: sqlite3.Connection, records: list[dict[str, Any]], templates: int) -> int:
    """Writes records[templates:] (each with its template's shape, see bench.rt_plan.plan) as copies of the
    tickets RT wrote for records[:templates] (ids 1..templates, in order). One transaction; returns the count."""
    users = dict(con.execute("SELECT Name, id FROM Users"))
    queues = dict(con.execute("SELECT Name, id FROM Queues"))
    ticket_ids = [r[0] for r in con.execute("SELECT id FROM Tickets ORDER BY id")]
    if len(ticket_ids) != templates:
        raise RuntimeError(f"expected {templates} template tickets in RT, found {len(ticket_ids)}")
    by_record = {id(records[i]): ticket_ids[i] for i in range(templates)}
    cache: dict[int, dict[str, Any]] = {}
    tables = {name: _Table(con, name) for name in ("Tickets", "Groups", "Principals", "Transactions", "Attachments",
                                                   "GroupMembers", "CachedGroupMembers")}
    groups_t, principals_t = tables["Groups"], tables["Principals"]
    principals_t.next = groups_t.next = max(principals_t.next, groups_t.next)
    for record in records[templates:]:
        shape = record["template"]
        tid = by_record[id(shape)]
        tpl = cache.get(tid) or cache.setdefault(tid, _template(con, tid))
        who = {users[shape["requestor"]]: users[record["requestor"]]}
        who.update({users[old]: users[new] for old, new in record["agents"].items()})
        creator = users[record["requestor"]]
        new_ticket = tables["Tickets"].take()
        gmap: dict[int, int] = {}
        for g in tpl["groups"]:
            gmap[g["id"]] = groups_t.take()
            principals_t.take()
            groups_t.add({**g, "id": gmap[g["id"]], "Instance": new_ticket, "Creator": creator,
                          "LastUpdatedBy": creator})
            principals_t.add({"id": gmap[g["id"]], "PrincipalType": "Group", "Disabled": 0})
        for m in tpl["members"]:
            tables["GroupMembers"].add({**m, "id": tables["GroupMembers"].take(), "GroupId": gmap[m["GroupId"]],
                                        "MemberId": who.get(m["MemberId"], m["MemberId"]),
                                        "Creator": who.get(m["Creator"], creator),
                                        "LastUpdatedBy": who.get(m["LastUpdatedBy"], creator)})
        cmap = {c["id"]: tables["CachedGroupMembers"].take() for c in tpl["cached"]}
        for c in tpl["cached"]:
            member = gmap.get(c["MemberId"]) or who.get(c["MemberId"], c["MemberId"])
            tables["CachedGroupMembers"].add({**c, "id": cmap[c["id"]], "GroupId": gmap[c["GroupId"]],
                                              "MemberId": member, "Via": cmap.get(c["Via"], c["Via"]),
                                              "ImmediateParentId": gmap.get(c["ImmediateParentId"],
                                                                            c["ImmediateParentId"])})
        texts: dict[int, tuple[str, int]] = {}  # template transaction id -> (new text, minutes)
        notes = iter(record["replies"])
        tmap: dict[int, int] = {}
        worked = 0
        for t in tpl["txns"]:
            tmap[t["id"]] = new_txn = tables["Transactions"].take()
            row = {**t, "id": new_txn, "Creator": who.get(t["Creator"], t["Creator"])}
            if t["ObjectType"] == "RT::Group":
                row.update(ObjectId=gmap[t["ObjectId"]], Creator=creator)
            else:
                row["ObjectId"] = new_ticket
                if t["Type"] == "Create":
                    texts[t["id"]] = (record["body"], 0)
                elif t["Type"] in NOTES:
                    reply = next(notes)
                    texts[t["id"]] = (reply["text"], int(reply["minutes"]))
                    row["TimeTaken"] = int(reply["minutes"])
                    worked += row["TimeTaken"]
                if t["Field"] == "Owner":
                    for key in ("OldValue", "NewValue"):
                        if str(t[key] or "").isdigit():
                            row[key] = str(who.get(int(t[key]), int(t[key])))
            tables["Transactions"].add(row)
        amap = {a["id"]: tables["Attachments"].take() for a in tpl["attachments"]}
        for a in tpl["attachments"]:
            row = {**a, "id": amap[a["id"]], "TransactionId": tmap[a["TransactionId"]],
                   "Parent": amap.get(a["Parent"], a["Parent"]), "Creator": who.get(a["Creator"], a["Creator"])}
            if a["TransactionId"] in texts and str(a["ContentType"]).startswith("text/plain"):
                content = texts[a["TransactionId"]][0]
                row["Content"] = content
                row["Headers"] = "\n".join(
                    f"Content-Length: {len(content.encode())}" if line.startswith("Content-Length:") else line
                    for line in str(a["Headers"] or "").split("\n"))
            tables["Attachments"].add(row)
        t = tpl["ticket"]
        tables["Tickets"].add({**t, "id": new_ticket, "EffectiveId": new_ticket, "Queue": queues[record["queue"]],
                               "Owner": who.get(t["Owner"], t["Owner"]), "Subject": record["subject"],
                               "Priority": record["priority"], "TimeWorked": worked, "Creator": creator,
                               "LastUpdatedBy": who.get(t["LastUpdatedBy"], t["LastUpdatedBy"])})
    for table in tables.values():
        table.flush(con)
    return len(records) - templates


def spread_dates(con: sqlite3.Connection, end: int) -> None:
    """Moves every ticket's dates into the past year, ending at the epoch second `end` (see SPREAD_DATES)."""
    highest = con.execute("SELECT MAX(id) FROM Tickets").fetchone()[0] or 0
    for sql in SPREAD_DATES:
        con.execute(sql, {"end": end, "max": highest} if ":end" in sql else {})
