"""Profiles: named desks (later, one per server), each with its own default store and settings file."""
# The "default" profile keeps the paths Deskside used before profiles existed, so existing stores and
# settings keep working. Qt-free.

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.config import config_dir, data_dir, default_store_path

DEFAULT_PROFILE = "default"
STORE_FILE = "deskside.sqlite3"
SETTINGS_FILE = "settings.json"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


class ProfileError(ValueError):
    """The profile name cannot be used; the message is written for the user."""


@dataclass(frozen=True)
class Profile:
    name: str
    store_path: Path  # the default store; the profile's settings may name another
    settings_path: Path

    @property
    def is_default(self) -> bool:
        return self.name == DEFAULT_PROFILE


def check_name(name: str) -> str:
    """Return `name` when it is usable as a folder name on every platform, else raise ProfileError."""
    if not _NAME.fullmatch(name or "") or name.endswith(".") or ".." in name:
        raise ProfileError(
            "A profile name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit: "
            f"{name!r} is not one.")
    return name


def profile(name: str = DEFAULT_PROFILE) -> Profile:
    """The paths of profile `name` (nothing is created). Raises ProfileError for a bad name."""
    name = check_name(name)
    if name == DEFAULT_PROFILE:
        return Profile(name, default_store_path(), config_dir() / SETTINGS_FILE)
    return Profile(name, data_dir() / "profiles" / name / STORE_FILE, config_dir() / "profiles" / name / SETTINGS_FILE)


def known_profiles() -> list[str]:
    """The default profile, then every other profile that has a settings file or a store, by name."""
    names: set[str] = set()
    for root in (data_dir() / "profiles", config_dir() / "profiles"):
        if root.is_dir():
            names.update(p.name for p in root.iterdir() if p.is_dir() and _NAME.fullmatch(p.name))
    names.discard(DEFAULT_PROFILE)
    return [DEFAULT_PROFILE, *sorted(names)]
