"""A version diff shown as plain text lines, removed in red and added in green (nothing in it is markup)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from app.knowledge.records import VersionDiff

_BACKGROUND = {"-": "#fbe4e4", "+": "#e3f4e1", "@": "#eef1f6"}
_PREFIX = {"-": "− ", "+": "+ ", " ": "  ", "@": ""}


class DiffView(QPlainTextEdit):
    """Read-only; `show_diff` inserts each line as plain text with a background for its kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("ArticleDiff")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText(self.tr("Choose a version to see what it changed."))
        self.shown: VersionDiff | None = None

    def show_diff(self, diff: VersionDiff) -> None:
        self.shown = diff
        self.clear()
        cursor = QTextCursor(self.document())
        head = QTextCharFormat()
        head.setFontWeight(QFont.Weight.Bold)
        cursor.insertText(self.tr("Version {0} → version {1}").format(diff.old, diff.new), head)
        if not diff.lines:
            cursor.insertText("\n" + self.tr("The text did not change."), QTextCharFormat())
        for line in diff.lines:
            fmt = QTextCharFormat()
            if line.kind in _BACKGROUND:
                fmt.setBackground(QColor(_BACKGROUND[line.kind]))
            if line.kind == "@":
                fmt.setForeground(QColor("#4a5a78"))
            cursor.insertText("\n" + _PREFIX.get(line.kind, "") + line.text, fmt)
        self.moveCursor(QTextCursor.MoveOperation.Start)
