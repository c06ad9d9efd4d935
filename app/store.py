"""The local store: SQLite engine with safe pragmas, sessions, and Alembic upgrade on open."""

from __future__ import annotations

import ast
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.models import StoreMeta
from core.ids import new_id
from core.sqlite_pragmas import set_safe_pragmas

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS = Path(__file__).parent / "migrations"
FTS_REBUILD_PENDING = "fts_rebuild_pending"  # store_meta: the FTS triggers are suspended (JSON of their SQL)
PIECES = 4294967295  # the low 32 bits of a full-text rowid: the pieces of one ticket (migration 0011)
# Merges the index into one segment: a query then opens one b-tree per term, which the walk form of a
# search (one FTS5 query per ticket it visits) feels most. Run after bulk writes; about 3 s for 100k tickets.
FTS_OPTIMIZE = "INSERT INTO ticket_fts(ticket_fts) VALUES ('optimize')"
# The words in three quarters of the tickets or more, and per word the tickets without it (migration 0031):
# chosen again and listed after a bulk build (the triggers keep the lists, not the choice). A word of the
# index's vocabulary is a candidate when its pieces alone could cover that share; its list is kept when
# its tickets do (at most a quarter of the tickets listed). About 2 s on 100k tickets.
ABSENT_REBUILD = (
    "DELETE FROM search_term_absent",
    "DELETE FROM search_term_common",
    "INSERT INTO search_term_common(prefix, prefix_end) "
    "SELECT term, substr(term, 1, length(term) - 1) || char(unicode(substr(term, -1)) + 1) FROM ticket_fts_terms "
    "WHERE length(term) >= 3 AND doc * 4 >= (SELECT count(*) FROM ticket) * 3",
    "INSERT INTO search_term_absent(prefix, row_id) SELECT c.prefix, t.row_id FROM search_term_common c, ticket t "
    "EXCEPT SELECT c.prefix, f.rowid >> 32 FROM search_term_common c, ticket_fts f "
    "WHERE f.ticket_fts MATCH '\"' || c.prefix || '\"*'",
    "DELETE FROM search_term_common WHERE prefix IN (SELECT prefix FROM search_term_absent GROUP BY prefix "
    "HAVING count(*) * 4 > (SELECT count(*) FROM ticket))",
    "DELETE FROM search_term_absent WHERE prefix NOT IN (SELECT prefix FROM search_term_common)",
)
# Every word of the index, for prefix words (migration 0014): read once from the index after a bulk build;
# then the absent lists.
FTS_WORDS = (
    "DELETE FROM search_term",
    "INSERT INTO search_term(term) SELECT term FROM ticket_fts_terms",
    *ABSENT_REBUILD,
)
# The index the triggers of migration 0011 keep, built in a few statements: entries a paused sync wrote
# get their piece numbers (after the ticket's last, in the order written), then every piece, with no sort of all
# the text (pieces come in rowid order but for entries written out of order, which cost a segment flush).
FTS_REBUILD = (
    f"""UPDATE worklog_entry SET fts_rowid = p.rowid_ FROM (
        SELECT w.rowid AS entry, (t.row_id << 32) + coalesce(m.last, 0)
               + row_number() OVER (PARTITION BY w.ticket_id ORDER BY w.rowid) AS rowid_
        FROM worklog_entry w JOIN ticket t ON t.id = w.ticket_id
        LEFT JOIN (SELECT ticket_id, max(fts_rowid & {PIECES}) AS last FROM worklog_entry
                   WHERE fts_rowid IS NOT NULL GROUP BY ticket_id) m ON m.ticket_id = w.ticket_id
        WHERE w.fts_rowid IS NULL) AS p
    WHERE worklog_entry.rowid = p.entry""",
    "INSERT INTO ticket_fts(ticket_fts) VALUES ('delete-all')",
    "INSERT INTO ticket_fts(rowid, body, title) SELECT row_id << 32, coalesce(description, ''), coalesce(title, '') "
    "FROM ticket",
    "INSERT INTO ticket_fts(rowid, body, title) SELECT fts_rowid, coalesce(body, ''), '' FROM worklog_entry "
    "WHERE fts_rowid IS NOT NULL",
    FTS_OPTIMIZE,
    *FTS_WORDS,
)


class StoreError(RuntimeError):
    """The store cannot be used (corrupt, locked, unwritable, newer than this app). The message is
    written for the user."""


# Page cache per connection, in KiB. The writer's is the larger (a sync page, a bulk edit); the four
# readers share the OS's file cache, and 64 MiB each made the desk's RSS grow by ~200 MiB on 1M tickets
# for no measured gain; 12 MiB each still held ~24 MiB more than 6 after All tickets was opened on 1M
# (its count and id list fill two of them), for the same first pages and editor openings (worst_bench).
WRITER_CACHE_KIB = 32 * 1024
READER_CACHE_KIB = 6 * 1024


def _set_pragmas(dbapi_conn, _record, cache_kib: int = WRITER_CACHE_KIB) -> None:
    set_safe_pragmas(dbapi_conn, busy_timeout_ms=5000)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


