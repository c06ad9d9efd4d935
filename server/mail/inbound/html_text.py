"""HTML mail as plain text: nothing run, nothing fetched; links kept as text, images as their alt text."""
# The standard library's tokenizer only: no element is rendered, no URL is ever opened. Scripts, styles
# and other non-text elements are dropped with their content; quoted parts (<blockquote>) become "> "
# lines, so the quoted-history rule (quotes.py) treats them as it treats a plain-text quote.

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "head", "title", "noscript", "template", "iframe", "object", "embed", "svg", "math",
         "canvas", "video", "audio", "select", "button"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "table", "tr", "ul", "ol", "h1", "h2", "h3", "h4",
          "h5", "h6", "pre", "form", "hr", "address", "center", "dl", "dt", "dd", "blockquote", "main", "nav"}
_LINKABLE = re.compile(r"^(https?|mailto):", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.skip = 0
        self.quote = 0
        self.pre = 0
        self.links: list[str | None] = []
        self.link_text: list[list[str]] = []

    def _break(self) -> None:
        text = "".join(self.line)
        text = text if self.pre else " ".join(text.split())
        self.lines.append(("> " * self.quote) + text if text or not self.quote else ">" * self.quote)
        self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        values = dict(attrs)
        if tag in _BLOCK or tag == "br" or tag == "li":
            self._break()
        if tag == "blockquote":
            self.quote += 1
        elif tag == "pre":
            self.pre += 1
        elif tag == "li":
            self.line.append("- ")
        elif tag == "a":
            href = (values.get("href") or "").strip()
            self.links.append(href if _LINKABLE.match(href) else None)
            self.link_text.append([])
        elif tag == "img":
            alt = " ".join((values.get("alt") or "").split())
            self._data(f"[image: {alt}]" if alt else "[image]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "a" and self.links:
            href, words = self.links.pop(), self.link_text.pop()
            shown = " ".join("".join(words).split())
            if href and href.lower().removeprefix("mailto:") != shown.lower() and href != shown:
                self._data(f" <{href}>")
            return
        if tag in _BLOCK or tag == "li":
            self._break()
        if tag == "blockquote":
            self.quote = max(0, self.quote - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)

    def _data(self, data: str) -> None:
        self.line.append(data)
        for words in self.link_text:
            words.append(data)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:
            parts = data.split("\n")
            for n, part in enumerate(parts):
                if n:
                    self._break()
                self._data(part)
        else:
            self._data(data)

    def text(self) -> str:
        self._break()
        out: list[str] = []
        for line in self.lines:
            if line.strip() or (out and out[-1].strip()):
                out.append(line.rstrip())
        return "\n".join(out).strip("\n")


def html_to_text(html: str) -> str:
    """The readable text of an HTML body. Never raises on bad markup: the tokenizer is lenient."""
    parser = _Text()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # the tokenizer gave up on broken markup: keep what it read
        pass
    return parser.text()
