"""Typed server settings: where the data lives, listening address, token lifetimes and request limits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1            # the sync schema this server speaks
MIN_SCHEMA_VERSION = 1        # older clients get 426 "please update Deskside"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str | None = None     # None: embedded SQLite in data_dir
    host: str = "127.0.0.1"
    port: int = 8765
    access_ttl_s: int = 15 * 60
    refresh_ttl_s: int = 30 * 24 * 3600
    # A rotated refresh token still answers once within this many seconds (a lost reply's retry).
    refresh_grace_s: int = 30
    # Failed sign-ins within the window before 429: per user name and per client address.
    signin_window_s: int = 300
    signin_max_per_user: int = 5
    signin_max_per_addr: int = 20
    max_body_bytes: int = 8 * 1024 * 1024       # JSON requests
    max_chunk_bytes: int = 8 * 1024 * 1024      # one blob PUT
    max_blob_bytes: int = 512 * 1024 * 1024     # a whole attachment, as on the client
    max_wait_s: int = 30                        # long-poll ceiling
    # A waiting pull re-checks the database this often even without a wake-up, as a safety net only.
    poll_fallback_s: float = 10.0
    # Tombstones older than this are pruned (hourly); a client offline longer syncs again from zero.
    # 0 keeps them forever.
    tombstone_horizon_days: float = 90.0
    # Only members of this group (by name or id) record CAB decisions, each as themselves.
    cab_group: str = "Change Advisory Board"
    prune_interval_s: float = 3600.0

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+pysqlite:///{self.data_dir / 'deskside-server.sqlite3'}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")
