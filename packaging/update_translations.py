"""Updates resources/translations/deskside_<lang>.ts from the sources and compiles each to .qm (`make translations`).

pyside6-lupdate only sees literal strings inside tr()/translate() calls. Deskside also keeps texts in
tables (the actions, the menus) and in module-level wrappers such as
`def tr(text): return QCoreApplication.translate("Actions", text)`, which lupdate files under an empty
context that never matches at run time. So this script first writes build/i18n/extra_strings.py with a
QT_TRANSLATE_NOOP(context, text) line for each of those strings, runs lupdate over app/ plus that file,
drops the empty context, then runs lrelease.

English has a catalogue of its own that holds only the counted strings: Qt needs one to turn
tr("%n ticket(s)", "", n) into "1 ticket" / "2 tickets". Its forms are written here from the "(s)" in
the source text, so a new counted string needs no hand editing.

Usage: python packaging/update_translations.py [--lang de ...] [--no-release]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "app"
TRANSLATIONS = ROOT / "resources" / "translations"
EXTRA = ROOT / "build" / "i18n" / "extra_strings.py"
EMPTY_CONTEXT = re.compile(r"<context>\s*<name></name>.*?</context>\s*", re.DOTALL)


def _translate_context(node: ast.AST) -> str | None:
    """"Ctx" when node is `QCoreApplication.translate("Ctx", <name>)`, else None."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "translate"
            and len(node.args) == 2 and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str) and isinstance(node.args[1], ast.Name)):
        return node.args[0].value
    return None


def _wrappers(tree: ast.Module) -> dict[str, str]:
    """Names bound in a module to a one-argument translate wrapper (def or lambda), with their context."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and len(node.args.args) == 1 and len(node.body) == 1:
            stmt = node.body[0]
            if isinstance(stmt, ast.Return) and (ctx := _translate_context(stmt.value)):
                out[node.name] = ctx
        elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda)
              and (ctx := _translate_context(node.value.body)) and len(node.targets) == 1):
            target = node.targets[0]
            if isinstance(target, ast.Name):
                out[target.id] = ctx
    return out


def wrapped_strings() -> list[tuple[str, str, str]]:
    """(context, text, where) for every literal passed to a translate wrapper anywhere under app/."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(SOURCES.rglob("*.py"))}
    module_of = {".".join(p.relative_to(ROOT).with_suffix("").parts): p for p in trees}
    own = {path: _wrappers(tree) for path, tree in trees.items()}
    found = []
    for path, tree in trees.items():
        names = dict(own[path])
        for node in ast.walk(tree):  # `from app.ui.actions import tr` brings the wrapper along
            if isinstance(node, ast.ImportFrom) and node.module in module_of:
                source = own[module_of[node.module]]
                for alias in node.names:
                    if alias.name in source:
                        names[alias.asname or alias.name] = source[alias.name]
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.append((names[node.func.id], node.args[0].value,
                              f"{path.relative_to(ROOT)}:{node.lineno}"))
    return found


def table_strings() -> list[tuple[str, str, str]]:
    """Texts kept in tables and translated at run time with a variable."""
    sys.path.insert(0, str(ROOT))
    from app.ui.actions import ACTIONS, MENUS

    out = [("Actions", spec.text, f"app/ui/actions.py ({spec.id})") for spec in ACTIONS]
    out += [("Actions", text, f"app/ui/actions.py (menu {key})") for key, text in MENUS]
    return out + label_strings() + page_strings() + settings_strings() + sync_strings() + sla_strings()


def label_strings() -> list[tuple[str, str, str]]:
    """Core's label tables (states, priorities, types, SLA states, ...) that app/ui/labels.py translates."""
    from app.ui.labels import CONTEXT
    from app.ui.labels import label_strings as texts

    return [(CONTEXT, text, "app/ui/labels.py") for text in texts()]


def page_strings() -> list[tuple[str, str, str]]:
    """The pinned pages' tab titles (translated through "Pages" by the main window)."""
    from app.ui.pages import page_specs

    return [("Pages", spec.title, f"app/ui/pages.py ({spec.key})") for spec in page_specs()]


