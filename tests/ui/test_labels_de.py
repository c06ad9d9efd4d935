"""German for the texts kept outside tr(): core's label tables (through app/ui/labels.py), page tabs, settings,
the Sync menu, table headers, match reasons, and counted messages with locale numbers (%Ln)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QGroupBox, QLabel

from app.config import SETTINGS, Settings
from app.ui import labels
from app.ui.calendar.day_text import day_text
from app.ui.dialogs.settings_dialog import SettingsDialog
from app.ui.i18n import install_translators, remove_translators
from app.ui.knowledge.article_table_model import ArticleTableModel
from app.ui.problems.table_model import ProblemTableModel
from core.changes.workflow import CHANGE_STATES
from core.knowledge.workflow import CONFIDENCES
from core.tickets.priority import PRIORITY_LABELS
from core.tickets.workflow import WORKFLOWS
from tests.ui.conftest import close_window, open_window

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.fixture
def german(qapp):
    previous = QLocale()
    QLocale.setDefault(GERMAN)
    installed = install_translators(qapp, GERMAN)
    yield installed
    remove_translators(qapp, installed)
    QLocale.setDefault(previous)


def test_ticket_states_priorities_and_types_in_german(german):
    assert labels.ticket_state("incident", "in_progress") == "In Bearbeitung"
    assert labels.ticket_state("incident", "on_hold") == "Zurückgestellt"
    assert labels.ticket_state("problem", "root_cause_analysis") == "Ursachenanalyse"
    assert labels.priority(2) == "P2 Hoch"
    assert labels.priority(None) == ""
    assert labels.ticket_type("service_request") == "Serviceanfrage"
    assert labels.sla_state("breached") == "Verletzt"
    assert labels.change_state("implement") == "Umsetzung"
    assert labels.confidence("validated") == "Validiert"
    assert labels.label_text("matches the text") == "passt zum Text"
    assert labels.view_name("My open tickets", builtin=True) == "Meine offenen Tickets"
    assert labels.view_name("My open tickets", builtin=False) == "My open tickets"  # a saved view's own name


def test_every_table_label_has_a_german_word(german):
    """Each text of core's tables is in the catalogue: a label added to a core table without a translation
    fails here (after `make translations`)."""
    english = set(labels.label_strings())
    untranslated = sorted(t for t in english if labels.label_text(t) == t)
    # the same word in both languages
    assert set(untranslated) <= {"Problem", "Portal", "Chat", "Mail", "Monitoring", "Standard", "Normal"}, untranslated
    for ticket_type, workflow in WORKFLOWS.items():
        assert all(labels.ticket_state(ticket_type, st.key) != st.label for st in workflow.states
                   if st.label != "Problem"), ticket_type
    assert all(labels.priority(p) != text for p, text in PRIORITY_LABELS.items())
    assert all(labels.change_state(s.key) != s.label for s in CHANGE_STATES)
    assert all(labels.confidence(s.key) != s.label for s in CONFIDENCES)


def test_labels_stay_english_without_the_german_catalogue(qapp):
    assert labels.ticket_state("incident", "in_progress") == "In Progress"
    assert labels.priority(1) == "P1 Critical"
    assert labels.ticket_state("incident", "no_such_state") == "no_such_state"


def test_sync_actions_and_table_headers_in_german(german):
    assert QCoreApplication.translate("SyncActions", "&Sync now") == "&Jetzt synchronisieren"
    headers = [ProblemTableModel().headerData(i, Qt.Orientation.Horizontal) for i in range(3)]
    assert headers == ["Nummer", "Titel", "Status"]
    model = ArticleTableModel()
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(model.COLUMNS))][:3] == [
        "Nummer", "Artikel", "Vertrauensgrad"]


def test_counted_messages_use_german_plurals_and_locale_numbers(german):
    one, many = (QCoreApplication.translate("KnowledgeSuggestions", "Knowledge: %Ln suggestion(s)", "", n)
                 for n in (1, 5000))
    assert one == "1 Wissensvorschlag"
    assert many == "5.000 Wissensvorschläge"
    assert QCoreApplication.translate("SidePanel", "%Ln conflict(s)", "", 2) == "2 Konflikte"


def test_settings_dialog_in_german(qtbot, tmp_path, german):
    dialog = SettingsDialog(Settings(tmp_path / "cfg" / "settings.json"))
    qtbot.addWidget(dialog)
    sections = {box.title() for box in dialog.findChildren(QGroupBox)}
    assert {"Allgemein", "Darstellung", "Synchronisierung"} <= sections, sections
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert "Farbschema" in texts, texts
    english_labels = {s.label for s in SETTINGS if s.visible}
    assert not english_labels & texts - {"Tickets"}, english_labels & texts


def test_page_tabs_in_german(qtbot, desk_path, tmp_path, monkeypatch, german):
    monkeypatch.setenv("DESKSIDE_LANG", "de_DE")
    window, runner, st = open_window(qtbot, desk_path, tmp_path, size=(1280, 720))
    try:
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert {"Änderungen", "Kalender", "Personen", "Probleme", "Wissen", "Stammdaten", "Makros"} <= set(tabs), tabs
        assert not {"Changes", "Calendar", "People", "Problems"} & set(tabs), tabs
        sync = {a.objectName(): a.text() for a in window.actions() if a.objectName().startswith("sync.")}
        assert sync["sync.offline"] == "&Offline arbeiten", sync
        # the queue: its views, its state / priority / type cells and its quick filters
        views = [window.queue.views_panel.item(i).text() for i in range(window.queue.views_panel.count())]
        assert any(v.startswith("Meine offenen Tickets") for v in views), views
        model = window.queue.model
        keys = [column.key for column in model.columns]
        shown = {key: {model.data(model.index(r, c)) for r in range(min(model.rowCount(), 50))}
                 for c, key in enumerate(keys) if key in ("state", "priority", "type")}
        english = {"New", "In Progress", "Resolved", "Incident", "Service request", "P2 High", "P3 Moderate"}
        assert shown and not any(english & values for values in shown.values()), shown
        assert shown["state"] & {"Neu", "In Bearbeitung", "Gelöst", "Zurückgestellt", "Geschlossen"}, shown
        bar = window.queue.filter_bar
        types = [act.text() for act in bar.type_button.menu().actions()]
        assert "Störung" in types, types
    finally:
        close_window(qtbot, window, runner, st)


def test_calendar_names_days_and_months_in_the_locale(german):
    assert day_text(date(2026, 12, 1), "%B %Y") == "Dezember 2026"
    assert day_text(date(2026, 12, 7), "%A %d") == "Montag 07"
    assert day_text(date(2026, 12, 7), "%H:%M 100%%") == "00:00 100%"


def test_sync_status_and_problem_tabs_in_german(german):
    assert QCoreApplication.translate("SyncStatusWidget", "Not signed in") == "Nicht angemeldet"
    assert QCoreApplication.translate("ProblemsPage", "Known errors") == "Bekannte Fehler"
    assert QCoreApplication.translate("ArticleView", "Archive") == "Archivieren"
