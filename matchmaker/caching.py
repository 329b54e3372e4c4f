"""Figures that are the same for everyone (the public timetable, the public statistics), cached
between requests and retired when the rows they come from change.

Each *family* of cached figures depends on some models (``FAMILIES``). When a transaction that
inserted, changed or deleted a row of one of them commits, the family's generation number in
``cache_generations`` goes up (one UPDATE right after the commit, in a transaction of its own).
A value is cached with the generation it was computed under; a reader first reads the current
generation (one primary-key lookup) and recomputes when it differs. The number lives in the
database, so every gunicorn worker and every machine sees a publish or a new outcome report at
once, whatever the cache storage:

* Redis when ``REDIS_URL`` is configured (shared by all workers: each value computed once);
* otherwise a small dictionary in each worker process (each worker computes a value once per
  generation).

``CACHE_MAX_STALENESS_S`` (default 10 s; per family in ``STALENESS_CONFIG``) bounds how often an
expensive family is recomputed while writes keep coming (on the fair morning every outcome
report is a change): a retired value younger than that is still served. 0 recomputes on every
change (the tests use 0).
"""

from __future__ import annotations

import contextlib
import pickle
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask, current_app, has_app_context
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import event, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import ORMExecuteState, Session

from matchmaker.extensions import db
from matchmaker.models import (
    CacheGeneration,
    Company,
    Event,
    Meeting,
    MeetingDayStatus,
    OutcomeReport,
    Participation,
    PastEdition,
    ScheduleVersion,
    TimeSlot,
)

T = TypeVar("T")

TIMETABLE = "timetable"
STATISTICS = "statistics"
FAMILIES: dict[str, tuple[type, ...]] = {
    TIMETABLE: (Event, ScheduleVersion, Meeting, TimeSlot, Company),
    STATISTICS: (
        Event,
        ScheduleVersion,
        Meeting,
        Participation,
        Company,
        MeetingDayStatus,
        OutcomeReport,
        PastEdition,
    ),
}
# Families whose retired values may be served for CACHE_MAX_STALENESS_S while being replaced.
STALENESS_CONFIG = {STATISTICS: "CACHE_MAX_STALENESS_S"}
_PENDING = "matchmaker_cache_families"
_APP_TOKEN = "matchmaker_cache_namespace"
_COMMITTED = "matchmaker_cache_committed"


@dataclass(frozen=True)
class _Entry:
    generation: int
    computed_at: float
    value: Any


class _LocalStore:
    """The per-process store when there is no Redis: a dictionary behind a lock."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> _Entry | None:
        with self._lock:
            return self._entries.get(key)

    def set(self, key: str, entry: _Entry) -> None:
        with self._lock:
            self._entries[key] = entry


class _RedisStore:
    PREFIX = "matchmaker:cache:"
    TTL_S = 24 * 3600

    def __init__(self, url: str) -> None:
        self._redis = Redis.from_url(url)

    def get(self, key: str) -> _Entry | None:
        try:
            raw = self._redis.get(self.PREFIX + key)
        except RedisError:
            return None  # the database is the truth: compute instead
        return pickle.loads(raw) if raw else None

    def set(self, key: str, entry: _Entry) -> None:
        with contextlib.suppress(RedisError):  # not stored: computed again next time
            self._redis.set(self.PREFIX + key, pickle.dumps(entry), ex=self.TTL_S)


_local = _LocalStore()
_redis_stores: dict[str, _RedisStore] = {}


def init_app(app: Flask) -> None:
    """Give the app its own namespace in the per-process store (two apps in one process, as
    in the tests, never see each other's values)."""
    app.extensions[_APP_TOKEN] = uuid.uuid4().hex


def _store_and_namespace() -> tuple[_LocalStore | _RedisStore, str]:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return _local, current_app.extensions[_APP_TOKEN]
    if url not in _redis_stores:
        _redis_stores[url] = _RedisStore(url)
    # Shared by every worker of one database.
    return _redis_stores[url], db.engine.url.render_as_string(hide_password=True)


def current_generation(family: str) -> int:
    return (
        db.session.scalar(select(CacheGeneration.generation).where(CacheGeneration.name == family))
        or 0
    )


def cached(family: str, key: str, compute: Callable[[], T]) -> T:
    """The value of ``compute()`` for ``key``, computed again only after the family's rows
    changed. The value must pickle (plain data, no ORM objects) when Redis stores it."""
    generation = current_generation(family)
    store, namespace = _store_and_namespace()
    full_key = f"{namespace}:{family}:{key}"
    entry = store.get(full_key)
    if entry is not None and entry.generation == generation:
        return entry.value
    staleness_key = STALENESS_CONFIG.get(family)
    max_stale = current_app.config.get(staleness_key, 0) if staleness_key else 0
    if entry is not None and time.time() - entry.computed_at < max_stale:
        return entry.value
    value = compute()
    store.set(full_key, _Entry(generation, time.time(), value))
    return value


def bump(families: set[str] | list[str]) -> None:
    """Retire the values of ``families``: give them new generation numbers, committed at once.
    A number is random rather than counted up, so a database recreated or restored from a
    backup never hands out a number that a value of other rows was cached under."""
    for family in sorted(families):
        new = {"generation": secrets.randbelow(2**31 - 1) + 1}
        with db.engine.begin() as connection:
            changed = connection.execute(
                update(CacheGeneration).where(CacheGeneration.name == family).values(**new)
            ).rowcount
        if changed:
            continue
        try:
            with db.engine.begin() as connection:
                connection.execute(insert(CacheGeneration).values(name=family, **new))
        except IntegrityError:  # another process created it meanwhile: that retires it too
            pass


def _families_of(objects) -> set[str]:
    found: set[str] = set()
    for obj in objects:
        for family, models in FAMILIES.items():
            if isinstance(obj, models):
                found.add(family)
    return found


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, _flush_context) -> None:
    touched = _families_of([*session.new, *session.dirty, *session.deleted])
    if touched:
        session.info.setdefault(_PENDING, set()).update(touched)


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_changes(state: ORMExecuteState) -> None:
    """Bulk statements skip the flush. UPDATE/DELETE retire every family, to be safe; an
    INSERT (the spreadsheet import's) the families of the table it fills."""
    if state.is_update or state.is_delete:
        state.session.info.setdefault(_PENDING, set()).update(FAMILIES)
    elif state.is_insert and state.bind_mapper is not None:
        model = state.bind_mapper.class_
        touched = {family for family, models in FAMILIES.items() if issubclass(model, models)}
        if touched:
            state.session.info.setdefault(_PENDING, set()).update(touched)


@event.listens_for(Session, "after_commit")
def _note_commit(session: Session) -> None:
    # Also fires when a savepoint commits; the retiring waits for the outermost transaction.
    session.info[_COMMITTED] = True


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_COMMITTED, None)


@event.listens_for(Session, "after_transaction_end")
def _retire_after_commit(session: Session, transaction) -> None:
    if transaction.parent is not None:  # a savepoint or an inner transaction ended
        return
    families = session.info.pop(_PENDING, None)
    committed = session.info.pop(_COMMITTED, False)
    if committed and families and has_app_context():
        bump(families)
