"""Lists as CSV: reading an import file into checked rows with per-row problems, writing a list out (any entity)."""
# Pure functions on bytes and text, shared by the desk (import previews, exports) and usable by the server.
# An entity describes its file once (a CsvSpec: columns, the headings people write for them, how a row is
# cleaned, which values may appear only once); read_csv and write_csv do the rest. A file is read whole or
# not at all: every problem is listed with its line, and nothing is imported while one remains (the caller's
# rule; this module only reports).

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from core.errors import ValidationError

MAX_ROWS = 200_000
MAX_BYTES = 64 * 1024 * 1024
_TRUE = {"1", "yes", "y", "true", "x"}
_FALSE = {"", "0", "no", "n", "false"}


class CsvFileError(ValueError):
    """The file as a whole cannot be read (nothing to preview); the message is for the user."""


@dataclass(frozen=True)
class CsvColumn:
    """One column of a list's file. `key` is the field the row's values use; `heading` is what an export
    writes; `aliases` are other headings an import accepts (compared lower-cased with only letters and
    digits kept, so "E-mail" and "email" are one). A "flag" column reads yes/no words (`true_words` adds
    more, e.g. "vip"), and an empty cell means `empty`."""

    key: str
    heading: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"  # "text" | "flag"
    empty: bool = False  # a flag's value when its cell is empty
    true_words: tuple[str, ...] = ()
    false_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class CsvSpec:
    """A list's file format. `clean(values)` returns the row's values checked and normalised, or raises a
    core.errors.ValidationError (its `field` names the column); `unique` lists keys whose (case-folded)
    value may appear on one row only; `noun` is the plural the messages use ("people", "services")."""

    noun: str
    columns: tuple[CsvColumn, ...]
    clean: Callable[[dict[str, Any]], dict[str, Any]]
    required: tuple[str, ...] = ("name",)
    unique: tuple[str, ...] = ()
    max_rows: int = MAX_ROWS

    def column(self, key: str) -> CsvColumn:
        return next(c for c in self.columns if c.key == key)


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


def _fold(heading: str) -> str:
    return "".join(c for c in heading.strip().lower() if c.isalnum())


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


def _flag(raw: str, column: CsvColumn) -> bool:
    value = raw.strip().lower()
    if value == "":
        return column.empty
    if value in _TRUE or value in column.true_words:
        return True
    if value in _FALSE or value in column.false_words:
        return False
    raise ValidationError(f"{column.heading} is yes or no, not {raw.strip()[:40]!r}.", column.key)


def read_csv(data: bytes, spec: CsvSpec) -> ParsedCsv:
    """Parse and check an import file: a heading row naming the columns (at least the spec's required ones),
    then one row per record, separated by commas, semicolons or tabs. Each row is cleaned by `spec.clean`; a
    `unique` value twice in the file is a problem on its second row. Raises CsvFileError when the file as a
    whole is unusable (too big, not text, no heading, a required column missing, a column twice, no rows)."""
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
    names: dict[str, str] = {}
    for column in spec.columns:
        for alias in (column.key, column.heading, *column.aliases):
            names.setdefault(_fold(alias), column.key)
    mapped = [names.get(_fold(h)) for h in heading]
    missing = [spec.column(k).heading for k in spec.required if k not in mapped]
    if missing:
        raise CsvFileError("The first row must name the columns, among them {} (also: {}).".format(
            ", ".join(missing), ", ".join(c.heading for c in spec.columns if c.key not in spec.required)))
    twice = sorted({c for c in mapped if c is not None and mapped.count(c) > 1})
    if twice:
        raise CsvFileError("These columns appear twice: {}.".format(", ".join(twice)))
    ignored = tuple(h.strip() for h, m in zip(heading, mapped, strict=True) if m is None and h.strip())
    flags = {c.key: c for c in spec.columns if c.kind == "flag"}
    rows: list[tuple[int, dict[str, Any]]] = []
    problems: list[RowProblem] = []
    seen: dict[str, dict[str, int]] = {k: {} for k in spec.unique}
    total = 0
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            total += 1
            if total > spec.max_rows:
                raise CsvFileError(f"The file has more than {spec.max_rows:,} {spec.noun}; split it.")
            if len(record) > len(heading):
                problems.append(RowProblem(line, "", f"{len(record)} values under {len(heading)} columns."))
                continue
            raw = {m: cell for m, cell in zip(mapped, record, strict=False) if m is not None}
            try:
                values = {k: (_flag(v, flags[k]) if k in flags else v) for k, v in raw.items()}
                clean = spec.clean(values)
            except ValidationError as exc:
                problems.append(RowProblem(line, getattr(exc, "field", None) or "", str(exc)))
                continue
            clash = _first_clash(spec, seen, clean, line)
            if clash is not None:
                problems.append(clash)
                continue
            rows.append((line, clean))
    except csv.Error as exc:
        raise CsvFileError(f"Line {reader.line_num} cannot be read: {exc}.") from None
    if not total:
        raise CsvFileError(f"The file names its columns but holds no {spec.noun}.")
    return ParsedCsv(rows=tuple(rows), problems=tuple(problems), encoding=encoding, ignored_columns=ignored,
                     total=total)


def _first_clash(spec: CsvSpec, seen: dict[str, dict[str, int]], clean: dict[str, Any], line: int) -> RowProblem | None:
    """A unique value an earlier row has already (the row is then left out); else records the row's values."""
    keys = {k: str(clean[k]).casefold() for k in spec.unique if clean.get(k) not in (None, "")}
    for key, value in keys.items():
        if value in seen[key]:
            return RowProblem(line, key, f"{clean[key]} is on line {seen[key][value]} already.")
    for key, value in keys.items():
        seen[key][value] = line
    return None


def cell_text(value: Any) -> str:
    """A value as an export writes it: yes/no for flags, and a text a spreadsheet would run as a formula
    (= + - @ first) quoted with an apostrophe (CSV injection); a phone number such as +44 20 stays as is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_phone(text) else text


def _is_phone(text: str) -> bool:
    return text.startswith("+") and all(c.isdigit() or c in " ()./-" for c in text[1:])


def write_csv(rows: Iterable[dict[str, Any]], spec: CsvSpec) -> str:
    """The rows as CSV text (UTF-8 when encoded; the headings, then one row per record) that read_csv reads
    back with the same spec."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.heading for c in spec.columns])
    for row in rows:
        writer.writerow([cell_text(row.get(c.key)) for c in spec.columns])
    return out.getvalue()


def problems_report(problems: Iterable[RowProblem]) -> str:
    """The problems as CSV the user can save and open beside their file."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Line", "Column", "Problem"])
    for p in problems:
        writer.writerow([p.line, p.column, cell_text(p.message)])
    return out.getvalue()
