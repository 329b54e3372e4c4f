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

from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Company, Event, MeetingRequest, TimeSlot
from matchmaker.times import clock_time, day_label, venue_zone

ID_PATTERN = re.compile(r"\b([csr])(\d+)\b")
# "s113, s114, s115, ..." — a list of slots, shortened by the engine
SLOT_LIST = re.compile(r"\bs\d+(?:, s\d+)*(?P<more>, (?:\.\.\.|…))?")


def language_name(code: str) -> str:
    """ "zh" → "Chinese" / "中文" / "chinois", in the reader's language."""
    try:
        locale = Locale.parse(str(get_locale() or "en"))
        return locale.languages.get(code, code)
    except (ValueError, TypeError):
        return code


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s", first=", ".join(names[:-1]), last=names[-1])


@dataclass
class Namer:
    """Turns the solver's ids of one edition into names and local times (loaded in bulk)."""

    event: Event
    companies: dict[int, Company]
    slots: list[TimeSlot]  # every slot of the edition, in time order

    @classmethod
    def for_event(cls, event: Event, company_ids: Iterable[int] = ()) -> Namer:
        wanted = set(company_ids)
        companies = (
            {c.id: c for c in db.session.scalars(select(Company).where(Company.id.in_(wanted)))}
            if wanted
            else {}
        )
        slots = list(
            db.session.scalars(
                select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
            )
        )
        return cls(event, companies, slots)

    def company(self, company_id: int) -> str:
        company = self.companies.get(company_id)
        if company is None:
            company = db.session.get(Company, company_id)
            if company is None:
                return _("a company no longer registered")
            self.companies[company_id] = company
        return company.name

    def request(self, request_id: int) -> str:
        row = db.session.get(MeetingRequest, request_id)
        if row is None:
            return _("a withdrawn request")
        return f"{self.company(row.from_company_id)} – {self.company(row.to_company_id)}"

    def slot_ranges(self, slot_ids: Iterable[int]) -> str:
        """Slots as runs per day: "Wed, Dec 9 09:00–12:00, 14:00–15:30; Thu, Dec 10 09:00–09:25"."""
        wanted = set(slot_ids)
        zone = venue_zone(self.event)
        days: list[tuple[str, list[str]]] = []
        run: list[TimeSlot] = []

        def close_run() -> None:
            if not run:
                return
            label = day_label(run[0].starts_at, zone)
            text = f"{clock_time(run[0].starts_at, zone)}–{clock_time(run[-1].ends_at, zone)}"
            if days and days[-1][0] == label:
                days[-1][1].append(text)
            else:
                days.append((label, [text]))
            run.clear()

        for slot in self.slots:
            if slot.id in wanted:
                if run and run[-1].day_id != slot.day_id:
                    close_run()
                run.append(slot)
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


def _who(namer: Namer, why: dict) -> str:
    return _join([namer.company(c) for c in _ids(why.get("participants", []))])


# One message per reason code (solver/README.md lists them). Each receives the namer and ``why``.
TEMPLATES: dict[str, Callable[[Namer, dict], str]] = {
    "no_common_slot": lambda n, w: _(
        "%(companies)s have no free slot in common.", companies=_who(n, w)
    ),
    "session_has_no_slot": lambda n, w: _(
        "%(companies)s have no common free slot in the session asked for.", companies=_who(n, w)
    ),
    "participant_full": lambda n, w: _(
        "%(companies)s has every free slot it shares with the other company booked: %(slots)s.",
        companies=_who(n, w),
        slots=n.slot_ranges(_ids(w.get("slots", []))),
    ),
    "slot_full": lambda n, w: _(
        "Every table is taken in the slots both companies have free: %(slots)s.",
        slots=n.slot_ranges(_ids(w.get("slots", []))),
    ),
    "interpreter_full": lambda n, w: _(
        "All %(languages)s interpreters are busy in the slots both companies have free: %(slots)s.",
        languages=_join([language_name(code) for code in w.get("languages", [])]),
        slots=n.slot_ranges(_ids(w.get("slots", []))),
    ),
    "max_meetings": lambda n, w: _(
        "%(companies)s already has its maximum number of meetings.", companies=_who(n, w)
    ),
    "lower_weight": lambda n, w: _(
        "It would fit in %(slots)s, but meetings that weigh more took the room (or the time "
        "limit was reached).",
        slots=n.slot_ranges(_ids(w.get("slots", []))),
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


def company_ids_in(entries: Iterable[dict]) -> set[int]:
    """Every company an explanation of ``entries`` may name (to load them in one query)."""
    found: set[int] = set()
    for entry in entries:
        why = entry.get("why") or {}
        found.update(_ids(why.get("participants", [])))
        found.update(
            int(n) for kind, n in ID_PATTERN.findall(entry.get("reason") or "") if kind == "c"
        )
    return found
