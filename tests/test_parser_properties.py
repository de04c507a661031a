"""Property-based tests of the parsers: whatever the input, a value or a named rejection."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from hrwh.ingest import fields as f
from hrwh.ingest.tabular import FileRejected, Table, read_table
from hypothesis import given, settings
from hypothesis import strategies as st
from payroll_files import personnummer

# These machines are shared and small: judge correctness, not speed.
settings.register_profile("hrwh", deadline=None)
settings.load_profile("hrwh")

PARSERS = [
    lambda v: f.iso_date(v, "X"),
    lambda v: f.decimal(v, "X", low=Decimal(0), high=Decimal(100)),
    lambda v: f.optional_count(v, "X"),
    lambda v: f.timestamp(v, "X"),
    lambda v: f.email(v, "X"),
    lambda v: f.personnummer(v, "X"),
    lambda v: f.period(v, "X"),
]


@given(st.text(), st.sampled_from(range(len(PARSERS))))
def test_any_text_gives_a_value_or_a_bad_value(text: str, which: int) -> None:
    try:
        PARSERS[which](text)
    except f.BadValue as exc:
        assert str(exc).startswith("X")


@given(st.dates(date(1940, 1, 1), date(2005, 12, 31)), st.integers(0, 999))
def test_valid_identity_numbers_are_accepted_and_one_wrong_digit_is_not(
    birth: date, serial: int
) -> None:
    number = personnummer(birth.strftime("%Y%m%d"), f"{serial:03d}")
    assert f.personnummer(number, "P") == number.replace("-", "")
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    try:
        f.personnummer(wrong, "P")
    except f.BadValue as exc:
        assert "check digit" in str(exc) and number not in str(exc)
    else:
        raise AssertionError("a wrong check digit was accepted")


@given(st.decimals(min_value=0, max_value=1_000_000, places=2))
def test_decimal_comma_round_trips(value: Decimal) -> None:
    written = f"{value:.2f}".replace(".", ",")
    assert f.decimal(written, "Manadslon", low=Decimal(0), high=Decimal(1_000_000)) == value


@given(st.integers(0, 10_000), st.sampled_from(["", " st", "st", " ST", " st."]))
def test_counts_as_managers_write_them(n: int, suffix: str) -> None:
    assert f.optional_count(f"{n}{suffix}", "AntalKonsulter") == n


def lines_add_up(table: Table) -> bool:
    """Every line is the header, part of a row, set aside or blank."""
    in_rows = sum(span for _, span, _ in table.rows)
    return table.lines_total == 1 + in_rows + len(table.set_aside) + table.lines_blank


@settings(max_examples=200)
@given(st.binary(max_size=400), st.sampled_from(["x.csv", "x.xlsx"]))
def test_any_bytes_are_read_or_rejected_by_name(data: bytes, name: str) -> None:
    try:
        table = read_table(data, name, ("A", "B"), free_text=("B",))
    except FileRejected as exc:
        assert str(exc)
    else:
        assert isinstance(table, Table)
        assert lines_add_up(table)


plain = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\n"))
free = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"))


@given(
    st.lists(st.tuples(plain, free), min_size=1, max_size=20),
    st.sampled_from([";", ","]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_csv_values_round_trip(rows: list[tuple[str, str]], delimiter: str, encoding: str) -> None:
    """Any values come back as written; only the free-text column B may hold line breaks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["A", "B"])
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    table = read_table(data, "x.csv", ("A", "B"), free_text=("B",))
    expected = [list(r) for r in rows if any(v.strip() for v in r)]
    got = [[v[table.positions["A"]], v[table.positions["B"]]] for _, _, v in table.rows]
    assert got == expected
    assert table.set_aside == []
    assert lines_add_up(table)


word = st.text("abcåäö019 ", min_size=1, max_size=8)


@given(
    st.lists(st.tuples(word, word), min_size=1, max_size=30),
    st.sets(st.integers(0, 29), min_size=1, max_size=5),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)
def test_a_quote_that_never_closes_costs_its_own_line_only(
    rows: list[tuple[str, str]], broken: set[int], newline: str, b_is_free_text: bool
) -> None:
    """A stray `"` opening a field sets aside its own line; every other line still loads."""
    lines = ["A;B"] + [f"{a};{b}" for a, b in rows]
    for i in sorted(broken):
        if i < len(rows):
            lines[i + 1] = f'"{lines[i + 1]}'
    data = newline.join(lines).encode()
    table = read_table(data, "x.csv", ("A", "B"), free_text=("B",) if b_is_free_text else ())
    aside = {line for line, _ in table.set_aside}
    assert aside == {i + 2 for i in broken if i < len(rows)}
    assert all("a quote opens in" in reason for _, reason in table.set_aside)
    loaded = {line: fields for line, _, fields in table.rows}
    for i, (a, b) in enumerate(rows):
        if i not in broken and (a.strip() or b.strip()):
            assert loaded[i + 2] == [a, b]
    assert lines_add_up(table)
