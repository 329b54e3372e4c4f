"""Manual edits of a draft schedule: pin, move, remove and add meetings, with conflict checks.

Conflicts are computed from the draft's rows each time, never stored. Published versions are
frozen: edits after publication go to a new draft copied from the published version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Protocol

from flask_babel import gettext as _
from sqlalchemy import Integer, insert, literal, select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import NotFound

from matchmaker.access import require_organizer
from matchmaker.database import lock_for_update
from matchmaker.enums import MeetingMode, RequestStatus
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingTable,
    Participation,
    ScheduleVersion,
    SlotUnavailability,
    TimeSlot,
    User,
)
from matchmaker.reference import language_name
from matchmaker.scheduling.meeting_facts import (
    interpreter_for,
    interpreter_pools,
    is_online,
    video_link,
)
from matchmaker.scheduling.runs import next_version_number, published_version

SCHEDULABLE_STATUSES = (RequestStatus.ACCEPTED, RequestStatus.PENDING)


class PlacedMeeting(Protocol):
    """A meeting in a slot as the placement rules see it: a ``Meeting`` row of a schedule
    version, or a ``Placement`` of the event day's plan."""

    @property
    def request_id(self) -> int: ...
    @property
    def slot_id(self) -> int: ...
    @property
    def table_id(self) -> int | None: ...
    @property
    def interpreter_language(self) -> str | None: ...
    @property
    def request(self) -> MeetingRequest: ...


class MeetingPlan(Protocol):
    """The meetings of one edition placed in slots: a ``ScheduleVersion`` (a draft being
    edited) or the event day's ``DayPlan`` (the published schedule with the day's changes)."""

    @property
    def event_id(self) -> int: ...
    @property
    def meetings(self) -> Sequence[PlacedMeeting]: ...


def get_meeting(meeting_id: int, actor: User) -> Meeting:
    require_organizer(actor)
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound()
    return meeting


def _require_draft(version: ScheduleVersion) -> None:
    if not version.is_draft:
        raise RuleViolation(_("Published versions are frozen; edit a draft instead."))


def placement_conflicts(
    version: MeetingPlan,
    request: MeetingRequest,
    slot: TimeSlot,
    table: MeetingTable | None,
    *,
    ignoring: PlacedMeeting | None = None,
) -> list[str]:
    """Every hard rule that placing ``request`` in ``slot`` at ``table`` would break, in a draft
    or in the event day's plan (``ignoring``: the meeting being moved)."""
    problems: list[str] = []
    if slot.event_id != version.event_id or (table and table.event_id != version.event_id):
        return [_("That slot or table belongs to another edition.")]
    if slot.closed:
        problems.append(_("The slot is closed."))
    others = [
        m for m in _in_slot(version, slot) if m is not ignoring and m.request_id != request.id
    ]
    for company in (request.from_company, request.to_company):
        participation = _participation(version.event_id, company.id)
        if participation is None:
            problems.append(_("%(name)s does not take part in this edition.", name=company.name))
            continue
        if slot.day_id not in {day.id for day in participation.days}:
            problems.append(_("%(name)s is not present that day.", name=company.name))
        elif _marked_unavailable(participation, slot):
            problems.append(_("%(name)s is unavailable in that slot.", name=company.name))
        busy = sum(
            1 for m in others if company.id in (m.request.from_company_id, m.request.to_company_id)
        )
        if busy >= participation.delegates:
            problems.append(_("%(name)s already has a meeting in that slot.", name=company.name))
    if table is not None:
        if any(m.table_id == table.id for m in others):
            problems.append(_("Table %(number)d is taken in that slot.", number=table.number))
        if slot.table_count is not None and table.number > slot.table_count:
            problems.append(
                _("Only %(count)d tables are in use in that slot.", count=slot.table_count)
            )
    problems.extend(_interpreter_conflicts(version, request, others))
    return problems


def _in_slot(version, slot: TimeSlot) -> list:
    """The meetings of ``version`` in ``slot``: one query for a stored version (never the whole
    schedule); a day plan (``scheduling.day_plan``) filters its placements."""
    if isinstance(version, ScheduleVersion):
        return list(
            db.session.scalars(
                select(Meeting)
                .where(Meeting.version_id == version.id, Meeting.slot_id == slot.id)
                .options(joinedload(Meeting.request))
            )
        )
    return [m for m in version.meetings if m.slot_id == slot.id]


