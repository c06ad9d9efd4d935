"""Article Markdown made safe to show: HTML off, no remote images, only web and mail links, bounded size.

The output is HTML for a Qt text browser that also refuses to load any resource (app.ui.knowledge's
viewer). Here: raw HTML in the text (blocks and inline) is shown as text, never as markup; an image
becomes a plain link saying it is an image (nothing is fetched); a link whose address is not http, https
or mailto (javascript:, data:, file:, a relative path) is shown as its text only; input past
RENDER_LIMIT characters is cut with a note. Pure and Qt-free; CommonMark by markdown-it-py.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

RENDER_LIMIT = 200_000
SAFE_SCHEMES = ("http", "https", "mailto")


def _safe_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and (parts.scheme.lower() == "mailto" or bool(parts.netloc))


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    # Links and images with another address stay text (markdown-it's documented hook: replace the method).
    md.validateLink = _safe_url  # type: ignore[method-assign]
    renderer: Any = md.renderer

    def image(tokens: list[Token], idx: int, options, env) -> str:
        token = tokens[idx]
        src = token.attrGet("src") or ""
        alt = "".join(t.content for t in (token.children or [])) or "image"
        label = html.escape(f"[image: {alt}]")
        return f'<a href="{html.escape(str(src), quote=True)}">{label}</a>'

    renderer.rules["image"] = image
    return md


_MD = _parser()


def render_html(text: str) -> str:
    """Safe HTML for the Markdown `text` (see the module's docstring)."""
    text = text or ""
    cut = len(text) > RENDER_LIMIT
    out = _MD.render(text[:RENDER_LIMIT])
    if cut:
        out += "<p><i>" + html.escape(f"(The article is longer than {RENDER_LIMIT:,} characters; the rest is "
                                      "not shown.)") + "</i></p>"
    return out


def steps(text: str) -> list[str]:
    """The article's steps: the items of its first ordered list, as plain text (to insert in a reply).
    Empty when the article has no numbered list."""
    tokens = _MD.parse((text or "")[:RENDER_LIMIT])
    out: list[str] = []
    depth = 0
    inside = False
    current: list[str] = []
    for token in tokens:
        if token.type == "ordered_list_open":
            if inside:
                depth += 1
                continue
            if out:
                break
            inside = True
        elif token.type == "ordered_list_close" and inside:
            if depth:
                depth -= 1
                continue
            break
        elif inside and token.type == "list_item_close" and depth == 0:
            out.append(" ".join(" ".join(current).split()))
            current = []
        elif inside and token.type == "inline":
            current.append(_plain(token))
    return [s for s in out if s]


def _plain(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append("".join(c.content for c in child.children or []))
    return "".join(parts)


def as_reply_text(number: str, title: str, body: str, *, only_steps: bool) -> str:
    """What Insert puts into a reply: the steps numbered (when asked and the article has some), or the
    whole article as its Markdown text; with the article's number and title first."""
    head = f"{title} ({number})" if number else title
    if only_steps:
        found = steps(body)
        if found:
            return head + "\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(found, 1)) + "\n"
    return head + "\n\n" + (body or "").strip() + "\n"
