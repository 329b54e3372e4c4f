"""An evaluation set for matchmaking in which the right partners are known.

Profiles are written in English, French and Chinese from phrase banks that were written apart from
the taxonomy's keywords (synonyms, word order and inflections differ). Each *planted pair* is a
seeker who looks for a product and a kind of partner, and an offerer on the other side who offers
exactly that, described in another language; the population around them holds distractors that
share words but not substance (the same product but the same side, the same activity for another
product, "team"/"steam" around "tea", competitors that seek what the seeker seeks).

Seeds 0–4 are the tuning set; seeds 5 and up are held out (the benchmark reports them apart).
Deterministic per seed; pure Python (no Flask, no database).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# product → phrases per language (how companies actually write about it)
PRODUCTS: dict[str, dict[str, list[str]]] = {
    "wine": {
        "en": ["Bordeaux red wines", "estate-bottled wines", "sparkling wine and champagne"],
        "fr": ["vins rouges de Bordeaux", "vins de notre domaine", "vins effervescents"],
        "zh": ["波尔多红酒", "酒庄葡萄酒", "起泡酒和香槟"],
    },
    "tea": {
        "en": ["green teas from the mountains", "dark tea bricks", "organic black tea"],
        "fr": ["thés verts de montagne", "thé noir biologique", "thés et infusions"],
        "zh": ["高山绿茶", "藏茶黑茶", "有机红茶"],
    },
    "medical": {
        "en": ["diagnostic imaging systems", "hospital equipment for clinics", "dental devices"],
        "fr": ["imagerie médicale", "équipements pour hôpitaux", "dispositifs dentaires"],
        "zh": ["医学影像设备", "医院诊疗设备", "口腔医疗器械"],
    },
    "batteries": {
        "en": ["lithium battery cells", "energy storage systems", "battery packs for buses"],
        "fr": ["cellules de batteries lithium", "systèmes de stockage d'énergie", "batteries"],
        "zh": ["锂电池电芯", "储能系统", "动力电池包"],
    },
    "machinery": {
        "en": ["CNC machine tools", "hydraulic presses and pumps", "packaging machines"],
        "fr": ["machines-outils à commande numérique", "pompes hydrauliques", "machines"],
        "zh": ["数控机床", "液压泵和阀门", "包装机械"],
    },
    "cosmetics": {
        "en": ["natural skincare creams", "perfumes and fragrances", "beauty products"],
        "fr": ["crèmes de soin de la peau", "parfums", "produits cosmétiques naturels"],
        "zh": ["天然护肤霜", "香水", "美妆产品"],
    },
    "environment": {
        "en": ["wastewater treatment plants", "recycling lines for plastics", "air purification"],
        "fr": ["stations de traitement des eaux usées", "recyclage des plastiques", "dépollution"],
        "zh": ["污水处理设备", "塑料回收生产线", "空气净化系统"],
    },
    "software": {
        "en": ["cloud software for factories", "data analytics platforms", "AI vision software"],
        "fr": ["logiciels en nuage pour l'industrie", "plateformes de données", "logiciels d'IA"],
        "zh": ["工业云软件", "大数据分析平台", "人工智能视觉软件"],
    },
    "food": {
        "en": ["Sichuan pepper and hotpot seasoning", "olive oil", "frozen dumplings"],
        "fr": ["huile d'olive", "épices et assaisonnements", "produits d'épicerie fine"],
        "zh": ["花椒和火锅底料", "橄榄油", "速冻水饺"],
    },
    "textiles": {
        "en": ["silk fabrics", "leather shoes", "fashion apparel"],
        "fr": ["tissus de soie", "chaussures en cuir", "prêt-à-porter"],
        "zh": ["丝绸面料", "皮鞋", "时尚服装"],
    },
}

# partner kind → (how a seeker asks for it, how an offerer presents it), per language;
# ``{p}`` is a product phrase.
PARTNERS: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "distribution": {
        "en": (["We are looking for distributors for our {p}.", "We want a sales agent for {p}."],
               ["We distribute {p} through our national dealer network.",
                "Wholesaler of {p} with 40 resellers."]),
        "fr": (["Nous cherchons des distributeurs pour nos {p}.",
                "Nous souhaitons un agent commercial pour nos {p}."],
               ["Nous distribuons des {p} via un réseau de revendeurs.",
                "Grossiste en {p}, vente en gros à 40 revendeurs."]),
        "zh": (["寻找{p}的经销商。", "寻求{p}的销售代理。"],
               ["我们通过全国经销网络分销{p}。", "{p}批发商，拥有四十家分销商。"]),
    },
    "investment": {
        "en": (["We seek an investor to finance a new plant for {p}.",
                "Raising capital to grow our {p} business."],
               ["Investment fund backing {p} companies.", "We invest equity in makers of {p}."]),
        "fr": (["Nous cherchons un investisseur pour financer une usine de {p}.",
                "Levée de fonds pour développer nos {p}."],
               ["Fonds d'investissement spécialisé dans les {p}.",
                "Nous investissons en capital dans les fabricants de {p}."]),
        "zh": (["寻求投资方为{p}新工厂融资。", "为{p}业务寻求股权融资。"],
               ["专注{p}企业的投资基金。", "我们投资{p}制造企业的股权。"]),
    },
    "technology_transfer": {
        "en": (["We want to license know-how for {p}.", "Looking for technology transfer in {p}."],
               ["We license our know-how in {p}.", "Technology transfer of {p} processes."]),
        "fr": (["Nous voulons acquérir le savoir-faire pour des {p}.",
                "Nous cherchons un transfert de technologie pour les {p}."],
               ["Nous cédons sous licence notre savoir-faire en {p}.",
                "Transfert de technologie pour la fabrication de {p}."]),
        "zh": (["希望引进{p}的专有技术。", "寻求{p}的技术转让。"],
               ["我们提供{p}的技术许可。", "{p}生产工艺的技术转让。"]),
    },
    "manufacturing": {
        "en": (["We need a contract manufacturer for {p}.", "Looking for an OEM factory for {p}."],
               ["OEM and contract manufacturing of {p}.", "Our factory produces {p} for brands."]),
        "fr": (["Nous cherchons un sous-traitant pour fabriquer nos {p}.",
                "Nous cherchons une usine pour produire des {p}."],
               ["Fabrication en sous-traitance de {p}.", "Notre usine produit des {p}."]),
        "zh": (["寻找{p}的代工厂。", "寻求{p}的贴牌生产商。"],
               ["承接{p}的代工生产。", "我们的工厂为品牌生产{p}。"]),
    },
    "research": {
        "en": (["We seek a university lab for joint research on {p}.",
                "Looking for R&D partners in {p}."],
               ["Our research institute works on {p}.", "Joint R&D projects on {p}."]),
        "fr": (["Nous cherchons un laboratoire pour une recherche conjointe sur les {p}.",
                "Partenaires de R&D recherchés pour les {p}."],
               ["Notre institut de recherche travaille sur les {p}.",
                "Projets de R&D conjoints sur les {p}."]),
        "zh": (["寻求大学实验室开展{p}联合研发。", "寻找{p}领域的研发合作伙伴。"],
               ["我们的研究院专注{p}。", "开展{p}的产学研合作。"]),
    },
}  # fmt: skip

LANGUAGES = ("en", "fr", "zh")
SIDE_LANGUAGES = {"EU": ("en", "fr"), "CN": ("zh", "en")}
TUNING_SEEDS = range(0, 5)
HELD_OUT_SEEDS = range(5, 10)


@dataclass
class TextProfile:
    """A company of the evaluation set, as the catalogue would hold it."""

    company_id: int
    side: str
    language: str
    name: str
    offers: str
    seeks: str
    description: str = ""


@dataclass
class EvaluationSet:
    companies: list[TextProfile]
    planted: list[tuple[int, int]]  # (seeker id, the right partner's id)


def _phrase(rng: random.Random, product: str, language: str) -> str:
    return rng.choice(PRODUCTS[product][language])


def build(seed: int, pairs: int = 90, distractors: int = 240) -> EvaluationSet:
    """``pairs`` planted pairs (seeker language × partner language spread evenly over zh–fr,
    zh–en and en–fr, both directions) among ``distractors`` other companies."""
    rng = random.Random(seed)
    companies: list[TextProfile] = []
    planted: list[tuple[int, int]] = []
    language_pairs = [("zh", "fr"), ("fr", "zh"), ("zh", "en"), ("en", "zh"), ("en", "fr"),
                      ("fr", "en")]  # fmt: skip

    def add(side, language, offers, seeks, description="", name=None) -> int:
        company_id = len(companies) + 1
        companies.append(
            TextProfile(company_id, side, language, name or f"Company {company_id}", offers,
                        seeks, description)
        )  # fmt: skip
        return company_id

    for k in range(pairs):
        seeker_language, partner_language = language_pairs[k % len(language_pairs)]
        product = rng.choice(list(PRODUCTS))
        partner_kind = rng.choice(list(PARTNERS))
        # en–fr pairs are EU–CN pairs too: the Chinese company writes in English
        seeker_side = "CN" if seeker_language == "zh" else "EU"
        if seeker_language == "en" and partner_language == "fr":
            seeker_side = "CN"
        partner_side = "EU" if seeker_side == "CN" else "CN"
        ask, _offer = PARTNERS[partner_kind][seeker_language]
        _ask, offer = PARTNERS[partner_kind][partner_language]
        seeker = add(
            seeker_side,
            seeker_language,
            offers="",
            seeks=rng.choice(ask).format(p=_phrase(rng, product, seeker_language)),
        )
        partner = add(
            partner_side,
            partner_language,
            offers=rng.choice(offer).format(p=_phrase(rng, product, partner_language)),
            seeks="",
        )
        planted.append((seeker, partner))

    for _ in range(distractors):
        side = rng.choice(("EU", "CN"))
        language = rng.choice(SIDE_LANGUAGES[side])
        product = rng.choice(list(PRODUCTS))
        partner_kind = rng.choice(list(PARTNERS))
        ask, offer = PARTNERS[partner_kind][language]
        kind = rng.random()
        if kind < 0.4:  # offers the right product with another kind of partnership
            add(side, language, rng.choice(offer).format(p=_phrase(rng, product, language)), "")
        elif kind < 0.7:  # a competitor: seeks what seekers seek
            add(side, language, "", rng.choice(ask).format(p=_phrase(rng, product, language)))
        elif kind < 0.85:  # shares words, not substance
            add(side, language, "Our team maintains steam boilers and team-building events.",
                "", description="A tea room for our staff.")  # fmt: skip
        else:  # an unrelated company
            other = rng.choice(list(PRODUCTS))
            add(side, language, f"{_phrase(rng, other, language)}.", "")
    return EvaluationSet(companies, planted)