IMMEDIATE = "deskside_begin_immediate"  # execution option: this transaction takes the write lock at BEGIN
# Execution option: this transaction's commit does not wait for the disk (WAL, synchronous=NORMAL): a
# power cut may lose it whole, never half. Only for work that can be redone, such as a pulled page and
# its cursor (the server still holds them); the next durable commit syncs it to disk as well.
REDOABLE = "deskside_commit_redoable"
_SYNCHRONOUS = "deskside_synchronous"  # the connection's current level, kept in its pool record


def _begin(conn) -> None:
    options = conn.get_execution_options()
    level = "NORMAL" if options.get(REDOABLE) else "FULL"  # only settable outside a transaction: here
    if conn.info.get(_SYNCHRONOUS, "FULL") != level:
        conn.exec_driver_sql(f"PRAGMA synchronous={level}")
        conn.info[_SYNCHRONOUS] = level
    conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get(IMMEDIATE) else "BEGIN")


def _set_read_pragmas(dbapi_conn, record) -> None:
    _set_pragmas(dbapi_conn, record, READER_CACHE_KIB)
    dbapi_conn.execute("PRAGMA query_only=1")  # after the WAL switch, which is a write


READ_CONNECTIONS = 3  # the runner's query threads; one connection each
BULK_READ_CONNECTIONS = 1  # and its one thread for the long background reads (app.ui.tasks: `background`)


def make_read_engine(path: Path) -> Engine:
    """Read-only connections beside the writer: in WAL mode they read the last commit while it writes."""
    engine = create_engine(f"sqlite+pysqlite:///{path}", connect_args={"check_same_thread": False},
                           hide_parameters=True, pool_size=READ_CONNECTIONS + BULK_READ_CONNECTIONS, max_overflow=0)
    event.listen(engine, "connect", _set_read_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def alembic_config(engine_url: str | None = None) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine_url:
        cfg.set_main_option("sqlalchemy.url", engine_url)
    return cfg


_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*=\s*(.+)$", re.MULTILINE)


@cache
def _revision_graph() -> tuple[frozenset[str], frozenset[str]]:
    """(every revision, the heads) read from the migration files' own `revision` and `down_revision` lines.

    Opening a store that is already current needs only this; importing Alembic to find out cost about a
    quarter of a second of every start. tests/unit/test_migrations.py checks it against Alembic's answer."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        values = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        if "revision" not in values:
            continue
        revisions.add(ast.literal_eval(values["revision"]))
        down = ast.literal_eval(values.get("down_revision", "None"))
        parents.update(down if isinstance(down, tuple) else () if down is None else (down,))
    return frozenset(revisions), frozenset(revisions - parents)


def known_revisions() -> frozenset[str]:
    return _revision_graph()[0]


def head_revision() -> str:
    """The schema's head; when feature branches of the migrations are open side by side (two heads
    off one parent, merged later), their ids joined with "+" in sorted order."""
    return "+".join(sorted(_revision_graph()[1]))


def make_engine(path: Path) -> Engine:
    # hide_parameters: error messages (which reach logs) never carry ticket text or other values.
    engine = create_engine(f"sqlite+pysqlite:///{path}", connect_args={"check_same_thread": False},
                           hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Apply migrations up to `revision` on this engine (used on open and by the migration test)."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    """The store's schema revision(s), "+"-joined like head_revision; None for a new, empty store."""
    with engine.connect() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                                ).first() is None:
            return None
        heads = [r for (r,) in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]
        return "+".join(sorted(heads)) if heads else None


