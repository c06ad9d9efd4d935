"""A first sync's SLA clocks from the second interpreter: the rows the writer would measure, in page order."""

from __future__ import annotations

from datetime import UTC, datetime

from app.sla.policies import load_policies
from app.sla.tracking import sla_rows
from app.sync import sla_clocks


def _wire(n: int, state: str) -> dict:
    return {"id": f"t-{n}", "type": "incident", "priority": 1 + n % 3, "service_id": None, "state": state,
            "created_at": f"2026-11-{10 + n % 9:02d}T08:00:00+00:00", "first_response_at": None,
            "resolved_at": "2026-11-30T10:00:00+00:00" if state == "resolved" else None, "closed_at": None}


def test_the_second_interpreter_measures_what_the_writer_would_and_drops_an_untaken_answer(store, monkeypatch):
    monkeypatch.setattr(sla_clocks, "PROCESS_FROM", 1)
    with store.session() as s:
        policies = load_policies(s)
    assert policies  # a new store comes with the default policies
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    first = sla_clocks.inputs([_wire(n, "new") for n in range(5)])
    second = sla_clocks.inputs([_wire(n, ("in_progress", "resolved")[n % 2]) for n in range(5, 12)])
    clocks = sla_clocks.PageClocks()
    try:
        assert clocks.send(policies, now, first)
        # The page's transaction failed before its answer was taken: the next page's answer is its own.
        assert clocks.send(policies, now, second)
        got = clocks.take()
        assert got == sla_rows(policies, second, {}, now=now) and len(got) == 7
        assert clocks.proc is not None and not clocks.failed
    finally:
        clocks.close()
    assert clocks.proc is None


def test_a_page_below_the_threshold_stays_in_the_writer(monkeypatch):
    monkeypatch.setattr(sla_clocks, "PROCESS_FROM", 500)
    clocks = sla_clocks.PageClocks()
    assert not clocks.send((), datetime.now(UTC), sla_clocks.inputs([_wire(1, "new")]))
    assert clocks.proc is None
    clocks.close()
