"""Keyed pseudonyms for personal data.

Identity numbers are replaced at load by HMAC-SHA256 under a secret key, so the same person gets
the same key in every file and every source, but nobody without the key can go back from the key
to the person. The key never enters the database; a fingerprint of it does, so that a run with a
different key stops before it mixes two incompatible sets of pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sys

from hrwh.recent import Recent
from hrwh.settings import ConfigError, Settings

MIN_KEY_LENGTH = 32
_FINGERPRINT_MESSAGE = b"hrwh pseudonym key fingerprint v1"


class Pseudonymizer:
    """Turns personal identifiers into stable keyed pseudonyms.

    One is made per run, and it remembers the pseudonyms it computed: a person appears in
    every month of every employment (ten years are 120 rows of one person), and an HMAC per
    row was much of the load's time. The remembered identifiers live in this process's memory
    for the run only, never in the database; the recent ones only (`Recent`, `REMEMBERED`), so
    that memory stays flat however large the city.
    """

    REMEMBERED = 1 << 15

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_LENGTH:
            raise ConfigError(
                f"The pseudonym key is too short ({len(key)} characters); use at least "
                f"{MIN_KEY_LENGTH}, e.g. the output of: python -c "
                "'import secrets; print(secrets.token_hex(32))'"
            )
        self._key = key
        self._keys: Recent[str] = Recent(self.REMEMBERED)

    def key_for(self, identifier: str) -> str:
        """Return the pseudonym of a normalized identifier (hex, 64 characters)."""
        pseudonym = self._keys.get(identifier)
        if pseudonym is None:
            pseudonym = hmac.new(self._key, identifier.encode("utf-8"), hashlib.sha256).hexdigest()
            self._keys.put(identifier, pseudonym)
        return pseudonym

    @property
    def fingerprint(self) -> str:
        """A value that identifies the key without revealing it."""
        return hmac.new(self._key, _FINGERPRINT_MESSAGE, hashlib.sha256).hexdigest()[:16]


def load_pseudonymizer(settings: Settings) -> Pseudonymizer:
    """Use HRWH_PSEUDONYM_KEY, or a key generated once under HRWH_HOME (with a warning)."""
    if settings.pseudonym_key is not None:
        return Pseudonymizer(settings.pseudonym_key.encode("utf-8"))
    key_file = settings.home / "pseudonym.key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    print(
        f"warning: HRWH_PSEUDONYM_KEY is not set; using the generated key in {key_file}. "
        "Set HRWH_PSEUDONYM_KEY in production so pseudonyms stay the same on every machine.",
        file=sys.stderr,
    )
    return Pseudonymizer(key_file.read_text().strip().encode("utf-8"))
