"""Swedish personal identity numbers (personnummer) with a valid Luhn check digit.

The ingestion rejects rows whose check digit is wrong, so every synthetic number must pass the
same test a real one does: Luhn over the ten digits YYMMDDNNNN.
"""

from __future__ import annotations

from datetime import date


def luhn_check_digit(nine_digits: str) -> int:
    """The digit that makes `nine_digits` + digit pass the Luhn test."""
    total = 0
    for i, ch in enumerate(nine_digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


def identity_number(birth: date, serial: int) -> str:
    """`YYYYMMDD-NNNN` for a birth date and a three-digit birth serial (odd = male)."""
    nine = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}-{serial:03d}{luhn_check_digit(nine)}"
