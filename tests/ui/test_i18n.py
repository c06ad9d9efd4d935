"""Translations: the German catalogue reaches the real widgets, and the committed .qm matches its .ts."""

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator

from app.ui import actions
from app.ui.i18n import TRANSLATIONS, install_translators, remove_translators
from app.ui.queue.filter_bar import FilterBar
from app.ui.queue.queue_page import QueuePage
from tests.ui.conftest import wait_idle

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.fixture
def german(qapp):
    installed = install_translators(qapp, GERMAN)
    yield installed
    remove_translators(qapp, installed)


def test_german_catalogue_is_installed(german):
    files = [t.filePath() for t in german]
    assert any(f.endswith("deskside_de.qm") for f in files), files


def test_actions_and_menus_in_german(german):
    assert actions.tr("&New ticket…").replace("&", "") == "Neues Ticket…"
    menus = dict(actions.MENUS)
    assert [actions.tr(menus[key]) for key in ("file", "edit", "view", "help")] == [
        "&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe"]
    texts = {spec.id: actions.tr(spec.text) for spec in actions.ACTIONS}
    assert texts["queue.search"] == "Tickets &suchen…"
    assert texts["bulk.assign"] == "Auswahl &zuweisen…"
    # the action texts are translated at least as far as the catalogue's first release
    assert sum(texts[spec.id] != spec.text for spec in actions.ACTIONS) >= 17


def test_numbers_follow_the_chosen_language_and_go_back_after(qapp):
    installed = install_translators(qapp, GERMAN)
    assert QLocale().toString(1234.5, "f", 1) == "1.234,5"
    remove_translators(qapp, installed)
    assert QLocale().name() == QLocale.system().name()


def test_filter_bar_in_german(qtbot, german):
    bar = FilterBar()
    qtbot.addWidget(bar)
    assert bar.clear_button.text() == "Filter zurücksetzen"
    assert bar.search.placeholderText().startswith("Nummer, Titel")
    assert bar.type_button.text().startswith("Typ")


def test_queue_page_headers_in_german(qtbot, ctx, german):
    page = QueuePage(ctx)
    qtbot.addWidget(page)
    headers = [page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(page.model.columnCount())]
    assert "Nummer" in headers and "Titel" in headers
    wait_idle(qtbot, ctx.runner)


def test_english_counts_have_their_plural_forms(qapp):
    """tr("%n ticket(s)", "", n) needs the English plural catalogue, installed whatever the locale."""
    for locale in (QLocale(QLocale.Language.English), QLocale(QLocale.Language.Finnish), GERMAN):
        installed = install_translators(qapp, locale)
        try:
            texts = [QCoreApplication.translate("QueuePage", "%Ln ticket(s)", "", n) for n in (1, 2)]
            assert [t.split(" ", 1)[1] for t in texts] == ["ticket", "tickets"] or locale == GERMAN, texts
        finally:
            remove_translators(qapp, installed)


def test_english_again_after_removal(qtbot, qapp):
    remove_translators(qapp, install_translators(qapp, GERMAN))
    bar = FilterBar()
    qtbot.addWidget(bar)
    assert bar.clear_button.text() == "Clear filters"


def test_language_from_environment(qapp, monkeypatch):
    monkeypatch.setenv("DESKSIDE_LANG", "de")
    installed = install_translators(qapp)
    try:
        assert actions.tr("&Quit") == "&Beenden"
    finally:
        remove_translators(qapp, installed)


def test_language_without_catalogue_stays_english(qapp):
    installed = install_translators(qapp, QLocale(QLocale.Language.Finnish, QLocale.Country.Finland))
    try:
        assert [t.filePath().rsplit("/", 1)[-1] for t in installed if "deskside_" in t.filePath()] == ["deskside_en.qm"]
        assert actions.tr("&Quit") == "&Quit"
    finally:
        remove_translators(qapp, installed)


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("deskside_*.ts")), ids=lambda p: p.name)
def test_committed_qm_matches_ts(ts):
    """Every finished translation in the .ts is in the committed .qm (run `make translations`)."""
    translator = QTranslator()
    assert translator.load(str(ts.with_suffix(".qm")))
    stale = []
    finished = 0
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type"):
                continue
            finished += 1
            source = message.findtext("source")
            if message.get("numerus"):  # English: "%n ticket" for one, "%n tickets" for more
                forms = [f.text for f in translation.iter("numerusform")]
                if [translator.translate(name, source, "", n) for n in (1, 2)] != [forms[0], forms[-1]]:
                    stale.append((name, source))
            elif translator.translate(name, source) != (translation.text or ""):
                stale.append((name, source))
    assert finished >= (5 if ts.stem == "deskside_en" else 60)
    assert not stale


def test_second_install_replaces_the_first(qapp):
    first = install_translators(qapp, GERMAN)
    second = install_translators(qapp, QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        assert first and actions.tr("&Quit") == "&Quit"
    finally:
        remove_translators(qapp, second)
