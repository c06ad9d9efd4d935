"""A real Request Tracker 5 (Debian's request-tracker5, SQLite) for the connector's tests: one per module
(the RT tests live in one module so one xdist worker starts one RT), loaded with a few dozen tickets."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import skip_or_fail
from tests.rt.rtserver import LOAD_TICKETS, PACKAGES, RtServer, rt_installed

LOADED = 40  # tickets loaded at start: enough for paging (pages of 20 transactions in the tests), quick to load


def load_tickets(rt: RtServer, count: int) -> list[int]:
    """`count` tickets with a requester, a public reply (4 minutes) and an internal note (2 minutes) each, made
    as root through RT's Perl API as REST2 would make them; every fifth resolved, every seventh stalled;
    priorities spread over RT's 0..99, Impact set on every other ticket."""
    lines = []
    for i in range(count):
        lines.append("\t".join([
            f"Loaded ticket {i}", f"caller{i % 7}@example.com", f"First message of ticket {i}.\\nSecond line.",
            str((i * 13) % 100), str(1 + i % 3) if i % 2 else "", f"Public answer to ticket {i}",
            f"Internal note on ticket {i}", "4", "2", "resolved" if i % 5 == 0 else "stalled" if i % 7 == 0 else ""]))
    numbers = [int(n) for n in rt.perl(LOAD_TICKETS, stdin="\n".join(lines) + "\n", timeout=600).split()]
    assert len(numbers) == count
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
