"""Start-up paints the queue first; what is built later (editor, pickers, view counts) is complete and used."""


from app.ui.ticket.editor import TicketEditor
from tests.ui.conftest import close_window, open_window, run_window_probe, wait_idle

# A new process: build the window over the desk, and at the first paint of real rows say which heavy modules
# were loaded by then.
_PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from app.config import Settings
from app.main import build_app

app, window, runner, st = build_app(Settings(Path(sys.argv[2]) / "settings.json"), Path(sys.argv[1]))
model = window.queue.model

class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and model.count and model.row_at(0) is not None:
            print(json.dumps({"editor": "app.ui.ticket.editor" in sys.modules, "charts": "pyqtgraph" in sys.modules}),
                  flush=True)
            QTimer.singleShot(0, app.quit)
        return False

probe = Painted()
window.queue.view.viewport().installEventFilter(probe)
window.show()
QTimer.singleShot(30_000, app.quit)
app.exec()
runner.shutdown()
st.close()
"""


# The same window left to warm up: the Dashboard's modules (pyqtgraph, numpy) are imported once it has.
_WARMED = """
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from app.config import Settings
from app.main import build_app

app, window, runner, st = build_app(Settings(Path(sys.argv[2]) / "settings.json"), Path(sys.argv[1]))
started = time.monotonic()

def look():
    if window.warmed_up and "pyqtgraph" in sys.modules and "app.ui.dashboard.card" in sys.modules:
        print(json.dumps({"charts": True, "figures' reads": "app.kpi.dashboard" in sys.modules,
                          "dashboard built": window.pages["dashboard"].page is not None}), flush=True)
        app.quit()
    elif time.monotonic() - started > 60:
        print(json.dumps({"charts": False}), flush=True)
        app.quit()
    else:
        QTimer.singleShot(50, look)

window.show()
QTimer.singleShot(50, look)
app.exec()
runner.shutdown()
st.close()
"""


def test_the_first_page_paints_before_the_ticket_editor_is_loaded(desk_path, tmp_path):
    assert run_window_probe(_PROBE, desk_path, tmp_path)[-1] == {"editor": False, "charts": False}


def test_the_dashboards_modules_are_imported_once_the_window_has_warmed_up(desk_path, tmp_path):
    """Imported when the Dashboard was first chosen, pyqtgraph's import held the interpreter lock for up to 15 ms at
    a time beside that switch, and the reads of its figures, imported by the reader of the first figures, 5-10 ms at a
    time while the page built its cards; now in idle time after the warm-up, its page still unbuilt."""
    assert run_window_probe(_WARMED, desk_path, tmp_path)[-1] == {"charts": True, "figures' reads": True,
                                                                  "dashboard built": False}


def test_the_window_warms_up_after_the_first_page_and_the_spare_editor_opens_a_ticket(qtbot, desk_path, tmp_path):
    window, runner, st = open_window(qtbot, desk_path, tmp_path, size=(1200, 700))
    # Built in idle steps after the first painted page: a hidden spare editor, parented to the window.
    qtbot.waitUntil(lambda: any(not e.isVisible() for e in window.findChildren(TicketEditor)), timeout=10_000)
    spare = window.findChildren(TicketEditor)
    assert len(spare) == 1
    wait_idle(qtbot, runner)

    row = window.queue.model.row_at(0)
    with qtbot.waitSignal(window.ticket_shown, timeout=10_000):
        window.open_ticket(row.id)
    editor = window.current_editor()
    assert editor is spare[0]  # the warmed-up editor, not a new one
    assert editor.ticket_id == row.id and editor.detail().number == row.number
    assert window.findChildren(TicketEditor) == spare
    close_window(qtbot, window, runner, st)


def test_view_counts_deferred_at_start_still_arrive(qtbot, desk_path, tmp_path):
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    panel = window.queue.views_panel

    def all_counted() -> bool:
        texts = [panel.item(i).text() for i in range(panel.count())]
        return bool(texts) and all(text.endswith(")") for text in texts)

    qtbot.waitUntil(all_counted, timeout=10_000)
    texts = {panel.item(i).text() for i in range(panel.count())}
    assert any(text.endswith("(3)") for text in texts)  # "All tickets" counts the desk's three tickets
    close_window(qtbot, window, runner, st)


def test_modules_imported_after_start_up_are_not_read_by_the_qt_binding(qapp, tmp_path, monkeypatch):
    import linecache

    from app.main import make_qapplication

    make_qapplication()
    module = tmp_path / "freshly_written_module.py"
    module.write_text("VALUE = 7\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    assert __import__("freshly_written_module").VALUE == 7  # an import statement, through builtins.__import__
    # PySide6's import hook read each new module's source (inspect.getsource) into linecache.
    assert str(module) not in linecache.cache
