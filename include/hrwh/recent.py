"""A memory of recent results, bounded, for work that repeats within one run.

A run meets the same things again and again (a person in every month, an employment's row in
every month's file) and remembers what it worked out for them; but memory must stay flat
however large the city, so only the recent ones are kept. Two generations: when the current one
is full it becomes the previous one and the one before is dropped; a hit in the previous
generation moves to the current one. What was used within the last `size` results is always
kept, so a month's rows are all still there when the next month's file comes, as long as a
month has fewer than `size` of them, and at most twice `size` are held.
"""

from __future__ import annotations

from typing import Generic, TypeVar

Value = TypeVar("Value")


class Recent(Generic[Value]):
    """The results of the last `size` to `2 * size` distinct keys used."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._now: dict[str, Value] = {}
        self._before: dict[str, Value] = {}

    def __len__(self) -> int:
        """Entries held (a key in both generations counts twice): at most `2 * size`."""
        return len(self._now) + len(self._before)

    def get(self, key: str) -> Value | None:
        value = self._now.get(key)
        if value is None:
            value = self._before.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: str, value: Value) -> None:
        if len(self._now) >= self.size:
            self._before, self._now = self._now, {}
        self._now[key] = value
