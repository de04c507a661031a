"""The city's work e-mail addresses, as the link between payroll and the other sources.

The payroll carries identity numbers and names, the survey and the consultant reports carry
e-mail addresses. Stockholm city gives its staff `fornamn.efternamn@stockholm.se`; the payroll
load derives that address from the name and stores only its pseudonym, so the same person gets
the same e-mail key in every source without any address or name being stored. Two people with
the same name share an address key; models that link through it must treat such keys as
ambiguous.
"""

from __future__ import annotations

import re
import unicodedata

DOMAIN = "stockholm.se"


def normalize_email(address: str) -> str:
    """The form an address is pseudonymized in: trimmed and lower-case."""
    return address.strip().lower()


def work_email(name: str) -> str:
    """`Anna-Karin Öberg` → `anna-karin.oberg@stockholm.se`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = [re.sub(r"[^a-z0-9-]", "", w) for w in ascii_name.lower().split()]
    return ".".join(w for w in words if w) + "@" + DOMAIN
