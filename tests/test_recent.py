"""The bounded memory of recent results the load keeps (rows seen, pseudonyms computed)."""

from __future__ import annotations

from hrwh.recent import Recent


def test_keeps_what_was_used_within_the_last_size_keys_and_never_more_than_twice_that() -> None:
    recent: Recent[int] = Recent(size=100)
    for month in range(5):  # the same 60 rows each month, then 30 new ones: 90 keys a month
        for row in range(60):
            if recent.get(f"row {row}") is None:
                assert month == 0, f"row {row} forgotten by month {month}"
                recent.put(f"row {row}", row)
        for row in range(30):
            recent.put(f"new {month} {row}", row)
            assert len(recent) <= 200
    assert recent.get("new 0 1") is None  # used long ago: gone
    assert recent.get("new 4 29") == 29  # used last: there
