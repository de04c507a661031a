"""Staff survey exports (`survey/enkat_YYYY-MM.csv|xlsx`): one row per respondent.

The survey is not anonymous, so the e-mail address is replaced by its pseudonym (the same key
the payroll gives that person's address) and the survey tool's own RespondentID is not kept.
Answers must be on the survey's scale. Free-text answers go to the restricted schema only.
"""

from __future__ import annotations

from hrwh.identity import normalize_email
from hrwh.ingest import fields as f
from hrwh.ingest.sources import ParsedRow, Source
from hrwh.pseudonym import Pseudonymizer

STATEMENTS = (
    "Jag har en bra arbetssituation",
    "Jag känner att jag kan göra ett gott arbete",
    "Jag kan rekommendera min arbetsplats till andra",
)
FREE_TEXT = (
    *(f"Kommentar: {s}" for s in STATEMENTS),
    "Vad får dig att trivas på din arbetsplats?",
)
COLUMNS = (
    "RespondentID",
    "Epost",
    "Forvaltning",
    "Enhet",
    "Verksamhetsomrade",
    "Befattning",
    *STATEMENTS,
    *FREE_TEXT,
    "Inskickad",
)
SCALE = frozenset(
    {
        "Stämmer mycket bra",
        "Stämmer ganska bra",
        "Varken eller",
        "Stämmer ganska dåligt",
        "Stämmer mycket dåligt",
    }
)
ACTIVITY_AREAS = frozenset(
    {
        "Barn och unga",
        "Ekonomiskt bistånd",
        "Funktionsnedsättning",
        "Socialpsykiatri",
        "Missbruk",
        "Äldre",
    }
)
TITLES = frozenset({"Socialsekreterare", "Biståndshandläggare"})
RESPONSES = "raw.survey_responses"
COMMENTS = "restricted.survey_comments"


def parse_row(values: dict[str, str], survey_round: str, pseudonyms: Pseudonymizer) -> ParsedRow:
    """Validate one respondent's row, or raise `f.BadValue`."""
    f.required(values["RespondentID"], "RespondentID")
    respondent = pseudonyms.key_for(normalize_email(f.email(values["Epost"], "Epost")))
    administration = f.short_text(values["Forvaltning"], "Forvaltning")
    unit = f.short_text(values["Enhet"], "Enhet")
    answers = tuple(f.optional_one_of(values[s], s, SCALE) for s in STATEMENTS)
    answered = {question: f.free_text(values[question], question) for question in FREE_TEXT}
    comments = [
        (survey_round, respondent, administration, unit, question, text)
        for question, text in answered.items()
        if text
    ]
    response = (
        survey_round,
        respondent,
        administration,
        unit,
        f.one_of(values["Verksamhetsomrade"], "Verksamhetsomrade", ACTIVITY_AREAS),
        f.one_of(values["Befattning"], "Befattning", TITLES),
        *answers,
        f.timestamp(values["Inskickad"], "Inskickad"),
    )
    return {RESPONSES: [response], COMMENTS: comments}


SURVEY = Source(
    name="survey",
    folder="survey",
    file_pattern=r"enkat_(?P<period>\d{4}-(0[1-9]|1[0-2]))\.(csv|xlsx)",
    columns=COLUMNS,
    free_text_columns=FREE_TEXT,
    tables={
        RESPONSES: (
            "survey_round",
            "respondent_key",
            "forvaltning",
            "enhet",
            "verksamhetsomrade",
            "befattning",
            "svar_1",
            "svar_2",
            "svar_3",
            "inskickad",
        ),
        COMMENTS: (
            "survey_round",
            "respondent_key",
            "forvaltning",
            "enhet",
            "question",
            "comment",
        ),
    },
    parse_row=parse_row,
)
