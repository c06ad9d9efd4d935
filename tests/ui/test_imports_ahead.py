"""A feature's modules are imported on a thread of their own; the feature is built on the GUI thread after."""

import sys
import threading

from PySide6.QtWidgets import QWidget

from app.ui.imports_ahead import ImportsAhead

MODULE = """
import threading
IMPORTED_ON = threading.current_thread().name
"""


def test_the_modules_load_on_another_thread_and_the_feature_is_built_on_the_gui_thread(qtbot, tmp_path,
                                                                                       monkeypatch):
    (tmp_path / "ahead_probe_a.py").write_text(MODULE)
    (tmp_path / "ahead_probe_b.py").write_text(MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    parent = QWidget()
    qtbot.addWidget(parent)
    built = []
    ImportsAhead(["ahead_probe_a", "ahead_probe_b"], lambda: built.append(threading.current_thread()), parent)
    qtbot.waitUntil(lambda: bool(built), timeout=10_000)
    assert built == [threading.main_thread()]
    for name in ("ahead_probe_a", "ahead_probe_b"):
        assert sys.modules[name].IMPORTED_ON == "imports-ahead"
        monkeypatch.delitem(sys.modules, name)


def test_a_module_that_fails_to_import_still_lets_the_feature_report_it(qtbot, tmp_path, monkeypatch):
    (tmp_path / "ahead_probe_broken.py").write_text("raise ImportError('no such thing')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    parent = QWidget()
    qtbot.addWidget(parent)
    built = []
    ImportsAhead(["ahead_probe_broken"], lambda: built.append("then"), parent)
    qtbot.waitUntil(lambda: built == ["then"], timeout=10_000)  # `then` imports it again where it can tell
    assert "ahead_probe_broken" not in sys.modules


def test_a_parent_gone_before_the_imports_end_builds_nothing(qtbot, tmp_path, monkeypatch):
    (tmp_path / "ahead_probe_slow.py").write_text("import time\ntime.sleep(0.3)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    parent = QWidget()
    built = []
    ahead = ImportsAhead(["ahead_probe_slow"], lambda: built.append("then"), parent)
    thread = ahead._thread
    parent.deleteLater()  # the window closed while the thread imports
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10_000)
    qtbot.wait(100)  # a few polls' time: nobody is left to poll
    assert built == []
    monkeypatch.delitem(sys.modules, "ahead_probe_slow")


def test_quitting_waits_for_an_import_under_way(qtbot, qapp, tmp_path, monkeypatch):
    """A module that makes Qt types as it is imported (pyqtgraph) crashed the process when Qt was torn down
    under it: the app's aboutToQuit waits for the thread."""
    (tmp_path / "ahead_probe_quit.py").write_text("import time\ntime.sleep(0.3)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    parent = QWidget()
    qtbot.addWidget(parent)
    ahead = ImportsAhead(["ahead_probe_quit"], lambda: None, parent)
    thread = ahead._thread
    assert thread.is_alive()
    qapp.aboutToQuit.emit()  # as QCoreApplication::exec does before it returns
    assert not thread.is_alive() and "ahead_probe_quit" in sys.modules
    monkeypatch.delitem(sys.modules, "ahead_probe_quit")
