"""Packaging metadata: the desktop entry and AppStream file pass their validators; the icons are all there."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.deskside.Deskside"
LINUX = ROOT / "resources" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        skip_or_fail(f"{name} not installed (Debian package {package})")
    return path


def test_desktop_entry_validates():
    tool = _tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, timeout=60)
    # desktop-file-validate prints hints and errors alike and exits 1 only on errors
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout, result.stdout


def test_metainfo_validates():
    tool = _tool("appstreamcli", "appstream")
    result = subprocess.run([tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True,
                            timeout=60)
    output = result.stdout + result.stderr
    errors = [line for line in output.splitlines() if line.startswith("E:")]
    assert not errors, output  # warnings are allowed; errors are not
    assert "Validation failed: errors" not in output, output


def test_desktop_entry_and_metainfo_agree():
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"].split()[0] == "deskside"
    assert section["Icon"] == APP_ID
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    for image in component.iter("image"):
        # screenshots are published from docs/screenshots; the names must stay in step
        assert (ROOT / "docs" / "screenshots" / Path(image.text).name).exists(), image.text


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_sizes(size):
    path = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert path.exists(), f"missing {path.relative_to(ROOT)} (python packaging/make_icons.py)"
    assert _png_size(path) == (size, size)


def test_scalable_icon_is_the_app_icon():
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (ROOT / "resources" / "deskside.svg").read_bytes(), \
        "resources/deskside.svg changed: run python packaging/make_icons.py"


def test_bundles_ship_what_the_app_reads_from_files():
    """Alembic's scripts and the resources go into every bundle as files, at the paths the app computes."""
    spec = importlib.util.spec_from_file_location("bundle_common", ROOT / "packaging" / "bundle_common.py")
    common = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(common)
    shipped = {Path(dest) / Path(src).name for src, dest in common.datas()}
    wanted = [p.relative_to(ROOT) for p in (ROOT / "app" / "migrations").rglob("*")
              if p.suffix in (".py", ".mako") and "__pycache__" not in p.parts]
    wanted += [Path("resources/queue.qss"), Path("resources/deskside.svg"),
               Path("resources/translations/deskside_de.qm")]
    assert Path("app/migrations/script.py.mako") in wanted
    assert not [str(p) for p in wanted if p not in shipped]


def test_smoke_test_script_parses():
    result = subprocess.run(["sh", "-n", str(ROOT / "packaging" / "smoke_test.sh")], capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr
