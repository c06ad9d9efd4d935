"""The [survey] table of the mail configuration: on or off, the public address, link validity, the secret."""
# The secret is never in the configuration file (a `secret` key is refused): it is read once at start from
# the environment variable or the secret file, and held out of the settings' repr (so never logged with
# them). Rotating it means a restart; links signed with the old secret then show as not valid.

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

MIN_SECRET_BYTES = 16
_KEYS = {"enabled", "public_url", "valid_days", "secret_env", "secret_file", "rate_per_ip", "rate_per_token"}


class SurveyConfigError(ValueError):
    """The [survey] table is not usable; the server does not start."""


@dataclass(frozen=True)
class SurveySettings:
    public_url: str                 # the server as the requester's browser reaches it, e.g. https://desk.example.org
    secret: bytes = field(repr=False)  # the signing key, read at start (read_secret)
    valid_days: float = 14.0        # a survey's links expire this long after it was queued
    rate_per_ip: int = 60           # survey requests per client address per minute
    rate_per_token: int = 10        # answers (POSTs) per link per hour

    def link(self, token: str) -> str:
        return f"{self.public_url}/survey/{token}"


def read_secret(secret_env: Any, secret_file: Any) -> bytes:
    """The signing secret from the variable or the file (first line); SurveyConfigError when it is
    missing, unreadable or shorter than MIN_SECRET_BYTES."""
    if isinstance(secret_env, str) and secret_env:
        value = os.environ.get(secret_env)
        where = f"the environment variable {secret_env}"
    elif isinstance(secret_file, str) and secret_file:
        where = f"the file {secret_file}"
        try:
            lines = Path(secret_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise SurveyConfigError(f"Cannot read the survey secret from {where}: {exc}.") from None
        value = lines[0].strip() if lines else ""
    else:
        raise SurveyConfigError("Surveys need a signing secret: name secret_env or secret_file in [survey].")
    if not value:
        raise SurveyConfigError(f"The survey secret is missing: {where} is not set or is empty.")
    if len(value.encode()) < MIN_SECRET_BYTES:
        raise SurveyConfigError(f"The survey secret in {where} is shorter than {MIN_SECRET_BYTES} bytes.")
    return value.encode()


def load_survey_settings(table: Any, where: str) -> SurveySettings | None:
    """SurveySettings from the [survey] table, None when it is absent or enabled = false. Checks that the
    secret can be read now, so a misconfigured server stops at start with the reason."""
    if table is None:
        return None
    if not isinstance(table, dict):
        raise SurveyConfigError(f"{where}: [survey] is a table.")
    if "secret" in table:
        raise SurveyConfigError(f"{where}: no secret in the file; name secret_env or secret_file instead.")
    unknown = set(table) - _KEYS
    if unknown:
        raise SurveyConfigError(f"{where}: unknown [survey] key(s) {', '.join(sorted(unknown))}.")
    if not table.get("enabled", False):
        return None
    url = table.get("public_url")
    if not isinstance(url, str):
        url = ""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or \
            parts.fragment or any(c in url for c in "\"'<> \\"):
        raise SurveyConfigError(f"{where}: [survey] public_url is the server's address as the requester's "
                                "browser reaches it, e.g. https://desk.example.org (http or https, no query).")
    values = {k: v for k, v in table.items() if k not in ("enabled", "public_url", "secret_env", "secret_file")}
    valid = values.get("valid_days", 14.0)
    if isinstance(valid, bool) or not isinstance(valid, int | float) or not 0 < valid <= 365:
        raise SurveyConfigError(f"{where}: [survey] valid_days is a number of days, more than 0, at most 365.")
    for key in ("rate_per_ip", "rate_per_token"):
        if key in values and (isinstance(values[key], bool) or not isinstance(values[key], int) or values[key] < 1):
            raise SurveyConfigError(f"{where}: [survey] {key} is a whole number, at least 1.")
    try:
        secret = read_secret(table.get("secret_env"), table.get("secret_file"))
    except SurveyConfigError as exc:
        raise SurveyConfigError(f"{where}: {exc}") from None
    return SurveySettings(public_url=url.rstrip("/"), secret=secret, **values)
