"""Why a request stays unscheduled, in the reader's language, with company names and local slot
times instead of the solver's ids.

The engine returns each unscheduled request with ``reason`` (English text naming ``c85``,
``s113``…) and, from issue 13 on, ``why``: ``{"code", "participants", "slots", "languages"}``.
A ``why`` is rendered with the message template of its code; an entry without one (older runs)
gets its reason text with every id replaced by a name or a local time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.languages.formatting import format_day, format_time, venue_zone
from matchmaker.models import Company, Event, MeetingRequest, TimeSlot
from matchmaker.reference import language_name

ID_PATTERN = re.compile(r"\b([csr])(\d+)\b")
# "s113, s114, s115, ..." — a list of slots, shortened by the engine
SLOT_LIST = re.compile(r"\bs\d+(?:, s\d+)*(?P<more>, (?:\.\.\.|…))?")


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s", first=", ".join(names[:-1]), last=names[-1])


@dataclass
class Namer:
    """Turns the solver's ids of one edition into names and local times (loaded in bulk)."""

    event: Event
    companies: dict[int, str]  # company id -> name
    slots: list[TimeSlot]  # every slot of the edition, in time order
    _spans: list[tuple[int, int, str, str, str]] | None = None  # id, day, day label, start, end

    def _slot_spans(self) -> list[tuple[int, int, str, str, str]]:
        """The slots as plain tuples with their labels, formatted once per namer."""
        if self._spans is None:
            zone = venue_zone(self.event)
            labels: dict[int, str] = {}
            spans = []
            for slot in self.slots:
                if slot.day_id not in labels:
                    labels[slot.day_id] = format_day(slot.starts_at, zone)
                spans.append(
                    (
                        slot.id,
                        slot.day_id,
                        labels[slot.day_id],
                        format_time(slot.starts_at, zone),
                        format_time(slot.ends_at, zone),
                    )
                )
            self._spans = spans
        return self._spans

    @classmethod
    def for_event(
        cls, event: Event, company_ids: Iterable[int] = (), *, names: dict[int, str] | None = None
    ) -> Namer:
        """A namer of ``event`` knowing ``names`` (id -> name) and the names of
        ``company_ids`` (one query); any other company is read when named."""
        companies = dict(names or {})
        wanted = set(company_ids) - set(companies)
        if wanted:
            companies.update(
                db.session.execute(
                    select(Company.id, Company.name).where(Company.id.in_(wanted))
                ).all()
            )
        slots = list(
            db.session.scalars(
                select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
            )
        )
        return cls(event, companies, slots)

    def company(self, company_id: int) -> str:
        name = self.companies.get(company_id)
        if name is None:
            company = db.session.get(Company, company_id)
            if company is None:
                return _("a company no longer registered")
            name = self.companies[company_id] = company.name
        return name

    def request(self, request_id: int) -> str:
        row = db.session.get(MeetingRequest, request_id)
        if row is None:
            return _("a withdrawn request")
        return f"{self.company(row.from_company_id)} – {self.company(row.to_company_id)}"

    def slot_ranges(self, slot_ids: Iterable[int]) -> str:
        """Slots as runs per day: "Wed, Dec 9 09:00–12:00, 14:00–15:30; Thu, Dec 10 09:00–09:25"."""
        wanted = set(slot_ids)
        days: list[tuple[str, list[str]]] = []
        run: list[tuple[int, int, str, str, str]] = []

        def close_run() -> None:
            if not run:
                return
            label, text = run[0][2], f"{run[0][3]}–{run[-1][4]}"
            if days and days[-1][0] == label:
                days[-1][1].append(text)
            else:
                days.append((label, [text]))
            run.clear()

        for span in self._slot_spans():
            if span[0] in wanted:
                if run and run[-1][1] != span[1]:
                    close_run()
                run.append(span)
            else:
                close_run()
        close_run()
        return "; ".join(f"{label} {', '.join(spans)}" for label, spans in days)

    def replace_ids(self, text: str) -> str:
        """The engine's English reason with every company, slot and request id named."""

        def slots(match: re.Match) -> str:
            ids = [int(n) for n in re.findall(r"s(\d+)", match.group(0))]
            named = self.slot_ranges(ids) or _("a removed slot")
            return _("%(slots)s and others", slots=named) if match.group("more") else named

        def name(match: re.Match) -> str:
            kind, number = match.group(1), int(match.group(2))
            if kind == "c":
                return self.company(number)
            return self.request(number)

        text = SLOT_LIST.sub(slots, text)
        return ID_PATTERN.sub(name, text)


