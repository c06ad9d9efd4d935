"""The dashboard's pyqtgraph plots: pyqtgraph loaded with the page, not at start-up; items built once and updated in
place; what they export is the chart's ink."""


from PySide6.QtGui import QImage

from app.ui.dashboard import exports
from tests.ui.conftest import run_window_probe
from tests.ui.dashboard.test_dashboard_page import open_page

# A new process: the window over the desk; at the queue's first painted rows, then once the dashboard page is
# built, say whether pyqtgraph and numpy were loaded by then.
_PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from app.config import Settings
from app.main import build_app

app, window, runner, st = build_app(Settings(Path(sys.argv[2]) / "settings.json"), Path(sys.argv[1]))
model = window.queue.model
seen = []

def loaded():
    return {"pyqtgraph": "pyqtgraph" in sys.modules, "numpy": "numpy" in sys.modules}

def dashboard():
    window.show_page("dashboard")
    print(json.dumps({"dashboard": loaded()}), flush=True)
    QTimer.singleShot(0, app.quit)

class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and model.count and model.row_at(0) is not None and not seen:
            seen.append(1)
            print(json.dumps({"first page": loaded()}), flush=True)
            QTimer.singleShot(500, dashboard)  # what start-up builds after the first page, too
        return False

probe = Painted()
window.queue.view.viewport().installEventFilter(probe)
window.show()
QTimer.singleShot(30_000, app.quit)
app.exec()
runner.shutdown()
st.close()
"""


def test_pyqtgraph_is_loaded_with_the_dashboard_not_at_start_up(desk_path, tmp_path):
    said = {k: v for line in run_window_probe(_PROBE, desk_path, tmp_path) for k, v in line.items()}
    assert said.get("first page") == {"pyqtgraph": False, "numpy": False}
    assert said.get("dashboard") == {"pyqtgraph": True, "numpy": True}


def test_new_figures_update_the_plot_items_in_place(qtbot, ctx, history):
    """A filter change sets data on the items the first figures built: no item is added or rebuilt."""
    page = open_page(qtbot, ctx)
    before = {key: (list(card.plot._items), list(card.plot._right_items), len(card.plot.scene().items()))
              for key, card in page.cards.items()}
    assert all(items for items, _right, _n in before.values())
    with qtbot.waitSignal(page.data_shown, timeout=30_000):
        page.filter_bar.priorities._actions[0].setChecked(True)
    qtbot.waitUntil(lambda: not page._unpainted and page._painting is None, timeout=30_000)
    for key, card in page.cards.items():
        items, right, n = before[key]
        assert card.plot._items == items and card.plot._right_items == right, key
        assert len(card.plot.scene().items()) == n, f"{key}: items added to the scene"
        assert not card.plot.vb.autoRangeEnabled()[0] and not card.plot.vb.autoRangeEnabled()[1]


def test_a_png_export_shows_the_bars_in_their_colour(qtbot, ctx, history, tmp_path):
    page = open_page(qtbot, ctx)
    for key in ("by_group", "created_resolved"):
        plot = page.cards[key].plot
        path = tmp_path / f"{key}.png"
        exports.export_png(plot, path)
        image = QImage(str(path))
        bar = plot.colour(0).rgb()
        data = plot.data_rect()
        hits = sum(1 for y in range(int(data.top()), int(data.bottom()), 2)
                   for x in range(int(data.left()), int(data.right()), 2) if image.pixel(x, y) == bar)
        assert hits > 20, f"{key}: {hits} pixels of its first series' colour in the data area"


def test_a_second_axis_draws_over_the_same_area_as_the_first(qtbot, ctx, history):
    """A chart with a right-hand axis (requester surveys: answers and the average score) draws its second series in
    the main view's area, also when its first chart came after the view was laid out (it stayed a corner before)."""
    page = open_page(qtbot, ctx)
    twin = [card.plot for card in page.cards.values() if card.plot._right is not None]
    assert twin, "a chart with a second axis"
    for plot in twin:
        right, main = plot._right.sceneBoundingRect(), plot.vb.sceneBoundingRect()
        assert main.width() > 100 and main.height() > 50
        assert all(abs(a - b) <= 1 for a, b in zip(right.getRect(), main.getRect(), strict=True)), (right, main)
