"""Article Markdown is rendered safely: no HTML from the text, no remote images, only web and mail links."""

from app.knowledge.markdown import RENDER_LIMIT, as_reply_text, render_html, steps


def test_plain_markdown_renders():
    out = render_html("# Reset\n\n1. **Quit** the app\n2. Start it\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<h1>Reset</h1>" in out and "<strong>Quit</strong>" in out and "<ol>" in out and "<table>" in out


def test_raw_html_and_script_are_text():
    out = render_html('<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> <b>bold</b>\n\n'
                      '<iframe src="https://evil.test"></iframe>')
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "<iframe" not in out
    assert "&lt;script&gt;" in out and "&lt;b&gt;bold&lt;/b&gt;" in out


def test_dangerous_links_stay_text():
    out = render_html("[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
                      "[file](file:///etc/passwd) [rel](../secret) [ok](https://intranet.test/vpn) "
                      "[mail](mailto:desk@example.test) <javascript:alert(2)>")
    assert 'href="javascript' not in out and 'href="data:' not in out and 'href="file:' not in out
    assert 'href="../secret"' not in out
    assert '<a href="https://intranet.test/vpn">ok</a>' in out and 'href="mailto:desk@example.test"' in out


def test_images_are_never_loaded_only_linked():
    out = render_html("![diagram](https://tracker.test/pixel.png) ![local](/tmp/x.png) ![x](javascript:alert(1))")
    assert "<img" not in out
    assert '<a href="https://tracker.test/pixel.png">[image: diagram]</a>' in out
    assert 'href="javascript' not in out


def test_attribute_injection_is_escaped():
    out = render_html('[x](https://a.test/"onmouseover="alert(1))')
    assert '"onmouseover="' not in out


def test_huge_and_deeply_nested_input_is_bounded():
    out = render_html("word " * (RENDER_LIMIT // 2))
    assert "is longer than" in out
    deep = render_html(">" * 5000 + " deep\n" + "[" * 10000 + "x" + "]" * 10000 + "\n" + "*" * 20000)
    assert deep.count("<blockquote>") <= 100


def test_steps_are_the_first_numbered_list():
    body = "Intro\n\n- a bullet\n\n1. Open **Settings**\n2. Choose `Accounts`\n   1. nested one\n3. Sign in\n\n" \
           "Then:\n\n1. another list\n"
    assert steps(body) == ["Open Settings", "Choose Accounts nested one", "Sign in"]
    assert steps("no list here") == []
    assert as_reply_text("KB0000001", "Reset", body, only_steps=True) == \
        "Reset (KB0000001)\n1. Open Settings\n2. Choose Accounts nested one\n3. Sign in\n"
    assert as_reply_text("", "Reset", "plain", only_steps=True) == "Reset\n\nplain\n"
