"""The command palette shows each command's keys in a right-aligned column of their own (Ctrl+W among
them), whatever the length of the command's name."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from app.ui.dialogs.command_palette import SHORTCUT_ROLE, CommandPalette
from tests.ui.test_main_window import close_window, open_window


def test_shortcuts_line_up_in_a_right_aligned_column(qtbot, desk_path, tmp_path):
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    try:
        qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        palette = window.findChild(CommandPalette)
        assert palette is not None and palette.isVisible()
        view = palette.list
        delegate = view.itemDelegate()
        rights, rows = set(), 0
        for i in range(view.count()):
            item = view.item(i)
            keys = item.data(SHORTCUT_ROLE)
            assert "\t" not in item.text()
            if not keys:
                continue
            rows += 1
            option = QStyleOptionViewItem()
            option.initFrom(view)
            option.rect = view.visualItemRect(item)
            option.fontMetrics = view.fontMetrics()
            rect = delegate.shortcut_rect(option, keys)
            rights.add(rect.right())
            name_width = view.fontMetrics().horizontalAdvance(item.text())
            assert rect.width() >= view.fontMetrics().horizontalAdvance(keys)
            assert option.rect.left() + name_width < rect.left() or name_width > option.rect.width() / 2, item.text()
        assert rows >= 10
        assert len(rights) == 1, f"the keys do not end in one column: {sorted(rights)}"
        assert any(item_keys and "Ctrl+W" in item_keys
                   for item_keys in (view.item(i).data(SHORTCUT_ROLE) for i in range(view.count())))
        palette.reject()
    finally:
        close_window(qtbot, window, runner, st)
