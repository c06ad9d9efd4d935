"""People as CSV: the directory's file format (core.csv_table does the reading and writing)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.csv_table import (
    CsvColumn,
    CsvFileError,
    CsvSpec,
    ParsedCsv,
    RowProblem,
    problems_report,
    read_csv,
    write_csv,
)
from core.people.rules import clean_person

__all__ = ["COLUMNS", "PEOPLE", "CsvFileError", "ParsedCsv", "RowProblem", "problems_report", "read_people",
           "write_people"]

PEOPLE = CsvSpec(
    noun="people",
    columns=(
        CsvColumn("name", "Name", ("full name", "display name")),
        CsvColumn("email", "Email", ("e-mail", "mail", "email address")),
        CsvColumn("phone", "Phone", ("telephone", "phone number", "mobile")),
        CsvColumn("site", "Site", ("location", "office")),
        CsvColumn("department", "Department", ("dept",)),
        CsvColumn("language", "Language", ("lang",)),
        CsvColumn("vip", "VIP", kind="flag", true_words=("vip",)),
        CsvColumn("active", "Active", kind="flag", empty=True, true_words=("active",), false_words=("inactive",)),
    ),
    clean=clean_person,
    unique=("email",),
)
COLUMNS = tuple(c.key for c in PEOPLE.columns)


def read_people(data: bytes) -> ParsedCsv:
    """Parse and check a people file (core.csv_table.read_csv): at least a Name column; an e-mail address twice
    in the file is a problem on its second row; an empty Active means active, an empty VIP means not."""
    return read_csv(data, PEOPLE)


def write_people(rows: Iterable[dict[str, Any]]) -> str:
    """The directory as CSV text that read_people reads back."""
    return write_csv(rows, PEOPLE)
