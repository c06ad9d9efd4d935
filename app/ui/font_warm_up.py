"""The fallback fonts of the world's common scripts found ahead, in idle time, one script per event-loop turn.

The window's font rarely holds every script the desk's names and titles are written in. The first text of a script
it lacks (a requester's name in Hangul, a title in Chinese) makes Qt look for a font that has it: 7-9 ms on this
project's machines (fontconfig's search, then the font file opened), paid in the middle of the paint that first
shows such a text. Laying out one sample of each script after the first page pays it where nobody waits.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QFont, QFontMetrics

# A few letters each: Han, Japanese kana, Hangul, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Bengali, Tamil,
# Georgian, Armenian. Latin with its accents is in every font the desk runs with.
SAMPLES = ("王李张刘陈", "さとうアイ", "김이박", "Иван", "Γιώργος", "محمد", "דוד", "राम", "สมชาย", "রহিম", "முருகன்",
           "გიორგი", "Արամ")


def warm_parts(fonts: tuple[QFont, ...]) -> Iterator[None]:
    """Lay out each sample in each font (its characters' fonts found and opened); a pause after each sample."""
    metrics = [QFontMetrics(font) for font in fonts]
    for sample in SAMPLES:
        for measure in metrics:
            measure.horizontalAdvance(sample)
        yield
