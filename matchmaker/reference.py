"""Reference data: countries the fair accepts, regions of mainland China, the NACE Rev. 2
taxonomy of economic activities, and languages.

Names are written in the reader's language: countries and languages from Babel's CLDR data
(the English names below are the English wording), NACE titles from the message catalogues.
Choices for forms built at import time carry lazy labels, translated when rendered.

Pure data and lookups, no database access; forms build their choices from here, services derive
values (a company's side) from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale
from flask_babel import LazyString, get_locale
from flask_babel import gettext as _

from matchmaker.enums import N_, Side
from matchmaker.languages.catalogues import available_locales
from matchmaker.languages.names import language_choices as language_choices_of_interface

# --- Countries (ISO 3166-1 alpha-2 → English short name) ---------------------------------------

EU_MEMBER_STATES: dict[str, str] = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IE": "Ireland",
    "IT": "Italy",
    "LV": "Latvia",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NL": "Netherlands",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ES": "Spain",
    "SE": "Sweden",
}

# European countries outside the EU that take part on the European side.
OTHER_EUROPEAN_COUNTRIES: dict[str, str] = {
    "AL": "Albania",
    "AD": "Andorra",
    "BA": "Bosnia and Herzegovina",
    "IS": "Iceland",
    "LI": "Liechtenstein",
    "MD": "Moldova",
    "MC": "Monaco",
    "ME": "Montenegro",
    "MK": "North Macedonia",
    "NO": "Norway",
    "RS": "Serbia",
    "SM": "San Marino",
    "CH": "Switzerland",
    "UA": "Ukraine",
    "GB": "United Kingdom",
}

# The Chinese side: the mainland and the two special administrative regions.
CHINESE_COUNTRIES: dict[str, str] = {
    "CN": "China",
    "HK": "Hong Kong SAR, China",
    "MO": "Macao SAR, China",
}

EUROPEAN_COUNTRIES: dict[str, str] = {**EU_MEMBER_STATES, **OTHER_EUROPEAN_COUNTRIES}
COUNTRIES: dict[str, str] = dict(
    sorted({**EUROPEAN_COUNTRIES, **CHINESE_COUNTRIES}.items(), key=lambda item: item[1])
)


def is_accepted_country(code: str | None) -> bool:
    return bool(code) and code.upper() in COUNTRIES


def _reader_locale() -> Locale | None:
    """The current locale when it is not English (English uses the names of this module)."""
    locale = get_locale()
    if locale is None or locale.language == "en":
        return None
    return locale


def country_name(code: str | None) -> str:
    """The name of an accepted country in the reader's language; the code for anything else."""
    if not code:
        return ""
    code = code.upper()
    if code not in COUNTRIES:
        return code
    locale = _reader_locale()
    if locale is not None:
        return locale.territories.get(code, COUNTRIES[code])
    return COUNTRIES[code]


def side_for_country(code: str) -> Side:
    """The side of the fair a company from ``code`` belongs to (ValueError if not accepted)."""
    code = code.upper()
    if code in CHINESE_COUNTRIES:
        return Side.CN
    if code in EUROPEAN_COUNTRIES:
        return Side.EU
    raise ValueError(f"country {code!r} does not take part in the fair")


def country_choices() -> list[tuple[str, LazyString]]:
    """(code, name) pairs grouped: China, HK and Macao first, then the European countries."""
    european = sorted(EUROPEAN_COUNTRIES.items(), key=lambda item: item[1])
    chinese = list(CHINESE_COUNTRIES.items())
    return [(code, LazyString(country_name, code)) for code, _name in chinese + european]


# --- Provinces and regions of mainland China ----------------------------------------------------


@dataclass(frozen=True)
class ChineseRegion:
    name: str  # pinyin / English name, as stored in Company.region
    name_zh: str
    kind: str  # province, municipality, autonomous region


