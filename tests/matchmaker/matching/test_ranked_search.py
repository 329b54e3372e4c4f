"""The catalogue's ranked search: words not substrings, relevance order, Chinese words, typos in
names and cross-language topics; the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest

from matchmaker.enums import EventPhase
from tests.factories import make_company, make_event, make_participation, make_user

CARD_RE = re.compile(r'<li class="company-card">\s*<h2><a href="/companies/(\d+)')


@pytest.fixture
def fair(db_session):
    event = make_event(phase=EventPhase.REQUESTS)
    companies = {
        "tea_name": make_company(
            "Chengdu Tea House Co., Ltd.", "CN", region="Sichuan", name_zh="成都茶馆有限公司",
            description="A chain of tea houses.",
        ),
        "tea_offer": make_company(
            "Emei Highland Co., Ltd.", "CN", region="Sichuan",
            offers="Green tea and dark tea from Mount Emei.", description="Based in Chengdu.",
        ),
        "tea_description": make_company(
            "Sichuan Garden Foods", "CN", region="Sichuan",
            description="Founded in Chengdu; we also sell tea.",
        ),
        "team": make_company(
            "Chengdu Steam Boilers", "CN", region="Sichuan",
            description="Our team builds steam boilers in Chengdu.",
        ),
        "wine_fr": make_company(
            "Domaine Lefèvre", "FR", offers="Vins rouges de Bourgogne.",
            description="Vignoble familial.",
        ),
        "zh_only": make_company(
            "Yibin Liquor Co., Ltd.", "CN", name_zh="宜宾酒业有限公司",
            offers="提供浓香型白酒和葡萄酒代理。",
        ),
    }  # fmt: skip
    for company in companies.values():
        make_participation(event, company)
    viewer = make_user(company=make_company("Viewer GmbH", "DE"))
    db_session.commit()
    return {"event": event, "viewer": viewer, **companies}


def ranked(client, query: str) -> list[int]:
    response = client.get("/catalogue", query_string={"q": query})
    assert response.status_code == 200
    return [int(i) for i in CARD_RE.findall(response.get_data(as_text=True))]


@pytest.fixture
def viewer(client, fair, sign_in):
    sign_in(fair["viewer"])
    return client


def test_chengdu_tea_ranks_name_then_offers_then_description_and_skips_team(viewer, fair):
    order = ranked(viewer, "Chengdu tea")
    expected = [fair[k].id for k in ("tea_name", "tea_offer", "tea_description")]
    assert order == expected  # "team" and "steam" are not "tea"


def test_chinese_queries_are_segmented_into_words(viewer, fair):
    assert ranked(viewer, "成都 茶馆") == [fair["tea_name"].id]
    assert fair["zh_only"].id in ranked(viewer, "白酒")


def test_a_french_query_finds_chinese_and_english_profiles_of_the_same_topic(viewer, fair):
    order = ranked(viewer, "vin")
    assert order[0] == fair["wine_fr"].id  # the literal word first
    assert fair["zh_only"].id in order  # 葡萄酒 is wine too


def test_typos_in_a_company_name_still_find_it(viewer, fair):
    assert ranked(viewer, "Lefevre") == [fair["wine_fr"].id]  # accents folded
    assert ranked(viewer, "Lefebvre") == [fair["wine_fr"].id]  # one edit away
    assert ranked(viewer, "Boilres") == [fair["team"].id]  # two letters swapped


def test_a_prefix_finds_the_word_being_typed(viewer, fair):
    assert ranked(viewer, "boil") == [fair["team"].id]
