"""The match score of a pair of companies, and the reasons behind it.

A transparent additive model (no training data exists for this fair, and organizers must be able
to see why a pair is suggested). For a reader A and a candidate B of the other side:

- **complementarity, both ways** — what A seeks that B offers, and what B seeks that A offers:
  ``DOMAIN`` points per shared domain topic (wine, medical devices…; at most two count),
  ``ACTIVITY`` per shared activity (distribution, licensing…; at most two), ``REGION`` when B is
  where A looks for a partner;
- **sector** — the same NACE division, or supply-chain neighbours;
- **cooperation types** both tick; **a common meeting language** (none: an interpreter is needed,
  a small minus); **size** bands at most one apart;
- **history** — the pair met at a past edition and reached an agreement: a follow-up bonus.
Pairs of the same side, pairs where one declined the other and dismissed suggestions are never
suggested (the callers drop them).

``score_pair`` gives the score and its reasons for one pair; ``score_matrix`` gives the same
scores for every pair of two lists at once with NumPy (a property test holds them equal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from matchmaker.matching.taxonomy import (
    ACTIVITIES,
    DOMAINS,
    REGIONS,
    SECTOR_NEIGHBOURS,
    TOPICS,
)

DOMAIN = 14.0
ACTIVITY = 8.0
REGION = 6.0
MAX_COUNTED = 2  # shared topics of one kind that count, per direction
SAME_SECTOR = 6.0
NEIGHBOUR_SECTOR = 4.0
COOPERATION = 3.0
MAX_COOPERATION = 2
COMMON_LANGUAGE = 3.0
NO_COMMON_LANGUAGE = -5.0
SIZE_FIT = 1.0
FOLLOW_UP = 30.0

BROAD_REGIONS = frozenset({"china", "europe"})  # a reason names the most precise region
SIZE_ORDER = {"micro": 0, "small": 1, "medium": 2, "large": 3}
TOPIC_INDEX = {topic.id: i for i, topic in enumerate(TOPICS)}


@dataclass(frozen=True)
class Profile:
    """What the score needs to know of a company (topic ids, codes)."""

    company_id: int
    side: str
    offers: frozenset[str] = frozenset()
    seeks: frozenset[str] = frozenset()
    location: frozenset[str] = frozenset()  # region topics where the company is
    sector: str | None = None
    cooperation: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    size: str | None = None


@dataclass(frozen=True)
class Reason:
    """One reason a pair matches, as data: rendered in the reader's language by ``reasons``."""

    code: str  # they_offer, they_seek, in_region, same_sector, neighbour_sector, cooperation,
    # common_language, needs_interpreter, follow_up
    topics: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    points: float = 0.0


@dataclass
class Match:
    partner_id: int
    score: float
    reasons: list[Reason] = field(default_factory=list)


def _kind(topics: frozenset[str], kind: tuple[str, ...]) -> list[str]:
    return sorted(t for t in topics if t in kind)


def _direction(seeker: Profile, offerer: Profile, code: str) -> tuple[float, list[Reason]]:
    shared = seeker.seeks & offerer.offers
    domains = _kind(shared, DOMAINS)[:MAX_COUNTED]
    activities = _kind(shared, ACTIVITIES)[:MAX_COUNTED]
    points = DOMAIN * len(domains) + ACTIVITY * len(activities)
    reasons = []
    if domains or activities:
        reasons.append(Reason(code, tuple(domains + activities), points=points))
    regions = sorted(
        seeker.seeks & offerer.location & set(REGIONS), key=lambda r: (r in BROAD_REGIONS, r)
    )
    if regions:
        points += REGION
        region_code = "in_region" if code == "they_offer" else "you_in_region"
        reasons.append(Reason(region_code, (regions[0],), points=REGION))
    return points, reasons


def score_pair(
    reader: Profile, candidate: Profile, follow_up: bool = False
) -> tuple[float, list[Reason]]:
    """The score of ``candidate`` for ``reader`` and the reasons, strongest first."""
    total, reasons = _direction(reader, candidate, "they_offer")
    back, back_reasons = _direction(candidate, reader, "they_seek")
    total += back
    reasons += back_reasons
    if reader.sector and reader.sector == candidate.sector:
        total += SAME_SECTOR
        reasons.append(Reason("same_sector", values=(reader.sector,), points=SAME_SECTOR))
    elif reader.sector and candidate.sector in SECTOR_NEIGHBOURS.get(reader.sector, ()):
        total += NEIGHBOUR_SECTOR
        reasons.append(
            Reason("neighbour_sector", values=(candidate.sector or "",), points=NEIGHBOUR_SECTOR)
        )
    shared_cooperation = sorted(reader.cooperation & candidate.cooperation)[:MAX_COOPERATION]
    if shared_cooperation:
        points = COOPERATION * len(shared_cooperation)
        total += points
        reasons.append(Reason("cooperation", values=tuple(shared_cooperation), points=points))
    if reader.languages and candidate.languages:
        common = sorted(reader.languages & candidate.languages)
        if common:
            total += COMMON_LANGUAGE
            reasons.append(Reason("common_language", values=tuple(common), points=COMMON_LANGUAGE))
        else:
            total += NO_COMMON_LANGUAGE
            reasons.append(Reason("needs_interpreter", points=NO_COMMON_LANGUAGE))
    if (
        reader.size in SIZE_ORDER
        and candidate.size in SIZE_ORDER
        and abs(SIZE_ORDER[reader.size] - SIZE_ORDER[candidate.size]) <= 1
    ):
        total += SIZE_FIT
    if follow_up:
        total += FOLLOW_UP
        reasons.insert(0, Reason("follow_up", points=FOLLOW_UP))
    reasons.sort(key=lambda r: -r.points)
    return total, reasons


