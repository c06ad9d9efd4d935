"""Layering: the import contracts hold, and the core loads without Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The headless core (STYLE.md): every module of these packages, found on disk so new ones are covered.
CORE_PACKAGES = ("app.models", "app.outbox", "app.records", "app.tickets", "app.changes", "app.sla", "app.kpi",
                 "app.people", "app.sync", "app.demo", "core", "core.tickets", "core.changes", "core.people",
                 "core.sla", "core.sync", "app.macros", "core.macros", "app.problems", "core.problems", "app.cmdb",
                 "core.cmdb",
                 "app.knowledge", "core.knowledge")
CORE_MODULES = ("app.config", "app.store", "app.credentials")


def _core_modules() -> list[str]:
    names = [m for m in CORE_MODULES if (ROOT / (m.replace(".", "/") + ".py")).exists()]
    for package in CORE_PACKAGES:
        folder = ROOT / package.replace(".", "/")
        if folder.is_dir():
            names += [package if p.stem == "__init__" else f"{package}.{p.stem}" for p in sorted(folder.glob("*.py"))]
    return names


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    assert lint.exists(), "import-linter is part of the test extras"
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, env=_env(),
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_core_imports_without_qt():
    modules = _core_modules()
    assert {"app.store", "app.tickets.writes", "app.tickets.queue", "app.models.ticket"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')"
        " or m == 'app.ui' or m.startswith('app.ui.'))\n"
        "print(qt)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=_env(),
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "[]", f"the core loaded Qt or the UI: {done.stdout}"
