"""Dates on the calendar in the user's language: strftime with the day and month names from QLocale.

Python's strftime names days and months in the C locale ("Mon", "December") whatever the user's language;
the calendar's formats keep their shape and get QLocale's names instead ("Mo.", "Dezember")."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale

_LONG = QLocale.FormatType.LongFormat
_SHORT = QLocale.FormatType.ShortFormat


def day_text(value: date, fmt: str) -> str:
    """`value.strftime(fmt)` with %a %A %b %B in the default QLocale's language."""
    locale = QLocale()
    names = {"%a": locale.dayName(value.isoweekday(), _SHORT), "%A": locale.dayName(value.isoweekday(), _LONG),
             "%b": locale.monthName(value.month, _SHORT), "%B": locale.monthName(value.month, _LONG)}
    for code, name in names.items():
        fmt = fmt.replace(code, name.replace("%", "%%"))
    return value.strftime(fmt)
