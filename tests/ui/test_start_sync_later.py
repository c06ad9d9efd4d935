"""The app's start paints the queue before it loads the sync stack; the sync features come right after, complete."""


from app.config import Settings
from app.main import build_app
from tests.ui.conftest import close_window, run_window_probe, wait_idle

# A new process builds the window as `deskside` does; at the first paint of real rows it says whether the sync
# stack was loaded by then, and a moment later whether the window has it.
_PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from app.config import Settings
from app.main import build_app

app, window, runner, st = build_app(Settings(Path(sys.argv[2]) / "settings.json"), Path(sys.argv[1]),
                                    sync_after_first_page=True)
model = window.queue.model
seen = {}
# The write path and the rarely used pages' models: none of them is needed to paint the first page.
from app.models import MODULES
MODELS = [f"app.models.{name}" for name in MODULES]
WRITE_PATH = ("app.tickets.writes", "app.kpi.daily", "app.macros.run", "app.problems.ops", "app.models.kpi",
              "app.models.knowledge", "app.models.cmdb")

def later(turns=[0]):
    # Looked at each 50 ms for up to 20 s (a busy machine): never a race with the install's own turn.
    turns[0] += 1
    if (getattr(window, "sync", None) is None or not window.warmed_up) and turns[0] < 400:
        QTimer.singleShot(50, later)
        return
    seen["sync_after"] = getattr(window, "sync", None) is not None
    # By the end of the start every model module is in (the sync stack names them all): no first save pays.
    seen["models_after"] = sorted(m for m in MODELS if m not in sys.modules)
    seen["menu_after"] = any(a.objectName() == "sync.now" for a in window.actions())
    print(json.dumps(seen), flush=True)
    app.quit()

class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and model.count and model.row_at(0) is not None and not seen:
            seen["loaded_at_paint"] = "app.ui.sync.install" in sys.modules
            seen["write_path_at_paint"] = sorted(m for m in WRITE_PATH if m in sys.modules)
            seen["sync_at_paint"] = getattr(window, "sync", None) is not None
            QTimer.singleShot(50, later)
        return False

probe = Painted()
window.queue.view.viewport().installEventFilter(probe)
window.show()
def give_up():  # no painted row in a minute: said, with what the window had, rather than a silent exit
    print(json.dumps({"no_row_painted_in_s": 60, "count": model.count, "first_row": model.row_at(0) is not None,
                      "visible": window.isVisible()}), flush=True)
    app.quit()

QTimer.singleShot(60_000, give_up)
app.exec()
runner.shutdown()
st.close()
"""


def test_the_first_page_paints_before_the_sync_stack_and_the_write_path_load_and_sync_follows(desk_path, tmp_path):
    assert run_window_probe(_PROBE, desk_path, tmp_path)[-1] == {
        "loaded_at_paint": False, "write_path_at_paint": [], "sync_at_paint": False, "sync_after": True,
        "models_after": [], "menu_after": True}


def test_sync_installed_after_the_first_page_names_the_desks_user(qtbot, desk_path, tmp_path):
    """Installed after the reference data came, the sync part still shows who the desk acts as."""
    settings = Settings(tmp_path / "config" / "settings.json")
    settings.set("server_url", "http://127.0.0.1:9")  # a desk that was signed in once, now signed out
    _app, window, runner, st = build_app(settings, desk_path, sync_after_first_page=True)
    qtbot.addWidget(window)
    assert getattr(window, "sync", None) is None
    window.show()
    qtbot.waitUntil(lambda: getattr(window, "sync", None) is not None, timeout=15_000)
    wait_idle(qtbot, runner)
    assert "sync.now" in window.actions_by_id
    qtbot.waitUntil(lambda: window.user_label.text() == "Not signed in: working locally as Ada Agent",
                    timeout=5_000)
    close_window(qtbot, window, runner, st)


def test_tests_and_tools_that_use_sync_at_once_get_it_at_once(qtbot, desk_path, tmp_path):
    _app, window, runner, st = build_app(Settings(tmp_path / "config" / "settings.json"), desk_path)
    qtbot.addWidget(window)
    assert window.sync is not None
    close_window(qtbot, window, runner, st)


def test_an_empty_desk_gets_sync_after_its_empty_first_page(qtbot, store, seeded, tmp_path):
    """No ticket to paint: the sync features still come once the (empty) first page is shown, not after the
    fallback delay."""
    path = store.path
    store.close()
    _app, window, runner, st = build_app(Settings(tmp_path / "config" / "settings.json"), path,
                                         sync_after_first_page=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue.model.first_page_loaded, timeout=15_000):
        window.show()
    assert window.queue.model.rowCount() == 0
    qtbot.waitUntil(lambda: getattr(window, "sync", None) is not None, timeout=5_000)  # the fallback is 10 s
    close_window(qtbot, window, runner, st)


def test_the_start_reads_requesters_and_cis_once_the_first_page_is_painted(qtbot, desk_path, tmp_path):
    """The first reference load (which the queue's first page waits for) leaves out the long lists; the full
    load follows the first paint, and the pickers' views hear of it as of any reload."""
    _app, window, runner, st = build_app(Settings(tmp_path / "config" / "settings.json"), desk_path,
                                         sync_after_first_page=True)
    qtbot.addWidget(window)
    loads = []
    window.reference_loaded.connect(lambda: loads.append(window.ctx.reference))
    qtbot.waitUntil(lambda: bool(loads), timeout=10_000)
    wait_idle(qtbot, runner)
    first = loads[0]
    assert first.me_name == "Ada Agent" and [c.name for c in first.agents] == ["Ada Agent", "Bob Builder"]
    assert first.requesters == () and len(loads) == 1  # not painted yet: the long lists wait
    window.show()
    qtbot.waitUntil(lambda: len(loads) == 2, timeout=15_000)
    assert [c.name for c in window.ctx.reference.requesters] == ["Rita Requester"]
    assert window.ctx.reference.agents == first.agents
    wait_idle(qtbot, runner)
    close_window(qtbot, window, runner, st)


def test_tests_and_tools_that_build_the_window_at_once_get_the_whole_reference_data_at_once(qtbot, desk_path,
                                                                                          tmp_path):
    _app, window, runner, st = build_app(Settings(tmp_path / "config" / "settings.json"), desk_path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.reference_loaded, timeout=10_000):
        pass
    assert [c.name for c in window.ctx.reference.requesters] == ["Rita Requester"]
    wait_idle(qtbot, runner)
    close_window(qtbot, window, runner, st)
