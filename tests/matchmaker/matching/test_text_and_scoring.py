"""The taxonomy's text analysis and the match score, on known profiles (no database)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.matching.scoring import FOLLOW_UP, Profile, score_matrix, score_pair, top_matches
from matchmaker.matching.taxonomy import ACTIVITIES, DOMAINS, REGIONS, TOPICS
from matchmaker.matching.text import chinese_words, latin_words, topics_in


def test_words_are_matched_whole_so_tea_is_not_team_or_steam():
    assert "tea" in latin_words("Green teas from Sichuan")
    assert "tea" not in latin_words("Our team runs steam boilers")
    assert topics_in("Our team runs steam boilers") == set()


def test_case_accents_and_plurals_are_folded():
    assert latin_words("Distributeurs, ÉQUIPEMENTS") == ["distributeur", "equipement"]
    assert latin_words("batteries and boxes") == ["battery", "box"]


def test_chinese_is_segmented_into_words_not_characters():
    words = chinese_words("我们寻求欧洲经销商和冷链物流合作伙伴")
    assert "经销商" in words and "冷链物流" in words
    assert "经" not in words  # no single characters out of a word


def test_the_same_offer_in_three_languages_names_the_same_topics():
    english = topics_in("We seek distributors of wine with cold-chain logistics in Western China")
    french = topics_in(
        "Nous cherchons des distributeurs de vin avec une logistique sous chaîne du froid "
        "dans l'ouest de la Chine"
    )
    chinese = topics_in("寻求中国西部的葡萄酒经销商，需要冷链物流")
    for topics in (english, french, chinese):
        assert {"distribution", "wine", "logistics", "western_china"} <= topics


def test_every_topic_has_keywords_in_each_language():
    for topic in TOPICS:
        assert topic.en and topic.fr and topic.zh, topic.id


WINE_SELLER = Profile(
    1, "EU", offers=frozenset({"wine", "export"}), seeks=frozenset({"distribution", "import",
    "western_china"}), location=frozenset({"france", "europe"}), sector="11",
    cooperation=frozenset({"trade"}), languages=frozenset({"fr", "en"}), size="small",
)  # fmt: skip
CHENGDU_IMPORTER = Profile(
    2, "CN", offers=frozenset({"import", "distribution", "retail"}),
    seeks=frozenset({"wine", "food"}), location=frozenset({"china", "western_china"}),
    sector="46", cooperation=frozenset({"trade"}), languages=frozenset({"zh", "en"}),
    size="medium",
)  # fmt: skip
ROBOT_MAKER = Profile(
    3, "CN", offers=frozenset({"automation", "manufacturing"}),
    seeks=frozenset({"technology_transfer"}), location=frozenset({"china"}), sector="28",
    languages=frozenset({"zh"}), size="large",
)  # fmt: skip
TEA_GROWER = Profile(
    4, "CN", offers=frozenset({"tea", "export"}), seeks=frozenset({"distribution", "europe"}),
    location=frozenset({"china", "western_china"}), sector="01", languages=frozenset({"zh"}),
)  # fmt: skip
FRENCH_RIVAL = Profile(
    5, "EU", offers=frozenset({"wine"}), seeks=frozenset({"distribution"}),
    location=frozenset({"france", "europe"}), sector="11", languages=frozenset({"fr"}),
)  # fmt: skip


def test_complementary_partners_rank_first_and_say_why():
    matches = top_matches(
        WINE_SELLER, [CHENGDU_IMPORTER, ROBOT_MAKER, TEA_GROWER, FRENCH_RIVAL], limit=5
    )
    assert matches[0].partner_id == 2
    codes = {r.code for r in matches[0].reasons}
    assert {"they_offer", "they_seek", "in_region", "common_language", "cooperation"} <= codes
    they_offer = next(r for r in matches[0].reasons if r.code == "they_offer")
    assert set(they_offer.topics) == {"distribution", "import"}


def test_the_same_side_is_never_suggested():
    matches = top_matches(WINE_SELLER, [FRENCH_RIVAL, CHENGDU_IMPORTER], limit=5)
    assert 5 not in [m.partner_id for m in matches]


def test_excluded_partners_are_dropped_and_follow_ups_rise():
    assert top_matches(WINE_SELLER, [CHENGDU_IMPORTER], limit=5, excluded={2}) == []
    plain = {m.partner_id: m for m in top_matches(WINE_SELLER, [CHENGDU_IMPORTER, TEA_GROWER], 2)}
    followed = top_matches(WINE_SELLER, [CHENGDU_IMPORTER, TEA_GROWER], limit=2, follow_ups={4})
    tea = next(m for m in followed if m.partner_id == 4)
    assert tea.score == plain[4].score + FOLLOW_UP
    assert tea.reasons[0].code == "follow_up"


def test_no_common_language_costs_points_and_is_said():
    _score, reasons = score_pair(FRENCH_RIVAL, ROBOT_MAKER)
    assert "needs_interpreter" in {r.code for r in reasons}


TOPIC_IDS = [t.id for t in TOPICS]
topic_sets = st.frozensets(st.sampled_from(TOPIC_IDS), max_size=6)
profiles = st.builds(
    Profile,
    company_id=st.integers(1, 10**6),
    side=st.sampled_from(["EU", "CN"]),
    offers=topic_sets,
    seeks=topic_sets,
    location=st.frozensets(st.sampled_from(REGIONS), max_size=3),
    sector=st.one_of(st.none(), st.sampled_from(["01", "10", "11", "28", "29", "46", "62", "86"])),
    cooperation=st.frozensets(st.sampled_from(["trade", "research", "joint_venture"]), max_size=3),
    languages=st.frozensets(st.sampled_from(["en", "zh", "fr", "de"]), max_size=3),
    size=st.one_of(st.none(), st.sampled_from(["micro", "small", "medium", "large"])),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(profiles, min_size=1, max_size=5), st.lists(profiles, min_size=1, max_size=5))
def test_the_matrix_gives_the_same_scores_as_each_pair(readers, candidates):
    readers = [replace(p, company_id=i + 1) for i, p in enumerate(readers)]
    candidates = [replace(p, company_id=100 + j) for j, p in enumerate(candidates)]
    follow_ups = {(readers[0].company_id, candidates[-1].company_id)}
    matrix = score_matrix(readers, candidates, follow_ups)
    for i, reader in enumerate(readers):
        for j, candidate in enumerate(candidates):
            follow = (reader.company_id, candidate.company_id) in follow_ups
            expected, reasons = score_pair(reader, candidate, follow)
            assert abs(float(matrix[i, j]) - expected) < 1e-4
            assert all(r.topics or r.values or r.code in {"needs_interpreter", "follow_up"}
                       for r in reasons)  # fmt: skip


def test_topic_kinds_partition_the_taxonomy():
    assert set(ACTIVITIES) | set(DOMAINS) | set(REGIONS) == set(TOPIC_IDS)


def test_the_evaluation_set_is_deterministic_per_seed_and_plants_cross_side_pairs():
    from matchmaker.matching import evaluation

    first, again, other = evaluation.build(5), evaluation.build(5), evaluation.build(6)
    assert [c.offers for c in first.companies] == [c.offers for c in again.companies]
    assert [c.offers for c in first.companies] != [c.offers for c in other.companies]
    by_id = {c.company_id: c for c in first.companies}
    for seeker, partner in first.planted:
        assert by_id[seeker].side != by_id[partner].side
        assert by_id[seeker].language != by_id[partner].language
