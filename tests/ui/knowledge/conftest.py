"""A small knowledge base on the UI tests' store, and the window's reference data reloaded to name its services."""

import pytest

from app.knowledge import ops
from app.models import Category, ConfigurationItem, Service
from app.people import reference


@pytest.fixture
def kb(store, seeded, ctx):
    with store.session() as s:
        vpn, printing = Service(name="VPN & Remote Access"), Service(name="Printing")
        cat = Category(name="Network")
        ci = ConfigurationItem(name="GW-01")
        s.add_all([vpn, printing, cat, ci])
        s.flush()
        me = seeded["me"]
        vpn_article = ops.new_article(s, values={
            "title": "Cannot connect to VPN from home", "keywords": "vpn, globalprotect",
            "body": "## Issue\n\nThe tunnel drops.\n\n## Resolution\n\n1. Quit **GlobalProtect**\n2. Refresh the "
                    "connection\n3. Sign in again\n", "service_ids": [vpn.id], "category_id": cat.id}, actor_id=me)
        printer = ops.new_article(s, values={"title": "Printer shows a paper jam", "body": "1. Open tray 2\n2. Pull",
                                             "service_ids": [printing.id]}, actor_id=me)
        ops.set_confidence(s, article_id=printer.id, confidence="not_validated", actor_id=me)
        ops.save_article(s, article_id=printer.id, changes={"body": "1. Open tray 2\n2. Pull slowly\n3. Close"},
                         note="slower", actor_id=me)
        old = ops.new_article(s, values={"title": "Old VPN gateway notes"}, actor_id=me)
        ops.set_confidence(s, article_id=old.id, confidence="archived", actor_id=me)
        ctx.reference = reference.reference_data(s)
    return {"vpn": vpn_article.id, "printer": printer.id, "old": old.id, "vpn_service": vpn.id,
            "printing": printing.id, "category": cat.id, "vpn_number": vpn_article.number}
