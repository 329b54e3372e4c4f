"""Words out of profile text in English, French and Chinese, and topics out of words.

Latin text: Unicode word boundaries, case and accents folded, a light plural/inflection folding
for English and French ("distributors" → "distributor", "vins" → "vin", "eaux" → "eau"), so
"tea" never matches "team" or "steam". Chinese text: segmented with jieba, whose dictionary is
extended with the taxonomy's Chinese keywords so that they come out as one word. Pure functions
(no Flask, no database); jieba's dictionary loads once, on first use.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import jieba

from matchmaker.matching.taxonomy import TOPICS

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LATIN_WORD = re.compile(r"[^\W\d_]+(?:[&'][^\W\d_]+)*|\d+(?:\.\d+)?", re.UNICODE)
MAX_PHRASE = 4  # longest keyword, in words

# Very common words that carry no substance in any profile.
STOPWORDS = frozenset(
    (  # noqa: SIM905 — a word list reads better as text
        "a an and are as at be by for from in into is it its of on or our the their this to we "
        "with you your us they who which that also all any new more most such very well le la "
        "les un une des de du d l et ou en au aux pour par sur dans avec nous notre nos vous "
        "votre vos est sont qui que ce cette ces son sa ses leur leurs plus "
    ).split()
)

_jieba_lock = threading.Lock()
_jieba_ready = False


def _tokenizer() -> jieba.Tokenizer:
    """jieba's default tokenizer with the taxonomy's Chinese keywords as words (loaded once)."""
    global _jieba_ready
    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.setLogLevel(logging.WARNING)
                for topic in TOPICS:
                    for word in topic.zh:
                        jieba.add_word(word, freq=20000)
                jieba.initialize()
                _jieba_ready = True
    return jieba.dt


def fold(text: str) -> str:
    """Lower case without accents: "Équipement" → "equipement"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Fold plural and common inflection endings of English and French words (a folded word)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("eaux"):
        return word[:-1]
    for suffix, replacement in (
        ("ies", "y"),
        ("eaux", "eau"),
        ("aux", "al"),
        ("sses", "ss"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("xes", "x"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)] + replacement
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("x") and word[-2:-1] in "eu" and len(word) > 4:  # "prix" stays, "feux" → "feu"
        return word[:-1]
    return word


def latin_words(text: str) -> list[str]:
    """The stemmed, folded Latin words of ``text`` (stopwords removed, Chinese ignored).

    Stopwords are recognised before accents are folded, so the French "thé" (tea) is kept while
    the English "the" is dropped."""
    words = []
    for match in LATIN_WORD.finditer(HAN.sub(" ", text).casefold()):
        word = match.group(0)
        if "'" in word:  # l'eau → eau, d'olive → olive
            word = word.rsplit("'", 1)[-1]
        if word in STOPWORDS:
            continue
        words.append(stem(fold(word)))
    return words


def chinese_words(text: str) -> list[str]:
    """The words of the Chinese runs of ``text``, as jieba segments them."""
    runs = HAN.findall(text)
    if not runs:
        return []
    tokenizer = _tokenizer()
    words: list[str] = []
    for run in runs:
        words.extend(word for word in tokenizer.lcut(run) if word.strip())
    return words


def words(text: str) -> list[str]:
    """Latin and Chinese words of ``text``, in that order."""
    return latin_words(text) + chinese_words(text)


# --- keywords → topics --------------------------------------------------------------------


def _keyword_key(keyword: str) -> tuple[str, ...]:
    if HAN.fullmatch(keyword):
        return (keyword,)
    return tuple(latin_words(keyword.replace("-", " ")))


@lru_cache(maxsize=1)
def keyword_index() -> dict[tuple[str, ...], frozenset[str]]:
    """Every keyword (as a tuple of stemmed words, or one Chinese word) → the topics it names."""
    index: dict[tuple[str, ...], set[str]] = {}
    for topic in TOPICS:
        for keyword in (*topic.en, *topic.fr, *topic.zh):
            key = _keyword_key(keyword)
            if key:
                index.setdefault(key, set()).add(topic.id)
    return {key: frozenset(ids) for key, ids in index.items()}


def topics_in_words(tokens: Iterable[str]) -> set[str]:
    """Topics whose keywords occur in the sequence of words (phrases of up to four words)."""
    index = keyword_index()
    sequence = list(tokens)
    found: set[str] = set()
    for start in range(len(sequence)):
        for length in range(1, MAX_PHRASE + 1):
            key = tuple(sequence[start : start + length])
            if len(key) < length:
                break
            ids = index.get(key)
            if ids:
                found |= ids
    return found


def topics_in(text: str) -> set[str]:
    """Topics named by ``text``, in any of the three languages."""
    if not text:
        return set()
    latin = latin_words(text.replace("-", " "))
    chinese = chinese_words(text)
    found = topics_in_words(latin)
    # Chinese keywords are single jieba words; two adjacent words may also form one ("冷链"+"物流").
    index = keyword_index()
    for i, word in enumerate(chinese):
        for candidate in (word, word + chinese[i + 1] if i + 1 < len(chinese) else None):
            if candidate and (ids := index.get((candidate,))):
                found |= ids
    return found
