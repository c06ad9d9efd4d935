"""The demo's CMDB: business services over applications, VMs, servers, databases, storage and the network, and
the people's workstations and phones; typed relations (3 to 5 per CI, a few cycles); tickets pointed at them."""
# Runs inside the generator's last transaction, on its raw sqlite3 connection, after the tickets and changes.
# The desk's base CIs (app.demo.desk) come with parent links whose meaning varies by class (an application
# "holds" its clusters, a cluster its servers); they are turned into typed relations here and the parent
# cleared, so every walk reads them right: the application runs on the cluster, a server is a member of it.
# About 5,000 CIs per 100,000 tickets. Own RNG: the rest of the demo stays what the seed always gave.

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from app.demo import vocabulary as V
from app.demo.desk import Desk, uuid7_maker

CI_COLUMNS = ("id", "name", "ci_class", "parent_id", "service_id", "criticality", "status", "description",
              "owner_id", "support_group_id", "site", "serial", "asset_tag", "attributes", "updated_at")
CI_SQL = f"INSERT INTO configuration_item ({', '.join(CI_COLUMNS)}) VALUES ({', '.join('?' * len(CI_COLUMNS))})"
REL_SQL = "INSERT INTO ci_relation (id, source_id, target_id, type, created_at) VALUES (?, ?, ?, ?, ?)"
# Application pairs that call each other: the cycles a real CMDB has (walks must end on them).
CYCLES = (("sap", "dwh"), ("crm", "cp"), ("pay", "hr"), ("dc", "net"), ("shop", "cp"))
OS = (("Windows Server", "2022"), ("Windows Server", "2019"), ("Red Hat Enterprise Linux", "9.4"),
      ("Ubuntu Server", "22.04"), ("SUSE Linux Enterprise", "15 SP5"))
DB_ENGINES = (("PostgreSQL", "16.2"), ("Microsoft SQL Server", "2022"), ("Oracle Database", "19c"),
              ("SAP HANA", "2.0 SPS07"), ("MariaDB", "10.11"))
LAPTOPS = ("Lenovo ThinkPad T14 Gen 4", "Dell Latitude 7440", "HP EliteBook 840 G10", "Apple MacBook Pro 14")
PHONES = (("iOS", "iPhone 15"), ("iOS", "iPhone 13"), ("Android", "Samsung Galaxy S23"), ("Android", "Pixel 8"))
STORAGE = (("NetApp", "AFF A400"), ("Pure Storage", "FlashArray//X70"), ("Dell", "PowerStore 3200T"))


@dataclass(frozen=True)
class CmdbDemo:
    cis: int
    relations: int
    tickets_on_cis: int


class _Builder:
    def __init__(self, con: sqlite3.Connection, rng: random.Random, now: datetime) -> None:
        self.con, self.rng = con, rng
        self.uuid7 = uuid7_maker(rng)
        self.ms = int(now.timestamp() * 1000) - 300 * 86_400_000
        self.stamp = now.strftime("%Y-%m-%d %H:%M:%S.000000")
        self.rows: list[tuple] = []
        self.relations: list[tuple] = []
        self.seen: set[tuple[str, str, str]] = set()
        self.n = 0

    def new_id(self) -> str:
        self.ms += self.rng.randrange(1, 400_000)
        return self.uuid7(self.ms)

    def serial(self, prefix: str) -> str:
        return prefix + "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(9))

    def ci(self, name: str, ci_class: str, *, crit: int = 3, service_id: str | None = None, group: str | None = None,
           site: str | None = None, owner: str | None = None, status: str = "active", attrs: dict | None = None,
           description: str | None = None, hardware: bool = True) -> str:
        cid = self.new_id()
        self.n += 1
        serial = self.serial(ci_class[:2].upper()) if hardware else None
        tag = f"AT-{100000 + self.n}" if hardware else None
        self.rows.append((cid, name, ci_class, None, service_id, crit, status, description, owner, group, site,
                          serial, tag, json.dumps(attrs, sort_keys=True) if attrs else None, self.stamp))
        return cid

    def rel(self, source: str, target: str, type_: str) -> None:
        if source == target or (source, target, type_) in self.seen:
            return
        self.seen.add((source, target, type_))
        self.relations.append((self.new_id(), source, target, type_, self.stamp))

    def ip(self) -> str:
        return f"10.{self.rng.randrange(1, 60)}.{self.rng.randrange(256)}.{self.rng.randrange(2, 254)}"


