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
from dataclasses import dataclass, field, replace

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


class CandidateIndex:
    """The candidates' side of ``score_matrix``, built once per edition: scoring one reader
    against every candidate is then a handful of vector operations."""

    def __init__(self, candidates: Sequence[Profile]) -> None:
        self.candidates = list(candidates)
        self.position = {p.company_id: j for j, p in enumerate(self.candidates)}
        self.offers = {k: _topic_matrix(candidates, "offers", k) for k in (DOMAINS, ACTIVITIES)}
        self.seeks = {k: _topic_matrix(candidates, "seeks", k) for k in (DOMAINS, ACTIVITIES)}
        self.seek_regions = _topic_matrix(candidates, "seeks", REGIONS)
        self.location = _topic_matrix(candidates, "location", REGIONS)
        self.sectors = sorted(set(SECTOR_NEIGHBOURS) | {p.sector for p in candidates if p.sector})
        self.sector_index = {code: i for i, code in enumerate(self.sectors)}
        size = len(self.sectors) + 1  # the last row and column: no sector
        self.neighbour = np.zeros((size, size), dtype=np.float32)
        for code, i in self.sector_index.items():
            self.neighbour[i, i] = SAME_SECTOR
            for other in SECTOR_NEIGHBOURS.get(code, ()):
                self.neighbour[i, self.sector_index[other]] = NEIGHBOUR_SECTOR
        self.sector_of = np.array([self._sector(p) for p in candidates], dtype=np.int64)
        self.cooperation_vocabulary = sorted({c for p in candidates for c in p.cooperation})
        self.cooperation = _value_matrix(candidates, "cooperation", self.cooperation_vocabulary)
        self.language_vocabulary = sorted({lang for p in candidates for lang in p.languages})
        self.languages = _value_matrix(candidates, "languages", self.language_vocabulary)
        self.knows_languages = np.array([bool(p.languages) for p in candidates])
        self.size = np.array([SIZE_ORDER.get(p.size or "", -99) for p in candidates])

    def _sector(self, profile: Profile) -> int:
        return self.sector_index.get(profile.sector or "", len(self.sectors))

    def _vocabulary_matrix(self, readers, attribute, vocabulary):
        known = set(vocabulary)
        return _value_matrix([_only(p, attribute, known) for p in readers], attribute, vocabulary)

    def scores(
        self, readers: Sequence[Profile], follow_ups: set[tuple[int, int]] | None = None
    ) -> np.ndarray:
        scores = np.zeros((len(readers), len(self.candidates)), dtype=np.float32)
        for kind, weight in ((DOMAINS, DOMAIN), (ACTIVITIES, ACTIVITY)):
            wanted = _topic_matrix(readers, "seeks", kind) @ self.offers[kind].T
            given = _topic_matrix(readers, "offers", kind) @ self.seeks[kind].T
            scores += weight * (np.minimum(wanted, MAX_COUNTED) + np.minimum(given, MAX_COUNTED))
        there = _topic_matrix(readers, "seeks", REGIONS) @ self.location.T
        here = _topic_matrix(readers, "location", REGIONS) @ self.seek_regions.T
        scores += REGION * ((there > 0).astype(np.float32) + (here > 0))
        reader_sectors = np.array([self._sector(p) for p in readers], dtype=np.int64)
        scores += self.neighbour[np.ix_(reader_sectors, self.sector_of)]
        shared = (
            self._vocabulary_matrix(readers, "cooperation", self.cooperation_vocabulary)
            @ self.cooperation.T
        )
        scores += COOPERATION * np.minimum(shared, MAX_COOPERATION)
        common = (
            self._vocabulary_matrix(readers, "languages", self.language_vocabulary)
            @ self.languages.T
        )
        both_known = np.outer(np.array([bool(p.languages) for p in readers]), self.knows_languages)
        scores += np.where(both_known, np.where(common > 0, COMMON_LANGUAGE, NO_COMMON_LANGUAGE), 0)
        reader_size = np.array([SIZE_ORDER.get(p.size or "", -9) for p in readers])
        fit = np.abs(reader_size[:, None] - self.size[None, :]) <= 1
        known = (reader_size[:, None] >= 0) & (self.size[None, :] >= 0)
        scores += SIZE_FIT * (fit & known)
        if follow_ups:
            rows = {p.company_id: i for i, p in enumerate(readers)}
            for a, b in follow_ups:
                if a in rows and b in self.position:
                    scores[rows[a], self.position[b]] += FOLLOW_UP
        return scores


def _only(profile: Profile, attribute: str, known: set[str]) -> Profile:
    """``profile`` without the values of ``attribute`` that no candidate has (they never match)."""
    values = getattr(profile, attribute)
    if values <= known:
        return profile
    return replace(profile, **{attribute: frozenset(values & known)})


def score_matrix(
    readers: Sequence[Profile],
    candidates: Sequence[Profile],
    follow_ups: set[tuple[int, int]] | None = None,
) -> np.ndarray:
    """Scores of every (reader, candidate) pair: the same numbers as ``score_pair``."""
    return CandidateIndex(candidates).scores(readers, follow_ups)


def top_matches(
    reader: Profile,
    candidates: Sequence[Profile],
    limit: int,
    excluded: set[int] = frozenset(),  # type: ignore[assignment]
    follow_ups: set[int] = frozenset(),  # type: ignore[assignment]
    minimum: float = 1.0,
    index: CandidateIndex | None = None,
) -> list[Match]:
    """The ``limit`` best candidates for ``reader`` (other side only, ``excluded`` dropped), with
    reasons; ties broken by company id so the order is stable. ``index``, when given, is the
    ``CandidateIndex`` of ``candidates`` (reused between requests)."""
    index = index or CandidateIndex(candidates)
    pairs = {(reader.company_id, b) for b in follow_ups} if follow_ups else None
    scores = index.scores([reader], pairs)[0]
    eligible = [
        j
        for j, c in enumerate(index.candidates)
        if c.side != reader.side
        and c.company_id not in excluded
        and c.company_id != reader.company_id
    ]
    eligible.sort(key=lambda j: (-float(scores[j]), index.candidates[j].company_id))
    matches = []
    for j in eligible[: limit * 2 + 10]:
        candidate = index.candidates[j]
        score, reasons = score_pair(reader, candidate, candidate.company_id in follow_ups)
        if score < minimum:
            break
        matches.append(Match(candidate.company_id, score, reasons))
        if len(matches) == limit:
            break
    return matches
