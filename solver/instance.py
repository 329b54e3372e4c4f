"""Load and validate a ``matchmaker-instance/1`` document into index-based structures.

Every id is replaced by a dense index (slots in time order, participants, requests, languages).
Slot sets are Python ``int`` bitmasks (bit ``t`` = slot ``t``): with at most a few dozen slots
they make the feasibility tests of the greedy and of the reasons a handful of integer operations.

Bad input raises :class:`InstanceError` whose message starts with the offending field, e.g.
``requests[3].b: unknown participant 'c999'``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

FORMAT = "matchmaker-instance/1"
UNLIMITED = 1 << 30  # stands for "no cap" in capacity / max_meetings arrays


class InstanceError(Exception):
    """The instance is malformed; the message names the offending field."""


@dataclass(frozen=True)
class Instance:
    """A validated instance; all ids replaced by dense indexes."""

    name: str
    raw: dict = field(repr=False)
    # slots (time order)
    slot_ids: list[str]
    slot_session: list[str]
    slot_block: np.ndarray  # block index of each slot; a block is one (day, session)
    blocks: list[list[int]]  # slots of each block, in time order
    capacity: np.ndarray  # tables per slot, UNLIMITED when absent/null
    # participants
    participant_ids: list[str]
    parallel: np.ndarray
    max_meetings: np.ndarray  # UNLIMITED when absent/null
    available: list[int]  # bitmask of usable slots per participant
    requests_of: list[list[int]]  # request indexes touching each participant
    # requests
    request_ids: list[str]
    req_a: np.ndarray
    req_b: np.ndarray
    weight: np.ndarray
    required: np.ndarray  # bool
    fixed_slot: np.ndarray  # slot index or -1
    language: np.ndarray  # index into ``languages`` or -1 (no limited interpreter)
    online: np.ndarray  # bool: held by video, takes no table (not counted in ``capacity``)
    session_mask: list[int]  # slots allowed by the request's session (all when none)
    allowed: list[int]  # slots where both sides are available, in session, pin respected
    # interpreters
    languages: list[str]
    interpreters: np.ndarray  # interpreters per language
    # previous schedule (re-planning); -1 / 0 when the request had no previous meeting
    previous_slot: np.ndarray
    previous_table: np.ndarray

    @property
    def n_slots(self) -> int:
        return len(self.slot_ids)

    @property
    def n_participants(self) -> int:
        return len(self.participant_ids)

    @property
    def n_requests(self) -> int:
        return len(self.request_ids)

    @property
    def all_slots(self) -> int:
        return (1 << self.n_slots) - 1


def load_instance_text(text: str) -> Instance:
    """Parse JSON text then validate it; malformed JSON is an :class:`InstanceError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InstanceError(f"instance: malformed JSON ({exc})") from None
    return load_instance(data)


def load_instance_file(path: str) -> Instance:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise InstanceError(f"instance: cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InstanceError(f"instance: {path} is not UTF-8 text") from None
    return load_instance_text(text)


def load_instance(data: object) -> Instance:
    """Validate an instance dict and index it. Raises :class:`InstanceError`."""
    if not isinstance(data, dict):
        raise InstanceError("instance: expected a JSON object")
    if data.get("format") != FORMAT:
        raise InstanceError(f"format: expected '{FORMAT}', got {data.get('format')!r}")
    name = data.get("name", "")
    if not isinstance(name, str):
        raise InstanceError("name: expected a string")
    slots = _SlotTable(_list(data, "slots", non_empty=True))
    parts = _ParticipantTable(_list(data, "participants"), slots)
    languages, interpreters = _interpreters(data.get("interpreters"))
    reqs = _RequestTable(_list(data, "requests"), slots, parts, languages)
    prev_slot, prev_table = _previous(data.get("previous"), slots, reqs)
    return Instance(
        name=name,
        raw=data,
        slot_ids=slots.ids,
        slot_session=slots.session,
        slot_block=np.array(slots.block, dtype=np.int32),
        blocks=slots.blocks,
        capacity=np.array(slots.capacity, dtype=np.int64),
        participant_ids=parts.ids,
        parallel=np.array(parts.parallel, dtype=np.int64),
        max_meetings=np.array(parts.max_meetings, dtype=np.int64),
        available=parts.available,
        requests_of=reqs.requests_of,
        request_ids=reqs.ids,
        req_a=np.array(reqs.a, dtype=np.int32),
        req_b=np.array(reqs.b, dtype=np.int32),
        weight=np.array(reqs.weight, dtype=np.int64),
        required=np.array(reqs.required, dtype=bool),
        fixed_slot=np.array(reqs.fixed, dtype=np.int32),
        language=np.array(reqs.language, dtype=np.int32),
        online=np.array(reqs.online, dtype=bool),
        session_mask=reqs.session_mask,
        allowed=reqs.allowed,
        languages=languages,
        interpreters=np.array(interpreters, dtype=np.int64),
        previous_slot=prev_slot,
        previous_table=prev_table,
    )


def _list(data: dict, key: str, non_empty: bool = False) -> list:
    value = data.get(key)
    if not isinstance(value, list):
        raise InstanceError(f"{key}: expected a list")
    if non_empty and not value:
        raise InstanceError(f"{key}: must not be empty")
    return value


def _record(item: object, where: str) -> dict:
    if not isinstance(item, dict):
        raise InstanceError(f"{where}: expected an object")
    return item


def _ident(item: dict, where: str, seen: dict) -> str:
    ident = item.get("id")
    if not isinstance(ident, str) or not ident:
        raise InstanceError(f"{where}.id: expected a non-empty string")
    if ident in seen:
        raise InstanceError(f"{where}.id: duplicate id '{ident}'")
    seen[ident] = len(seen)
    return ident


def _int(item: dict, key: str, where: str, default, minimum: int, nullable: bool = False):
    value = item.get(key, default)
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstanceError(f"{where}.{key}: expected an integer, got {value!r}")
    if value < minimum:
        raise InstanceError(f"{where}.{key}: must be >= {minimum}, got {value}")
    return value


def _optional_str(item: dict, key: str, where: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise InstanceError(f"{where}.{key}: expected a string or null")
    return value


class _SlotTable:
    def __init__(self, items: list):
        self.index: dict[str, int] = {}
        self.ids, self.session, self.block, self.capacity = [], [], [], []
        block_index: dict[tuple, int] = {}
        self.blocks: list[list[int]] = []
        for t, item in enumerate(items):
            where = f"slots[{t}]"
            item = _record(item, where)
            self.ids.append(_ident(item, where, self.index))
            day = item.get("day", 1)
            if isinstance(day, bool) or not isinstance(day, (int, str)):
                raise InstanceError(f"{where}.day: expected an integer or string")
            session = _optional_str(item, "session", where) or ""
            cap = _int(item, "capacity", where, None, 0, nullable=True)
            key = (day, session)
            if key not in block_index:
                block_index[key] = len(self.blocks)
                self.blocks.append([])
            self.blocks[block_index[key]].append(t)
            self.block.append(block_index[key])
            self.session.append(session)
            self.capacity.append(UNLIMITED if cap is None else cap)
        self.session_masks: dict[str, int] = {}
        for t, session in enumerate(self.session):
            self.session_masks[session] = self.session_masks.get(session, 0) | (1 << t)

    def slot(self, value: object, where: str) -> int:
        if not isinstance(value, str) or value not in self.index:
            raise InstanceError(f"{where}: unknown slot {value!r}")
        return self.index[value]


class _ParticipantTable:
    def __init__(self, items: list, slots: _SlotTable):
        self.index: dict[str, int] = {}
        self.ids, self.parallel, self.max_meetings, self.available = [], [], [], []
        everything = (1 << len(slots.ids)) - 1
        for p, item in enumerate(items):
            where = f"participants[{p}]"
            item = _record(item, where)
            self.ids.append(_ident(item, where, self.index))
            blocked = item.get("unavailable") or []
            if not isinstance(blocked, list):
                raise InstanceError(f"{where}.unavailable: expected a list of slot ids")
            mask = everything
            for k, slot_id in enumerate(blocked):
                mask &= ~(1 << slots.slot(slot_id, f"{where}.unavailable[{k}]"))
            self.available.append(mask)
            self.parallel.append(_int(item, "parallel", where, 1, 1))
            cap = _int(item, "max_meetings", where, None, 0, nullable=True)
            self.max_meetings.append(UNLIMITED if cap is None else cap)
            languages = item.get("languages")
            if languages is not None and not (
                isinstance(languages, list) and all(isinstance(x, str) for x in languages)
            ):
                raise InstanceError(f"{where}.languages: expected a list of strings")

    def participant(self, value: object, where: str) -> int:
        if not isinstance(value, str) or value not in self.index:
            raise InstanceError(f"{where}: unknown participant {value!r}")
        return self.index[value]


def _interpreters(value: object) -> tuple[list[str], list[int]]:
    if value is None:
        return [], []
    if not isinstance(value, dict):
        raise InstanceError("interpreters: expected an object mapping language to a count")
    languages, counts = [], []
    for lang, count in value.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InstanceError(f"interpreters.{lang}: expected an integer >= 0, got {count!r}")
        languages.append(lang)
        counts.append(count)
    return languages, counts


class _RequestTable:
    def __init__(self, items: list, slots: _SlotTable, parts: _ParticipantTable, languages):
        self.index: dict[str, int] = {}
        self.ids, self.a, self.b, self.weight, self.required = [], [], [], [], []
        self.fixed, self.language, self.session_mask, self.allowed = [], [], [], []
        self.online: list[bool] = []
        self.requests_of: list[list[int]] = [[] for _ in parts.ids]
        everything = (1 << len(slots.ids)) - 1
        lang_index = {lang: k for k, lang in enumerate(languages)}
        for r, item in enumerate(items):
            where = f"requests[{r}]"
            item = _record(item, where)
            self.ids.append(_ident(item, where, self.index))
            a = parts.participant(item.get("a"), f"{where}.a")
            b = parts.participant(item.get("b"), f"{where}.b")
            if a == b:
                raise InstanceError(f"{where}.b: a participant cannot meet itself ('{item['b']}')")
            self.weight.append(_int(item, "weight", where, 1, 1))
            required = item.get("required", False)
            if not isinstance(required, bool):
                raise InstanceError(f"{where}.required: expected true or false")
            online = item.get("online", False)
            if not isinstance(online, bool):
                raise InstanceError(f"{where}.online: expected true or false")
            session = _optional_str(item, "session", where)
            # a session no slot has leaves the request unscheduled (reason
            # ``session_has_no_slot``), it does not refuse the whole instance
            smask = everything if session is None else slots.session_masks.get(session, 0)
            language = _optional_str(item, "interpreter", where)
            if language is not None and language not in lang_index:
                raise InstanceError(
                    f"{where}.interpreter: language '{language}' is not listed in interpreters"
                )
            allowed = parts.available[a] & parts.available[b] & smask
            fixed = item.get("fixed_slot")
            t = -1
            if fixed is not None:
                t = slots.slot(fixed, f"{where}.fixed_slot")
                for side, p in (("a", a), ("b", b)):
                    if not parts.available[p] >> t & 1:
                        who = parts.ids[p]
                        raise InstanceError(
                            f"{where}.fixed_slot: {side} '{who}' is unavailable in '{fixed}'"
                        )
                if not smask >> t & 1:
                    raise InstanceError(
                        f"{where}.fixed_slot: '{fixed}' is outside session '{session}'"
                    )
                allowed &= 1 << t
            self.a.append(a)
            self.b.append(b)
            self.required.append(required)
            self.online.append(online)
            self.fixed.append(t)
            self.language.append(-1 if language is None else lang_index[language])
            self.session_mask.append(smask)
            self.allowed.append(allowed)
            self.requests_of[a].append(r)
            self.requests_of[b].append(r)


def _previous(value: object, slots: _SlotTable, reqs: _RequestTable):
    """Index the previous schedule. Entries of requests no longer present are ignored:
    when a company cancels, its requests disappear from the instance but not from the
    published schedule."""
    n = len(reqs.ids)
    prev_slot = np.full(n, -1, dtype=np.int32)
    prev_table = np.zeros(n, dtype=np.int64)
    if value is None:
        return prev_slot, prev_table
    if not isinstance(value, list):
        raise InstanceError("previous: expected a list")
    for k, item in enumerate(value):
        where = f"previous[{k}]"
        item = _record(item, where)
        rid = item.get("request")
        if not isinstance(rid, str):
            raise InstanceError(f"{where}.request: expected a request id")
        slot_id = item.get("slot")
        if not isinstance(slot_id, str):
            raise InstanceError(f"{where}.slot: expected a slot id")
        table = _int(item, "table", where, None, 1, nullable=True)
        r = reqs.index.get(rid)
        t = slots.index.get(slot_id)
        if r is None or t is None:
            continue
        if prev_slot[r] != -1:
            raise InstanceError(f"{where}.request: request '{rid}' appears twice")
        prev_slot[r] = t
        prev_table[r] = table or 0
    return prev_slot, prev_table