def _typed_parents(b: _Builder, con: sqlite3.Connection) -> dict[str, tuple]:
    """The base CIs' parent links as typed relations; classes renamed to the CMDB's; returns the CIs by id."""
    cis = {r[0]: r for r in con.execute("SELECT id, name, ci_class, parent_id, service_id, criticality "
                                        "FROM configuration_item")}
    for cid, _name, cls, parent, _svc, _crit in cis.values():
        if parent is None or parent not in cis:
            continue
        parent_class = cis[parent][2]
        if cls == "cluster":
            b.rel(parent, cid, "runs_on")          # the application runs on its cluster
        elif cls == "server" and parent_class == "cluster":
            b.rel(cid, parent, "member_of")        # the server is a node of the cluster
        elif cls == "network" and parent_class == "network":
            b.rel(cid, parent, "connects_to")      # an access switch uplinks to the site's core
        else:
            b.rel(parent, cid, "depends_on")       # the application needs its database, printers, switches
    con.execute("UPDATE configuration_item SET parent_id = NULL, "
                "ci_class = CASE ci_class WHEN 'network' THEN 'network_device' ELSE ci_class END")
    return cis


def _attrs(b: _Builder, cls: str) -> dict:
    r = b.rng
    if cls in ("server", "virtual_machine"):
        os_name, version = r.choice(OS)
        key = "cpu_count" if cls == "server" else "vcpu_count"
        out = {"os": os_name, "os_version": version, key: str(r.choice((4, 8, 16, 32))),
               "memory_gb": str(r.choice((16, 32, 64, 128, 256))), "ip_address": b.ip()}
        if cls == "virtual_machine":
            out["hypervisor"] = r.choice(("VMware ESXi 8.0", "Hyper-V 2022"))
        return out
    if cls == "database":
        engine, version = r.choice(DB_ENGINES)
        return {"engine": engine, "version": version, "size_gb": str(r.randrange(20, 4000)), "port": "5432"
                if engine == "PostgreSQL" else "1433"}
    if cls == "network_device":
        return {"device_type": "switch", "vendor": "Cisco", "model": r.choice(("C9300-48P", "C9500-24Y4C")),
                "firmware": "17.9.4", "ip_address": b.ip(), "port_count": "48"}
    if cls == "workstation":
        return {"os": r.choice(("Windows 11 23H2", "Windows 11 22H2", "macOS 14")), "model": r.choice(LAPTOPS),
                "memory_gb": str(r.choice((16, 32))),
                "purchase_date": f"202{r.randrange(2, 6)}-0{r.randrange(1, 10)}-1{r.randrange(10)}"}
    return {}


def _describe_base(b: _Builder, con: sqlite3.Connection, base: dict[str, tuple]) -> None:
    """Sites (from the name's site code), serials, asset tags and attributes for the desk's base CIs."""
    site_of = {code: site for site, code in V.SITES}
    updates = []
    for cid, name, cls, *_ in base.values():
        parts = name.split("-")
        site = site_of.get(parts[1]) if len(parts) > 1 else None
        cls = "network_device" if cls == "network" else cls
        hardware = cls in ("server", "network_device", "printer")
        b.n += 1
        attrs = _attrs(b, cls) or ({"model": "HP LaserJet M611", "ip_address": b.ip(), "colour": "no"}
                                   if cls == "printer" else {})
        updates.append((site, b.serial(cls[:2].upper()) if hardware else None,
                        f"AT-{100000 + b.n}" if hardware else None,
                        json.dumps(attrs, sort_keys=True) if attrs else None, b.stamp, cid))
    con.executemany("UPDATE configuration_item SET site = ?, serial = ?, asset_tag = ?, attributes = ?, "
                    "updated_at = ? WHERE id = ?", updates)


