"""Engine, sessions and the single-writer rule; Alembic upgrade at start."""
# Every write runs under one writer lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped
# advisory lock taken first). Writers therefore commit one after another, which is what makes the
# change-log sequence gap-free in commit order (see changelog.py).

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from core.sqlite_pragmas import set_safe_pragmas

MIGRATIONS = Path(__file__).parent / "migrations"
WRITER_LOCK_KEY = 0x6465736B  # "desk": the advisory lock id every writer process shares


def _sqlite_connect(dbapi_conn, _record) -> None:
    # BEGIN is left to _sqlite_begin, which chooses between BEGIN and BEGIN IMMEDIATE.
    set_safe_pragmas(dbapi_conn, busy_timeout_ms=30000)


def _sqlite_begin(conn) -> None:
    # A writer takes the write lock at BEGIN, so its reads already see the state it will commit on.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("deskside_write") else "BEGIN")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               pool_size=20, max_overflow=20)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_size=10, max_overflow=30, pool_pre_ping=True)


class Database:
    """Owns the engine. `read()` and `write()` give sessions that commit on success, roll back on error."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = url.startswith("sqlite")
        self._writer = self.engine.execution_options(deskside_write=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        # Closing (not rolling back) ends the transaction without expiring loaded rows.
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with Session(self._writer, expire_on_commit=False) as session:
            if not self.is_sqlite:
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK_KEY})
            else:
                session.connection()  # BEGIN IMMEDIATE now, before any read
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def upgrade(self) -> None:
        with self.engine.begin() as conn:
            if not self.is_sqlite:
                # Several processes may start at once on one database: migrate one at a time.
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK_KEY + 1})
            cfg = AlembicConfig()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def dispose(self) -> None:
        self.engine.dispose()
