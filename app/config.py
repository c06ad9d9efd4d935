"""Typed settings (key, default, type, description) kept as JSON in the user's config directory."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "deskside"


def data_dir() -> Path:
    """Where stores and attachment files live; DESKSIDE_DATA_DIR overrides (tests, portable use)."""
    return Path(os.environ.get("DESKSIDE_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    return Path(os.environ.get("DESKSIDE_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))


def log_dir() -> Path:
    """Where the rotating log and crash reports go; DESKSIDE_LOG_DIR overrides (tests, portable use)."""
    return Path(os.environ.get("DESKSIDE_LOG_DIR") or platformdirs.user_log_dir(APP_NAME))


def default_store_path() -> Path:
    return data_dir() / "deskside.sqlite3"


@dataclass(frozen=True)
class Setting:
    """One setting. `label` and `section` place it in the settings dialog; a setting without a section
    is internal (window layout, columns) and is never shown there. `kind` picks a special editor
    ("path", "matrix"); `choices` and `bounds` narrow what an editor offers (and `check` still decides)."""

    key: str
    default: Any
    type: type
    description: str
    check: Callable[[Any], bool] | None = None  # a value of the right type that is still unusable fails it
    label: str = ""
    section: str = ""
    kind: str = ""
    choices: tuple[str, ...] = ()
    bounds: tuple[int, int] | None = None
    restart: bool = False  # takes effect at the next start

    @property
    def visible(self) -> bool:
        return bool(self.section)

    def accepts(self, value: Any) -> bool:
        # bool is an int to Python, never to a setting.
        if not isinstance(value, self.type) or (isinstance(value, bool) and self.type is not bool):
            return False
        return self.check is None or self.check(value)


DEFAULT_PRIORITY_MATRIX = [[1, 2, 3], [2, 3, 4], [3, 4, 5]]


def _is_matrix(value: list) -> bool:
    return len(value) == 3 and all(
        isinstance(row, list) and len(row) == 3
        and all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5 for v in row)
        for row in value)


THEMES = ("system", "light", "dark")
# The group whose members record CAB decisions; the demo desk makes a group of this name.
CAB_GROUP_DEFAULT = "Change Advisory Board"


def _is_group_ref(value: str) -> bool:
    return value.strip() == value and 0 < len(value) <= 200 and "\x00" not in value


def _rt_fields_ok(value: str) -> bool:
    """key=name pairs separated by ";" whose keys are impact / urgency / category / service / ci."""
    items = [i for i in value.split(";") if i.strip()]
    return all(i.partition("=")[1] == "=" and i.partition("=")[0].strip().lower() in
               ("impact", "urgency", "category", "service", "ci") for i in items)


def _is_store_path(value: str) -> bool:
    return value == "" or (value.strip() == value and "\x00" not in value and not value.endswith(("/", "\\")))


SETTINGS: tuple[Setting, ...] = (
    Setting("store_path", "", str, "Path of the local store; empty means the default in the data directory.",
            _is_store_path, label="Store location", section="General", kind="path", restart=True),
    Setting("theme", "system", str, "Light or dark look; 'system' follows the desktop's colour scheme.",
            lambda v: v in THEMES, label="Theme", section="Appearance", choices=THEMES),
    Setting("priority_matrix", DEFAULT_PRIORITY_MATRIX, list,
            "Priority by impact (rows, 1 = high) and urgency (columns, 1 = high): 3x3 values 1..5.",
            _is_matrix, label="Priority matrix", section="Tickets", kind="matrix"),
    Setting("queue_columns", [], list, "Queue columns in display order, with widths; empty means the default set."),
    Setting("queue_sort", ["updated_at", "desc"], list, "Queue sort column and direction."),
    Setting("last_view", "my_open", str, "The saved view selected when the app last closed."),
    Setting("window_geometry", "", str, "Main window geometry (base64), restored at start."),
    Setting("window_state", "", str, "Main window toolbars and docks (base64), restored at start."),
    Setting("queue_splitter", [], list, "Queue page splitter: widths in pixels of the views panel and the table.",
            lambda v: len(v) == 2 and all(isinstance(w, int) and not isinstance(w, bool) and w >= 0 for w in v)),
    Setting("draft_autosave_seconds", 5, int, "How often the ticket editor autosaves a draft of unsaved input.",
            lambda v: 1 <= v <= 3600, label="Draft autosave (seconds)", section="Tickets", bounds=(1, 3600)),
    # Sync with a team server. The refresh token is never a setting: it lives in the OS keyring.
    Setting("server_url", "", str, "The sync server's address, set by the sign-in dialog; empty means local only.",
            lambda v: v == "" or v.startswith(("https://", "http://")) and " " not in v),
    Setting("sync_user", "", str, "The user name last signed in to the sync server (never a password or token)."),
    Setting("sync_backend", "deskside", str, "The kind of sync server: a Deskside server, or Request Tracker 5 (rt).",
            lambda v: v in ("deskside", "rt")),
    Setting("rt_custom_fields", "", str, "Request Tracker: the custom fields that hold impact, urgency, category, "
            "service and CI, as key=name pairs (impact=Impact; urgency=Urgency; category=Category; service=Service; "
            "ci=CI); a key left out keeps that default, key= maps nothing.",
            _rt_fields_ok, label="RT custom fields", section="Sync"),
    Setting("sync_interval_seconds", 60, int, "How often to sync while online, besides syncing after each edit.",
            lambda v: 10 <= v <= 3600, label="Sync every (seconds)", section="Sync", bounds=(10, 3600)),
    Setting("work_offline", False, bool, "Stop all network activity until switched off (Sync menu)."),
    Setting("server_mail", False, bool, "Whether the team server mails public replies to requesters (its /v1/info, "
            "read at sign-in)."),
    Setting("mail_notify", True, bool, "Show a desktop notification for new mail on my tickets and new tickets "
            "in my groups (after a sync).", label="Notify me of new mail and tickets", section="Sync"),
    Setting("notified_through", "", str, "Mail and tickets created up to this time (ISO, UTC) were notified, or "
            "came before this desk listened; set by the notifications."),
    Setting("ca_bundle", "", str, "A PEM file of certificate authorities to trust for the sync server (a private "
            "CA); empty means the system's. Certificates are always verified.",
            lambda v: v == "" or (v.strip() == v and "\x00" not in v), label="CA bundle for the server",
            section="Sync", restart=True),
    # SLA (issue 5): the "Breaching soon" view's horizon and the warning before a breach.
    Setting("sla_warning_hours", 4, int, "The Breaching soon view lists open tickets due within this many hours.",
            lambda v: 1 <= v <= 168, label="Breaching soon within (hours)", section="Service levels", bounds=(1, 168)),
    # Changes (issue 10): only members of this group record CAB decisions, each as themselves.
    Setting("cab_group", CAB_GROUP_DEFAULT, str, "The approving (CAB) group, by name or id: only its members "
            "record CAB decisions on changes, each as themselves. The team server has its own (--cab-group).",
            _is_group_ref, label="Approving (CAB) group", section="Changes"),
    Setting("sla_notify", True, bool, "Tell me when one of my tickets reaches 75 % of its SLA target or breaches it.",
            label="Warn before an SLA breach", section="Service levels"),
)

_BY_KEY = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    return _BY_KEY[key]


class SettingsError(ValueError):
    pass


class Settings:
    """Settings backed by a JSON file. Unknown or mistyped values in the file fall back to defaults.

    Not thread-safe: owned by the GUI thread; services receive plain values, not this object.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or (config_dir() / "settings.json")
        self._values: dict[str, Any] = {}
        self.load_error: str | None = None
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            self.load_error = f"Settings file {self.path} could not be read ({exc}); defaults are used."
            return
        if not isinstance(raw, dict):
            self.load_error = f"Settings file {self.path} is not a JSON object; defaults are used."
            return
        for key, value in raw.items():
            setting = _BY_KEY.get(key)
            if setting is not None and setting.accepts(value):
                self._values[key] = value

    def get(self, key: str) -> Any:
        setting = _BY_KEY[key]
        return self._values.get(key, setting.default)

    def set(self, key: str, value: Any) -> None:
        setting = _BY_KEY.get(key)
        if setting is None:
            raise SettingsError(f"unknown setting {key!r}")
        if not setting.accepts(value):
            if isinstance(value, setting.type) and not isinstance(value, bool):
                raise SettingsError(f"setting {key!r} cannot be {value!r}")
            raise SettingsError(f"setting {key!r} takes {setting.type.__name__}, not {type(value).__name__}")
        self._values[key] = value

    def save(self) -> None:
        """Write atomically: a crash mid-write leaves the previous file intact."""
        data = json.dumps(self._values, indent=2, sort_keys=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".json.tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())  # the rename must not land before the bytes do
        os.replace(tmp, self.path)