def _interpreter_conflicts(
    version: MeetingPlan, request: MeetingRequest, others: list[PlacedMeeting]
) -> list[str]:
    pools = interpreter_pools(version.event_id)
    language = interpreter_for(version.event_id, request)
    if language is None:
        return []
    in_use = sum(1 for m in others if m.interpreter_language == language)
    if in_use >= pools[language]:
        return [
            _(
                "All %(count)d interpreters for %(language)s are busy in that slot.",
                count=pools[language],
                language=language_name(language),
            )
        ]
    return []


def _participation(event_id: int, company_id: int) -> Participation | None:
    return db.session.scalar(
        select(Participation).where(
            Participation.event_id == event_id, Participation.company_id == company_id
        )
    )


def _marked_unavailable(participation: Participation, slot: TimeSlot) -> bool:
    return db.session.get(SlotUnavailability, (participation.id, slot.id)) is not None


def _free_table(version: ScheduleVersion, slot: TimeSlot) -> MeetingTable | None:
    taken = {m.table_id for m in _in_slot(version, slot)}
    query = select(MeetingTable).where(MeetingTable.event_id == version.event_id)
    if slot.table_count is not None:
        query = query.where(MeetingTable.number <= slot.table_count)
    for table in db.session.scalars(query.order_by(MeetingTable.number)):
        if table.id not in taken:
            return table
    return None


def _place(
    version: ScheduleVersion,
    request: MeetingRequest,
    slot: TimeSlot,
    table: MeetingTable | None,
    ignoring: Meeting | None,
) -> MeetingTable | None:
    """Check a placement and choose a table when none is given; raise with every conflict."""
    no_table_left = False
    if is_online(version.event_id, request):
        table = None
    elif table is None:
        table = _free_table(version, slot)
        no_table_left = table is None
    problems = placement_conflicts(version, request, slot, table, ignoring=ignoring)
    if no_table_left:
        problems.append(_("Every table is taken in that slot."))
    if problems:
        raise RuleViolation(" ".join(problems))
    return table


def move_meeting(
    meeting: Meeting, slot: TimeSlot, table: MeetingTable | None, actor: User
) -> Meeting:
    require_organizer(actor)
    lock_for_update(meeting.version)  # two moves into one slot are checked one after the other
    _require_draft(meeting.version)
    meeting.table = _place(meeting.version, meeting.request, slot, table, ignoring=meeting)
    meeting.slot = slot
    db.session.flush()
    return meeting


def set_pinned(meeting: Meeting, pinned: bool, actor: User) -> None:
    """A pinned meeting stays in its slot when the scheduler runs again."""
    require_organizer(actor)
    _require_draft(meeting.version)
    meeting.pinned = pinned
    db.session.flush()


def remove_meeting(meeting: Meeting, actor: User) -> None:
    require_organizer(actor)
    _require_draft(meeting.version)
    version = meeting.version
    db.session.delete(meeting)
    db.session.flush()
    db.session.expire(version, ["meetings"])


def add_meeting(
    version: ScheduleVersion,
    request: MeetingRequest,
    slot: TimeSlot,
    table: MeetingTable | None,
    actor: User,
) -> Meeting:
    """Schedule a request by hand (pinned, so a re-run keeps it)."""
    require_organizer(actor)
    lock_for_update(version)
    _require_draft(version)
    if request.event_id != version.event_id:
        raise NotFound()
    if request.status not in SCHEDULABLE_STATUSES:
        raise RuleViolation(
            _(
                "This request is not accepted (%(status)s); it cannot meet.",
                status=_(request.status.label),
            )
        )
    if _pair_meets(version, request):
        raise RuleViolation(_("These two companies already meet in this draft."))
    chosen = _place(version, request, slot, table, ignoring=None)
    online = is_online(version.event_id, request)
    meeting = Meeting(
        request=request,
        slot=slot,
        table=chosen,
        mode=MeetingMode.ONLINE if online else MeetingMode.ON_SITE,
        video_link=video_link(version.event_id, request.id) if online else None,
        interpreter_language=interpreter_for(version.event_id, request),
        pinned=True,
    )
    meeting.version_id = version.id
    db.session.add(meeting)
    db.session.flush()
    db.session.expire(version, ["meetings"])
    return meeting


def _pair_meets(version: ScheduleVersion, request: MeetingRequest) -> bool:
    a, b = request.from_company_id, request.to_company_id
    return (
        db.session.scalar(
            select(Meeting.id)
            .join(MeetingRequest, MeetingRequest.id == Meeting.request_id)
            .where(
                Meeting.version_id == version.id,
                ((MeetingRequest.from_company_id == a) & (MeetingRequest.to_company_id == b))
                | ((MeetingRequest.from_company_id == b) & (MeetingRequest.to_company_id == a)),
            )
            .limit(1)
        )
        is not None
    )


