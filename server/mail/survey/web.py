"""The survey routes: GET /survey/<token> shows the answer form, POST records the answer. No sign-in: the
signed link is the capability."""
# GET never records: mail security scanners and link previews fetch every link in a message, and a GET that
# recorded would let them answer for the requester (always with the first link they follow). So one click
# opens the page with that rating chosen, and "Send my answer" records it (one click + confirm).
# No `from __future__ import annotations`: FastAPI must see the route annotations as real objects.

from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from core.errors import ValidationError
from server.config import MailSettings
from server.db import Database
from server.mail.survey import page, record
from server.mail.survey.ratelimit import RateLimit
from server.mail.survey.tokens import Answer, TokenError, verify
from server.notify import Notifier

MAX_FORM_BYTES = 64 * 1024   # a 10,000-character comment, percent-encoded, fits


def register(app: FastAPI, db: Database, notifier: Notifier, mail: MailSettings) -> None:
    """Add the survey routes to the app (only when [survey] is enabled)."""
    survey = mail.survey
    assert survey is not None
    per_ip = RateLimit(survey.rate_per_ip, 60.0)
    per_link = RateLimit(survey.rate_per_token, 3600.0)

    def language_of(ticket: record.SurveyTicket | None) -> str:
        if ticket is None:
            return mail.language
        return mail.sender_for(ticket.group_id, ticket.group_name).language or mail.language

    def respond(status: int, body: str, retry_after: float | None = None) -> HTMLResponse:
        headers = dict(page.HEADERS)
        if retry_after:
            headers["Retry-After"] = str(int(retry_after + 0.999))
        return HTMLResponse(body, status_code=status, headers=headers)

    def refused(status: int, reason: str, ticket: record.SurveyTicket | None = None,
                retry_after: float | None = None) -> HTMLResponse:
        return respond(status, page.message_page(language_of(ticket), reason), retry_after)

    def checked(request: Request, token: str) -> Answer | HTMLResponse:
        wait = per_ip.hit(request.client.host if request.client else "unknown")
        if wait:
            return refused(429, "limited", retry_after=wait)
        try:
            return verify(survey.secret, token)
        except TokenError as exc:
            return refused(410 if exc.expired else 404, "expired" if exc.expired else "invalid")

    @app.get("/survey/{token}", response_class=HTMLResponse, include_in_schema=False)
    def survey_form(token: str, request: Request) -> HTMLResponse:
        answer = checked(request, token)
        if isinstance(answer, HTMLResponse):
            return answer
        try:
            ticket = record.load(db, answer)
        except record.Refused as exc:
            return refused(exc.status, exc.reason)
        # The clicked link's rating is chosen (also over an earlier answer: it was just clicked); the
        # earlier comment is kept in the box, so changing the rating does not lose it.
        form = page.Form(answer.score, ticket.comment or "")
        return respond(200, page.form_page(language_of(ticket), ticket, form))

    @app.post("/survey/{token}", response_class=HTMLResponse, include_in_schema=False)
    async def survey_answer(token: str, request: Request) -> HTMLResponse:
        answer = checked(request, token)
        if isinstance(answer, HTMLResponse):
            return answer
        wait = per_link.hit((answer.ticket_id, answer.requester_id))
        if wait:
            return refused(429, "limited", retry_after=wait)
        try:
            ticket = await run_in_threadpool(record.load, db, answer)
        except record.Refused as exc:
            return refused(exc.status, exc.reason)
        language = language_of(ticket)
        kind = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        body = await _form_body(request) if kind == "application/x-www-form-urlencoded" else None
        try:
            fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=10) \
                if body is not None else None
        except ValueError:  # more fields than the form has
            fields = None
        if fields is None:
            return respond(400, page.form_page(language, ticket, page.Form(answer.score, error=page.texts(
                language)["bad_form"])))
        comment = (fields.get("comment") or [""])[0]
        raw_score = (fields.get("score") or [""])[0]
        score = int(raw_score) if raw_score.isascii() and raw_score.isdigit() and len(raw_score) == 1 else None
        try:
            saved = await run_in_threadpool(record.record, db, notifier, answer, score=score, comment=comment)
        except record.Refused as exc:
            return refused(exc.status, exc.reason, ticket)
        except ValidationError as exc:  # no rating chosen, or a comment too long: shown with what was typed
            error = page.texts(language)["comment_long" if exc.field == "comment" else "need_score"]
            return respond(422, page.form_page(language, ticket, page.Form(score, comment, error)))
        return respond(200, page.thanks_page(language, saved, answer.expires))


async def _form_body(request: Request) -> bytes | None:
    """The form's bytes, or None past MAX_FORM_BYTES (read no further than that)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    return bytes(body)
