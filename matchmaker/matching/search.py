"""Ranked search over the companies of an edition, in Latin scripts and in Chinese.

One code path on SQLite and PostgreSQL: the catalogue's filters select the candidates in SQL,
and this module ranks them with an in-memory inverted index of the edition (rebuilt when a
participant changes, like the matchmaking profiles). Matching is by words, never substrings:

- Latin text: whole words, case and accents folded and plurals folded ("tea" finds "teas", never
  "team" or "steam"); a query word that is no word of the edition is taken as the start of one
  ("distrib" finds "distributor");
- Chinese text: jieba's words ("成都 茶叶" finds 成都 and 茶叶 as words), a query word also matching
  as the start of a longer word (茶 finds 茶叶);
- typos in company names: one edit (two for long words) away still finds the name;
- across languages: a query word that names a taxonomy topic ("vin", "茶", "tea") also finds the
  companies whose profile names that topic in another language.

Every query word must be found (AND). Relevance: a hit in the name counts most, then offers and
seeks, then the description; exact words beat prefixes beat typos. Ties: by name.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field

from flask_sqlalchemy.pagination import Pagination

from matchmaker.extensions import db
from matchmaker.matching.profiles import approved_companies_statement, edition_stamp
from matchmaker.matching.text import chinese_words, latin_words, topics_in
from matchmaker.models import Company, Event

NAME, PROFILE, DESCRIPTION = "name", "profile", "description"
FIELD_WEIGHTS = {NAME: 10.0, PROFILE: 4.0, DESCRIPTION: 1.0}
EXACT, PREFIX, TYPO = 1.0, 0.7, 0.5
TOPIC_WEIGHT = 2.0  # a cross-language topic hit, per query word
MIN_PREFIX = 2
MAX_TERMS = 8


@dataclass
class EditionIndex:
    """Word → {company id: best field weight}, per field; names kept for typo matching."""

    postings: dict[str, dict[int, float]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)  # sorted, for prefix look-ups
    name_words: set[str] = field(default_factory=set)
    topics: dict[str, set[int]] = field(default_factory=dict)  # topic → companies
    names: dict[int, str] = field(default_factory=dict)  # for the tie-break

    def add(self, word: str, company_id: int, weight: float) -> None:
        posting = self.postings.setdefault(word, {})
        if posting.get(company_id, 0.0) < weight:
            posting[company_id] = weight


def _words(text: str | None) -> list[str]:
    if not text:
        return []
    return latin_words(text.replace("-", " ")) + chinese_words(text)


def build_index(companies: list[Company]) -> EditionIndex:
    index = EditionIndex()
    for company in companies:
        index.names[company.id] = company.name.casefold()
        for word in _words(company.name) + _words(company.name_zh):
            index.add(word, company.id, FIELD_WEIGHTS[NAME])
            index.name_words.add(word)
        for word in _words(company.offers) + _words(company.seeks):
            index.add(word, company.id, FIELD_WEIGHTS[PROFILE])
        for word in _words(company.description) + _words(company.region):
            index.add(word, company.id, FIELD_WEIGHTS[DESCRIPTION])
        text = " ".join(filter(None, (company.offers, company.seeks, company.description)))
        for topic in topics_in(text):
            index.topics.setdefault(topic, set()).add(company.id)
    index.vocabulary = sorted(index.postings)
    return index


_lock = threading.Lock()
_indexes: dict[int, tuple[tuple, EditionIndex]] = {}


def edition_index(event: Event) -> EditionIndex:
    stamp = edition_stamp(event)
    with _lock:
        cached = _indexes.get(event.id)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    index = build_index(list(db.session.scalars(approved_companies_statement(event))))
    with _lock:
        _indexes[event.id] = (stamp, index)
    return index


def edit_distance_at_most(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` and ``b`` are at most ``limit`` edits apart (insertions, deletions,
    substitutions and transpositions of neighbours: the optimal string alignment distance)."""
    if abs(len(a) - len(b)) > limit:
        return False
    before_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before_previous[j - 2] + 1)
        if min(current) > limit:
            return False
        before_previous, previous = previous, current
    return previous[-1] <= limit


