"""People CSV: reading hostile and malformed files, the all-or-nothing import, the export and its round trip."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.models import OutboxMutation, Person
from app.people import transfer
from app.people.directory import PeopleFilter
from core.errors import ValidationError
from core.people.csv_io import CsvFileError, problems_report, read_people, write_people

GOOD = "Name,E-mail,Phone,Site,Department,Language,VIP,Active,Badge\r\n" \
       "Ana Smith,ANA@example.com,+44 20 7946 0001,London,Finance,en,yes,,B-1\r\n" \
       "\r\n" \
       "\"Lee, Bo\",bo@example.com,,Paris,Sales,fr,no,no,\r\n"


def test_read_a_good_file_with_aliases_blank_lines_and_an_extra_column():
    parsed = read_people(GOOD.encode("utf-8-sig"))
    assert parsed.encoding == "UTF-8" and parsed.total == 2 and not parsed.problems
    assert parsed.ignored_columns == ("Badge",)
    assert parsed.rows == (
        (2, {"name": "Ana Smith", "email": "ana@example.com", "phone": "+44 20 7946 0001", "site": "London",
             "department": "Finance", "language": "en", "vip": True, "active": True}),
        (4, {"name": "Lee, Bo", "email": "bo@example.com", "phone": None, "site": "Paris", "department": "Sales",
             "language": "fr", "vip": False, "active": False}))


def test_semicolons_tabs_and_windows_1252():
    parsed = read_people("Full name;Mail\nJosé Müller;jose@example.com\n".encode("cp1252"))
    assert parsed.encoding == "Windows-1252" and parsed.rows[0][1]["name"] == "José Müller"
    parsed = read_people("name\temail\nZoë\tzoe@example.com\n".encode("utf-16"))
    assert parsed.encoding == "UTF-16" and parsed.rows[0][1]["name"] == "Zoë"


def test_every_bad_row_is_reported_with_its_line():
    data = (b"name,email,vip,phone\n"
            b",nobody@example.com,,\n"
            b"A,not-an-address,,\n"
            b"B,b@example.com,yes,\n"
            b"C,B@EXAMPLE.COM,,\n"
            b"D,d@example.com,,call me\n"
            b"E,e@example.com,,,extra\n"
            b"=cmd|' /C calc'!A0,f@example.com,,\n"
            b"F,f2@example.com,maybe,\n")
    parsed = read_people(data)
    assert [(p.line, p.column) for p in parsed.problems] == [
        (2, "name"), (3, "email"), (5, "email"), (6, "phone"), (7, ""), (9, "vip")]
    assert "line 4" in parsed.problems[2].message
    assert [line for line, _ in parsed.rows] == [4, 8]  # a formula-looking name is just text here
    report = problems_report(parsed.problems)
    assert report.splitlines()[0] == "Line,Column,Problem" and len(report.splitlines()) == 7


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"email,phone\nx@example.com,1\n", "Name"), (b"name,Name\nA,B\n", "twice"),
    (b"name\n", "holds no people"), (b"name\x00\nA\n", "binary"),
    (b'name,email\n"A,a@example.com\n', "cannot be read"),
])
def test_unusable_files_are_refused_as_a_whole(data, message):
    with pytest.raises(CsvFileError, match=message):
        read_people(data)


def test_export_quotes_formulas_and_reads_back():
    rows = [{"name": "=HYPERLINK(\"x\")", "email": "a@example.com", "phone": "+44 20 7946 0001", "site": "-Remote",
             "department": None, "language": "en", "vip": True, "active": False}]
    text = write_people(rows)
    assert text.splitlines()[1].startswith('"\'=HYPERLINK(""x"")"')
    assert ",+44 20 7946 0001,'-Remote," in text.splitlines()[1]
    back = read_people(text.encode())
    assert back.rows[0][1]["vip"] is True and back.rows[0][1]["active"] is False
    assert back.rows[0][1]["phone"] == "+44 20 7946 0001"


def test_import_adds_updates_by_email_and_is_all_or_nothing(store, me, tmp_path):
    with store.session() as s:
        s.add(Person(name="Ana Old", email="ana@example.com", site="Leeds"))
    path = tmp_path / "people.csv"
    path.write_text(GOOD, encoding="utf-8")
    with store.read_session() as s:
        preview = transfer.preview_import(s, path=str(path))
    assert (preview.new, preview.updates, preview.problems) == (1, 1, ())
    with store.session() as s:
        result = transfer.import_people(s, preview=preview, actor_id=me)
    assert (result.added, result.updated, result.unchanged) == (1, 1, 0)
    with store.session() as s:
        ana = s.scalars(select(Person).where(Person.email == "ana@example.com")).one()
        assert (ana.name, ana.site, ana.vip) == ("Ana Smith", "London", True)
        kinds = sorted(s.execute(select(OutboxMutation.op, OutboxMutation.payload)
                                 .where(OutboxMutation.entity == "person")).all())
        assert [k[0] for k in kinds] == ["create", "update"]
        assert json.loads(kinds[0][1])["row"]["name"] == "Lee, Bo"

    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nGood One,good@example.com\nBad,nope\n", encoding="utf-8")
    with store.read_session() as s:
        preview = transfer.preview_import(s, path=str(bad))
    assert len(preview.rows) == 1 and len(preview.problems) == 1
    with store.session() as s, pytest.raises(ValidationError, match="nothing was imported"):
        transfer.import_people(s, preview=preview, actor_id=me)
    with store.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Person).where(Person.name == "Good One")) == 0
    with store.read_session() as s, pytest.raises(ValidationError, match="Cannot read"):
        transfer.preview_import(s, path=str(tmp_path / "missing.csv"))


def test_export_writes_the_filtered_directory(store, me, tmp_path):
    with store.session() as s:
        s.add_all([Person(name="Ana", email="ana@example.com", site="London"),
                   Person(name="Bo", site="Paris"), Person(name="Cy", site="London", active=False)])
    path = tmp_path / "out.csv"
    with store.read_session() as s:
        assert transfer.export_people(s, path=str(path), flt=PeopleFilter(site="London", active=None)) == 2
    back = read_people(path.read_bytes())
    assert [(v["name"], v["active"]) for _, v in back.rows] == [("Ana", True), ("Cy", False)]


def test_a_large_import_in_one_transaction(store, me, tmp_path):
    lines = ["name,email,site"] + [f"Person {i},p{i}@example.com,Site {i % 7}" for i in range(20_000)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with store.read_session() as s:
        preview = transfer.preview_import(s, path=str(path))
    with store.session() as s:
        assert transfer.import_people(s, preview=preview, actor_id=me).added == 20_000
    with store.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Person).where(Person.site == "Site 3")) == 2857
