"""Database engines: SQLite connection settings and transactions, and what a write error means.

``configure_sqlite`` makes SQLAlchemy (not the sqlite3 module) begin transactions, so that write
transactions take the write lock first (``BEGIN IMMEDIATE``) and SAVEPOINTs work; the error
helpers find the first database error of a chain and word it for the user.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import OperationalError

BUSY_TIMEOUT_MS = 30_000
"""How long SQLite waits for another writer before it reports the database busy."""


def configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, a busy timeout, and explicit BEGIN / BEGIN IMMEDIATE."""
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # SQLAlchemy, not the sqlite3 module, begins transactions (see _sqlite_begin), so that
    # write transactions can take the write lock first and SAVEPOINTs work.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")  # BUSY_TIMEOUT_MS
    _set_wal(cur)
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _set_wal(cur: Any) -> None:
    """``journal_mode=WAL``, retried: switching a new file to WAL needs an exclusive lock and
    SQLite answers "database is locked" at once, without the busy handler, when another
    connection opens the file at that moment (several processes creating one store)."""
    import sqlite3
    import time

    for attempt in range(100):
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 99:
                raise
            time.sleep(0.05)


def _sqlite_begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE for write transactions (the lock first, then the checks), else BEGIN."""
    write = conn.get_execution_options().get("fogline_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def first_error(exc: OperationalError) -> OperationalError:
    """The database error that started it all (a failed ROLLBACK TO SAVEPOINT hides it)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, OperationalError):
            exc = cause
        cause = cause.__cause__ or cause.__context__
    return exc


def is_busy(exc: OperationalError) -> bool:
    """Whether the error says another writer holds the database."""
    detail = str(exc.orig or exc).lower()
    return "database is locked" in detail or "database is busy" in detail or "deadlock" in detail


def write_failure(name: str, engine: Engine, exc: OperationalError) -> str:
    """What went wrong writing, with the database's name and the likely cause."""
    detail = str(exc.orig or exc).splitlines()[0]
    message = f"cannot write to database {name}: {detail}"
    if is_busy(exc):
        return message + " (another process held it too long; rerun to resume)"
    if engine.dialect.name == "sqlite" and engine.url.database:
        folder = Path(engine.url.database).expanduser().resolve().parent
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            free = None
        if free is not None and free < 64 * 1024 * 1024:
            message += f" (the disk holding {folder} has {free / 1024 / 1024:.1f} MB free)"
        elif "readonly" in detail or "read-only" in detail:
            message += f" (is {folder} writable?)"
    if "full" in detail:
        message += "; free some space"
    return message + "; what was stored before is kept and a rerun resumes"


# -- writing --------------------------------------------------------------------------
