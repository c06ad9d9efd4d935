"""The windows dialog: a bad time zone or rule is refused in place, a good window is saved and listed,
and holidays import from an .ics file (a bad file imports nothing and says why)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.models import Holiday, ScheduleWindowRow
from app.ui.changes.windows_dialog import WindowsDialog
from tests.ui.conftest import wait_idle

ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:may1@test
DTSTART;VALUE=DATE:20260501
SUMMARY:Labour Day
RRULE:FREQ=YEARLY
END:VEVENT
END:VCALENDAR
"""


def _dialog(qtbot, cctx) -> WindowsDialog:
    dialog = WindowsDialog(cctx)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, cctx.runner)
    return dialog


def test_bad_zone_then_good_window(qtbot, cctx, store, world):
    dialog = _dialog(qtbot, cctx)
    qtbot.keyClicks(dialog.name, "Mail nights")
    dialog.tz.setCurrentText("Mars/Olympus")
    dialog.services.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert "Unknown time zone 'Mars/Olympus'" in dialog.error.text()
    dialog.tz.setCurrentText("Europe/Berlin")
    dialog.rrule.setText("FREQ=NEVER")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "recurrence" in dialog.error.text(), timeout=10_000)
    dialog.rrule.setText("FREQ=WEEKLY;BYDAY=SA")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1, timeout=10_000)
    assert not dialog.error.isVisible()
    assert dialog.tree.topLevelItem(0).text(0) == "Mail nights"
    with store.session() as s:
        row = s.scalar(select(ScheduleWindowRow))
        assert (row.tz, row.rrule, row.duration_minutes, row.everything) == ("Europe/Berlin", "FREQ=WEEKLY;BYDAY=SA",
                                                                           240, False)


def test_import_holidays_good_and_bad(qtbot, cctx, store, tmp_path):
    dialog = _dialog(qtbot, cctx)
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"not a calendar")
    dialog.holidays.import_file(bad)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Nothing was imported."), timeout=10_000)
    good = tmp_path / "holidays.ics"
    good.write_bytes(ICS)
    dialog.holidays.import_file(good)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Holidays imported:"), timeout=10_000)
    assert "added" in dialog.status.text()
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Holiday)) >= 3  # last year to two years ahead
    dialog.holidays.import_file(tmp_path / "missing.ics")
    qtbot.waitUntil(lambda: "could not be read" in dialog.status.text(), timeout=10_000)
