"""Swedish free text as managers and staff write it, some of it naming colleagues and managers.

The free-text fields are personal data: real comments name people ("Ersätter Anna under
föräldraledighet", "Bra stöd från Karin"). The sample puts first names of people who really
work in the same unit that month into some of them, so the warehouse's handling of comments
(restricted schema, never in the marts) is exercised on realistic content. Every character is
representable in Windows-1252, because some files are written in that encoding.
"""

from __future__ import annotations

import random

# --- consultant reports --------------------------------------------------------------------
# (the fewest consultants the text fits, text); `{next}` is the month after the measurement,
# `{later}` the one after that
CONSULTANTS_WITH: tuple[tuple[int, str], ...] = (
    (2, "Två konsulter slutar i {next}"),
    (1, "En konsult slutar i {next}, tjänsten är tillsatt"),
    (1, "Konsulterna är förlängda till och med {later}"),
    (1, "Vakanta tjänster, rekrytering pågår"),
    (1, "Konsult täcker sjukskrivning"),
    (2, "Varav en på 50 %"),
    (1, "Avslutar konsulterna när nyanställda har börjat"),
    (1, "Har rekryterat två socialsekreterare som börjar i {later}"),
    (2, "Hög ärendemängd, behöver behålla konsulterna"),
    (1, "Konsulterna arbetar med utredningar"),
    (1, "Avtal via ramavtalet, löper månadsvis"),
)
CONSULTANTS_NAMING: tuple[str, ...] = (
    "Ersätter {person} under föräldraledighet",
    "En konsult ersätter {person} som är tjänstledig",
    "Konsult tills {person} är tillbaka",
)
CONSULTANTS_NONE: tuple[str, ...] = (
    "Inga konsulter sedan i våras",
    "Samtliga tjänster tillsatta",
    "Inga konsulter",
    "Avslutade sista konsulten förra månaden",
    "Har inte haft konsulter på länge",
)
CONSULTANTS_UNANSWERED: tuple[str, ...] = (
    "Återkommer",
    "Vet ej i dagsläget, återkommer",
    "Chefen är på semester",
)
RESENT = "Skickar igen, osäker på om det gick fram"
CHANGED = (
    "Rättar mitt tidigare svar",
    "Ny uppgift, se tidigare mejl",
    "Ändrat antal efter avstämning med bemanningsföretaget",
)
LATE_CORRECTION = (
    "Rättelse: räknade fel förra veckan",
    "Rättelse, en konsult hade redan slutat",
    "Rättelse efter kontroll mot fakturorna",
)
FIRST_UNANSWERED = "Återkommer med siffra"

MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def month_name(month: int) -> str:
    """Swedish name of month `month` (1-12, wrapping)."""
    return MONTH_NAMES[(month - 1) % 12]


# --- the staff survey ------------------------------------------------------------------------
# per statement (1-3) and sentiment; `{manager}` and `{colleague}` are first names
SURVEY_COMMENTS: dict[tuple[int, str], tuple[str, ...]] = {
    (1, "positive"): (
        "Rimlig ärendemängd just nu",
        "Bra stöd från {manager}",
        "Vi har fått fler kollegor och det märks",
        "Flexibla arbetstider gör mycket",
        "Bra balans mellan utredningar och uppföljningar",
    ),
    (1, "neutral"): (
        "Varierar mycket över året",
        "Bättre än förra året men fortfarande många ärenden",
        "Det beror på vilken vecka man frågar",
        "Ok, men mycket administration",
    ),
    (1, "negative"): (
        "För många ärenden per handläggare",
        "Hög arbetsbelastning sedan {colleague} slutade",
        "Ständiga omorganisationer",
        "Mycket övertid för att hinna med utredningarna",
        "Vi har varit underbemannade hela hösten",
        "Svårt att hinna med dokumentationen",
    ),
    (2, "positive"): (
        "Bra metodstöd och handledning",
        "Kollegorna hjälper till, t.ex. {colleague}",
        "Tid för reflektion i gruppen",
        "Känner mig trygg i rollen",
    ),
    (2, "neutral"): (
        "Oftast, men tiden räcker inte alltid",
        "Saknar ibland tid för uppföljning",
    ),
    (2, "negative"): (
        "Hinner inte träffa klienterna så ofta som behövs",
        "Systemen krånglar och tar tid från klientarbetet",
        "För lite tid för varje ärende",
    ),
    (3, "positive"): (
        "Bra arbetsplats med bra kollegor",
        "Har redan tipsat en vän om en ledig tjänst",
        "Trevlig stämning och tydlig ledning",
        "{manager} är en lyhörd chef",
    ),
    (3, "neutral"): (
        "Beror på vem som frågar",
        "Lönen kunde vara bättre",
        "Kanske, om arbetsbelastningen minskar",
    ),
    (3, "negative"): (
        "Inte som det ser ut nu",
        "Många har slutat det senaste året",
        "Lönen är högre i grannkommunerna",
        "Saknar stöd från ledningen",
        "Inte förrän bemanningen är löst",
    ),
}
THRIVE: tuple[str, ...] = (
    "Kollegorna",
    "Bra sammanhållning i gruppen",
    "Meningsfullt arbete",
    "Fina kollegor och en engagerad chef",
    "Att jag får göra skillnad för barnen",
    "Flexibilitet och möjlighet att arbeta hemifrån ibland",
    "Handledningen",
    "Stödet från {manager}",
    "Mina kollegor, särskilt {colleague}",
    "Närheten till hemmet",
    "Utvecklingsmöjligheterna och utbildningarna",
    "Humor och högt i tak",
    "Tydliga rutiner",
)


def fill(template: str, rng: random.Random, **names: list[str]) -> str | None:
    """`template` with its `{name}` fields filled from the given candidates, or None if a field
    has no candidate (the caller then picks another text)."""
    values: dict[str, str] = {}
    for key, candidates in names.items():
        if "{" + key + "}" in template:
            if not candidates:
                return None
            values[key] = rng.choice(candidates)
    return template.format(**values) if values else template
