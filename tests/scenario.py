"""A tiny two-employment landing folder, for tests that need any valid run at all."""

from __future__ import annotations

from pathlib import Path

from payroll_files import personnummer, write_payroll


def _stays() -> dict[str, str]:
    """The socialsekreterare in Bromma who stays."""
    return {
        "AnstallningsID": "S1",
        "Personnummer": personnummer("19850505", "111"),
        "Namn": "Sara Lind",
        "Forvaltning": "Bromma stadsdelsförvaltning",
        "AnstalldFrom": "2011-02-01",
    }


def write_small_landing(landing: Path) -> None:
    """December 2012 to December 2013: two socialsekreterare in Bromma, one leaves in March."""
    stays = _stays()
    leaves = {**stays, "AnstallningsID": "L1", "Personnummer": personnummer("19790303", "222")}
    leaves["Namn"] = "Lars Ek"
    for month in range(1, 13):
        period = f"2013-{month:02d}"
        rows = [stays]
        if month <= 3:
            ended = {"AnstalldTom": "2013-03-31", "Avgangsorsak": "Egen begäran"}
            rows.append({**leaves, **ended} if month == 3 else leaves)
        write_payroll(landing, period, rows)
    write_payroll(landing, "2012-12", [stays, leaves])


def write_next_month(landing: Path) -> None:
    """January 2014 of the small landing: something new, so that a later night builds again."""
    write_payroll(landing, "2014-01", [_stays()])
