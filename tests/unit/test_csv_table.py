"""core.csv_table, the CSV reading and writing every list's import and export use: any spec, big files, limits."""

from __future__ import annotations

import pytest

from core.csv_table import CsvColumn, CsvFileError, CsvSpec, cell_text, problems_report, read_csv, write_csv
from core.errors import ValidationError
from core.people.csv_io import read_people


def _clean(values):
    if values.get("code", "").startswith("!"):
        raise ValidationError("A code never starts with !.", "code")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}


SPEC = CsvSpec(noun="things", columns=(CsvColumn("code", "Code", ("reference",)), CsvColumn("name", "Name"),
                                       CsvColumn("live", "Live", kind="flag", empty=True)),
               clean=_clean, required=("code",), unique=("code",), max_rows=10)


def test_any_list_reads_with_aliases_flags_duplicates_and_row_problems():
    data = "Reference;Name;Live;Extra\nA1;First;;x\na1;Again;no;\n!x;Bad;;\nB2;Second;maybe;\n\nC3;Third;NO;\n"
    parsed = read_csv(data.encode("cp1252"), SPEC)
    assert parsed.ignored_columns == ("Extra",) and parsed.encoding == "UTF-8" and parsed.total == 5
    assert [(line, v["code"], v["live"]) for line, v in parsed.rows] == [(2, "A1", True), (7, "C3", False)]
    assert [(p.line, p.column) for p in parsed.problems] == [(3, "code"), (4, "code"), (5, "live")]
    assert "line 2" in parsed.problems[0].message and "yes or no" in parsed.problems[2].message
    assert problems_report(parsed.problems).splitlines()[0] == "Line,Column,Problem"


def test_a_file_over_the_row_limit_is_refused_whole():
    data = "Code\n" + "".join(f"X{i}\n" for i in range(11))
    with pytest.raises(CsvFileError, match="more than 10 things"):
        read_csv(data.encode(), SPEC)


def test_a_hundred_thousand_rows_with_duplicates_and_bad_rows_are_all_reported():
    lines = ["Name,E-mail"] + [f"Person {i},p{i % 99_990}@example.com" for i in range(100_000)]
    lines[50_000] = "Broken,not-an-address"
    parsed = read_people("\n".join(lines).encode())
    assert parsed.total == 100_000
    assert len(parsed.problems) == 11  # 10 addresses twice, one not an address
    assert len(parsed.rows) == 100_000 - 11
    assert {p.column for p in parsed.problems} == {"email"}


def test_writing_quotes_formulas_and_reads_back():
    rows = [{"code": "=1+1", "name": "@home", "live": False}, {"code": "B", "name": "+44 20 7946 0000", "live": True}]
    text = write_csv(rows, SPEC)
    assert text.splitlines()[0] == "Code,Name,Live"
    assert text.splitlines()[1] == "'=1+1,'@home,no"
    assert cell_text("+44 20 7946 0000") == "+44 20 7946 0000" and cell_text(None) == ""
    back = read_csv(text.encode(), SPEC)
    assert [v["code"] for _, v in back.rows] == ["'=1+1", "B"]