def _ids(keys: Iterable[str]) -> list[int]:
    found = []
    for key in keys or []:
        match = ID_PATTERN.fullmatch(str(key))
        if match:
            found.append(int(match.group(2)))
    return found


SHOWN_NAMES = 6


def _who(namer: Namer, why: dict) -> str:
    names = [namer.company(c) for c in _ids(why.get("participants", []))]
    if len(names) > SHOWN_NAMES:
        rest = len(names) - SHOWN_NAMES
        names = [*names[:SHOWN_NAMES], _("%(count)d others", count=rest)]
    return _join(names)


def _slots(namer: Namer, why: dict) -> str:
    return namer.slot_ranges(_ids(why.get("slots", [])))


def _languages(why: dict) -> str:
    return _join([language_name(code) for code in why.get("languages", [])])


def _causes(namer: Namer, why: dict) -> str:
    """The blocking resources of a ``no_room`` / ``lower_weight`` why, one sentence each."""
    parts = []
    for cause in why.get("causes") or []:
        if isinstance(cause, dict) and cause.get("code") in TEMPLATES:
            parts.append(TEMPLATES[cause["code"]](namer, cause))
    return " ".join(parts)


# One message per reason code (solver/README.md, "Reasons as data"). Each receives the namer and
# the ``why``; an unknown code falls back to the engine's text with its ids named.
TEMPLATES: dict[str, Callable[[Namer, dict], str]] = {
    "session_has_no_slot": lambda n, w: _(
        "%(companies)s asked for a session in which this edition has no slot.",
        companies=_who(n, w),
    ),
    "no_common_slot": lambda n, w: _(
        "%(companies)s have no free slot in common.", companies=_who(n, w)
    ),
    "no_common_slot_in_session": lambda n, w: _(
        "%(companies)s have no common free slot in the session asked for (they share %(slots)s).",
        companies=_who(n, w),
        slots=_slots(n, w),
    ),
    "max_meetings": lambda n, w: _(
        "%(companies)s already has its maximum number of meetings.", companies=_who(n, w)
    ),
    "participant_full": lambda n, w: _(
        "%(companies)s is fully booked in every slot both companies have free: %(slots)s.",
        companies=_who(n, w),
        slots=_slots(n, w),
    ),
    "slot_full": lambda n, w: _(
        "Every table is taken in the slots both companies have free: %(slots)s.",
        slots=_slots(n, w),
    ),
    "interpreter_full": lambda n, w: _(
        "All %(languages)s interpreters are busy in the slots both companies have free: %(slots)s.",
        languages=_languages(w),
        slots=_slots(n, w),
    ),
    "no_room": lambda n, w: _(
        "No room in any slot both companies have free. %(causes)s", causes=_causes(n, w)
    ).strip(),
    "lower_weight": lambda n, w: _(
        "Every slot both companies have free is held by meetings that weigh more. %(causes)s",
        causes=_causes(n, w),
    ).strip(),
    "time_limit": lambda n, w: _(
        "It fits in %(slots)s, but the scheduler's time limit was reached first.",
        slots=_slots(n, w),
    ),
    "too_many_required": lambda n, w: _(
        "%(companies)s has more required meetings than free slots (%(slots)s).",
        companies=_who(n, w),
        slots=_slots(n, w),
    ),
    "pinned_conflict": lambda n, w: _(
        "Pinned meetings fill every slot %(companies)s could use: %(slots)s.",
        companies=_who(n, w),
        slots=_slots(n, w),
    ),
    "required_conflict": lambda n, w: _(
        "Required meetings of %(companies)s compete for the same people, tables or "
        "interpreters in %(slots)s.",
        companies=_who(n, w),
        slots=_slots(n, w),
    ),
    "not_in_version": lambda n, w: _(
        "Not placed in this version (edited by hand, or a request that is new since the run)."
    ),
}


def explain(entry: dict, namer: Namer) -> str:
    """One ``unscheduled`` entry of a schedule document, in words."""
    why = entry.get("why")
    if isinstance(why, dict) and why.get("code") in TEMPLATES:
        return TEMPLATES[why["code"]](namer, why)
    reason = entry.get("reason") or ""
    if not reason or reason == "Not placed in this version.":
        return _("Not placed in this version.")
    return namer.replace_ids(reason)