CHINA_REGIONS: tuple[ChineseRegion, ...] = (
    ChineseRegion("Anhui", "安徽", "province"),
    ChineseRegion("Beijing", "北京", "municipality"),
    ChineseRegion("Chongqing", "重庆", "municipality"),
    ChineseRegion("Fujian", "福建", "province"),
    ChineseRegion("Gansu", "甘肃", "province"),
    ChineseRegion("Guangdong", "广东", "province"),
    ChineseRegion("Guangxi", "广西", "autonomous region"),
    ChineseRegion("Guizhou", "贵州", "province"),
    ChineseRegion("Hainan", "海南", "province"),
    ChineseRegion("Hebei", "河北", "province"),
    ChineseRegion("Heilongjiang", "黑龙江", "province"),
    ChineseRegion("Henan", "河南", "province"),
    ChineseRegion("Hubei", "湖北", "province"),
    ChineseRegion("Hunan", "湖南", "province"),
    ChineseRegion("Inner Mongolia", "内蒙古", "autonomous region"),
    ChineseRegion("Jiangsu", "江苏", "province"),
    ChineseRegion("Jiangxi", "江西", "province"),
    ChineseRegion("Jilin", "吉林", "province"),
    ChineseRegion("Liaoning", "辽宁", "province"),
    ChineseRegion("Ningxia", "宁夏", "autonomous region"),
    ChineseRegion("Qinghai", "青海", "province"),
    ChineseRegion("Shaanxi", "陕西", "province"),
    ChineseRegion("Shandong", "山东", "province"),
    ChineseRegion("Shanghai", "上海", "municipality"),
    ChineseRegion("Shanxi", "山西", "province"),
    ChineseRegion("Sichuan", "四川", "province"),
    ChineseRegion("Tianjin", "天津", "municipality"),
    ChineseRegion("Xinjiang", "新疆", "autonomous region"),
    ChineseRegion("Xizang (Tibet)", "西藏", "autonomous region"),
    ChineseRegion("Yunnan", "云南", "province"),
    ChineseRegion("Zhejiang", "浙江", "province"),
)

CHINA_REGION_NAMES: tuple[str, ...] = tuple(region.name for region in CHINA_REGIONS)


def china_region_choices() -> list[tuple[str, str]]:
    return [(r.name, f"{r.name} {r.name_zh}") for r in CHINA_REGIONS]


