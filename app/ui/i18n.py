"""Translations: installs Deskside's own .qm and Qt's qtbase catalogue for the user's (or a chosen) locale."""

from __future__ import annotations

import os

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.ui.theme import RESOURCES

TRANSLATIONS = RESOURCES / "translations"
LANG_ENV = "DESKSIDE_LANG"  # e.g. "de" or "de_AT": overrides the system locale (tests, screenshots)
_installed: list[QTranslator] = []  # ours on the application now, so a second call replaces, not stacks


def chosen_locale(locale: QLocale | None = None) -> QLocale:
    """The locale asked for: `locale`, else $DESKSIDE_LANG, else the system's."""
    if locale is not None:
        return locale
    override = os.environ.get(LANG_ENV, "").strip()
    return QLocale(override) if override else QLocale.system()


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load and install the translators for the locale; returns them (parented to `app`) so a caller
    can remove them again. GUI thread, before the windows are built: widgets translate their texts
    when they are made. A locale without a catalogue gets only the English plural forms and stays in English.
    Calling it again replaces the translators the previous call installed.
    """
    remove_translators(app, list(_installed))
    loc = chosen_locale(locale)
    # Numbers, dates and sizes follow the chosen language too (QLocale() is the default everywhere): German
    # text with "1,234.5" on a machine whose own locale is C or English read wrongly. English keeps the
    # machine's own formats (an en_GB user keeps day-first dates).
    QLocale.setDefault(loc if loc.language() != QLocale.Language.English else QLocale.system())
    installed: list[QTranslator] = []
    catalogues = [("deskside", str(TRANSLATIONS), loc)]
    if loc.language() != QLocale.Language.English:
        # Installed first, so asked last: English plural forms ("1 ticket", "2 tickets") for whatever
        # the locale's own catalogue lacks, or where it has none.
        catalogues.insert(0, ("deskside", str(TRANSLATIONS), QLocale(QLocale.Language.English)))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_dir and os.path.isdir(qt_dir):
        catalogues.append(("qtbase", qt_dir, loc))  # Qt's own dialogs and standard buttons
    for name, folder, wanted in catalogues:
        translator = QTranslator(app)
        # tries deskside_de_DE, deskside_de ... for each of the locale's UI languages
        if translator.load(wanted, name, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
        else:
            translator.deleteLater()
    _installed.extend(installed)
    return installed


def remove_translators(app: QApplication, translators: list[QTranslator]) -> None:
    """Undo install_translators (widgets made afterwards are in English again). Translators a later
    install_translators already replaced are skipped, so removing twice is harmless."""
    for translator in translators:
        if translator not in _installed:
            continue
        app.removeTranslator(translator)
        translator.deleteLater()
        _installed.remove(translator)
    if not _installed:
        QLocale.setDefault(QLocale.system())
