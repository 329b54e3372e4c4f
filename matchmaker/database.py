"""Database engine settings that must hold on every connection, and the one way services lock
the rows a rule reads before they write.

Races: every check-then-write that two users can race either relies on a database constraint or
locks first with :func:`lock_for_update`. On PostgreSQL that is ``SELECT … FOR UPDATE``; SQLite
has no row locks, so every transaction of a request that may write (any method but GET, HEAD,
OPTIONS) starts with ``BEGIN IMMEDIATE``: it takes SQLite's single write lock up front, so two
such requests run one after the other and each reads what the other committed. Reads (GET
requests, background jobs' reads) stay ``BEGIN`` (deferred) and, thanks to WAL, never wait.
"""

from __future__ import annotations

import sqlite3
from typing import TypeVar

from flask import g, has_request_context, request
from sqlalchemy import event, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from matchmaker.extensions import db

# Requests that never write (the house rule: GET requests never write).
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SQLITE_BUSY_TIMEOUT_MS = 15000

T = TypeVar("T")


@event.listens_for(Engine, "connect")
def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    """SQLite ignores foreign keys (and so ON DELETE CASCADE) unless asked, per connection.

    WAL lets the pages read while a background job writes its progress, and the busy timeout
    makes a writer wait for another instead of failing at once.
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


@event.listens_for(Engine, "begin")
def _begin_sqlite(connection) -> None:
    """A writing request's transaction takes the write lock up front. Everything else keeps
    the driver's own behaviour: reads outside a transaction, ``BEGIN`` just before the first
    write, so a job that reads for minutes and then writes never holds a stale snapshot."""
    if connection.dialect.name == "sqlite" and _may_write():
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        g.setdefault(_WRITE_LOCK_TAKEN, True)


_WRITE_LOCK_TAKEN = "matchmaker.sqlite_write_lock"


def release_write_lock(_error: BaseException | None = None) -> None:
    """``teardown_request``: end a transaction that took SQLite's write lock in this request and
    is still open (reads after the commit), so no lock outlives the request, even where the
    session does (an app context kept open around requests, as tests do)."""
    if g.pop(_WRITE_LOCK_TAKEN, False) and db.session().in_transaction():
        db.session.rollback()


def _may_write() -> bool:
    """A request that may write takes the write lock at its first statement; so do CLI commands
    and jobs that call :func:`lock_for_update` (they begin a fresh transaction through it)."""
    if has_request_context():
        return request.method not in READ_ONLY_METHODS
    return False


def lock_for_update(obj: T) -> T:
    """Lock ``obj``'s row until the transaction ends and reload everything the session holds,
    so the rule about to be checked reads what concurrent transactions committed.

    Call it before reading the rows a rule depends on. Pending changes are flushed first (they
    are part of this transaction, so nothing is lost by the reload).
    """
    db.session.flush()
    mapper = inspect(obj).mapper
    primary_key = inspect(obj).identity
    query = select(mapper.class_).with_for_update()
    for column, value in zip(mapper.primary_key, primary_key, strict=True):
        query = query.where(column == value)
    db.session.execute(query).scalar_one()
    db.session.expire_all()
    return obj


# SQLSTATEs of PostgreSQL's refusals when two transactions collide: serialization failure,
# deadlock detected, lock not available.
_LOST_RACE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def is_lost_race(error: Exception) -> bool:
    """Whether the database refused ``error``'s statement because a concurrent transaction got
    there first (answered 409, never 500), rather than a bug or an outage."""
    if isinstance(error, IntegrityError):
        return True
    if not isinstance(error, OperationalError):
        return False
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        return "locked" in str(original) or "busy" in str(original)
    return getattr(original, "sqlstate", None) in _LOST_RACE_SQLSTATES
