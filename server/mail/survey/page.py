"""The survey's HTML pages: self-contained, no script, no external resources, every value escaped."""
# One inline style block, allowed by its hash in the Content-Security-Policy; nothing else may load or
# run. The form posts back to the page's own address (the link), so the token never appears in a body.

from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass
from datetime import datetime

from server.mail.survey.links import labels
from server.mail.survey.record import SurveyTicket

STYLE = ("body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;"
         "line-height:1.5;color:#1a1a1a;background:#fff}h1{font-size:1.4rem}fieldset{border:1px solid #767676;"
         "padding:.5rem 1rem}label{display:block;padding:.25rem 0}textarea{width:100%;box-sizing:border-box;"
         "font:inherit}button{font:inherit;padding:.5rem 1.5rem;margin-top:1rem}"
         ".note{color:#4a4a4a}.error{border-left:4px solid #b00020;padding-left:.75rem}")
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CSP = (f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Cache-Control": "no-store", "X-Frame-Options": "DENY"}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Satisfaction survey", "heading": "How satisfied are you with {number}?",
        "rating": "Your rating", "comment": "Comment (optional)", "send": "Send my answer",
        "not_yet": "Nothing is recorded until you send your answer.",
        "so_far": "Your answer so far: {score} of 5, given {date}.",
        "thanks_title": "Thank you", "thanks": "Your answer for {number} is recorded: {score} of 5.",
        "change": "You can change it with the links in the mail until {date}.",
        "invalid": "This survey link is not valid. It may have been cut short when it was copied: "
                   "try opening it from the mail again.",
        "expired": "This survey link has expired, so no answer can be recorded with it any more.",
        "gone": "This ticket no longer exists, so no answer can be recorded for it.",
        "other_requester": "This ticket now has another requester, so this link can no longer answer for it.",
        "reopened": "This ticket was reopened after the survey was sent, so no answer is recorded now. You will "
                    "get a new survey when it is resolved again.",
        "need_score": "Please choose a rating from 1 to 5.",
        "comment_long": "The comment is longer than 10,000 characters. Please shorten it.",
        "bad_form": "Your answer could not be read. Please use the form on this page.",
        "limited": "Too many tries in a short time. Please wait a few minutes and try again.",
        "error_title": "Survey",
    },
    "de": {
        "title": "Zufriedenheitsumfrage", "heading": "Wie zufrieden sind Sie mit {number}?",
        "rating": "Ihre Bewertung", "comment": "Kommentar (freiwillig)", "send": "Antwort absenden",
        "not_yet": "Erst mit dem Absenden wird Ihre Antwort gespeichert.",
        "so_far": "Ihre bisherige Antwort: {score} von 5, gegeben am {date}.",
        "thanks_title": "Vielen Dank", "thanks": "Ihre Antwort zu {number} ist gespeichert: {score} von 5.",
        "change": "Sie können sie mit den Links in der Mail bis {date} ändern.",
        "invalid": "Dieser Umfrage-Link ist ungültig. Vielleicht wurde er beim Kopieren abgeschnitten: "
                   "öffnen Sie ihn bitte noch einmal aus der Mail.",
        "expired": "Dieser Umfrage-Link ist abgelaufen; mit ihm kann keine Antwort mehr gespeichert werden.",
        "gone": "Dieses Ticket gibt es nicht mehr; dazu kann keine Antwort gespeichert werden.",
        "other_requester": "Dieses Ticket hat inzwischen eine andere anfragende Person; dieser Link gilt nicht mehr.",
        "reopened": "Dieses Ticket wurde nach dem Versand der Umfrage wieder geöffnet; jetzt wird keine Antwort "
                    "gespeichert. Sie erhalten eine neue Umfrage, wenn es erneut gelöst ist.",
        "need_score": "Bitte wählen Sie eine Bewertung von 1 bis 5.",
        "comment_long": "Der Kommentar ist länger als 10.000 Zeichen. Bitte kürzen Sie ihn.",
        "bad_form": "Ihre Antwort konnte nicht gelesen werden. Bitte verwenden Sie das Formular auf dieser Seite.",
        "limited": "Zu viele Versuche in kurzer Zeit. Bitte warten Sie einige Minuten.",
        "error_title": "Umfrage",
    },
}


def texts(language: str | None) -> dict[str, str]:
    return TEXT.get(language or "en", TEXT["en"])


def _date(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC")


def _document(language: str, title: str, body: str) -> str:
    lang = language if language in TEXT else "en"
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body><main>{body}</main>"
            "</body></html>")


@dataclass(frozen=True)
class Form:
    """The answer form as shown: the chosen rating and the comment typed so far (kept across an error)."""

    score: int | None
    comment: str = ""
    error: str | None = None


def form_page(language: str, ticket: SurveyTicket, form: Form) -> str:
    t = texts(language)
    esc = html.escape
    parts = [f"<h1>{esc(t['heading'].format(number=ticket.number))}</h1>", f"<p>{esc(ticket.title)}</p>"]
    if form.error:
        parts.append(f'<p class="error" role="alert">{esc(form.error)}</p>')
    if ticket.score is not None and ticket.answered_at is not None:
        so_far = t["so_far"].format(score=ticket.score, date=_date(ticket.answered_at))
        parts.append(f'<p class="note">{esc(so_far)}</p>')
    radios = "".join(
        f'<label><input type="radio" name="score" value="{score}"{" checked" if score == form.score else ""}'
        f' required> {esc(label)}</label>' for score, label in labels(language).items())
    parts.append(f'<form method="post"><fieldset><legend>{esc(t["rating"])}</legend>{radios}</fieldset>'
                 f'<p><label for="comment">{esc(t["comment"])}</label>'
                 f'<textarea id="comment" name="comment" rows="6" maxlength="10000">{esc(form.comment)}</textarea></p>'
                 f'<button type="submit">{esc(t["send"])}</button></form>'
                 f'<p class="note">{esc(t["not_yet"])}</p>')
    return _document(language, t["title"], "".join(parts))


def thanks_page(language: str, ticket: SurveyTicket, expires: datetime) -> str:
    t = texts(language)
    esc = html.escape
    body = (f"<h1>{esc(t['thanks_title'])}</h1>"
            f"<p>{esc(t['thanks'].format(number=ticket.number, score=ticket.score))}</p>")
    if ticket.comment:
        body += f"<blockquote><p>{esc(ticket.comment).replace(chr(10), '<br>')}</p></blockquote>"
    body += f'<p class="note">{esc(t["change"].format(date=_date(expires)))}</p>'
    return _document(language, t["thanks_title"], body)


def message_page(language: str, reason: str) -> str:
    t = texts(language)
    return _document(language, t["error_title"], f"<h1>{html.escape(t['error_title'])}</h1>"
                                                 f'<p role="alert">{html.escape(t.get(reason, t["invalid"]))}</p>')
