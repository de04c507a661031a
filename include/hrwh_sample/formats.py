"""The landing files as `shared/docs/source-formats.md` documents them: folders, names, headers.

This is the only contract between the generator and the warehouse: the generator writes what the
source systems deliver and knows nothing of how the warehouse reads it. Values spelled here are
the ones the files carry (Swedish, as the HR system and the survey tool write them).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from hrwh_sample.reference import SURVEY_STATEMENTS

# --- 1. HR payroll extract: hr_payroll/payroll_YYYY-MM.csv ------------------------------------
PAYROLL_FOLDER = "hr_payroll"
PAYROLL_COLUMNS = (
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
PERMANENT = "Tillsvidareanställning"
TEMPORARY = "Visstidsanställning"
MONTHLY = "Månadslön"
HOURLY = "Timlön"
GENERAL_AGREEMENT = "01"
DORMANT_YES, DORMANT_NO = "J", "N"
OWN_REQUEST = "Egen begäran"
RETIREMENT = "Ålderspension"
OTHER_REASON = "Övrigt"


def payroll_file_name(period: str) -> str:
    """`payroll_YYYY-MM.csv` for the payroll month `period` (`YYYY-MM`)."""
    return f"payroll_{period}.csv"


# --- 2. Consultant counts: consultants/konsulter_YYYY-MM-DD.csv|xlsx --------------------------
CONSULTANTS_FOLDER = "consultants"
CONSULTANT_COLUMNS = (
    "Matdatum",
    "Forvaltning",
    "Enhet",
    "Verksamhetsomrade",
    "AntalKonsulter",
    "RapporteradAv",
    "Inskickad",
    "Kommentar",
)


def consultants_file_name(day: date, extension: str) -> str:
    """`konsulter_YYYY-MM-DD.csv` or `.xlsx` for the measurement day `day`."""
    return f"konsulter_{day.isoformat()}.{extension}"


# --- 3. Staff survey export: survey/enkat_YYYY-MM.csv|xlsx ------------------------------------
SURVEY_FOLDER = "survey"
THRIVE_QUESTION = "Vad får dig att trivas på din arbetsplats?"
SURVEY_COLUMNS = (
    "RespondentID",
    "Epost",
    "Forvaltning",
    "Enhet",
    "Verksamhetsomrade",
    "Befattning",
    *SURVEY_STATEMENTS,
    *(f"Kommentar: {s}" for s in SURVEY_STATEMENTS),
    THRIVE_QUESTION,
    "Inskickad",
)


def survey_file_name(survey_round: str, extension: str) -> str:
    """`enkat_YYYY-MM.csv` or `.xlsx` for the round `survey_round` (`YYYY-MM`)."""
    return f"enkat_{survey_round}.{extension}"


# --- the link between the sources -------------------------------------------------------------
EMAIL_DOMAIN = "stockholm.se"


def work_email(name: str) -> str:
    """The address the city gives a member of staff: `Anna-Karin Öberg` ->
    `anna-karin.oberg@stockholm.se` (accents dropped, one dot between the names).

    The consultant reports and the survey name people only by this address, so it is how the
    warehouse links them to the payroll; the tests check that the warehouse derives the same
    address from a payroll name.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = [re.sub(r"[^a-z0-9-]", "", w) for w in ascii_name.lower().split()]
    return ".".join(w for w in words if w) + "@" + EMAIL_DOMAIN
