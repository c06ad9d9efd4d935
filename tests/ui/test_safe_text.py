"""Untrusted ticket text is shown literally, loads nothing and opens only web and mail links on click."""

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument

from app.ui.widgets.safe_text import SafeTextBrowser, clean_text, one_line, text_to_html

HOSTILE = [
    "<b>bold</b> <i>not italic</i>",
    '<img src="http://evil.example/pixel.png"> <img src=file:///etc/passwd>',
    "<script>alert(document.cookie)</script>",
    '<a href="javascript:alert(1)">click me</a>',
    '<link rel="stylesheet" href="http://evil.example/x.css"><style>@import url(http://evil.example/y.css);</style>',
    "<table><tr><td>cell</td></tr></table> &amp; &lt;tag&gt; &#x202e;",
    "line one\n  indented line two\n\n\nline five",
]


@pytest.fixture
def browser(qtbot):
    view = SafeTextBrowser()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    return view


@pytest.fixture
def opened(monkeypatch):
    calls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: calls.append(url.toString()) or True)
    return calls


def _click_text(qtbot, view, text):
    cursor = view.document().find(text)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + 1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center())


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markup_is_shown_as_literal_text(browser, text):
    browser.set_untrusted_text(text)

    assert browser.toPlainText() == text
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            assert not it.fragment().charFormat().isImageFormat()
            it += 1
        block = block.next()


def test_control_and_bidi_override_characters_are_removed(browser):
    browser.set_untrusted_text("invoice\u202efdp.exe\x00 and \u2066isolate\u2069 \x07bell")

    assert browser.toPlainText() == "invoicefdp.exe and isolate bell"
    assert one_line("a\u202eb\n\tc\x00") == "ab c"


def test_huge_text_is_cut_with_a_note(browser):
    browser.set_untrusted_text("x" * 300_000)

    shown = browser.toPlainText()
    assert len(shown) < 110_000
    assert shown.endswith("(200000 more characters not shown)")


def test_no_resource_is_ever_loaded(qtbot):
    asked = []

    class Recording(SafeTextBrowser):
        def loadResource(self, kind, url):  # noqa: N802 - Qt override
            result = super().loadResource(kind, url)
            asked.append((url.toString(), result))
            return result

    view = Recording()
    qtbot.addWidget(view)
    view.show()
    for text in HOSTILE:
        view.set_untrusted_text(text)
        view.grab()
    assert asked == []

    # Even markup that slips past the escaping (a bug elsewhere) gets nothing back.
    view.setHtml('<img src="http://evil.example/pixel.png"><img src="/etc/hosts">')
    view.grab()
    assert all(result is None for _, result in asked)
    assert view.loadResource(QTextDocument.ResourceType.ImageResource, QUrl("http://evil.example/a.png")) is None


def test_web_links_open_only_when_clicked(qtbot, browser, opened):
    browser.set_untrusted_text("Manual at https://wiki.example.com/printers?id=3. Mail help@example.com "
                               "via mailto:help@example.com, not javascript:alert(1)")

    assert opened == []
    _click_text(qtbot, browser, "wiki.example.com")
    _click_text(qtbot, browser, "mailto:help")
    _click_text(qtbot, browser, "javascript")
    assert opened == ["https://wiki.example.com/printers?id=3", "mailto:help@example.com"]


def test_script_links_are_never_opened(qtbot, browser, opened):
    browser.setHtml('<p><a href="javascript:alert(1)">script link</a> '
                    '<a href="file:///etc/passwd">file link</a> <a href="https://ok.example/">web link</a></p>')

    _click_text(qtbot, browser, "script link")
    _click_text(qtbot, browser, "file link")
    _click_text(qtbot, browser, "web link")
    assert opened == ["https://ok.example/"]
    assert browser.toPlainText() == "script link file link web link"  # never navigated away


def test_html_fragment_escapes_and_links():
    html = text_to_html('<x> see (https://a.example/p_(1)), "mailto:a@b.example"')

    assert "<x>" not in html and "&lt;x&gt;" in html
    assert '<a href="https://a.example/p_(1)">' in html
    assert '<a href="mailto:a@b.example">' in html
    assert clean_text(None) == ""
