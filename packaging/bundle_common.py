"""What every Deskside PyInstaller bundle holds, whatever the OS: data files, hidden imports, exclusions.

Imported by the .spec files (packaging/deskside.spec, windows/, macos/). Layout the app relies on
(paths are computed from __file__, which PyInstaller points inside the bundle's data folder,
_internal/ on Linux and Windows, Contents/Resources/ on macOS):
  resources/        app/ui/theme.py: Path(theme.py).parent.parent.parent / "resources"
  app/migrations/   app/store.py runs Alembic from these files when it opens a store
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = str(ROOT / "packaging" / "launcher.py")
APP_ID = "io.github.deskside.Deskside"


def _tree(src: Path, dest: str, suffixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """(file, folder) pairs for every file under src with one of the suffixes, keeping sub-folders."""
    out = []
    for path in sorted(src.rglob("*")):
        if path.is_file() and path.suffix in suffixes and "__pycache__" not in path.parts:
            out.append((str(path), str(Path(dest) / path.parent.relative_to(src))))
    return out


def datas() -> list[tuple[str, str]]:
    out = _tree(ROOT / "resources", "resources", (".svg", ".png", ".qss", ".qm"))
    # Alembic loads env.py and the revisions from files, not from the archive of compiled modules.
    out += _tree(ROOT / "app" / "migrations", "app/migrations", (".py", ".mako"))
    return out


def hiddenimports() -> list[str]:
    from PyInstaller.utils.hooks import collect_submodules

    names = [
        # imported only by the migration scripts, which PyInstaller does not analyse
        "alembic.op", "alembic.context", "sqlalchemy.dialects.sqlite", "core.migration_env",
        # keyring finds its backends through entry points at run time
        "keyring.backends.chainer", "keyring.backends.fail", "keyring.backends.null",
        "uuid6", "platformdirs",
    ]
    if sys.platform.startswith("linux"):
        names += ["keyring.backends.SecretService", "keyring.backends.libsecret", "keyring.backends.kwallet"]
    elif sys.platform == "win32":
        names += ["keyring.backends.Windows", "win32ctypes.core"]
    elif sys.platform == "darwin":
        names += ["keyring.backends.macOS"]
    for package in ("alembic.ddl", "alembic.runtime", "alembic.operations"):
        names += collect_submodules(package)
    return names


EXCLUDES = [
    # test and development tools: never needed by the app
    "pytest", "_pytest", "pytestqt", "hypothesis", "schemathesis", "importlinter", "grimp",
    # the reference server and its stack are a separate program
    "server", "fastapi", "starlette", "uvicorn", "psycopg", "argon2",
    "tests", "bench",
    "tkinter", "IPython", "matplotlib",
    # pyqtgraph's 3D, examples and notebook parts (the dashboard draws 2D charts; numpy stays)
    "pyqtgraph.opengl", "OpenGL", "pyqtgraph.examples", "pyqtgraph.jupyter",
]
