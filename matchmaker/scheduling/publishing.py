"""Publishing a draft, comparing versions, and the published schedule as a solver document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import defer
from werkzeug.exceptions import NotFound

from matchmaker import phases
from matchmaker.access import require_organizer
from matchmaker.database import lock_for_update
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    ScheduleRun,
    ScheduleVersion,
    User,
)
from matchmaker.scheduling.diff import Placed, VersionDiff, compare_versions, placements
from matchmaker.scheduling.instance_export import (
    build_instance,
    request_key,
    slot_key,
)
from matchmaker.scheduling.notifications import (
    companies_to_notify,
    companies_with_meetings,
    notify_published,
)
from matchmaker.scheduling.runs import published_version, utcnow
from solver.checker import check

SCHEDULE_FORMAT = "matchmaker-schedule/1"


def get_version(version_id: int, actor: User) -> ScheduleVersion:
    require_organizer(actor)
    version = db.session.get(ScheduleVersion, version_id)
    if version is None:
        raise NotFound()
    return version


def version_of_run(run: ScheduleRun) -> ScheduleVersion | None:
    return db.session.scalar(select(ScheduleVersion).where(ScheduleVersion.run_id == run.id))


def publish(version: ScheduleVersion, actor: User, *, replaces: int | None = None) -> bool:
    """Make ``version`` the schedule participants see. One update of the event row switches
    from the old version to the new one. Publishing the version already shown changes nothing
    (safe to click twice, also at the same moment: the event row is locked, so the e-mails go
    out once) and returns False; an older published version cannot come back.

    ``replaces`` is the published version the organizer reviewed the draft against (0: none);
    when another version was published since, the draft is refused, so of two drafts published
    at the same moment only one wins."""
    require_organizer(actor)
    event = lock_for_update(db.session.get(Event, version.event_id))
    if event.published_version_id == version.id:
        return False
    if replaces is not None and (event.published_version_id or 0) != replaces:
        raise RuleViolation(
            _(
                "Another version was published while you were reviewing this one; review "
                "this draft against the schedule now published before publishing it."
            )
        )
    if not version.is_draft:
        raise RuleViolation(
            _(
                "Version %(number)d was published before and replaced; publish a new draft.",
                number=version.number,
            )
        )
    run = db.session.get(ScheduleRun, version.run_id) if version.run_id else None
    phases.require_can_publish(event, phases.version_is_preview(version, run))
    previous = published_version(event)
    version.published_at = utcnow()
    version.published_by_id = actor.id
    event.published_version_id = version.id
    event.phase = phases.PHASE_AFTER_PUBLISHING
    db.session.flush()
    notify_published(
        event, version, compare_versions(previous, version), first_publication=previous is None
    )
    return True


@dataclass
class PublicationPreview:
    """What publishing ``version`` would do, for the confirmation page."""

    version: ScheduleVersion
    diff: VersionDiff
    first_publication: bool
    notified: int  # companies that get an e-mail
    with_meetings: int  # companies with at least one meeting in the version
    changed: int  # companies whose agenda changes (0 on the first publication)
    preview: bool


def publication_preview(version: ScheduleVersion, actor: User) -> PublicationPreview:
    require_organizer(actor)
    event = db.session.get(Event, version.event_id)
    previous = published_version(event)
    diff = compare_versions(previous, version)  # reads the version's meetings once
    first = previous is None
    with_meetings = companies_with_meetings(version, diff.after)
    run = _run_without_documents(version)
    return PublicationPreview(
        version=version,
        diff=diff,
        first_publication=first,
        notified=len(companies_to_notify(version, diff, first)),
        with_meetings=len(with_meetings),
        changed=0 if first else len(diff.affected_company_ids),
        preview=phases.version_is_preview(version, run),
    )


def _run_without_documents(version: ScheduleVersion) -> ScheduleRun | None:
    """The version's run for its flags, without parsing its instance and result documents
    (megabytes of JSON at 2,000 companies)."""
    if not version.run_id:
        return None
    return db.session.scalar(
        select(ScheduleRun)
        .where(ScheduleRun.id == version.run_id)
        .options(defer(ScheduleRun.instance), defer(ScheduleRun.result))
    )


NOT_IN_VERSION = "Not placed in this version."


def _not_in_version(request: dict[str, Any]) -> dict[str, Any]:
    """The ``why`` of a request the run did not leave out (edited by hand, or new since)."""
    sides = [request["a"], request["b"]]
    return {"code": "not_in_version", "participants": sides, "slots": [], "languages": []}


def schedule_document(
    version: ScheduleVersion,
    *,
    run: ScheduleRun | None = None,
    rows: list[Placed] | None = None,
    instance: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``version`` as a ``matchmaker-schedule/1`` document with figures recomputed by the
    independent checker, against the instance its run solved (or today's rows). A caller that
    already holds the version's run, its ``placements`` or the instance passes them (read once
    per page)."""
    if run is None and version.run_id:
        run = db.session.get(ScheduleRun, version.run_id)
    event = db.session.get(Event, version.event_id)
    if instance is None:
        instance = run.instance if run and run.instance else build_instance(event)
    solver_result = (run.result or {}) if run else {}
    if rows is None:
        rows = placements(version)
    meetings = [
        {"request": request_key(p.request_id), "slot": slot_key(p.slot_id), "table": p.table_number}
        for p in rows
    ]
    placed = {m["request"] for m in meetings}
    solved = {u["request"]: u for u in solver_result.get("unscheduled", [])}
    unscheduled = [
        {
            "request": r["id"],
            "reason": solved[r["id"]]["reason"] if r["id"] in solved else NOT_IN_VERSION,
            "why": solved.get(r["id"], {}).get("why") or _not_in_version(r),
        }
        for r in instance["requests"]
        if r["id"] not in placed
    ]
    document = {
        "format": SCHEDULE_FORMAT,
        "instance": instance.get("name"),
        "meetings": meetings,
        "unscheduled": unscheduled,
    }
    figures = check(instance, document).figures
    document["stats"] = {
        "status": solver_result.get("stats", {}).get("status", "FEASIBLE"),
        "scheduled": figures["scheduled"],
        "weight": figures["weight"],
        "upper_bound": solver_result.get("stats", {}).get("upper_bound"),
        "idle_gaps": figures["idle_gaps"],
        "moved": figures["moved"],
        "wall_s": solver_result.get("stats", {}).get("wall_s"),
    }
    return document


def published_schedule_document(event: Event) -> dict[str, Any]:
    version = published_version(event)
    if version is None:
        raise RuleViolation(_("Nothing is published for this edition yet."))
    return schedule_document(version)
