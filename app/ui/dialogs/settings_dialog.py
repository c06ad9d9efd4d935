"""The settings dialog, generated from the typed SETTINGS: one editor per visible setting, by section."""
# Each value is checked by its Setting before anything is saved.

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import SETTINGS, Setting, Settings, SettingsError
from app.ui.dialogs.columns_editor import ColumnChoice, ColumnsEditor
from app.ui.widgets.inline_error import InlineError

LEVELS = ("High", "Medium", "Low")
THEME_NAMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


def tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class _Editor:
    """A widget for one setting, with value() / set_value() and a check beyond Setting.accepts."""

    def __init__(self, setting: Setting, widget: QWidget, value: Callable[[], Any],
                 set_value: Callable[[Any], None], extra_check: Callable[[Any], str] | None = None) -> None:
        self.setting, self.widget, self.value, self.set_value = setting, widget, value, set_value
        self._extra_check = extra_check

    def problem(self) -> str:
        value = self.value()
        if not self.setting.accepts(value):
            return tr("{0}: this value cannot be used.").format(tr(self.setting.label))
        return self._extra_check(value) if self._extra_check else ""


class SettingsDialog(QDialog):
    """Edits a Settings object. OK writes every changed value through Settings.set and saves the file;
    `settings_changed` then lists the keys that changed. "Restore defaults" only fills in the editors."""

    settings_changed = Signal(list)  # keys whose value changed

    def __init__(self, settings: Settings, parent: QWidget | None = None, *,
                 columns: list[ColumnChoice] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self.editors: dict[str, _Editor] = {}
        self.error = InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        sections: dict[str, QFormLayout] = {}
        boxes: list[QGroupBox] = []
        for setting in SETTINGS:
            if not setting.visible:
                continue
            if setting.section not in sections:
                box = QGroupBox(tr(setting.section), self)
                sections[setting.section] = QFormLayout(box)
                boxes.append(box)
            editor = self._make_editor(setting)
            editor.set_value(settings.get(setting.key))
            editor.widget.setToolTip(tr(setting.description))
            editor.widget.setAccessibleName(tr(setting.label))
            self.editors[setting.key] = editor
            sections[setting.section].addRow(tr(setting.label), editor.widget)
            if setting.restart:
                note = QLabel(self.tr("Takes effect the next time Deskside starts."), self)
                note.setEnabled(False)
                sections[setting.section].addRow("", note)
        # Two columns side by side, so the dialog fits a laptop screen: the first sections on the left,
        # the rest and the queue columns on the right.
        body = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        half = (len(boxes) + 1) // 2 if columns else len(boxes)
        for i, box in enumerate(boxes):
            (left if i < half else right).addWidget(box)
        if columns:
            self._add_columns_editor(right, columns)
        left.addStretch(1)
        right.addStretch(1)
        body.addLayout(left, 1)
        if right.count() > 1:
            body.addLayout(right, 1)
        layout.addLayout(body)
        layout.addWidget(self.error)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        layout.addWidget(self.buttons)
        self._validate()

    # ---- editors ----------------------------------------------------------------------------------
    def _make_editor(self, setting: Setting) -> _Editor:
        if setting.kind == "matrix":
            return self._matrix_editor(setting)
        if setting.kind == "path":
            return self._path_editor(setting)
        if setting.choices:
            combo = QComboBox(self)
            for choice in setting.choices:
                combo.addItem(tr(THEME_NAMES.get(choice, choice)), choice)
            combo.currentIndexChanged.connect(self._validate)
            return _Editor(setting, combo, combo.currentData,
                           lambda v: combo.setCurrentIndex(max(0, combo.findData(v))))
        if setting.type is bool:
            check = QCheckBox(self)
            check.toggled.connect(self._validate)
            return _Editor(setting, check, check.isChecked, check.setChecked)
        if setting.type is int:
            spin = QSpinBox(self)
            low, high = setting.bounds or (-2_147_483_647, 2_147_483_647)
            spin.setRange(low, high)
            spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            spin.valueChanged.connect(self._validate)
            return _Editor(setting, spin, spin.value, spin.setValue)
        line = QLineEdit(self)
        line.textChanged.connect(self._validate)
        return _Editor(setting, line, line.text, line.setText)

    def _add_columns_editor(self, layout: QVBoxLayout, columns: list[ColumnChoice]) -> None:
        box = QGroupBox(self.tr("Queue columns"), self)
        inner = QVBoxLayout(box)
        hint = QLabel(self.tr("Tick the columns to show and order them (drag, or Move up / Move down). "
                              "Widths stay as you set them in the queue."), box)
        hint.setWordWrap(True)
        self.columns_editor = ColumnsEditor(columns, box)
        inner.addWidget(hint)
        inner.addWidget(self.columns_editor)
        layout.addWidget(box)
        setting = next(s for s in SETTINGS if s.key == "queue_columns")
        current = self._settings.get("queue_columns")
        self.columns_editor.set_value(current)
        editor = self.columns_editor

        def value() -> list:
            chosen = editor.value()
            return current if chosen is None else chosen

        self.editors[setting.key] = _Editor(setting, editor, value, lambda _v: editor.restore_defaults())

    def _path_editor(self, setting: Setting) -> _Editor:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        line = QLineEdit(box)
        line.setPlaceholderText(self.tr("Default location"))
        line.setClearButtonEnabled(True)
        line.textChanged.connect(self._validate)
        browse = QPushButton(self.tr("Browse…"), box)
        browse.clicked.connect(lambda: self._on_browse_clicked(line))
        row.addWidget(line, 1)
        row.addWidget(browse)
        self.store_path_edit = line
        return _Editor(setting, box, line.text, line.setText)

    def _on_browse_clicked(self, line: QLineEdit) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Store location"), line.text(), self.tr("Deskside store (*.sqlite3);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            line.setText(path)

    def _matrix_editor(self, setting: Setting) -> _Editor:
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        spins: list[list[QSpinBox]] = []
        for j, level in enumerate(LEVELS):
            text = self.tr("Urgency: {0}").format(tr(level)) if j == 0 else tr(level)
            grid.addWidget(QLabel(text, box), 0, j + 1, Qt.AlignmentFlag.AlignCenter)
        for i, level in enumerate(LEVELS):
            text = self.tr("Impact: {0}").format(tr(level)) if i == 0 else tr(level)
            grid.addWidget(QLabel(text, box), i + 1, 0)
            spins.append([])
            for j, urgency in enumerate(LEVELS):
                spin = QSpinBox(box)
                spin.setRange(1, 5)
                spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                spin.setAccessibleName(self.tr("Priority for impact {0}, urgency {1}").format(tr(level), tr(urgency)))
                spin.valueChanged.connect(self._validate)
                grid.addWidget(spin, i + 1, j + 1, Qt.AlignmentFlag.AlignCenter)
                spins[i].append(spin)
        grid.setColumnStretch(4, 1)
        self.matrix_spins = spins

        def set_value(matrix: list) -> None:
            for i, row in enumerate(matrix):
                for j, value in enumerate(row):
                    spins[i][j].setValue(value)

        return _Editor(setting, box, lambda: [[s.value() for s in row] for row in spins], set_value, _matrix_problem)

    # ---- validation and saving --------------------------------------------------------------------
    def problems(self) -> list[str]:
        return [p for p in (e.problem() for e in self.editors.values()) if p]

    def _validate(self) -> None:
        problems = self.problems()
        self.error.show_message("\n".join(problems))
        self.ok_button.setEnabled(not problems)

    def _on_restore_button_clicked(self) -> None:
        for editor in self.editors.values():
            editor.set_value(editor.setting.default)
        self._validate()

    def accept(self) -> None:
        if self.problems():
            return
        changed = [key for key, editor in self.editors.items() if editor.value() != self._settings.get(key)]
        try:
            for key in changed:
                self._settings.set(key, self.editors[key].value())
            self._settings.save()
        except (SettingsError, OSError) as exc:
            self.error.show_message(self.tr("The settings could not be saved: {0}").format(exc))
            return
        super().accept()
        if changed:
            self.settings_changed.emit(changed)


def _matrix_problem(matrix: list) -> str:
    # A higher impact or urgency (a lower row or column index) must never give a less urgent priority.
    for i in range(3):
        for j in range(3):
            if (i < 2 and matrix[i][j] > matrix[i + 1][j]) or (j < 2 and matrix[i][j] > matrix[i][j + 1]):
                return tr("Priority matrix: a higher impact or urgency cannot give a lower priority "
                          "(a larger number).")
    return ""
