"""The date axis' first ticks read no file: Qt's answer to "which time zone is local" (its zone database, ~250 files,
16-60 ms once the system has dropped them from its cache) is had with the plots module's import, which runs on the
thread that imports the Dashboard ahead, not in the page's first paint."""

from __future__ import annotations

import os
import subprocess
import sys

# A new process (Qt keeps its zone answer for the process): the read calls the process made while pyqtgraph's date
# axis works out a local offset, counted by the kernel (/proc/self/io), after importing the plots module or not.
PROBE = """
import sys
if sys.argv[1] == "plots":
    import app.ui.dashboard.plots
else:
    import pyqtgraph
from pyqtgraph.graphicsItems.DateAxisItem import applyOffsetFromUtc

def reads():
    with open("/proc/self/io") as f:
        return int(next(line for line in f if line.startswith("syscr:")).split()[1])

before = reads()
applyOffsetFromUtc(1_700_000_000)
print(reads() - before)
"""


def reads_for_an_offset(imported: str) -> int:
    out = subprocess.run([sys.executable, "-c", PROBE, imported], capture_output=True, text=True, timeout=120,
                         env={**{k: v for k, v in os.environ.items() if k != "TZ"}, "QT_QPA_PLATFORM": "offscreen"},
                         check=True)  # without TZ, as a desktop session runs: Qt finds the zone from /etc/localtime
    return int(out.stdout.split()[-1])


def test_the_date_axis_first_offset_reads_no_file_once_the_plots_module_is_imported():
    # Without the module's warm-up, the first offset reads Qt's zone database: the probe can tell the two apart.
    assert reads_for_an_offset("pyqtgraph") > 50
    assert reads_for_an_offset("plots") <= 2  # /proc/self/io's own reads
