"""The HR payroll extract (`hr_payroll/payroll_YYYY-MM.csv`): columns and row validation.

A row becomes the tuple loaded into `raw.hr_payroll`: typed, with `Personnummer` replaced by the
person's pseudonym and `Namn` by the pseudonym of the person's work e-mail address (see
`hrwh.identity`); neither is stored. A row that breaks a rule raises `BadValue` and is set aside
with its line and reason while the rest of the file loads.
"""

from __future__ import annotations

from decimal import Decimal

from hrwh.identity import normalize_email, work_email
from hrwh.ingest import fields as f
from hrwh.ingest.sources import ParsedRow, Source
from hrwh.pseudonym import Pseudonymizer

COLUMNS = (
    "Period",
    "AnstallningsID",
    "Personnummer",
    "Namn",
    "Forvaltning",
    "Enhet",
    "Verksamhetsomrade",
    "Befattning",
    "Anstallningsform",
    "Loneform",
    "Avtal",
    "Vilande",
    "Sysselsattningsgrad",
    "Manadslon",
    "AnstalldFrom",
    "AnstalldTom",
    "Avgangsorsak",
)

TABLE = "raw.hr_payroll"
TABLE_COLUMNS = (
    "period",
    "anstallnings_id",
    "person_key",
    "forvaltning",
    "enhet",
    "verksamhetsomrade",
    "befattning",
    "anstallningsform",
    "loneform",
    "avtal",
    "vilande",
    "sysselsattningsgrad",
    "manadslon",
    "anstalld_from",
    "anstalld_tom",
    "avgangsorsak",
    "email_key",
)

EMPLOYMENT_FORMS = frozenset({"Tillsvidareanställning", "Visstidsanställning"})
PAY_FORMS = frozenset({"Månadslön", "Timlön"})
EXIT_REASONS = frozenset({"Egen begäran", "Ålderspension", "Övrigt"})
DORMANT = frozenset({"J", "N"})

_address = f.cached(lambda name: normalize_email(work_email(name)))
"""A name's work e-mail address, as pseudonymized (the same names come every month)."""


def parse_row(values: dict[str, str], file_period: str, pseudonyms: Pseudonymizer) -> ParsedRow:
    """Validate one row and return it as loaded, or raise `f.BadValue`."""
    period = f.period(values["Period"], "Period")
    if period != file_period:
        raise f.BadValue(f"Period does not match the file's month {file_period}")
    agreement = f.required(values["Avtal"], "Avtal")
    if not (len(agreement) == 2 and agreement.isdigit()):
        raise f.BadValue("Avtal is not a two-digit agreement code")
    employed_from = f.iso_date(values["AnstalldFrom"], "AnstalldFrom")
    employed_to = f.optional_date(values["AnstalldTom"], "AnstalldTom")
    if employed_to is not None and employed_to < employed_from:
        raise f.BadValue("AnstalldTom is before AnstalldFrom")
    name = values["Namn"].strip()
    row = (
        period,
        f.short_text(values["AnstallningsID"], "AnstallningsID"),
        pseudonyms.key_for(f.personnummer(values["Personnummer"], "Personnummer")),
        f.short_text(values["Forvaltning"], "Forvaltning"),
        f.optional_short_text(values["Enhet"], "Enhet"),
        f.optional_short_text(values["Verksamhetsomrade"], "Verksamhetsomrade"),
        f.short_text(values["Befattning"], "Befattning"),
        f.one_of(values["Anstallningsform"], "Anstallningsform", EMPLOYMENT_FORMS),
        f.one_of(values["Loneform"], "Loneform", PAY_FORMS),
        agreement,
        f.one_of(values["Vilande"], "Vilande", DORMANT),
        f.decimal(
            values["Sysselsattningsgrad"], "Sysselsattningsgrad", low=Decimal(0), high=Decimal(100)
        ),
        f.decimal(values["Manadslon"], "Manadslon", low=Decimal(0), high=Decimal(1_000_000)),
        employed_from,
        employed_to,
        f.optional_one_of(values["Avgangsorsak"], "Avgangsorsak", EXIT_REASONS),
        pseudonyms.key_for(_address(name)) if name else None,
    )
    return {TABLE: [row]}


PAYROLL = Source(
    name="hr_payroll",
    folder="hr_payroll",
    file_pattern=r"payroll_(?P<period>\d{4}-(0[1-9]|1[0-2]))\.csv",
    columns=COLUMNS,
    tables={TABLE: TABLE_COLUMNS},
    parse_row=parse_row,
    key="AnstallningsID",  # an employment appears at most once in a month's file
    gated=True,
    period_column="Period",
)