def draft_for_editing(event: Event, actor: User) -> ScheduleVersion:
    """The newest draft of ``event``; after publication a copy of the published version, so
    late changes are prepared without touching what participants see. The event row is
    locked, so clicks at the same moment share one copy."""
    require_organizer(actor)
    lock_for_update(event)
    newest = db.session.scalar(
        select(ScheduleVersion)
        .where(ScheduleVersion.event_id == event.id)
        .order_by(ScheduleVersion.number.desc())
        .limit(1)
    )
    if newest is not None and newest.is_draft:
        return newest
    published = published_version(event)
    if published is None:
        raise RuleViolation(_("There is no schedule yet: run the scheduler first."))
    copy = ScheduleVersion(
        event_id=event.id, number=next_version_number(event.id), run_id=published.run_id
    )
    db.session.add(copy)
    db.session.flush()
    columns = [
        "request_id",
        "slot_id",
        "table_id",
        "mode",
        "video_link",
        "interpreter_language",
        "pinned",
    ]
    # One INSERT … SELECT: copying 7,000 meetings row by row took seconds.
    db.session.execute(
        insert(Meeting).from_select(
            ["version_id", *columns],
            select(literal(copy.id, Integer), *(getattr(Meeting, name) for name in columns)).where(
                Meeting.version_id == published.id
            ),
        )
    )
    db.session.expire(copy, ["meetings"])
    return copy


# --- edits as data, with their inverse (the editor's undo) -------------------------------------

EDIT_KINDS = ("move", "pin", "remove", "add")


@dataclass(frozen=True)
class Edit:
    """One edit of a draft. ``apply_edit`` returns the edit that undoes it; the editor keeps
    that in the organizer's session for "Undo"."""

    kind: str
    version_id: int
    meeting_id: int | None = None
    request_id: int | None = None
    slot_id: int | None = None
    table_id: int | None = None
    pinned: bool | None = None

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Edit | None:
        if not isinstance(data, dict) or data.get("kind") not in EDIT_KINDS:
            return None
        try:
            return cls(**{f.name: data.get(f.name) for f in fields(cls)})
        except TypeError:
            return None


def _meeting_in(version: ScheduleVersion, meeting_id: int | None) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id) if meeting_id else None
    if meeting is None or meeting.version_id != version.id:
        raise NotFound()
    return meeting


def _of_event(model, object_id: int | None, event_id: int):
    found = db.session.get(model, object_id) if object_id else None
    if found is None or found.event_id != event_id:
        raise NotFound()
    return found


def apply_edit(version: ScheduleVersion, edit: Edit, actor: User) -> tuple[Meeting | None, Edit]:
    """Apply ``edit`` to the draft with every conflict rule; returns the meeting it touched
    (None when removed) and the edit that undoes it."""
    require_organizer(actor)
    _require_draft(version)
    if edit.version_id != version.id:
        raise RuleViolation(_("That edit belongs to another version."))
    if edit.kind == "move":
        meeting = _meeting_in(version, edit.meeting_id)
        undo = Edit(
            "move", version.id, meeting.id, slot_id=meeting.slot_id, table_id=meeting.table_id
        )
        slot = _of_event(TimeSlot, edit.slot_id, version.event_id)
        table = _of_event(MeetingTable, edit.table_id, version.event_id) if edit.table_id else None
        return move_meeting(meeting, slot, table, actor), undo
    if edit.kind == "pin":
        meeting = _meeting_in(version, edit.meeting_id)
        undo = Edit("pin", version.id, meeting.id, pinned=meeting.pinned)
        set_pinned(meeting, bool(edit.pinned), actor)
        return meeting, undo
    if edit.kind == "remove":
        meeting = _meeting_in(version, edit.meeting_id)
        undo = Edit(
            "add",
            version.id,
            request_id=meeting.request_id,
            slot_id=meeting.slot_id,
            table_id=meeting.table_id,
            pinned=meeting.pinned,
        )
        remove_meeting(meeting, actor)
        return None, undo
    request = _of_event(MeetingRequest, edit.request_id, version.event_id)
    slot = _of_event(TimeSlot, edit.slot_id, version.event_id)
    table = _of_event(MeetingTable, edit.table_id, version.event_id) if edit.table_id else None
    meeting = add_meeting(version, request, slot, table, actor)
    if edit.pinned is not None:
        meeting.pinned = bool(edit.pinned)
        db.session.flush()
    return meeting, Edit("remove", version.id, meeting.id)
