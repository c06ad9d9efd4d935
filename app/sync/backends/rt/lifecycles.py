"""RT's per-queue lifecycles on the desk: the status moves RT allows, read from RT for each (queue, status).

REST2 on RT 5.0.3 has no lifecycle resource; a ticket's `_hyperlinks` list the lifecycle *actions* RT offers the
signed-in user from the ticket's current status (RT::REST2::Resource::Ticket::lifecycle_hypermedia_links: the
queue lifecycle's actions from that status that are transitions the lifecycle allows and that the user has the
right for), each with its `to` status. Those are the moves RT's own web UI offers in its ticket menu; the plain
transitions (no action) are read from the Status list of RT's own ticket form (`with_transitions`). They are read
once a session per (queue, status), from one ticket in that status, for queues whose lifecycle is not RT's
default (whose moves Deskside's workflow already covers), and go with every pull page that shows such a ticket
(app.sync.backends.moves)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from app.sync.backends.rt import mapping
from app.sync.backends.rt.http import RtHttp
from app.sync.errors import ServerError

_STATUS = re.compile(r"[\w .:/-]{1,64}")  # a status name as RT's lifecycles spell them (a form's value)
DEFAULT = "default"


class Lifecycles:
    def __init__(self, rt: RtHttp) -> None:
        self.rt = rt
        self._names: dict[str, str] = {}  # RT queue id -> its lifecycle's name
        self._moves: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (queue, status) -> [(to status, label)]

    def lifecycle_of(self, queue: str) -> str:
        if queue not in self._names:
            try:
                self._names[queue] = str(self.rt.get(f"/queue/{queue}").get("Lifecycle") or DEFAULT)
            except ServerError as exc:
                if exc.status not in (403, 404):
                    raise
                self._names[queue] = DEFAULT  # a queue the user cannot see: nothing to offer
        return self._names[queue]

    def page_moves(self, tickets: list[tuple[str, dict[str, Any], bool, str | None]],
                   active: dict[tuple[str, str], bool]) -> list[list[Any]]:
        """The backend_move entries for the page's tickets — (RT number, record, whether the record is a
        whole `GET /ticket/N`, the desk's group id) — in queues with a lifecycle of their own. `active`:
        (queue, status) -> whether RT counts that status as open, where known (the pull asks RT as it
        meets them); a target not known yet counts as open until a pull brings the ticket there."""
        out: list[list[Any]] = []
        done: set[tuple[str, str]] = set()
        for number, record, whole, group_id in tickets:
            queue = mapping.ref_id(record.get("Queue"))
            status = str(record.get("Status") or "")
            if queue is None or group_id is None or status in ("", "deleted") or (queue, status) in done:
                continue
            if self.lifecycle_of(queue) == DEFAULT and status in mapping.STATE_FROM_RT:
                continue
            done.add((queue, status))
            if (queue, status) not in self._moves:
                full = record if whole else self.rt.get(f"/ticket/{number}")
                if str(full.get("Status") or "") != status:  # moved meanwhile: read at its next pull
                    continue
                self._moves[(queue, status)] = with_transitions(actions(full), self.rt, number, status)
            moves = [[mapping.state_from_rt(to), label,
                      None if to in mapping.STATE_FROM_RT else active.get((queue, to))]
                     for to, label in self._moves[(queue, status)]]
            out.append([group_id, mapping.state_from_rt(status), moves])
        return out


def actions(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(to status, RT's name for it) of the lifecycle actions in a ticket's `_hyperlinks`, in RT's order,
    without deletion (not a move on the desk) and without repeats."""
    out: list[tuple[str, str]] = []
    for link in record.get("_hyperlinks") or []:
        if not isinstance(link, dict) or link.get("ref") != "lifecycle":
            continue
        to = str(link.get("to") or "")
        if to and to != "deleted" and to not in (t for t, _ in out):
            out.append((to, to))
    return out


class _StatusChoices(HTMLParser):
    """The option values of the first `<select name="Status">` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []
        self._inside = self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "select" and not self._done and dict(attrs).get("name") == "Status":
            self._inside = True
        elif tag == "option" and self._inside:
            self.values.append(str(dict(attrs).get("value") or "").strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._inside:
            self._inside, self._done = False, True


def with_transitions(moves: list[tuple[str, str]], rt: RtHttp, number: str, status: str) -> list[tuple[str, str]]:
    """`moves` (the lifecycle's actions) and after them the lifecycle's plain transitions from `status`, which
    REST2 does not list: RT's own ticket form (Basics, `/Ticket/Modify.html`) offers them in its Status list,
    as far as this user may make them. When the page cannot be read (no right to modify, an RT whose pages
    differ) the actions stay the only moves."""
    page = rt.web_page(f"/Ticket/Modify.html?id={int(number)}")
    if page is None:
        return moves
    parser = _StatusChoices()
    parser.feed(page)
    out = list(moves)
    for to in parser.values:
        if to and to not in (status, "deleted") and _STATUS.fullmatch(to) and to not in (t for t, _ in out):
            out.append((to, to))
    return out
