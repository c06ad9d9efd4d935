"""The five rating links of a survey mail, signed for its ticket and requester, labelled in its language."""

from __future__ import annotations

from datetime import datetime, timedelta

from server.mail.survey.settings import SurveySettings
from server.mail.survey.tokens import sign

# Best first: a reader scanning the list meets the common answer first.
LABELS: dict[str, dict[int, str]] = {
    "en": {5: "5 - Very satisfied", 4: "4 - Satisfied", 3: "3 - Neither", 2: "2 - Dissatisfied",
           1: "1 - Very dissatisfied"},
    "de": {5: "5 - Sehr zufrieden", 4: "4 - Zufrieden", 3: "3 - Teils, teils", 2: "2 - Unzufrieden",
           1: "1 - Sehr unzufrieden"},
}


def labels(language: str | None) -> dict[int, str]:
    return LABELS.get(language or "en", LABELS["en"])


def rating_links(survey: SurveySettings, *, ticket_id: str, requester_id: str, language: str | None,
                 now: datetime) -> list[tuple[str, str]]:
    """(label, URL) for scores 5 down to 1, each valid until now + valid_days."""
    secret = survey.secret
    expires = now + timedelta(days=survey.valid_days)
    return [(label, survey.link(sign(secret, ticket_id=ticket_id, requester_id=requester_id, score=score,
                                     expires=expires)))
            for score, label in labels(language).items()]
