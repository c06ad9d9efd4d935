"""A real Request Tracker 5 (Debian's request-tracker5, SQLite) for the connector's tests: one per module
(the RT tests live in one module so one xdist worker starts one RT), loaded with a few dozen tickets."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import skip_or_fail
from tests.rt.rtserver import PACKAGES, RtServer, rt_installed

LOADED = 40  # tickets loaded at start: enough for paging (pages of 20 transactions in the tests), quick to load


def load_tickets(rt: RtServer, count: int) -> list[int]:
    """`count` tickets with a requester, a public reply and an internal note each; every fifth resolved, every
    seventh stalled; priorities spread over RT's 0..99."""
    numbers = []
    for i in range(count):
        number = rt.create_ticket(Subject=f"Loaded ticket {i}", Requestor=f"caller{i % 7}@example.com",
                                  Content=f"First message of ticket {i}.\nSecond line.", Priority=str((i * 13) % 100),
                                  CustomFields={"Impact": str(1 + i % 3)} if i % 2 else {})
        rt.reply(number, f"Public answer to ticket {i}", minutes=4)
        rt.reply(number, f"Internal note on ticket {i}", comment=True, minutes=2)
        if i % 5 == 0:
            rt.update(number, Status="resolved")
        elif i % 7 == 0:
            rt.update(number, Status="stalled")
        numbers.append(number)
    return numbers


@pytest.fixture(scope="module")
def rt_server(tmp_path_factory):
    if not rt_installed() or shutil.which("perl") is None:
        skip_or_fail(f"Request Tracker 5 is not installed (apt-get install {PACKAGES})")
    rt = RtServer(tmp_path_factory.mktemp("rt"))
    rt.setup()
    rt.start()
    rt.loaded = load_tickets(rt, LOADED)
    yield rt
    rt.stop()
