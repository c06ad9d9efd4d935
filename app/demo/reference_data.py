"""Demo reference data (issue 14): the sites people work at, and each service's owner, criticality, SLA and hours."""
# Runs inside the demo loader's last transaction on its sqlite3 connection, after the people and services are in.
# Its own random generator, so every other demo row stays what the seed always gave.

from __future__ import annotations

import json
import random
import sqlite3
import uuid

from app.sla.policies import DEFAULT_POLICY

SITE_DETAILS = {
    "London": ("Europe/London", "1 Finsbury Avenue\nLondon EC2M 2PP\nUnited Kingdom"),
    "Manchester": ("Europe/London", "3 Hardman Street\nManchester M3 3HF\nUnited Kingdom"),
    "Paris": ("Europe/Paris", "12 rue de la Paix\n75002 Paris\nFrance"),
    "Berlin": ("Europe/Berlin", "Friedrichstraße 68\n10117 Berlin\nGermany"),
    "Madrid": ("Europe/Madrid", "Calle de Alcalá 45\n28014 Madrid\nSpain"),
    "New York": ("America/New_York", "250 Park Avenue\nNew York, NY 10177\nUnited States"),
    "Singapore": ("Asia/Singapore", "8 Marina View\nSingapore 018960"),
    "Remote": (None, None),
}
_OFFICE = [[["08:00", "18:00"]]] * 5 + [[], []]
_ALWAYS = [[["00:00", "24:00"]]] * 7


def site_id(seed: int, name: str) -> str:
    """The same id for the same demo, so a demo desk is reproducible row for row."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"deskside-demo-site:{seed}:{name}"))


def fill(con: sqlite3.Connection, seed: int) -> None:
    """Site rows for the sites people name; services given an owner (an agent), a criticality, the desk's
    standard SLA policy and hours (round the clock for mission-critical ones)."""
    rng = random.Random(seed * 104729 + 14)
    names = [n for (n,) in con.execute("SELECT DISTINCT site FROM person WHERE site IS NOT NULL ORDER BY site")]
    con.executemany("INSERT INTO site (id, name, address, timezone, active) VALUES (?, ?, ?, ?, 1) "
                    "ON CONFLICT (name) DO NOTHING",
                    [(site_id(seed, n), n, SITE_DETAILS.get(n, (None, None))[1], SITE_DETAILS.get(n, (None, None))[0])
                     for n in names])
    agents = [i for (i,) in con.execute("SELECT id FROM person WHERE is_agent ORDER BY name")]
    for (service,) in con.execute("SELECT id FROM service ORDER BY name").fetchall():
        level = rng.choices((1, 2, 3, 4), (2, 4, 5, 2))[0]
        week, tz = (_ALWAYS, "UTC") if level == 1 else (_OFFICE, rng.choice(("Europe/London", "Europe/Berlin")))
        con.execute("UPDATE service SET owner_id = ?, criticality = ?, sla_policy = ?, hours = ? WHERE id = ?",
                    (rng.choice(agents) if agents else None, level, DEFAULT_POLICY["name"],
                     json.dumps({"tz": tz, "week": week}, separators=(",", ":")), service))
