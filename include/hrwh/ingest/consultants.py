"""Consultant counts (`consultants/konsulter_YYYY-MM-DD.csv|xlsx`): one row per manager's answer.

`3 st` is read as 3; empty means the unit did not answer; other text sets the row aside. The
manager's e-mail address becomes its pseudonym; the free-text comment goes to the restricted
schema, never to raw or the marts. Which answer counts (a unit's latest) is decided in dbt.
"""

from __future__ import annotations

from hrwh.identity import normalize_email
from hrwh.ingest import fields as f
from hrwh.ingest.sources import ParsedRow, Source
from hrwh.pseudonym import Pseudonymizer

COLUMNS = (
    "Matdatum",
    "Forvaltning",
    "Enhet",
    "Verksamhetsomrade",
    "AntalKonsulter",
    "RapporteradAv",
    "Inskickad",
    "Kommentar",
)
REPORTS = "raw.consultant_reports"
COMMENTS = "restricted.consultant_comments"


def parse_row(values: dict[str, str], file_date: str, pseudonyms: Pseudonymizer) -> ParsedRow:
    """Validate one answer, or raise `f.BadValue`."""
    day = f.iso_date(values["Matdatum"], "Matdatum")
    if day.isoformat() != file_date:
        raise f.BadValue(f"Matdatum does not match the file's date {file_date}")
    reporter = values["RapporteradAv"]
    reporter_key = (
        pseudonyms.key_for(normalize_email(f.email(reporter, "RapporteradAv")))
        if reporter.strip()
        else None
    )
    administration = f.short_text(values["Forvaltning"], "Forvaltning")
    unit = f.short_text(values["Enhet"], "Enhet")
    comment = f.free_text(values["Kommentar"], "Kommentar")
    return {
        REPORTS: [
            (
                day,
                administration,
                unit,
                f.optional_short_text(values["Verksamhetsomrade"], "Verksamhetsomrade"),
                f.optional_count(values["AntalKonsulter"], "AntalKonsulter"),
                reporter_key,
                f.timestamp(values["Inskickad"], "Inskickad"),
            )
        ],
        COMMENTS: [(day, administration, unit, reporter_key, comment)] if comment else [],
    }


CONSULTANTS = Source(
    name="consultants",
    folder="consultants",
    file_pattern=r"konsulter_(?P<period>\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))\.(csv|xlsx)",
    columns=COLUMNS,
    free_text_columns=("Kommentar",),
    tables={
        REPORTS: (
            "matdatum",
            "forvaltning",
            "enhet",
            "verksamhetsomrade",
            "antal_konsulter",
            "reporter_key",
            "inskickad",
        ),
        COMMENTS: ("matdatum", "forvaltning", "enhet", "reporter_key", "comment"),
    },
    parse_row=parse_row,
)
