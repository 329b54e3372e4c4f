"""Facts about one meeting that the scheduler, the draft editor and the event day share: its
video room, whether it is held online, and which interpreter pool it needs.

One home for each, so the draft a run produces, a meeting added by hand and a meeting rebooked
on the day always agree.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select

from matchmaker.enums import AttendanceMode
from matchmaker.extensions import db
from matchmaker.models import InterpreterPool, MeetingRequest, Participation

# Interpreters translate between English and one other language.
BRIDGE_LANGUAGE = "en"


def video_link(event_id: int, request_id: int) -> str:
    """A stable, unguessable room per meeting: re-publishing never changes a link."""
    secret = current_app.config["SECRET_KEY"].encode()
    token = hmac.new(secret, f"{event_id}:{request_id}".encode(), hashlib.sha256).hexdigest()[:20]
    return current_app.config["VIDEO_LINK_TEMPLATE"].format(event=event_id, token=token)


def is_online_attendance(modes: Iterable[AttendanceMode]) -> bool:
    """A meeting is held online (no table, a video link) when either side attends remotely."""
    return AttendanceMode.REMOTE in set(modes)


def is_online(event_id: int, request: MeetingRequest) -> bool:
    """Whether ``request``'s meeting at edition ``event_id`` is held online."""
    modes = db.session.scalars(
        select(Participation.attendance).where(
            Participation.event_id == event_id,
            Participation.company_id.in_([request.from_company_id, request.to_company_id]),
        )
    )
    return is_online_attendance(modes)


def interpreter_language(
    languages_a: Iterable[str], languages_b: Iterable[str], pooled: Iterable[str]
) -> str | None:
    """The interpreter pool a meeting needs: none when the two share a language; otherwise the
    pooled language of the side that does not speak English (interpreters work via English)."""
    languages_a, languages_b, pooled = list(languages_a), list(languages_b), set(pooled)
    if set(languages_a) & set(languages_b):
        return None
    for own, other in ((languages_a, languages_b), (languages_b, languages_a)):
        if BRIDGE_LANGUAGE in other:
            for language in own:
                if language in pooled:
                    return language
    return None


def interpreter_pools(event_id: int) -> dict[str, int]:
    """Interpreters per slot, by language, at edition ``event_id``."""
    return {
        pool.language: pool.per_slot
        for pool in db.session.scalars(
            select(InterpreterPool).where(InterpreterPool.event_id == event_id)
        )
    }


def interpreter_for(event_id: int, request: MeetingRequest) -> str | None:
    """The interpreter pool ``request``'s meeting needs at edition ``event_id``, if any."""
    return interpreter_language(
        request.from_company.languages,
        request.to_company.languages,
        interpreter_pools(event_id),
    )
