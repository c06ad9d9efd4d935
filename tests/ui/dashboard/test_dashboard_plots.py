"""The dashboard's pyqtgraph plots: pyqtgraph loaded with the page, not at start-up; items built once and updated in
place; what they export is the chart's ink."""

import math

from PySide6.QtGui import QFontMetrics, QImage, QPalette

from app.kpi.records import CATEGORY_BARS, Bucket, KpiChart, Series
from app.ui.dashboard import exports
from app.ui.dashboard.plots import NICE_TOPS, ChartPlot, _nice_top, _short
from tests.ui.conftest import run_window_probe
from tests.ui.dashboard.test_dashboard_page import open_page

# A new process: the window over the desk; at the queue's first painted rows, then once the dashboard page is
# built and once its first figures are on screen, say whether pyqtgraph and numpy were loaded by then, and on which
# threads pyqtgraph and the KPI code were imported.
_PROBE = """
import json, sys, threading
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from app.config import Settings
from app.main import build_app

app, window, runner, st = build_app(Settings(Path(sys.argv[2]) / "settings.json"), Path(sys.argv[1]))
model = window.queue.model
seen = []

importers, kpi_importers = [], []

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name == "pyqtgraph":
            importers.append(threading.current_thread().name)
        elif name == "app.kpi.dashboard":
            kpi_importers.append(threading.current_thread().name)
        return None

sys.meta_path.insert(0, Watch())

def loaded():
    return {"pyqtgraph": "pyqtgraph" in sys.modules, "numpy": "numpy" in sys.modules}

def shown():
    page = window.pages["dashboard"].page
    on_screen = [card for card in page._cards.values() if not card.visibleRegion().isEmpty()]
    charted = all(card.chart is not None and card.plot.built for card in on_screen)
    print(json.dumps({"figures shown": loaded(), "imported by": importers, "kpi imported by": kpi_importers,
                      "cards on screen charted": len(on_screen) if charted else 0}), flush=True)
    QTimer.singleShot(0, app.quit)

def dashboard():
    window.show_page("dashboard")
    print(json.dumps({"dashboard": loaded()}), flush=True)
    window.pages["dashboard"].page.data_shown.connect(shown)

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


def test_pyqtgraph_is_loaded_with_the_dashboard_not_at_start_up_nor_on_the_gui_thread(desk_path, tmp_path):
    said = {k: v for line in run_window_probe(_PROBE, desk_path, tmp_path) for k, v in line.items()}
    assert said.get("first page") == {"pyqtgraph": False, "numpy": False}
    assert "dashboard" in said  # the page is built without them: they are imported on a thread, beside the first read
    assert said.get("figures shown") == {"pyqtgraph": True, "numpy": True}
    assert said.get("imported by") == ["imports-ahead"]
    kpi = said.get("kpi imported by")
    # Off the GUI thread: by the window's imports in idle time once warmed up (MainWindow._import_ahead), or by the
    # worker that first ran its entry point when the page was chosen before.
    assert kpi and len(kpi) == 1 and (kpi[0] == "imports-ahead" or kpi[0].startswith("deskside-")), kpi
    assert said.get("cards on screen charted", 0) >= 3  # figures that came before the imports are shown after them


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


def _category_chart(labels: list[str]) -> KpiChart:
    buckets = tuple(Bucket(str(i), label, float(10 * (len(labels) - i)), 10) for i, label in enumerate(labels))
    series = (Series("Tickets", "tickets", buckets),)
    return KpiChart("by_group", "Volume by group", CATEGORY_BARS, "1", "f", "p", series)


def test_value_axes_end_on_a_nice_number_that_nearby_figures_share():
    for top in (0.4, 3, 7.7, 9.3, 42, 99, 100, 101, 867, 1160, 4321, 98_765, 1_000_000):
        end = _nice_top(top, "tickets")
        scale = 10.0 ** math.floor(math.log10(end))
        assert end >= top * 1.05 and any(math.isclose(end, step * scale) for step in NICE_TOPS), (top, end)
    assert _nice_top(1160, "tickets") == _nice_top(1210, "tickets") == 1500
    assert _nice_top(0, "tickets") == 1.0
    assert _nice_top(80, "%") == _nice_top(97, "%") == 105.0 and 5.0 <= _nice_top(3, "%") < 10
    assert _nice_top(4.2, "score") == 5.25


def test_a_category_axis_is_as_wide_as_its_labels_before_it_paints(qtbot):
    """Its width is set with the chart (pyqtgraph widened it while painting: a second layout and paint), and the
    longest label fits."""
    plot = ChartPlot(CATEGORY_BARS, False)
    qtbot.addWidget(plot)
    plot.resize(420, 200)
    plot.show()
    for labels in (["Service Desk", "Network"], ["Identity & Access management", "A", "Workplace"]):
        plot.set_chart(_category_chart(labels))
        plot.settle()
        axis = plot.axes["left"]
        before = axis.geometry()
        plot.grab()  # a paint
        qtbot.wait(20)
        assert axis.geometry() == before
        longest = max(QFontMetrics(plot.text_font()).horizontalAdvance(_short(t)) for t in labels)
        assert axis.width() >= longest + 5


def test_a_time_charts_top_tick_label_fits_above_the_round_end(qtbot, ctx, history):
    """A vertical value axis ends a little above its round number, so the top tick's label is drawn whole (at the
    round number itself it was cut in half by the plot's top edge)."""
    page = open_page(qtbot, ctx)
    tops = []
    for card in page.cards.values():
        plot = card.plot
        if plot.kind == CATEGORY_BARS:
            continue
        (_x0, _x1), (_y0, y1) = plot.vb.viewRange()
        ticks = [value for level in plot.axes["left"].tickValues(0, y1, plot.vb.height()) for value in level[1]]
        tops.append((y1, max(ticks)))
    assert tops and all(y1 > top * 1.02 for y1, top in tops), tops


def test_an_empty_chart_says_so_in_the_middle_of_its_plot_and_a_chart_with_data_does_not(qtbot):
    plot = ChartPlot(CATEGORY_BARS, False)
    qtbot.addWidget(plot)
    plot.resize(420, 200)
    plot.show()
    plot.set_chart(_category_chart(["Service Desk", "Network"]))
    plot.settle()
    before = plot.grab().toImage()
    plot.set_chart(_category_chart([]))
    plot.settle()
    note = plot._empty
    assert note is not None and note.isVisible() and note.toPlainText() == "No data for this period and filter"
    (x0, x1), (y0, y1) = plot.vb.viewRange()
    assert (note.pos().x(), note.pos().y()) == ((x0 + x1) / 2, (y0 + y1) / 2)
    assert note.textItem.defaultTextColor() == plot.palette().color(QPalette.ColorRole.PlaceholderText)
    assert plot.grab().toImage() != before
    plot.set_chart(_category_chart(["Service Desk", "Network"]))
    plot.settle()
    assert note.toPlainText() == ""
    assert plot.grab().toImage() == before