def generate_cmdb(con: sqlite3.Connection, desk: Desk, *, seed: int, tickets: int, now: datetime) -> CmdbDemo:
    """Write the demo CMDB through `con` (inside the caller's transaction); returns what it wrote."""
    b = _Builder(con, random.Random(f"cmdb-{seed}"), now)
    r = b.rng
    base = _typed_parents(b, con)
    owner_group = {row[0]: row[3] for row in desk.rows["service"]}
    people_site = {row[0]: row[7] for row in desk.rows["person"] if len(row) > 7}
    con.execute("UPDATE configuration_item SET support_group_id = (SELECT s.owner_group_id FROM service s "
                "WHERE s.id = configuration_item.service_id), status = 'active'")
    _describe_base(b, con, base)
    by_prefix: dict[str, str] = {}   # service prefix -> its application CI
    services: dict[str, str] = {}    # service prefix -> its business service CI
    for name, _owner, crit, _app, prefix, _db in V.SERVICES:
        sid, cis = desk.services[name]
        by_prefix[prefix] = cis[0][0]
        services[prefix] = b.ci(name, "business_service", crit=crit, service_id=sid, group=owner_group[sid],
                                hardware=False, description=f"The {name} service as the business sees it.",
                                attrs={"service_hours": r.choice(("24x7", "Mon-Fri 07:00-19:00")),
                                       "sla_tier": ("Gold", "Gold", "Silver", "Bronze")[crit - 1]})
        b.rel(services[prefix], cis[0][0], "depends_on")
    for prefix, svc in services.items():  # everyone signs in and goes over the network
        for shared in ("dc", "net"):
            if prefix != shared:
                b.rel(svc, services[shared], "depends_on")
    for a, c in CYCLES:
        b.rel(by_prefix[a], by_prefix[c], "depends_on")
        b.rel(by_prefix[c], by_prefix[a], "depends_on")
    switches = [cid for cid, row in base.items() if row[2] == "network" and "-acc" in row[1]] or \
        [cid for cid, row in base.items() if row[2] == "network"]
    hosts = [cid for cid, row in base.items() if row[2] == "server"]
    storage = []
    target = max(len(base) + 200, tickets * 5 // 100)
    budget = target - len(base) - len(services)
    for site, code in V.SITES:
        for k in range(1 + budget // 1500):
            vendor, model = r.choice(STORAGE)
            sid = b.ci(f"san-{code}-{k + 1:02d}", "storage", crit=2, site=site, attrs={
                "vendor": vendor, "model": model, "capacity_tb": str(r.choice((100, 250, 500))),
                "raid_level": "RAID-DP"})
            storage.append(sid)
            b.rel(sid, r.choice(switches), "connects_to")
    infra = budget * 22 // 100
    apps = list(by_prefix.items())
    for k in range(infra):
        prefix, app = apps[k % len(apps)]
        site, code = V.SITES[r.randrange(len(V.SITES))]
        if k % 5 == 4:
            db = b.ci(f"{prefix}-db{k // len(apps) + 2:02d}", "database", crit=2, site=site,
                      attrs=_attrs(b, "database"))
            b.rel(app, db, "depends_on")
            b.rel(db, r.choice(storage), "depends_on")
            b.rel(db, r.choice(hosts), "runs_on")
            continue
        status = "maintenance" if r.random() < 0.03 else "planned" if r.random() < 0.02 else "active"
        vm = b.ci(f"{prefix}-{code}-vm{k // len(apps) + 1:03d}", "virtual_machine", crit=3, site=site,
                  status=status, attrs=_attrs(b, "virtual_machine"), hardware=False)
        b.rel(app, vm, "runs_on")
        b.rel(vm, r.choice(hosts), "runs_on")
        b.rel(vm, r.choice(storage), "depends_on")
        b.rel(vm, r.choice(switches), "connects_to")
    endpoint_apps = [by_prefix[p] for p in ("exch", "m365", "dc", "vpn", "sccm")]
    owners = list(desk.requesters)
    r.shuffle(owners)
    devices = budget - infra - len(storage)
    for k in range(max(devices, 0)):
        owner, _first = owners[k % len(owners)]
        in_stock = r.random() < 0.04
        retired = not in_stock and r.random() < 0.03
        status = "in_stock" if in_stock else "retired" if retired else "active"
        who = None if in_stock else owner
        where = people_site.get(owner)
        if k % 4 == 3:
            os_name, model = r.choice(PHONES)
            dev = b.ci(f"MOB-{10000 + k}", "mobile_device", crit=4, owner=who, site=where, status=status, attrs={
                "os": os_name, "model": model, "imei": "35" + "".join(str(r.randrange(10)) for _ in range(13))})
            for app in (by_prefix["exch"], by_prefix["dc"], by_prefix["m365"]):
                b.rel(dev, app, "depends_on")
            continue
        dev = b.ci(f"WS-{10000 + k}", "workstation", crit=4, owner=who, site=where, status=status,
                   attrs=_attrs(b, "workstation"))
        for app in r.sample(endpoint_apps, r.randint(2, 4)):
            b.rel(dev, app, "depends_on")
        b.rel(dev, r.choice(switches), "connects_to")
    con.executemany(CI_SQL, b.rows)
    con.executemany(REL_SQL, b.relations)
    # Tickets name these CIs: a third of those without a CI raised by someone with a workstation name it, a
    # fifth of those on a service without a CI name the service's CI.
    before = con.execute("SELECT count(*) FROM ticket WHERE ci_id IS NOT NULL").fetchone()[0]
    con.execute("UPDATE ticket SET ci_id = (SELECT c.id FROM configuration_item c WHERE c.owner_id = "
                "ticket.requester_id AND c.ci_class = 'workstation' ORDER BY c.id LIMIT 1) "
                "WHERE ci_id IS NULL AND row_id % 3 = 0 AND requester_id IN "
                "(SELECT owner_id FROM configuration_item WHERE ci_class = 'workstation')")
    con.execute("UPDATE ticket SET ci_id = (SELECT c.id FROM configuration_item c WHERE c.service_id = "
                "ticket.service_id AND c.ci_class = 'business_service') "
                "WHERE ci_id IS NULL AND service_id IS NOT NULL AND row_id % 5 = 1")
    after = con.execute("SELECT count(*) FROM ticket WHERE ci_id IS NOT NULL").fetchone()[0]
    return CmdbDemo(cis=len(base) + len(b.rows), relations=len(b.relations), tickets_on_cis=after - before)