def _term_hits(index: EditionIndex, term: str) -> dict[int, float]:
    """Company → relevance of one query word (the best of exact, prefix, typo, topic)."""
    hits: dict[int, float] = {}

    def credit(postings: dict[int, float], quality: float) -> None:
        for company_id, weight in postings.items():
            value = weight * quality
            if hits.get(company_id, 0.0) < value:
                hits[company_id] = value

    if term in index.postings:
        credit(index.postings[term], EXACT)
    is_han = any("\u3400" <= ch <= "\u9fff" for ch in term)
    # A word typed in full ("tea") matches that word only, never "team"; a word that occurs
    # nowhere as typed is taken as the start of one ("distrib"); Chinese words always are
    # (茶 → 茶叶).
    if is_han or (term not in index.postings and len(term) >= MIN_PREFIX):
        start = bisect.bisect_left(index.vocabulary, term)
        for word in index.vocabulary[start:]:
            if not word.startswith(term):
                break
            if word != term:
                credit(index.postings[word], PREFIX)
    if not hits and len(term) >= 4 and term.isalpha() and term.isascii():
        # typos only when the word is found nowhere as it is typed
        limit = 2 if len(term) >= 8 else 1
        for word in index.name_words:
            if word[0] not in term[:2] and term[0] not in word[:2]:
                continue
            if edit_distance_at_most(term, word, limit):
                postings = {
                    c: w for c, w in index.postings[word].items() if w >= FIELD_WEIGHTS[NAME]
                }
                credit(postings, TYPO)
    for topic in topics_in(term):
        for company_id in index.topics.get(topic, ()):
            if hits.get(company_id, 0.0) < TOPIC_WEIGHT:
                hits[company_id] = TOPIC_WEIGHT
    return hits


def query_terms(query: str) -> list[str]:
    return (latin_words(query.replace("-", " ")) + chinese_words(query))[:MAX_TERMS]


def rank(index: EditionIndex, query: str, candidates: set[int] | None = None) -> list[int]:
    """Ids of the companies matching every word of ``query``, most relevant first."""
    terms = query_terms(query)
    if not terms:
        return []
    phrase_topics = topics_in(query)
    scores = _all_terms(index, terms, candidates)
    if not scores and phrase_topics:
        # No company has every word, but the query names a topic ("污水处理", "eaux usées"):
        # the companies of that topic, in any language, best literal matches first.
        scores = _topic_companies(index, terms, phrase_topics, candidates)
    # the query as a whole may name a topic in a phrase ("cold chain", "chaîne du froid")
    for topic in phrase_topics:
        for company_id in index.topics.get(topic, ()):
            if company_id in scores:
                scores[company_id] += TOPIC_WEIGHT / 2
    return sorted(scores, key=lambda c: (-scores[c], index.names.get(c, ""), c))


def _all_terms(index: EditionIndex, terms: list[str], candidates) -> dict[int, float]:
    scores: dict[int, float] | None = None
    for term in terms:
        hits = _term_hits(index, term)
        if candidates is not None:
            hits = {c: v for c, v in hits.items() if c in candidates}
        scores = (
            hits if scores is None else {c: scores[c] + v for c, v in hits.items() if c in scores}
        )
        if not scores:
            return {}
    return scores or {}


def _topic_companies(index: EditionIndex, terms, topics, candidates) -> dict[int, float]:
    members = set.intersection(*(index.topics.get(topic, set()) for topic in topics))
    if candidates is not None:
        members &= candidates
    scores = dict.fromkeys(members, 0.0)
    for term in terms:
        for company_id, value in _term_hits(index, term).items():
            if company_id in scores:
                scores[company_id] += value
    return scores


class RankedPagination(Pagination):
    """One page of a ranked list of company ids, loaded in rank order (the interface of
    Flask-SQLAlchemy's pagination, so templates page through it the same way)."""

    def _query_items(self) -> list:
        ids = self._query_args["ids"][self._query_offset : self._query_offset + self.per_page]
        if not ids:
            return []
        by_id = {company.id: company for company in self._query_args["load"](ids)}
        return [by_id[i] for i in ids if i in by_id]

    def _query_count(self) -> int:
        return len(self._query_args["ids"])
