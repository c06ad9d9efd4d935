"""The Changes page is built without icalendar: its import (~50 ms) waits until holidays are imported or a
calendar is exported, instead of stalling the page's first show."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
import app.ui.changes.changes_page  # the page, its dialogs and the holiday importer
print("icalendar" in sys.modules)
from app.ui.changes.holiday_import import HolidayImporter
print(HolidayImporter.import_file.__doc__ is not None)
"""


def test_the_changes_page_imports_no_icalendar_until_a_holiday_file_is_imported():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True)
    assert out.stdout.split() == ["False", "True"]
