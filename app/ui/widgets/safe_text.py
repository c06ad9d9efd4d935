"""Untrusted ticket text (descriptions, worklog bodies) shown as plain text with clickable web links."""
# Ticket text comes from requesters and other systems: it may hold hostile HTML, remote images, script
# links, bidi overrides, NULs or megabytes. It is escaped and never parsed as markup; only http, https
# and mailto URLs become links, and they open only when clicked.

from __future__ import annotations

import html
import re

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

DISPLAY_LIMIT = 100_000
SAFE_SCHEMES = ("http", "https", "mailto")

# Explicit bidi embeddings, overrides and isolates reorder what is shown (spoofed names, reversed
# URLs); marks (LRM, RLM) are harmless and kept.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\")]}>"


def clean_text(text: object, limit: int = DISPLAY_LIMIT) -> str:
    """Text fit to show: no control or bidi-override characters, at most `limit` characters."""
    text = "" if text is None else str(text)
    text = _CONTROLS.sub("", text.translate(_BIDI_CONTROLS)).replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > limit:
        text = text[:limit] + f"\n… ({len(text) - limit} more characters not shown)"
    return text


def one_line(text: object, limit: int = 120) -> str:
    """A single line for labels, tab titles and list cells: whitespace collapsed, elided at `limit`."""
    line = " ".join(clean_text(text, limit * 4).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def is_safe_link(url: QUrl) -> bool:
    return url.isValid() and url.scheme().lower() in SAFE_SCHEMES and bool(url.path() or url.host())


def _split_url(raw: str) -> tuple[str, str]:
    """Separate trailing punctuation that ends a sentence rather than the URL."""
    url = raw
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url, raw[len(url):]


def safe_links(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, url) of each http, https or mailto link in already cleaned `text`, as text_to_html links them."""
    links = []
    for match in _URL.finditer(text):
        url, _tail = _split_url(match.group(0))
        if is_safe_link(QUrl(url, QUrl.ParsingMode.StrictMode)):
            links.append((match.start(), match.start() + len(url), url))
    return tuple(links)


def text_to_html(text: object, limit: int = DISPLAY_LIMIT) -> str:
    """An HTML fragment showing `text` literally (newlines kept) with web and mail links.

    Every character of the input is escaped; the only markup is ours: one <div> and the <a> tags.
    """
    text = clean_text(text, limit)
    parts: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        url, tail = _split_url(match.group(0))
        parts.append(html.escape(text[pos:match.start()]))
        if is_safe_link(QUrl(url, QUrl.ParsingMode.StrictMode)):
            parts.append(f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>')
        else:
            parts.append(html.escape(url))
        parts.append(html.escape(tail))
        pos = match.end()
    parts.append(html.escape(text[pos:]))
    return '<div style="white-space: pre-wrap;">{}</div>'.format("".join(parts))


def plain_tooltip(text: object, limit: int = 1000) -> str:
    """A tooltip for untrusted text: Qt guesses whether tooltips are rich text, so escape always."""
    return f"<p>{text_to_html(text, limit)}</p>" if text else ""


class SafeTextBrowser(QTextBrowser):
    """A read-only viewer that never loads a resource and opens only http/https/mailto on click.

    `set_untrusted_text` is the way in for ticket text; `setHtml` is for markup built by the
    caller from `text_to_html` pieces.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def set_untrusted_text(self, text: object) -> None:
        self.setHtml(text_to_html(text))

    def loadResource(self, resource_type: int, name: QUrl):  # noqa: N802 - Qt override
        # Images, style sheets and anything else: nothing is ever fetched, local or remote.
        return None

    def doSetSource(self, name: QUrl, resource_type=None) -> None:  # noqa: N802 - Qt override
        # Navigation would replace the document with whatever the URL points to; never navigate.
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if is_safe_link(url):
            QDesktopServices.openUrl(url)
