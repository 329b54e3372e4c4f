"""Invented company profiles for the demo fair: names, places, sectors and plausible English text.

Pure functions of a ``random.Random``; no database access, so they are easy to test and reuse.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

from matchmaker.demo import data
from matchmaker.enums import CooperationType, Side, SizeBand
from matchmaker.reference import EU_MEMBER_STATES, language_name, side_for_country


@dataclass
class CompanyProfile:
    name: str
    name_zh: str | None
    country: str
    region: str
    city: str
    side: Side
    sector: str
    size_band: SizeBand
    founded_year: int
    website: str
    description: str
    offers: str
    seeks: str
    cooperation_types: list[CooperationType]
    languages: list[str]
    contact_name: str
    contact_title: str
    contact_email: str
    locale: str
    topics: list[str] = field(default_factory=list)  # what others may want to talk about


def weighted_choice(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _pick_sector(rng: random.Random, side: Side) -> str:
    key = "weight_eu" if side == Side.EU else "weight_cn"
    return weighted_choice(rng, {code: kit[key] for code, kit in data.SECTORS.items()})


def _pick_size(rng: random.Random) -> SizeBand:
    return weighted_choice(rng, dict(data.SIZE_BANDS))


def _cooperation(rng: random.Random, kit: dict) -> list[CooperationType]:
    wanted = {rng.choice(kit["cooperation"]) for _ in range(rng.choice((1, 2, 2, 3)))}
    return sorted(wanted, key=lambda c: list(CooperationType).index(c))


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + ", as well as " + items[-1]


def _seeking(items: list[str]) -> str:
    text = f"We are looking for {items[0]}."
    if len(items) > 1:
        text += f" We are also interested in {items[1]}."
    return text


class ProfileFactory:
    """Makes distinct company profiles, alternating nothing: the caller picks the side."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used_names: set[str] = set()

    def make(self, side: Side) -> CompanyProfile:
        return self._european() if side == Side.EU else self._chinese()

    # --- Europe ---

    def _european(self) -> CompanyProfile:
        rng = self.rng
        country = weighted_choice(rng, {c: row[0] for c, row in data.EU_COUNTRIES.items()})
        _weight, language, legal_forms, places, surnames, first_names = data.EU_COUNTRIES[country]
        city, region = rng.choice(places)
        sector = _pick_sector(rng, Side.EU)
        kit = data.SECTORS[sector]
        for _attempt in range(50):
            style = rng.random()
            if style < 0.55:
                base = f"{rng.choice(surnames)} {rng.choice(kit['eu_names'])}"
            elif style < 0.8:
                base = f"{city} {rng.choice(kit['eu_names'])}"
            else:
                first, second = rng.sample(surnames, 2)
                base = f"{first} & {second}"
            name = f"{base} {rng.choice(legal_forms)}"
            if name not in self.used_names:
                break
        else:
            name = f"{base} {len(self.used_names)} {legal_forms[0]}"
        self.used_names.add(name)
        size = _pick_size(rng)
        founded = rng.randint(1880, 1970) if rng.random() < 0.2 else rng.randint(1971, 2022)
        products = rng.sample(kit["eu_products"], k=min(2, len(kit["eu_products"])))
        seeks = rng.sample(kit["eu_seeks"], k=min(2, len(kit["eu_seeks"])))
        cooperation = _cooperation(rng, kit)
        description = (
            f"{name} is a {data.SIZE_WORDS[size]} company from {city} ({region}, "
            f"{EU_MEMBER_STATES[country]}) that {kit['activity']}. Founded in {founded}, it is "
            f"known for {products[0]}. " + rng.choice(data.EU_CLOSINGS).format(n=rng.randint(8, 60))
        )
        offers = f"We offer {_join(products)}, backed by support and service in English" + (
            f" and {language_name(language)}." if language != "en" else "."
        )
        seeks_text = _seeking(seeks)
        languages = ["en"] if language == "en" else ["en", language]
        if rng.random() < 0.12:
            languages.append("zh")
        if rng.random() < 0.15:
            extra = rng.choice(["de", "fr", "es", "it"])
            if extra not in languages:
                languages.append(extra)
        slug = slugify(base)
        contact = f"{rng.choice(first_names)} {rng.choice(surnames)}"
        return CompanyProfile(
            name=name,
            name_zh=None,
            country=country,
            region=region,
            city=city,
            side=side_for_country(country),
            sector=sector,
            size_band=size,
            founded_year=founded,
            website=f"https://www.{slug}.example",
            description=description,
            offers=offers,
            seeks=seeks_text,
            cooperation_types=cooperation,
            languages=sorted(set(languages)),
            contact_name=contact,
            contact_title=rng.choice(data.JOB_TITLES),
            contact_email=f"{slugify(contact)}@{slug}.example",
            locale="fr" if language == "fr" else "en",
            topics=products,
        )

    # --- China ---

    def _chinese(self) -> CompanyProfile:
        rng = self.rng
        province = weighted_choice(rng, {p: row[0] for p, row in data.CN_PROVINCES.items()})
        city, city_zh = rng.choice(data.CN_PROVINCES[province][1])
        sector = _pick_sector(rng, Side.CN)
        kit = data.SECTORS[sector]
        size = _pick_size(rng)
        for _attempt in range(50):
            brand, brand_zh = rng.choice(data.CN_BRANDS)
            activity, activity_zh = rng.choice(kit["cn_names"])
            group = size == SizeBand.LARGE and rng.random() < 0.5
            name = f"{city} {brand} {activity} {'Group ' if group else ''}Co., Ltd."
            name_zh = f"{city_zh}{brand_zh}{activity_zh}{'集团' if group else ''}有限公司"
            if name not in self.used_names:
                break
        else:
            name = f"{city} {brand} {activity} No. {len(self.used_names)} Co., Ltd."
        self.used_names.add(name)
        founded = rng.randint(1988, 2023)
        products = rng.sample(kit["cn_products"], k=min(2, len(kit["cn_products"])))
        seeks = rng.sample(kit["cn_seeks"], k=min(2, len(kit["cn_seeks"])))
        cooperation = _cooperation(rng, kit)
        short = f"{brand} {activity}"
        description = (
            f"{short} is a {data.SIZE_WORDS[size]} company based in {city}, {province}, that "
            f"{kit['activity']}. Since {founded} it has specialised in {products[0]}. "
            + rng.choice(data.CN_CLOSINGS).format(n=rng.randint(5, 28))
        )
        offers = (
            f"We offer {_join(products)}. Our international department works in English and "
            f"handles export documentation and logistics for our partners."
        )
        seeks_text = _seeking(seeks)
        languages = ["zh"]
        if rng.random() < 0.8:
            languages.append("en")
        if rng.random() < 0.06:
            languages.append(rng.choice(["de", "fr", "ru"]))
        slug = slugify(f"{brand}-{activity}")
        surname = rng.choice(data.CN_SURNAMES)
        contact = f"{surname} {rng.choice(data.CN_GIVEN_NAMES)}"
        return CompanyProfile(
            name=name,
            name_zh=name_zh,
            country="CN",
            region=province,
            city=city,
            side=Side.CN,
            sector=sector,
            size_band=size,
            founded_year=founded,
            website=f"https://www.{slug}.example",
            description=description,
            offers=offers,
            seeks=seeks_text,
            cooperation_types=cooperation,
            languages=sorted(set(languages)),
            contact_name=contact,
            contact_title=rng.choice(data.JOB_TITLES),
            contact_email=f"{slugify(contact)}@{slug}.example",
            locale="zh_Hans",
            topics=products,
        )


def request_message(rng: random.Random, target: CompanyProfile) -> str:
    """A short, polite request message mentioning what the target offers."""
    topic = rng.choice(target.topics) if target.topics else "a possible cooperation"
    text = (
        f"{rng.choice(data.MESSAGE_OPENERS)} {rng.choice(data.MESSAGE_TOPICS).format(topic=topic)}"
    )
    return text[:500]
