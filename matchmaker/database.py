"""Database engine settings that must hold on every connection."""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    """SQLite ignores foreign keys (and so ON DELETE CASCADE) unless asked, per connection.

    WAL lets the pages read while a background job writes its progress, and the busy timeout
    makes a writer wait for another instead of failing at once.
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
