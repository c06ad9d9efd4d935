"""People as CSV: reading an import file into checked rows with per-row problems, and writing the directory out."""
# Pure functions on bytes and text, shared by the desk (import preview, export) and usable by the server.
# A file is read whole or not at all: every problem is listed with its line, and nothing is imported while one
# remains (the caller's rule; this module only reports).

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from core.people.rules import PersonInvalid, clean_person

COLUMNS = ("name", "email", "phone", "site", "department", "language", "vip", "active")
# Headings people write for the same column (compared lower-cased, spaces and dashes removed).
_ALIASES = {"name": "name", "fullname": "name", "displayname": "name", "email": "email", "mail": "email",
            "emailaddress": "email", "phone": "phone", "telephone": "phone", "phonenumber": "phone",
            "mobile": "phone", "site": "site", "location": "site", "office": "site", "department": "department",
            "dept": "department", "language": "language", "lang": "language", "vip": "vip", "active": "active"}
_TRUE = {"1", "yes", "y", "true", "x", "vip", "active"}
_FALSE = {"", "0", "no", "n", "false", "inactive"}
MAX_ROWS = 200_000
MAX_BYTES = 64 * 1024 * 1024


class CsvFileError(ValueError):
    """The file as a whole cannot be read (nothing to preview); the message is for the user."""


@dataclass(frozen=True)
class RowProblem:
    line: int  # the line in the file (the heading is line 1)
    column: str
    message: str


@dataclass(frozen=True)
class ParsedCsv:
    rows: tuple[tuple[int, dict[str, Any]], ...]  # (line, cleaned values) of the rows without problems
    problems: tuple[RowProblem, ...]
    encoding: str
    ignored_columns: tuple[str, ...] = field(default=())
    total: int = 0  # data rows in the file


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ():
        try:
            return data.decode(encoding), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:  # what spreadsheet programs on Windows write as "CSV"; the preview shows what came of it
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise CsvFileError(f"The file is not text in UTF-8 or Windows-1252 (byte {exc.start + 1}). Save it as "
                           "\"CSV UTF-8\" and try again.") from None


def _flag(raw: str, column: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return column == "active" and value == ""  # an empty Active means active; an empty VIP means not
    raise PersonInvalid(f"{column.upper() if column == 'vip' else column.capitalize()} is yes or no, "
                        f"not {raw.strip()[:40]!r}.", column)


def read_people(data: bytes) -> ParsedCsv:
    """Parse and check an import file: a heading row naming the columns (at least Name; see _ALIASES), then
    one person per row, separated by commas, semicolons or tabs. Each row is cleaned by core.people.rules; an
    e-mail address twice in the file is a problem on its second row. Raises CsvFileError when the file as a
    whole is unusable."""
    if len(data) > MAX_BYTES:
        raise CsvFileError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    text, encoding = _decode(data)
    if "\x00" in text:
        raise CsvFileError("The file holds binary data, not CSV text.")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        heading = next(reader)
    except StopIteration:
        raise CsvFileError("The file is empty.") from None
    except csv.Error as exc:
        raise CsvFileError(f"The heading row cannot be read: {exc}.") from None
    names = ["".join(c for c in h.strip().lower() if c.isalnum()) for h in heading]
    mapped = [_ALIASES.get(n) for n in names]
    if "name" not in mapped:
        raise CsvFileError("The first row must name the columns, one of them Name (also: E-mail, Phone, Site, "
                           "Department, Language, VIP, Active).")
    twice = sorted({c for c in mapped if c is not None and mapped.count(c) > 1})
    if twice:
        raise CsvFileError("These columns appear twice: {}.".format(", ".join(twice)))
    ignored = tuple(h.strip() for h, m in zip(heading, mapped, strict=True) if m is None and h.strip())
    rows: list[tuple[int, dict[str, Any]]] = []
    problems: list[RowProblem] = []
    emails: dict[str, int] = {}
    total = 0
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            total += 1
            if total > MAX_ROWS:
                raise CsvFileError(f"The file has more than {MAX_ROWS:,} people; split it.")
            if len(record) > len(heading):
                problems.append(RowProblem(line, "", f"{len(record)} values under {len(heading)} columns."))
                continue
            raw = {m: cell for m, cell in zip(mapped, record, strict=False) if m is not None}
            try:
                values: dict[str, Any] = {c: v for c, v in raw.items() if c not in ("vip", "active")}
                for column in ("vip", "active"):
                    if column in raw:
                        values[column] = _flag(raw[column], column)
                clean = clean_person(values)
            except PersonInvalid as exc:
                problems.append(RowProblem(line, exc.field or "", str(exc)))
                continue
            email = clean.get("email")
            if email and email in emails:
                problems.append(RowProblem(line, "email", f"{email} is on line {emails[email]} already."))
                continue
            if email:
                emails[email] = line
            rows.append((line, clean))
    except csv.Error as exc:
        raise CsvFileError(f"Line {reader.line_num} cannot be read: {exc}.") from None
    if not total:
        raise CsvFileError("The file names its columns but holds nobody.")
    return ParsedCsv(rows=tuple(rows), problems=tuple(problems), encoding=encoding, ignored_columns=ignored,
                     total=total)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    # A spreadsheet runs a cell that starts with = + - @ as a formula: quote it (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_phone(text) else text


def _is_phone(text: str) -> bool:
    return text.startswith("+") and all(c.isdigit() or c in " ()./-" for c in text[1:])


def write_people(rows: Iterable[dict[str, Any]]) -> str:
    """The directory as CSV text (UTF-8 when encoded; a heading row, then one person per row) that
    read_people reads back."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.capitalize() if c != "vip" else "VIP" for c in COLUMNS])
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in COLUMNS])
    return out.getvalue()


def problems_report(problems: Iterable[RowProblem]) -> str:
    """The problems as CSV the user can save and open beside their file."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Line", "Column", "Problem"])
    for p in problems:
        writer.writerow([p.line, p.column, _cell(p.message)])
    return out.getvalue()