def normalize_china_region(value: str | None) -> str | None:
    """The canonical name of a mainland region given its English or Chinese name (any case,
    optional "province"/"省"/"市" suffix), or None if it is not one."""
    if not value:
        return None
    text = value.strip().lower()
    for suffix in (" province", " municipality", " autonomous region", "省", "市", "自治区"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
    for region in CHINA_REGIONS:
        names = {region.name.lower(), region.name_zh}
        if region.name == "Xizang (Tibet)":
            names |= {"xizang", "tibet"}
        if text in names:
            return region.name
    return None


# --- NACE Rev. 2: sections A–U and the 88 divisions ---------------------------------------------

NACE_SECTIONS: dict[str, str] = {
    "A": N_("Agriculture, forestry and fishing"),
    "B": N_("Mining and quarrying"),
    "C": N_("Manufacturing"),
    "D": N_("Electricity, gas, steam and air conditioning supply"),
    "E": N_("Water supply; sewerage, waste management and remediation activities"),
    "F": N_("Construction"),
    "G": N_("Wholesale and retail trade; repair of motor vehicles and motorcycles"),
    "H": N_("Transportation and storage"),
    "I": N_("Accommodation and food service activities"),
    "J": N_("Information and communication"),
    "K": N_("Financial and insurance activities"),
    "L": N_("Real estate activities"),
    "M": N_("Professional, scientific and technical activities"),
    "N": N_("Administrative and support service activities"),
    "O": N_("Public administration and defence; compulsory social security"),
    "P": N_("Education"),
    "Q": N_("Human health and social work activities"),
    "R": N_("Arts, entertainment and recreation"),
    "S": N_("Other service activities"),
    "T": N_(
        "Activities of households as employers; undifferentiated goods- and "
        "services-producing activities of households for own use"
    ),
    "U": N_("Activities of extraterritorial organisations and bodies"),
}


@dataclass(frozen=True)
class NaceDivision:
    code: str  # two digits, "01".."99"
    title: str
    section: str  # "A".."U"


_DIVISIONS: tuple[tuple[str, str, str], ...] = (
    ("01", "A", N_("Crop and animal production, hunting and related service activities")),
    ("02", "A", N_("Forestry and logging")),
    ("03", "A", N_("Fishing and aquaculture")),
    ("05", "B", N_("Mining of coal and lignite")),
    ("06", "B", N_("Extraction of crude petroleum and natural gas")),
    ("07", "B", N_("Mining of metal ores")),
    ("08", "B", N_("Other mining and quarrying")),
    ("09", "B", N_("Mining support service activities")),
    ("10", "C", N_("Manufacture of food products")),
    ("11", "C", N_("Manufacture of beverages")),
    ("12", "C", N_("Manufacture of tobacco products")),
    ("13", "C", N_("Manufacture of textiles")),
    ("14", "C", N_("Manufacture of wearing apparel")),
    ("15", "C", N_("Manufacture of leather and related products")),
    (
        "16",
        "C",
        N_(
            "Manufacture of wood and of products of wood and cork, except furniture; "
            "manufacture of articles of straw and plaiting materials"
        ),
    ),
    ("17", "C", N_("Manufacture of paper and paper products")),
    ("18", "C", N_("Printing and reproduction of recorded media")),
    ("19", "C", N_("Manufacture of coke and refined petroleum products")),
    ("20", "C", N_("Manufacture of chemicals and chemical products")),
    (
        "21",
        "C",
        N_("Manufacture of basic pharmaceutical products and pharmaceutical preparations"),
    ),
    ("22", "C", N_("Manufacture of rubber and plastic products")),
    ("23", "C", N_("Manufacture of other non-metallic mineral products")),
    ("24", "C", N_("Manufacture of basic metals")),
    ("25", "C", N_("Manufacture of fabricated metal products, except machinery and equipment")),
    ("26", "C", N_("Manufacture of computer, electronic and optical products")),
    ("27", "C", N_("Manufacture of electrical equipment")),
    ("28", "C", N_("Manufacture of machinery and equipment n.e.c.")),
    ("29", "C", N_("Manufacture of motor vehicles, trailers and semi-trailers")),
    ("30", "C", N_("Manufacture of other transport equipment")),
    ("31", "C", N_("Manufacture of furniture")),
    ("32", "C", N_("Other manufacturing")),
    ("33", "C", N_("Repair and installation of machinery and equipment")),
    ("35", "D", N_("Electricity, gas, steam and air conditioning supply")),
    ("36", "E", N_("Water collection, treatment and supply")),
    ("37", "E", N_("Sewerage")),
    ("38", "E", N_("Waste collection, treatment and disposal activities; materials recovery")),
    ("39", "E", N_("Remediation activities and other waste management services")),
    ("41", "F", N_("Construction of buildings")),
    ("42", "F", N_("Civil engineering")),
    ("43", "F", N_("Specialised construction activities")),
    ("45", "G", N_("Wholesale and retail trade and repair of motor vehicles and motorcycles")),
    ("46", "G", N_("Wholesale trade, except of motor vehicles and motorcycles")),
    ("47", "G", N_("Retail trade, except of motor vehicles and motorcycles")),
    ("49", "H", N_("Land transport and transport via pipelines")),
    ("50", "H", N_("Water transport")),
    ("51", "H", N_("Air transport")),
    ("52", "H", N_("Warehousing and support activities for transportation")),
    ("53", "H", N_("Postal and courier activities")),
    ("55", "I", N_("Accommodation")),
    ("56", "I", N_("Food and beverage service activities")),
    ("58", "J", N_("Publishing activities")),
    (
        "59",
        "J",
        N_(
            "Motion picture, video and television programme production, sound recording and "
            "music publishing activities"
        ),
    ),
    ("60", "J", N_("Programming and broadcasting activities")),
    ("61", "J", N_("Telecommunications")),
    ("62", "J", N_("Computer programming, consultancy and related activities")),
    ("63", "J", N_("Information service activities")),
    ("64", "K", N_("Financial service activities, except insurance and pension funding")),
    (
        "65",
        "K",
        N_("Insurance, reinsurance and pension funding, except compulsory social security"),
    ),
    ("66", "K", N_("Activities auxiliary to financial services and insurance activities")),
    ("68", "L", N_("Real estate activities")),
    ("69", "M", N_("Legal and accounting activities")),
    ("70", "M", N_("Activities of head offices; management consultancy activities")),
    ("71", "M", N_("Architectural and engineering activities; technical testing and analysis")),
    ("72", "M", N_("Scientific research and development")),
    ("73", "M", N_("Advertising and market research")),
    ("74", "M", N_("Other professional, scientific and technical activities")),
    ("75", "M", N_("Veterinary activities")),
    ("77", "N", N_("Rental and leasing activities")),
    ("78", "N", N_("Employment activities")),
    (
        "79",
        "N",
        N_("Travel agency, tour operator reservation service and related activities"),
    ),
    ("80", "N", N_("Security and investigation activities")),
    ("81", "N", N_("Services to buildings and landscape activities")),
    (
        "82",
        "N",
        N_("Office administrative, office support and other business support activities"),
    ),
    ("84", "O", N_("Public administration and defence; compulsory social security")),
    ("85", "P", N_("Education")),
    ("86", "Q", N_("Human health activities")),
    ("87", "Q", N_("Residential care activities")),
    ("88", "Q", N_("Social work activities without accommodation")),
    ("90", "R", N_("Creative, arts and entertainment activities")),
    ("91", "R", N_("Libraries, archives, museums and other cultural activities")),
    ("92", "R", N_("Gambling and betting activities")),
    ("93", "R", N_("Sports activities and amusement and recreation activities")),
    ("94", "S", N_("Activities of membership organisations")),
    ("95", "S", N_("Repair of computers and personal and household goods")),
    ("96", "S", N_("Other personal service activities")),
    ("97", "T", N_("Activities of households as employers of domestic personnel")),
    (
        "98",
        "T",
        N_(
            "Undifferentiated goods- and services-producing activities of private households "
            "for own use"
        ),
    ),
    ("99", "U", N_("Activities of extraterritorial organisations and bodies")),
)

NACE_DIVISIONS: dict[str, NaceDivision] = {
    code: NaceDivision(code, title, section) for code, section, title in _DIVISIONS
}


def is_nace_division(code: str | None) -> bool:
    return bool(code) and code in NACE_DIVISIONS


def nace_section_for(division: str | None) -> str | None:
    """The section letter of a division code ("62" → "J"); None for unknown codes."""
    found = NACE_DIVISIONS.get(division or "")
    return found.section if found else None


def nace_division_title(division: str | None) -> str:
    """The division's title in the reader's language."""
    found = NACE_DIVISIONS.get(division or "")
    return _(found.title) if found else ""


def nace_division_label(division: str | None) -> str:
    """ "62 — Computer programming, consultancy and related activities" (translated)."""
    found = NACE_DIVISIONS.get(division or "")
    return f"{found.code} — {_(found.title)}" if found else ""


def nace_section_label(letter: str) -> str:
    """ "J — Information and communication" (translated)."""
    return f"{letter} — {_(NACE_SECTIONS[letter])}"


def nace_section_choices() -> list[tuple[str, LazyString]]:
    return [(letter, LazyString(nace_section_label, letter)) for letter in NACE_SECTIONS]


def nace_division_choices() -> list[tuple[str, LazyString]]:
    """(code, "62 — title") pairs in code order, for a <select>; labels translate lazily."""
    return [(d.code, LazyString(nace_division_label, d.code)) for d in NACE_DIVISIONS.values()]


def nace_grouped_division_choices() -> list[tuple[LazyString, list[tuple[str, LazyString]]]]:
    """Divisions grouped by section, for a <select> with <optgroup>s (WTForms SelectField
    accepts this shape as ``choices``)."""
    groups: dict[str, list[tuple[str, LazyString]]] = {letter: [] for letter in NACE_SECTIONS}
    for code, label in nace_division_choices():
        groups[NACE_DIVISIONS[code].section].append((code, label))
    return [(LazyString(nace_section_label, letter), groups[letter]) for letter in NACE_SECTIONS]


def nace_divisions_in_section(section: str) -> list[str]:
    return [d.code for d in NACE_DIVISIONS.values() if d.section == section]


# --- Languages (ISO 639-1) -----------------------------------------------------------------------

# Languages a company's delegates can hold a meeting in.
MEETING_LANGUAGES: dict[str, str] = {
    "en": "English",
    "zh": "Chinese (Mandarin)",
    "de": "German",
    "fr": "French",
    "it": "Italian",
    "es": "Spanish",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "cs": "Czech",
    "sk": "Slovak",
    "hu": "Hungarian",
    "ro": "Romanian",
    "bg": "Bulgarian",
    "el": "Greek",
    "hr": "Croatian",
    "sl": "Slovenian",
    "sr": "Serbian",
    "sv": "Swedish",
    "da": "Danish",
    "fi": "Finnish",
    "no": "Norwegian",
    "et": "Estonian",
    "lv": "Latvian",
    "lt": "Lithuanian",
    "ga": "Irish",
    "mt": "Maltese",
    "uk": "Ukrainian",
    "ru": "Russian",
    "ja": "Japanese",
    "ko": "Korean",
}


def language_name(code: str | None) -> str:
    """A meeting language's name in the reader's language ("中文", "chinois"); the code for an
    unknown one."""
    if not code:
        return ""
    locale = _reader_locale()
    if locale is not None and code in MEETING_LANGUAGES:
        return locale.languages.get(code, MEETING_LANGUAGES[code])
    return MEETING_LANGUAGES.get(code, code)


def language_choices() -> list[tuple[str, LazyString]]:
    return [(code, LazyString(language_name, code)) for code in MEETING_LANGUAGES]


def interface_language_choices() -> list[tuple[str, str]]:
    """(code, native name) of every interface language (English plus one per catalogue)."""
    return language_choices_of_interface(available_locales())
