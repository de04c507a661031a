"""Parsers for single field values as the source systems write them.

Each parser returns the typed value or raises `BadValue` with a reason a person can act on. The
reason names the column and what was expected, never the value: a misaligned or hostile file can
put a name or an identity number in any column, and reasons are stored and shown widely (the
quarantine table, the run summary, alerts).

Text that is stored as it is (unit, administration, title, ...) is checked so that nothing
personal or misread slips in through it: no line break (a sign of a quote that swallowed lines),
nothing that looks like an identity number or an e-mail address, and a length cap.

The parsers of values that repeat from row to row (units, titles, dates, amounts, the same
person's identity number in every month) remember their latest `CACHED` results (`cached`): a
month's file holds few distinct values per column, and checking each once instead of in every
row is much of what lets the load keep up with COPY. Only results are remembered, never a
rejection, only in memory and for one run (`forget`, when a run's ingest starts).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, TypeVar


class BadValue(ValueError):
    """A field's value cannot be used; the message is the row's quarantine reason."""


_PERSONNUMMER = re.compile(r"^(\d{8})-?(\d{4})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$")
_COUNT = re.compile(r"^(\d+)\s*(st\.?)?$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_IDENTITY_NUMBER_INSIDE = re.compile(r"\d{6}(\d{2})?[-+]?\d{4}")
_EMAIL_INSIDE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

SHORT_TEXT_MAX = 200
"""The longest value of a stored short text (unit, administration, title, ...)."""
FREE_TEXT_MAX = 10_000
"""The longest free-text answer or comment."""
CACHED = 1 << 15
"""Results each remembering parser keeps: bounded, so memory stays flat in file size."""

Parser = TypeVar("Parser", bound=Callable[..., Any])
_remembering: list[Any] = []


def cached(parser: Parser) -> Parser:
    """The parser, remembering its latest results (pure parsers only)."""
    remembering = lru_cache(maxsize=CACHED)(parser)
    _remembering.append(remembering)
    return remembering  # type: ignore[return-value]


def forget() -> None:
    """Forget every remembered value: each run remembers only its own files' values."""
    for remembering in _remembering:
        remembering.cache_clear()


def luhn_ok(digits: str) -> bool:
    """The Luhn check used by Swedish identity numbers (over YYMMDDNNNN)."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


@cached
def personnummer(value: str, column: str) -> str:
    """Normalize to 12 digits; reject a wrong format or check digit."""
    match = _PERSONNUMMER.match(value.strip())
    if not match:
        raise BadValue(f"{column} is not of the form YYYYMMDD-NNNN")
    digits = match.group(1) + match.group(2)
    try:
        date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise BadValue(f"{column} has an impossible birth date") from exc
    if not luhn_ok(digits[2:]):
        raise BadValue(f"{column} has a wrong check digit")
    return digits


def required(value: str, column: str) -> str:
    text = value.strip()
    if not text:
        raise BadValue(f"{column} is empty")
    return text


@cached
def short_text(value: str, column: str) -> str:
    """A required text stored as it is; see the module's note on what it may not hold."""
    text = required(value, column)
    if len(text) > SHORT_TEXT_MAX:
        raise BadValue(f"{column} is longer than {SHORT_TEXT_MAX} characters")
    if "\n" in text or "\r" in text:
        raise BadValue(f"{column} holds a line break")
    if _IDENTITY_NUMBER_INSIDE.search(text):
        raise BadValue(f"{column} holds what looks like an identity number")
    if _EMAIL_INSIDE.search(text):
        raise BadValue(f"{column} holds what looks like an e-mail address")
    return text


@cached
def optional_short_text(value: str, column: str) -> str | None:
    return short_text(value, column) if value.strip() else None


def free_text(value: str, column: str) -> str:
    """A comment or free-text answer (stored in the restricted schema only); may be empty."""
    text = value.strip()
    if len(text) > FREE_TEXT_MAX:
        raise BadValue(f"{column} is longer than {FREE_TEXT_MAX:,} characters")
    return text


@cached
def one_of(value: str, column: str, allowed: frozenset[str]) -> str:
    text = required(value, column)
    if text not in allowed:
        raise BadValue(f"{column} is not one of {', '.join(sorted(allowed))}")
    return text


@cached
def optional_one_of(value: str, column: str, allowed: frozenset[str]) -> str | None:
    return one_of(value, column, allowed) if value.strip() else None


@cached
def period(value: str, column: str) -> str:
    text = required(value, column)
    if not _PERIOD.match(text):
        raise BadValue(f"{column} is not a month YYYY-MM")
    return text


@cached
def iso_date(value: str, column: str) -> date:
    text = required(value, column)
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise BadValue(f"{column} is not a date YYYY-MM-DD") from exc


@cached
def optional_date(value: str, column: str) -> date | None:
    return iso_date(value, column) if value.strip() else None


@cached
def decimal(value: str, column: str, *, low: Decimal, high: Decimal) -> Decimal:
    """A number with decimal comma (or point), within [low, high]."""
    text = required(value, column).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise BadValue(f"{column} is not a number") from exc
    if not number.is_finite() or not low <= number <= high:
        raise BadValue(f"{column} is outside {low}..{high}")
    return number


def timestamp(value: str, column: str) -> datetime:
    """`YYYY-MM-DD HH:MM` (seconds allowed)."""
    text = required(value, column)
    try:
        if not _TIMESTAMP.match(text):
            raise ValueError(text)
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise BadValue(f"{column} is not a time YYYY-MM-DD HH:MM") from exc


def optional_count(value: str, column: str) -> int | None:
    """A count as managers write it (`3`, `3 st`); empty means not answered."""
    text = value.strip()
    if not text:
        return None
    match = _COUNT.match(text)
    if not match:
        raise BadValue(f"{column} is not a number (such as 3 or 3 st)")
    return int(match.group(1))


def email(value: str, column: str) -> str:
    """An e-mail address, normalized; the message never repeats it (it is personal data)."""
    text = required(value, column).lower()
    if not _EMAIL.match(text):
        raise BadValue(f"{column} is not an e-mail address")
    return text
