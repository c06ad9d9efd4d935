"""The SQLite settings every Deskside database runs with, shared by the desktop store and the server."""


def set_safe_pragmas(dbapi_conn, *, busy_timeout_ms: int) -> None:
    """WAL with fsync on every commit, foreign keys enforced, and BEGIN left to SQLAlchemy.

    pysqlite's own transaction handling only BEGINs before DML, so a SAVEPOINT opened first became the
    outermost transaction and its RELEASE committed work that was later rolled back; with the driver's
    handling off, the engine's "begin" event emits BEGIN itself (the recipe in SQLAlchemy's SQLite notes).
    """
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cur.close()
