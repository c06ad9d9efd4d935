"""A first end-to-end pass over the core services on a fresh store."""

from app.tickets import queue
from app.tickets import writes as tickets


def test_create_and_find(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="VPN drops", actor_id=me)
        number = t.number
    with store.session() as s:
        found = queue.count_tickets(s, flt=queue.QueueFilter(text="vpn"), me=me, has_fts=store.has_fts)
    assert number == "INC0000001"
    assert found == 1
