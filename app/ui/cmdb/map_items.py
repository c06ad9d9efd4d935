"""The relation map's scene items: a CI as a card with a colour band and an incident badge, a relation as an arrow."""
# Items paint themselves from values computed once (elided texts, colours); paint() does no lookups, so a
# 200-node map draws in a few milliseconds. Edge labels are drawn only when zoomed in far enough to read.

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.ui.cmdb.map_style import CardColours

NODE_W, NODE_H = 156.0, 50.0
BAND = 7.0  # the colour band on the card's left edge
LABEL_LOD = 0.65  # edge labels appear from this zoom on
LANE_GAP = 9.0  # between edges that join the same two nodes


class MapStyle:
    """What every item of one map paints with: fonts, their metrics, pens and brushes, made once per theme and
    shared; elided names and label widths are remembered, so rebuilding a map (an expand) measures no text
    twice. GUI thread only."""

    def __init__(self, font: QFont, colours: CardColours) -> None:
        self.colours = colours
        self.name_font, self.centre_font = QFont(font), QFont(font)
        self.centre_font.setBold(True)
        self.meta_font, self.edge_font = QFont(font), QFont(font)
        self.meta_font.setPointSizeF(max(font.pointSizeF() * 0.85, 6.0))
        self.edge_font.setPointSizeF(max(font.pointSizeF() * 0.8, 6.0))
        self._metrics = {id(f): QFontMetricsF(f) for f in (self.name_font, self.centre_font, self.meta_font,
                                                            self.edge_font)}
        self.card = QBrush(QColor(colours.card))
        self.border, self.centre_border = QPen(QColor(colours.card_border), 1.0), QPen(QColor(colours.card_border), 2.5)
        self.selected = QPen(QColor(colours.selected), 3.0)
        self.text, self.meta = QPen(QColor(colours.text)), QPen(QColor(colours.meta))
        self.badge_ring, self.badge = QPen(QColor(colours.card), 1.5), QBrush(QColor(colours.badge))
        self.badge_text = QPen(QColor("#ffffff"))
        self.label_back = QBrush(QColor(colours.label_back))
        self._elided: dict[tuple[str, int, float], str] = {}
        self._widths: dict[str, float] = {}
        self._colours: dict[str, tuple[QColor, QPen, QBrush]] = {}

    def elide(self, text: str, font: QFont, width: float) -> str:
        key = (text, id(font), width)
        found = self._elided.get(key)
        if found is None:
            found = self._elided[key] = self._metrics[id(font)].elidedText(text, Qt.TextElideMode.ElideRight, width)
        return found

    def label_width(self, text: str) -> float:
        found = self._widths.get(text)
        if found is None:
            found = self._widths[text] = self._metrics[id(self.edge_font)].horizontalAdvance(text) + 8
        return found

    def colour(self, name: str) -> tuple[QColor, QPen, QBrush]:
        """A colour as QColor, a 1.4 px pen and a brush (edges of one type share them)."""
        found = self._colours.get(name)
        if found is None:
            colour = QColor(name)
            found = self._colours[name] = (colour, QPen(colour, 1.4), QBrush(colour))
        return found


class NodeItem(QGraphicsItem):
    """One CI. `ci_id` is what the map's signals carry; `colour` is the band (status or criticality)."""

    def __init__(self, ci_id: str, name: str, ci_class: str, open_incidents: int, *, centre: bool,
                 colour: str, style: MapStyle, group: bool = False) -> None:
        super().__init__()
        self.ci_id, self.name, self.ci_class, self.open_incidents = ci_id, name, ci_class, open_incidents
        self.centre, self.is_group = centre, group
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(False)
        self.setZValue(2)
        self.setToolTip(f"{name}\n{ci_class}")
        self._font = style.centre_font if centre else style.name_font
        width = NODE_W - BAND - 14 - (22 if open_incidents else 0)
        self._name = style.elide(name, self._font, width)
        self._meta = style.elide(ci_class, style.meta_font, width)
        self._badge = str(open_incidents) if open_incidents < 100 else "99+"
        self.set_colours(colour, style)

    def set_colours(self, colour: str, style: MapStyle) -> None:
        self._band = style.colour(colour)[0]
        self._s = style
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(-NODE_W / 2 - 10, -NODE_H / 2 - 10, NODE_W + 20, NODE_H + 20)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(-NODE_W / 2, -NODE_H / 2, NODE_W, NODE_H), 6, 6)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        s = self._s
        card = QRectF(-NODE_W / 2, -NODE_H / 2, NODE_W, NODE_H)
        painter.setPen(s.selected if self.isSelected() else s.centre_border if self.centre else s.border)
        painter.setBrush(s.card)
        if self.is_group:  # a stack of cards: several CIs in one
            painter.drawRoundedRect(card.translated(6, 6), 6, 6)
            painter.drawRoundedRect(card.translated(3, 3), 6, 6)
        painter.drawRoundedRect(card, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._band)
        painter.drawRoundedRect(QRectF(card.left() + 1, card.top() + 1, BAND, NODE_H - 2), 3, 3)
        text_left = card.left() + BAND + 8
        painter.setFont(self._font)
        painter.setPen(s.text)
        painter.drawText(QRectF(text_left, card.top() + 5, NODE_W, 20), Qt.AlignmentFlag.AlignLeft, self._name)
        painter.setFont(s.meta_font)
        painter.setPen(s.meta)
        painter.drawText(QRectF(text_left, card.top() + 26, NODE_W, 18), Qt.AlignmentFlag.AlignLeft, self._meta)
        if self.open_incidents:
            badge = QRectF(card.right() - 16, card.top() - 8, 24, 20)
            painter.setPen(s.badge_ring)
            painter.setBrush(s.badge)
            painter.drawRoundedRect(badge, 10, 10)
            painter.setPen(s.badge_text)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self._badge)