def settings_strings() -> list[tuple[str, str, str]]:
    """The settings dialog's sections, labels and descriptions (kept in app/config.py's SETTINGS) and its
    word tables; the dialog translates them through "SettingsDialog"."""
    from app.config import SETTINGS
    from app.ui.dialogs.settings_dialog import LEVELS, THEME_NAMES

    out = []
    for setting in SETTINGS:
        if setting.visible:
            where = f"app/config.py ({setting.key})"
            out += [("SettingsDialog", text, where) for text in (setting.section, setting.label, setting.description)
                    if text]
    out += [("SettingsDialog", text, "app/ui/dialogs/settings_dialog.py") for text in (*LEVELS, *THEME_NAMES.values())]
    return out


def sla_strings() -> list[tuple[str, str, str]]:
    """The SLA state words app/ui/widgets/sla_text.py translates through "SlaText" (queue, editor)."""
    from app.ui.widgets.sla_text import _LABELS

    return [("SlaText", text, "app/ui/widgets/sla_text.py") for text in _LABELS.values()]


def sync_strings() -> list[tuple[str, str, str]]:
    """The Sync menu's actions, translated through "SyncActions"."""
    from app.ui.sync.install import _ACTIONS
    from app.ui.sync.values import _LABELS

    out = [("SyncActions", text, f"app/ui/sync/install.py ({key})") for key, text, _keys, _checkable in _ACTIONS]
    return out + [("SyncValues", text, "app/ui/sync/values.py") for text in _LABELS.values()]


def write_extra(path: Path) -> int:
    seen: set[tuple[str, str]] = set()
    lines = ['"""Generated by packaging/update_translations.py for pyside6-lupdate; not imported."""',
             "from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    for ctx, text, where in wrapped_strings() + table_strings():
        if (ctx, text) in seen:
            continue
        seen.add((ctx, text))
        lines.append(f"QT_TRANSLATE_NOOP({json.dumps(ctx)}, {json.dumps(text, ensure_ascii=False)})  # {where}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(seen)


def english_plurals(ts: Path) -> int:
    """Keep only the counted messages of the English catalogue and fill their forms: "%n ticket(s)" ->
    "%n ticket", "%n tickets". Decided by the %n in the source: lupdate marks self.tr(text, "", n) as
    plural but not QCoreApplication.translate(context, text, "", n)."""
    tree = ET.parse(ts)
    filled = 0
    root = tree.getroot()
    for context in list(root.iter("context")):
        for message in list(context.iter("message")):
            if not re.search(r"%L?n", message.findtext("source") or ""):
                context.remove(message)
        if context.find("message") is None:
            root.remove(context)
    for message in root.iter("message"):
        message.set("numerus", "yes")
        source = message.findtext("source") or ""
        translation = message.find("translation")
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        translation.text = None
        for form in (source.replace("(s)", ""), source.replace("(s)", "s")):
            ET.SubElement(translation, "numerusform").text = form
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append",
                        help="language code (default: every deskside_<lang>.ts already there)")
    parser.add_argument("--no-release", action="store_true", help="update the .ts files only")
    args = parser.parse_args(argv)
    langs = args.lang or sorted(p.stem.split("_", 1)[1] for p in TRANSLATIONS.glob("deskside_*.ts"))
    if not langs:
        parser.error("no deskside_<lang>.ts yet: name a language with --lang")
    print(f"extra strings from tables and wrappers: {write_extra(EXTRA)}")
    sources = [str(p.relative_to(ROOT)) for p in sorted(SOURCES.rglob("*.py"))] + [str(EXTRA.relative_to(ROOT))]
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        ts = TRANSLATIONS / f"deskside_{lang}.ts"
        subprocess.run([tool("pyside6-lupdate"), *sources, "-target-language", lang, "-locations", "relative",
                        "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        # bare tr() calls land in an empty context, which nothing asks for; their strings are in the
        # extra file under the wrapper's real context.
        ts.write_text(EMPTY_CONTEXT.sub("", ts.read_text(encoding="utf-8")), encoding="utf-8")
        if lang == "en":
            print(f"English plural forms: {english_plurals(ts)}")
        if not args.no_release:
            subprocess.run([tool("pyside6-lrelease"), "-nounfinished", str(ts.relative_to(ROOT)), "-qm",
                            str(ts.with_suffix(".qm").relative_to(ROOT))], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
