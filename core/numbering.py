"""Record numbers (INC0000042, CHG000007): their format, and the next free one, the same on desk and server."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# Digits after the prefix. Tickets were numbered with seven from the start, changes with six.
DIGITS = {"INC": 7, "REQ": 7, "PRB": 7, "CHG": 6, "KB": 7}


def format_number(prefix: str, value: int) -> str:
    return f"{prefix}{value:0{DIGITS[prefix]}d}"


def number_value(prefix: str, number: Any) -> int | None:
    """The counter value of a well-formed number of this prefix, or None for anything else."""
    if isinstance(number, str) and re.fullmatch(re.escape(prefix) + r"\d{" + str(DIGITS[prefix]) + "}", number):
        return int(number[len(prefix):])
    return None


def first_free(prefix: str, start: int, taken: Callable[[str], bool]) -> tuple[str, int]:
    """The first number from `start` on that `taken` does not hold, and the counter's next value after it.
    A number may be held already (a server number mapped by a push whose pull never came, or a desk's own
    number the server kept): it is skipped, so a create never fails on the unique index."""
    value = start
    while taken(format_number(prefix, value)):
        value += 1
    return format_number(prefix, value), value + 1