class EdgeItem(QGraphicsItem):
    """One relation from `source` to `target` (the direction its type reads in), with an arrowhead at the
    target and the type's label at the middle."""

    def __init__(self, edge_id: str, source: NodeItem, target: NodeItem, label: str, colour: str,
                 style: MapStyle, lane: int = 0) -> None:
        """`lane`: this edge's place among the edges between the same two nodes (0 alone; -1, 1, ... side by
        side), so a relation and its reverse or two types between one pair never draw over each other."""
        super().__init__()
        self.edge_id, self.source, self.target, self.label, self.lane = edge_id, source, target, label, lane
        self.setZValue(1)
        _colour, self._pen, self._arrow = style.colour(colour)
        self._s = style
        self._label_w = style.label_width(label)
        self.update_position()

    def update_position(self) -> None:
        self.prepareGeometryChange()
        a, b = self.source.pos(), self.target.pos()
        # Lanes count from the pair's lower id, so an edge and its reverse shift to opposite sides, and their
        # labels sit at different points along the pair.
        side = self.lane if self.source.ci_id < self.target.ci_id else -self.lane
        centres = QLineF(a, b)
        self._line = QLineF(_card_exit(a, b), _card_exit(b, a))
        if side and centres.length() > 1:
            normal = centres.normalVector().unitVector()
            shift = QPointF(normal.dx() * LANE_GAP * side, normal.dy() * LANE_GAP * side)
            span = _inside(a + shift, b + shift, a), _inside(a + shift, b + shift, b)
            if span[0] is not None and span[1] is not None and span[0][1] < span[1][0]:
                lane = QLineF(a + shift, b + shift)
                self._line = QLineF(lane.pointAt(span[0][1]), lane.pointAt(span[1][0]))
        self._room = self._label_w * (1.6 if side else 1.0) + 20  # the line length a readable label needs
        self._head = _arrow_head(self._line)
        mid = self._line.pointAt(0.5 + 0.12 * side)
        self._label_rect = QRectF(mid.x() - self._label_w / 2, mid.y() - 8, self._label_w, 16)
        self._bounds = QRectF(self._line.p1(), self._line.p2()).normalized().adjusted(-8, -8, 8, 8) \
            .united(self._label_rect)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self._line.length() < 1:
            return
        painter.setPen(self._pen)
        painter.drawLine(self._line)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._arrow)
        painter.drawPolygon(self._head)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod >= LABEL_LOD and self._line.length() > self._room:
            painter.setBrush(self._s.label_back)
            painter.drawRoundedRect(self._label_rect, 4, 4)
            painter.setFont(self._s.edge_font)
            painter.setPen(self._pen)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self.label)


def _card_exit(centre: QPointF, towards: QPointF) -> QPointF:
    """Where the line from `centre` to `towards` leaves the card around `centre`."""
    dx, dy = towards.x() - centre.x(), towards.y() - centre.y()
    if dx == 0 and dy == 0:
        return QPointF(centre)
    half_w, half_h = NODE_W / 2 + 2, NODE_H / 2 + 2
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


def _inside(p: QPointF, q: QPointF, centre: QPointF) -> tuple[float, float] | None:
    """The part [t0, t1] of the line p + t (q - p) inside the card (a little grown) around `centre`, or None."""
    low, high = -math.inf, math.inf
    for start, delta, half, mid in ((p.x(), q.x() - p.x(), NODE_W / 2 + 2, centre.x()),
                                    (p.y(), q.y() - p.y(), NODE_H / 2 + 2, centre.y())):
        if abs(delta) < 1e-9:
            if abs(start - mid) > half:
                return None
            continue
        t0, t1 = (mid - half - start) / delta, (mid + half - start) / delta
        low, high = max(low, min(t0, t1)), min(high, max(t0, t1))
    return (low, high) if low <= high else None


def _arrow_head(line: QLineF) -> QPolygonF:
    if line.length() < 1:
        return QPolygonF()
    angle = math.atan2(line.dy(), line.dx())
    tip = line.p2()
    size, spread = 10.0, math.radians(24)
    return QPolygonF([tip,
                      QPointF(tip.x() - size * math.cos(angle - spread), tip.y() - size * math.sin(angle - spread)),
                      QPointF(tip.x() - size * math.cos(angle + spread), tip.y() - size * math.sin(angle + spread))])
