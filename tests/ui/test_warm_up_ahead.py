"""The scripts' fallback fonts are found in idle time after the first page, before anything else is warmed up."""

from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication

from app.ui import font_warm_up
from tests.ui.conftest import close_window, open_window


def test_each_step_lays_out_one_script_in_every_font(qapp, monkeypatch):
    seen: list[tuple[str, bool]] = []

    class Metrics:
        def __init__(self, font: QFont) -> None:
            self.bold = font.bold()

        def horizontalAdvance(self, text: str) -> int:  # noqa: N802 (Qt name)
            seen.append((text, self.bold))
            return 1

    monkeypatch.setattr(font_warm_up, "QFontMetrics", Metrics)
    bold = QFont()
    bold.setBold(True)
    steps = 0
    for _ in font_warm_up.warm_parts((QFont(), bold)):
        steps += 1
        assert len(seen) == 2 * steps  # one sample per step, in both fonts
    assert steps == len(font_warm_up.SAMPLES)
    assert seen == [(sample, b) for sample in font_warm_up.SAMPLES for b in (False, True)]


def test_every_sample_is_one_script_outside_latin(qapp):
    """A sample lays out in a font other than the window's own, or in none (so each one is a search worth doing)."""
    own = QApplication.font()
    for sample in font_warm_up.SAMPLES:
        assert all(ord(ch) > 0x24F for ch in sample), sample
        layout = QTextLayout(sample, own)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        assert layout.glyphRuns(), sample


def test_the_window_finds_the_fonts_first_after_the_first_page(qtbot, desk_path, tmp_path, monkeypatch):
    order: list[str] = []
    real = font_warm_up.warm_parts

    def noted(fonts):
        order.append("fonts")
        assert [f.bold() for f in fonts] == [False, True] and fonts[0].family() == QApplication.font().family()
        yield from real(fonts)
        order.append("fonts done")

    monkeypatch.setattr(font_warm_up, "warm_parts", noted)
    from app.ui.ticket import fields_form

    real_pickers = fields_form.prepare_pickers

    def pickers(ctx):
        order.append("pickers")
        return real_pickers(ctx)

    monkeypatch.setattr(fields_form, "prepare_pickers", pickers)
    window, runner, st = open_window(qtbot, desk_path, tmp_path, size=(1200, 700))
    qtbot.waitUntil(lambda: window.warmed_up, timeout=20_000)
    assert order == ["fonts", "fonts done", "pickers"]
    close_window(qtbot, window, runner, st)