@dataclass
class Store:
    """An open store. Sessions are made per task on one thread; the engine is shared."""

    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    client_id: str
    has_fts: bool
    read_engine: Engine = field(init=False, repr=False)  # the read-only pool; connects when first used
    # Called with the transaction's connection at every commit of the writer engine (tests use it to
    # check that every write comes from the runner's writer thread). None: no cost.
    commit_hook: Callable[[object], None] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        event.listen(self.engine, "commit", self._on_engine_commit)
        self.read_engine = make_read_engine(self.path)

    def _on_engine_commit(self, conn) -> None:
        hook = self.commit_hook
        if hook is not None:
            hook(conn)

    @property
    def blob_dir(self) -> Path:
        return self.path.parent / (self.path.stem + "-files")

    @contextmanager
    def session(self, *, immediate: bool = False) -> Iterator[Session]:
        """A session committed on success and rolled back on error.

        `immediate`: the transaction takes the write lock at BEGIN, waiting up to the busy timeout for
        another writer. Use it for a transaction that reads before it writes while another connection
        may write: a deferred one cannot wait there (SQLite refuses the upgrade of a read transaction at
        once with "database is locked", and always when another writer committed since its read)."""
        session = self.session_factory()
        try:
            if immediate:
                session.connection(execution_options={IMMEDIATE: True})
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session on one of the pooled read-only connections (query_only: a write raises). It sees
        the last commit when it began and never waits for the writer; rolled back at the end."""
        session = Session(self.read_engine)
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        self.read_engine.dispose()
        self.engine.dispose()


def open_store(path: Path | str, *, before_upgrade: Callable[[str, str], None] | None = None) -> Store:
    """Open (creating if needed) and upgrade the store at `path`.

    `before_upgrade(old, new)` is called before an existing store is brought to this version's schema (a
    minute or more on a million tickets: the app says so on screen first); not for a new store.
    Raises StoreError with a message for the user when the file is not a usable store.
    """
    path = Path(path).expanduser().resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"The folder {path.parent} cannot be created: {exc.strerror or exc}.") from exc
    engine = make_engine(path)
    try:
        _refuse_foreign(path)
        known = head_revision()
        current = current_revision(engine)
        if current is not None and not set(current.split("+")) <= known_revisions():
            raise StoreError(
                f"The store {path} was written by a newer version of Deskside (schema {current}); "
                "please update the app."
            )
        if current != known:
            if current is not None and before_upgrade is not None:
                before_upgrade(current, known)
            upgrade(engine)
        with Session(engine) as session:
            client_id = _ensure_meta(session, "client_id", new_id)
            has_fts = session.scalar(select(StoreMeta.value).where(StoreMeta.key == "fts")) == "1"
            if has_fts:
                finish_fts_rebuild(session)  # a first sync that suspended the triggers died before its end
            session.commit()
        with engine.connect() as conn:
            # A read-only file opens quietly and would fail only at the first edit; a write that
            # touches no row fails now, and the rollback leaves the file as it was.
            conn.exec_driver_sql("DELETE FROM store_meta WHERE 0")
            conn.rollback()
    except StoreError:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        raise StoreError(_explain(path, exc)) from exc
    return Store(
        path=path,
        engine=engine,
        session_factory=sessionmaker(engine, expire_on_commit=False),
        client_id=client_id,
        has_fts=has_fts,
    )


# Stores up to this size are checked page by page at every open (PRAGMA quick_check reads every page:
# about 0.1 s per 100 MB here); bigger ones only after an unclean shutdown (see _wants_check).
QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024


def _refuse_foreign(path: Path) -> None:
    """Refuse another program's SQLite file, or a damaged store, before the engine touches it:
    connecting switches the file to WAL and upgrading would add our tables to it. Read-only, so the
    file stays byte-identical."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    wal = path.with_name(path.name + "-wal")
    # Without a write-ahead log beside it the file holds everything, and `immutable` reads it without
    # making -wal and -shm files next to a store that may be refused; with one, those exist already.
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro" + ("" if wal.exists() else "&immutable=1"), uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "alembic_version" not in tables:
            raise StoreError(f"The file {path} is not a Deskside store (it holds other data). It was left untouched.")
        # A valid header with damaged pages would open fine and fail only at the first write that
        # touches them, with SQLite's words; found here, the user hears it before typing anything.
        if _wants_check(path) and con.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
            raise StoreError(_explain(path, sqlite3.DatabaseError("database disk image is malformed")))
    finally:
        con.close()


def _wants_check(path: Path) -> bool:
    """Small stores always; a big one (where a full read would slow every start by seconds) when its
    write-ahead log is still there, i.e. the last session did not close the store: a crash or a power
    cut, after which damage is likeliest."""
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size <= QUICK_CHECK_MAX_BYTES or (wal.exists() and wal.stat().st_size > 0)


def finish_fts_rebuild(session: Session) -> bool:
    """Put back the full-text triggers and ticket indexes a first sync suspended (app.sync.fts_pause) and rebuild the
    index from the tickets and worklogs, in the caller's transaction; the pending flag goes in the
    same transaction, so a crash at any point leaves either the flag or a complete index."""
    row = session.get(StoreMeta, FTS_REBUILD_PENDING)
    if row is None:
        return False
    conn = session.connection()
    present = {name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master")}  # triggers, indexes
    for name, sql in json.loads(row.value):
        if name not in present:
            conn.exec_driver_sql(sql)
    for sql in FTS_REBUILD:
        conn.exec_driver_sql(sql)
    session.delete(row)
    session.flush()
    return True


def _ensure_meta(session: Session, key: str, make) -> str:
    value = session.scalar(select(StoreMeta.value).where(StoreMeta.key == key))
    if value is None:
        value = make()
        session.add(StoreMeta(key=key, value=value))
    return value


def _explain(path: Path, exc: Exception) -> str:
    msg = str(getattr(exc, "orig", exc) or exc).lower()
    if "not a database" in msg or "malformed" in msg:
        return f"The file {path} is not a Deskside store or is damaged. It was left untouched."
    if "locked" in msg or "busy" in msg:
        return f"The store {path} is locked by another program. Close it and try again."
    if "full" in msg:
        return f"The disk holding {path} is full. Free some space and try again."
    if "readonly" in msg or "read-only" in msg or "permission" in msg or "unable to open" in msg:
        return f"The store {path} cannot be opened for writing ({msg})."
    return f"The store {path} cannot be opened: {msg}"


def integrity_ok(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(text("PRAGMA quick_check")).scalar() == "ok"
