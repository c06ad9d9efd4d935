"""The application's QApplication keeps Qt's raster fills on the GUI thread (app.main.NO_GUI_THREAD_POOL)."""

import os
import subprocess
import sys

from app.main import NO_GUI_THREAD_POOL

# A fresh interpreter each: Qt reads the variable once, when a fill first asks for its pool. Prints the process's
# threads before and after a fill tall and not plain (a gradient), which Qt slices over its pool when it has one.
_PAINT = """
import os, sys
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
if sys.argv[1] == "app":
    from app.main import make_qapplication
    make_qapplication()
else:
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
before = len(os.listdir("/proc/self/task"))
image = QImage(300, 900, QImage.Format.Format_RGB32)
gradient = QLinearGradient(0, 0, 300, 0)
gradient.setColorAt(0, QColor("#202124"))
gradient.setColorAt(1, QColor("#e8eaed"))
painter = QPainter(image)
painter.fillRect(QRect(0, 0, 300, 900), gradient)
painter.end()
print(before, len(os.listdir("/proc/self/task")), os.environ.get("QT_NO_GUI_THREADPOOL", ""))
"""


def _threads_around_a_fill(how: str) -> tuple[int, int, str]:
    env = {k: v for k, v in os.environ.items() if k != NO_GUI_THREAD_POOL}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run([sys.executable, "-c", _PAINT, how], env=env, capture_output=True, text=True, check=True,
                         timeout=60, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    before, after, value = (out.stdout.split() + [""])[:3]
    return int(before), int(after), value


def test_the_application_paints_its_fills_on_the_gui_thread_alone():
    if sys.platform != "linux":
        return  # /proc counts the threads
    before, after, value = _threads_around_a_fill("app")
    assert value == "1"
    assert after == before  # no pool thread was started for the fill


def test_a_plain_qapplication_slices_the_same_fill_over_pool_threads():
    """The check above can fail: without the variable, this Qt starts its pool's threads for the same fill."""
    if sys.platform != "linux":
        return
    before, after, _value = _threads_around_a_fill("plain")
    assert after > before

