"""CSV import and export of CIs on a real store: preview with per-row problems, nothing imported while one
remains, names resolved, relations imported, malformed files and wrong encodings refused whole, 10k rows
(100k under `make soak`)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.cmdb import ops, queries
from app.cmdb.transfer import export_cis, import_cis, preview_import
from app.models import CiRelation, ConfigurationItem, Group, OutboxMutation, Person, Service
from core.csv_table import problems_report
from core.errors import ValidationError


@pytest.fixture
def desk(store, me):
    with store.session() as s:
        s.add(Service(id="mail", name="Email"))
        s.add(Group(id="net", name="Network"))
        s.add(Person(id="ann", name="Ann Ash", email="ann@example.com", is_agent=False, active=True))
        s.add(Person(id="ann2", name="Ann Ash", email="ann.other@example.com", is_agent=False, active=True))
        s.flush()
        ops.create_ci(s, values={"name": "core-sw", "ci_class": "network_device"}, actor_id=me)
        s.commit()
    return store


def _write(tmp_path, text, encoding="utf-8", name="cis.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_a_clean_file_imports_with_names_resolved_and_relations(desk, me, tmp_path):
    path = _write(tmp_path, "Name\tClass\tCriticality\tService\tSupport group\tOwner\tAttributes\tDepends on\t"
                            "Connects to\n"
                            "mail-app\tApplication\tHigh\tEmail\tnetwork\t\tvendor=Microsoft\tmail-db\t\n"
                            "mail-db\tdatabase\t1\t\t\t\tengine=PostgreSQL; port=5432\t\tcore-sw\n"
                            "ws-1\tWorkstation\tlow\t\t\tann@example.com\t\tmail-app; core-sw\t\n"
                            "core-sw\t\t\t\t\t\t\t\t\n")
    with desk.session() as s:
        preview = preview_import(s, path=path)
        assert preview.problems == () and (preview.new, preview.updates) == (3, 1)
        result = import_cis(s, preview=preview, actor_id=me)
        s.commit()
        assert (result.added, result.unchanged) == (3, 1)
        app = queries.find_ci(s, name_or_id="mail-app")
        d = queries.ci_detail(s, ci_id=app)
        assert (d.ci.ci_class, d.ci.criticality, d.ci.service_name, d.ci.support_group_name) == \
            ("application", 2, "Email", "Network")
        assert {(r.label, r.other.name) for r in d.relations} == {("depends on", "mail-db"), ("used by", "ws-1")}
        assert queries.ci_detail(s, ci_id=queries.find_ci(s, name_or_id="mail-db")).ci.criticality == 1
        ws = queries.ci_detail(s, ci_id=queries.find_ci(s, name_or_id="ws-1"))
        assert ws.owner_name == "Ann Ash"
        assert {r.name for r in queries.impact(s, ci_id=queries.find_ci(s, name_or_id="core-sw")).blast_radius} \
            == {"core-sw", "mail-db", "mail-app", "ws-1"}
        queued = {m.entity for m in s.scalars(select(OutboxMutation))}
        assert {"configuration_item", "ci_relation"} <= queued


def test_problems_are_listed_per_row_and_nothing_is_imported(desk, me, tmp_path):
    path = _write(tmp_path, "Name,Class,Criticality,Service,Owner,Attributes,Depends on,Status\n"
                            "a,spaceship,,,,,,\n"                 # 2 unknown class
                            "b,server,7,,,,,\n"                   # 3 criticality
                            "c,server,,Nope,,,,\n"                # 4 unknown service
                            "d,server,,,Ann Ash,,,\n"             # 5 two people with that name
                            "e,server,,,,cpu_count=eight,,\n"     # 6 not a number
                            "f,server,,,,,ghost,\n"               # 7 unknown relation target
                            "g,server,,,,,,lost\n"                # 8 status
                            "A,server,,,,,,\n"                    # 9 duplicate name
                            "h,server,,,,,,,extra\n"              # 10 too many values
                            "ok,server,,,,,,\n")
    with desk.session() as s:
        preview = preview_import(s, path=path)
        assert [(p.line, p.column) for p in preview.problems] == [
            (2, "ci_class"), (3, "criticality"), (4, "service"), (5, "owner"), (6, "cpu_count"),
            (7, "rel_depends_on"), (8, "status"), (9, "name"), (10, "")]
        report = problems_report(preview.problems)
        assert report.splitlines()[0] == "Line,Column,Problem" and len(report.splitlines()) == 10
        with pytest.raises(ValidationError):
            import_cis(s, preview=preview, actor_id=me)
        s.rollback()
        assert s.scalar(select(func.count()).select_from(ConfigurationItem)) == 1


@pytest.mark.parametrize(("data", "words"), [
    (b"", "empty"),
    (b"Class,Status\nserver,active\n", "Name"),
    (b"Name,Name\nx,y\n", "twice"),
    (b"Name\n", "holds no"),
    (b"Name\n\x00\x01binary", "binary"),
    (b'Name,Class\n"unterminated,server\n', "cannot be read"),
])
def test_unusable_files_are_refused_whole(desk, tmp_path, data, words):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with desk.session() as s, pytest.raises(ValidationError) as err:
        preview_import(s, path=str(path))
    assert words in str(err.value)


def test_encodings_windows_1252_and_utf16_read(desk, me, tmp_path):
    for encoding in ("cp1252", "utf-16"):
        path = _write(tmp_path, "Name,Site\nsrv-zürich,Zürich\n", encoding, f"{encoding}.csv")
        with desk.session() as s:
            preview = preview_import(s, path=path)
            assert preview.problems == () and preview.base.rows[0].values["site"] == "Zürich"
    with desk.session() as s:  # not text at all in any of them
        bad = tmp_path / "latin.csv"
        bad.write_bytes(b"Name\n\x81\x8d\x8f\x90\x9d\n")
        with pytest.raises(ValidationError):
            preview_import(s, path=str(bad))


def test_export_reads_back_the_same(desk, me, tmp_path):
    path = _write(tmp_path, "Name,Class,Owner,Attributes,Depends on,Description\n"
                            "app1,application,ann@example.com,vendor=Acme; version=2,core-sw,\"=cmd|' /C calc'!A0\"\n")
    with desk.session() as s:
        import_cis(s, preview=preview_import(s, path=path), actor_id=me)
        s.commit()
        out = tmp_path / "out.csv"
        ids = queries.list_ci_ids(s)
        assert export_cis(s, path=str(out), ids=ids) == 2
        text = out.read_text(encoding="utf-8")
        assert "'=cmd" in text  # a formula is never written as one
        again = preview_import(s, path=str(out))
        assert again.problems == () and again.updates == 2
        row = next(r for r in again.base.rows if r.values["name"] == "app1")
        assert json.loads(row.values["attributes"]) == {"vendor": "Acme", "version": "2"}
        assert row.values["owner_id"] == "ann"


def _import_rows(desk, me, tmp_path, count: int) -> None:
    """`count` servers, one in ten depending on core-sw: previewed, imported, and the impact of core-sw."""
    lines = ["Name,Class,Criticality,Site,Serial,Depends on"]
    lines += [f"host{n:06d},server,{n % 4 + 1},Leeds,SN{n:08d},{'core-sw' if n % 10 == 0 else ''}"
              for n in range(count)]
    path = _write(tmp_path, "\n".join(lines))
    with desk.session() as s:
        preview = preview_import(s, path=path)
        assert preview.problems == () and preview.new == count and len(preview.relations) == count // 10
        import_cis(s, preview=preview, actor_id=me)
        s.commit()
        assert s.scalar(select(func.count()).select_from(ConfigurationItem)) == count + 1
        assert s.scalar(select(func.count()).select_from(CiRelation)) == count // 10
        assert len(queries.impact(s, ci_id=queries.find_ci(s, name_or_id="core-sw")).blast_radius) == count // 10 + 1


def test_ten_thousand_rows(desk, me, tmp_path):
    """The short twin of the 100k-row run (make soak): twenty times the import's batches of 500."""
    _import_rows(desk, me, tmp_path, 10_000)


@pytest.mark.soak
def test_a_hundred_thousand_rows(desk, me, tmp_path):
    _import_rows(desk, me, tmp_path, 100_000)