# --- all pairs at once ------------------------------------------------------------------------


def _topic_matrix(profiles: Sequence[Profile], attribute: str, kind: tuple[str, ...]):
    columns = {topic: i for i, topic in enumerate(kind)}
    matrix = np.zeros((len(profiles), len(kind)), dtype=np.float32)
    for row, profile in enumerate(profiles):
        for topic in getattr(profile, attribute):
            if topic in columns:
                matrix[row, columns[topic]] = 1.0
    return matrix


def _value_matrix(profiles: Sequence[Profile], attribute: str, vocabulary: list[str]):
    columns = {value: i for i, value in enumerate(vocabulary)}
    matrix = np.zeros((len(profiles), max(len(vocabulary), 1)), dtype=np.float32)
    for row, profile in enumerate(profiles):
        for value in getattr(profile, attribute):
            matrix[row, columns[value]] = 1.0
    return matrix


def _direction_matrix(seekers: Sequence[Profile], offerers: Sequence[Profile]):
    points = np.zeros((len(seekers), len(offerers)), dtype=np.float32)
    for kind, weight in ((DOMAINS, DOMAIN), (ACTIVITIES, ACTIVITY)):
        shared = _topic_matrix(seekers, "seeks", kind) @ _topic_matrix(offerers, "offers", kind).T
        points += weight * np.minimum(shared, MAX_COUNTED)
    regions = (
        _topic_matrix(seekers, "seeks", REGIONS) @ _topic_matrix(offerers, "location", REGIONS).T
    )
    points += REGION * (regions > 0)
    return points


def score_matrix(
    readers: Sequence[Profile],
    candidates: Sequence[Profile],
    follow_ups: set[tuple[int, int]] | None = None,
) -> np.ndarray:
    """Scores of every (reader, candidate) pair: the same numbers as ``score_pair``."""
    scores = _direction_matrix(readers, candidates) + _direction_matrix(candidates, readers).T
    sectors = sorted({p.sector for p in (*readers, *candidates) if p.sector})
    sector_index = {code: i for i, code in enumerate(sectors)}
    neighbour = np.zeros((len(sectors) + 1, len(sectors) + 1), dtype=np.float32)
    for code, i in sector_index.items():
        neighbour[i, i] = SAME_SECTOR
        for other in SECTOR_NEIGHBOURS.get(code, ()):
            if other in sector_index:
                neighbour[i, sector_index[other]] = NEIGHBOUR_SECTOR
    none = len(sectors)  # no sector: row and column of zeros
    reader_sectors = np.array([sector_index.get(p.sector or "", none) for p in readers])
    candidate_sectors = np.array([sector_index.get(p.sector or "", none) for p in candidates])
    scores += neighbour[np.ix_(reader_sectors, candidate_sectors)]

    cooperation = sorted({c for p in (*readers, *candidates) for c in p.cooperation})
    shared = (
        _value_matrix(readers, "cooperation", cooperation)
        @ _value_matrix(candidates, "cooperation", cooperation).T
    )
    scores += COOPERATION * np.minimum(shared, MAX_COOPERATION)

    languages = sorted({lang for p in (*readers, *candidates) for lang in p.languages})
    common = (
        _value_matrix(readers, "languages", languages)
        @ _value_matrix(candidates, "languages", languages).T
    )
    both_known = np.outer(
        np.array([bool(p.languages) for p in readers]),
        np.array([bool(p.languages) for p in candidates]),
    )
    scores += np.where(both_known, np.where(common > 0, COMMON_LANGUAGE, NO_COMMON_LANGUAGE), 0)

    reader_size = np.array([SIZE_ORDER.get(p.size or "", -9) for p in readers])
    candidate_size = np.array([SIZE_ORDER.get(p.size or "", -99) for p in candidates])
    size_fit = np.abs(reader_size[:, None] - candidate_size[None, :]) <= 1
    known = (reader_size[:, None] >= 0) & (candidate_size[None, :] >= 0)
    scores += SIZE_FIT * (size_fit & known)

    if follow_ups:
        reader_rows = {p.company_id: i for i, p in enumerate(readers)}
        candidate_columns = {p.company_id: j for j, p in enumerate(candidates)}
        for a, b in follow_ups:
            if a in reader_rows and b in candidate_columns:
                scores[reader_rows[a], candidate_columns[b]] += FOLLOW_UP
    return scores


def top_matches(
    reader: Profile,
    candidates: Sequence[Profile],
    limit: int,
    excluded: set[int] = frozenset(),  # type: ignore[assignment]
    follow_ups: set[int] = frozenset(),  # type: ignore[assignment]
    minimum: float = 1.0,
) -> list[Match]:
    """The ``limit`` best candidates for ``reader`` (other side only, ``excluded`` dropped), with
    reasons; ties broken by company id so the order is stable."""
    pool = [c for c in candidates if c.side != reader.side and c.company_id not in excluded]
    if not pool:
        return []
    scores = score_matrix(
        [reader], pool, {(reader.company_id, b) for b in follow_ups} if follow_ups else None
    )[0]
    order = sorted(range(len(pool)), key=lambda j: (-float(scores[j]), pool[j].company_id))
    matches = []
    for j in order[: limit * 2]:
        score, reasons = score_pair(reader, pool[j], pool[j].company_id in follow_ups)
        if score < minimum:
            break
        matches.append(Match(pool[j].company_id, score, reasons))
        if len(matches) == limit:
            break
    return matches
