"""How a change bar is painted in every view: risk colour, type mark, conflict marker, selection, text."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from app.changes.calendar import CalendarItem
from app.ui.calendar.palette import CalendarColours

_STANDARD_EDGE = QColor(255, 255, 255, 150)


def paint_bar(p: QPainter, rect: QRectF, item: CalendarItem, text: str, *, colours: CalendarColours, fonts: list,
              conflicted: bool, selected: bool, dragged: bool, compact: bool = False) -> list[str]:
    """One change bar: risk fill, type mark (emergency striped, standard with a light edge), conflict
    outline and badge, selection or drag outline, and as much of `text` as fits (lines split on newlines).
    `fonts` is the canvas's [(font, metrics)] for normal, compact and badge text. Returns the label lines drawn."""
    c = colours
    fill = c.fill(item.risk, item.state)
    radius = 3.0 if rect.height() > 8 else 1.5
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawRoundedRect(rect, radius, radius)
    if item.change_type == "emergency":
        p.setBrush(c.stripes())
        p.drawRoundedRect(rect, radius, radius)
    elif item.change_type == "standard":
        # Pre-approved: a light left edge tells it apart from a normal change of the same risk.
        p.fillRect(QRectF(rect.left(), rect.top(), min(3.0, rect.width()), rect.height()), _STANDARD_EDGE)
    if conflicted:
        p.setPen(QPen(c.conflict, 2.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
    if selected or dragged:
        pen = QPen(c.text if not dragged else c.selection, 1.5,
                   Qt.PenStyle.DashLine if dragged else Qt.PenStyle.SolidLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), radius + 1, radius + 1)
    left = rect.left() + (5 if rect.width() > 30 else 3)
    right_pad = 3
    if conflicted and rect.width() > 26 and rect.height() >= 12:
        d = min(12.0, rect.height() - 2)
        badge = QRectF(rect.right() - d - 3, rect.top() + (min(rect.height(), 18) - d) / 2, d, d)
        p.setPen(QPen(QColor("white"), 1))
        p.setBrush(c.conflict)
        p.drawEllipse(badge)
        p.setFont(fonts[2][0])
        p.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")
        right_pad = d + 6
    area = QRectF(left, rect.top() + 1, rect.width() - (left - rect.left()) - right_pad, rect.height() - 2)
    font, fm, lines = fit_label(text, item.number, area, fonts, compact)
    if not lines:
        return []
    p.setFont(font)
    p.setPen(QColor("white"))
    if len(lines) > 1:
        y = area.top() + 1
        for line in lines:
            p.drawText(QRectF(area.left(), y, area.width(), fm.height()), Qt.AlignmentFlag.AlignLeft, line)
            y += fm.height()
    else:
        vertical = Qt.AlignmentFlag.AlignTop if area.height() > fm.height() + 6 else Qt.AlignmentFlag.AlignVCenter
        p.drawText(area, Qt.AlignmentFlag.AlignLeft | vertical, lines[0])
    return lines


def fit_label(text: str, number: str, area: QRectF, fonts: list, compact: bool = False) -> tuple:
    """(font, metrics, lines) of the label that fits `area`: each line elided on the right; in a bar too
    narrow for the change number (overlapping changes side by side), the smaller font and the number's
    end ("…0057"), which tells the changes apart. No lines where not even that fits."""
    font, fm = fonts[1 if compact else 0]
    if not text or area.height() < fm.height() - 4:
        return font, fm, []
    width = int(area.width())
    if fm.horizontalAdvance(number) > area.width():
        font, fm = fonts[1]
        if area.height() < fm.height() - 4:
            return font, fm, []
        head = fm.elidedText(number, Qt.TextElideMode.ElideLeft, width)
        if len(head) < 3:  # a lone ellipsis or one digit helps nobody (hover shows all)
            return font, fm, []
        rest = text.split("\n")
        rest[0] = rest[0].replace(number, "", 1).strip()
        text = "\n".join([head] + [line for line in rest if line])
        lines = text.split("\n")
        lines = [lines[0]] + [fm.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines[1:]]
    elif area.height() >= 2 * fm.height() + 2 and "\n" in text:
        lines = [fm.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in text.split("\n")]
    else:
        return font, fm, [fm.elidedText(text.replace("\n", "  "), Qt.TextElideMode.ElideRight, width)]
    shown = max(1, int((area.height() + 2) // fm.height()))
    return font, fm, lines[:shown]
