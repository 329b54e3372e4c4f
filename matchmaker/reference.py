"""Reference data: countries the fair accepts, regions of mainland China, the NACE Rev. 2
taxonomy of economic activities, and languages.

Pure data and lookups, no database access; forms build their choices from here, services derive
values (a company's side) from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from matchmaker.enums import Side
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


def country_name(code: str | None) -> str:
    """The English name of an accepted country; the code itself for anything else."""
    if not code:
        return ""
    return COUNTRIES.get(code.upper(), code)


def side_for_country(code: str) -> Side:
    """The side of the fair a company from ``code`` belongs to (ValueError if not accepted)."""
    code = code.upper()
    if code in CHINESE_COUNTRIES:
        return Side.CN
    if code in EUROPEAN_COUNTRIES:
        return Side.EU
    raise ValueError(f"country {code!r} does not take part in the fair")


def country_choices() -> list[tuple[str, str]]:
    """(code, name) pairs grouped: European countries first, then China, HK and Macao."""
    european = sorted(EUROPEAN_COUNTRIES.items(), key=lambda item: item[1])
    chinese = list(CHINESE_COUNTRIES.items())
    return chinese + european


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
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply",
    "E": "Water supply; sewerage, waste management and remediation activities",
    "F": "Construction",
    "G": "Wholesale and retail trade; repair of motor vehicles and motorcycles",
    "H": "Transportation and storage",
    "I": "Accommodation and food service activities",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Administrative and support service activities",
    "O": "Public administration and defence; compulsory social security",
    "P": "Education",
    "Q": "Human health and social work activities",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities",
    "T": "Activities of households as employers; undifferentiated goods- and "
    "services-producing activities of households for own use",
    "U": "Activities of extraterritorial organisations and bodies",
}


@dataclass(frozen=True)
class NaceDivision:
    code: str  # two digits, "01".."99"
    title: str
    section: str  # "A".."U"


_DIVISIONS: tuple[tuple[str, str, str], ...] = (
    ("01", "A", "Crop and animal production, hunting and related service activities"),
    ("02", "A", "Forestry and logging"),
    ("03", "A", "Fishing and aquaculture"),
    ("05", "B", "Mining of coal and lignite"),
    ("06", "B", "Extraction of crude petroleum and natural gas"),
    ("07", "B", "Mining of metal ores"),
    ("08", "B", "Other mining and quarrying"),
    ("09", "B", "Mining support service activities"),
    ("10", "C", "Manufacture of food products"),
    ("11", "C", "Manufacture of beverages"),
    ("12", "C", "Manufacture of tobacco products"),
    ("13", "C", "Manufacture of textiles"),
    ("14", "C", "Manufacture of wearing apparel"),
    ("15", "C", "Manufacture of leather and related products"),
    (
        "16",
        "C",
        "Manufacture of wood and of products of wood and cork, except furniture; "
        "manufacture of articles of straw and plaiting materials",
    ),
    ("17", "C", "Manufacture of paper and paper products"),
    ("18", "C", "Printing and reproduction of recorded media"),
    ("19", "C", "Manufacture of coke and refined petroleum products"),
    ("20", "C", "Manufacture of chemicals and chemical products"),
    (
        "21",
        "C",
        "Manufacture of basic pharmaceutical products and pharmaceutical preparations",
    ),
    ("22", "C", "Manufacture of rubber and plastic products"),
    ("23", "C", "Manufacture of other non-metallic mineral products"),
    ("24", "C", "Manufacture of basic metals"),
    ("25", "C", "Manufacture of fabricated metal products, except machinery and equipment"),
    ("26", "C", "Manufacture of computer, electronic and optical products"),
    ("27", "C", "Manufacture of electrical equipment"),
    ("28", "C", "Manufacture of machinery and equipment n.e.c."),
    ("29", "C", "Manufacture of motor vehicles, trailers and semi-trailers"),
    ("30", "C", "Manufacture of other transport equipment"),
    ("31", "C", "Manufacture of furniture"),
    ("32", "C", "Other manufacturing"),
    ("33", "C", "Repair and installation of machinery and equipment"),
    ("35", "D", "Electricity, gas, steam and air conditioning supply"),
    ("36", "E", "Water collection, treatment and supply"),
    ("37", "E", "Sewerage"),
    ("38", "E", "Waste collection, treatment and disposal activities; materials recovery"),
    ("39", "E", "Remediation activities and other waste management services"),
    ("41", "F", "Construction of buildings"),
    ("42", "F", "Civil engineering"),
    ("43", "F", "Specialised construction activities"),
    ("45", "G", "Wholesale and retail trade and repair of motor vehicles and motorcycles"),
    ("46", "G", "Wholesale trade, except of motor vehicles and motorcycles"),
    ("47", "G", "Retail trade, except of motor vehicles and motorcycles"),
    ("49", "H", "Land transport and transport via pipelines"),
    ("50", "H", "Water transport"),
    ("51", "H", "Air transport"),
    ("52", "H", "Warehousing and support activities for transportation"),
    ("53", "H", "Postal and courier activities"),
    ("55", "I", "Accommodation"),
    ("56", "I", "Food and beverage service activities"),
    ("58", "J", "Publishing activities"),
    (
        "59",
        "J",
        "Motion picture, video and television programme production, sound recording and "
        "music publishing activities",
    ),
    ("60", "J", "Programming and broadcasting activities"),
    ("61", "J", "Telecommunications"),
    ("62", "J", "Computer programming, consultancy and related activities"),
    ("63", "J", "Information service activities"),
    ("64", "K", "Financial service activities, except insurance and pension funding"),
    (
        "65",
        "K",
        "Insurance, reinsurance and pension funding, except compulsory social security",
    ),
    ("66", "K", "Activities auxiliary to financial services and insurance activities"),
    ("68", "L", "Real estate activities"),
    ("69", "M", "Legal and accounting activities"),
    ("70", "M", "Activities of head offices; management consultancy activities"),
    ("71", "M", "Architectural and engineering activities; technical testing and analysis"),
    ("72", "M", "Scientific research and development"),
    ("73", "M", "Advertising and market research"),
    ("74", "M", "Other professional, scientific and technical activities"),
    ("75", "M", "Veterinary activities"),
    ("77", "N", "Rental and leasing activities"),
    ("78", "N", "Employment activities"),
    (
        "79",
        "N",
        "Travel agency, tour operator reservation service and related activities",
    ),
    ("80", "N", "Security and investigation activities"),
    ("81", "N", "Services to buildings and landscape activities"),
    (
        "82",
        "N",
        "Office administrative, office support and other business support activities",
    ),
    ("84", "O", "Public administration and defence; compulsory social security"),
    ("85", "P", "Education"),
    ("86", "Q", "Human health activities"),
    ("87", "Q", "Residential care activities"),
    ("88", "Q", "Social work activities without accommodation"),
    ("90", "R", "Creative, arts and entertainment activities"),
    ("91", "R", "Libraries, archives, museums and other cultural activities"),
    ("92", "R", "Gambling and betting activities"),
    ("93", "R", "Sports activities and amusement and recreation activities"),
    ("94", "S", "Activities of membership organisations"),
    ("95", "S", "Repair of computers and personal and household goods"),
    ("96", "S", "Other personal service activities"),
    ("97", "T", "Activities of households as employers of domestic personnel"),
    (
        "98",
        "T",
        "Undifferentiated goods- and services-producing activities of private households "
        "for own use",
    ),
    ("99", "U", "Activities of extraterritorial organisations and bodies"),
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
    found = NACE_DIVISIONS.get(division or "")
    return found.title if found else ""


def nace_division_label(division: str | None) -> str:
    """ "62 — Computer programming, consultancy and related activities"."""
    found = NACE_DIVISIONS.get(division or "")
    return f"{found.code} — {found.title}" if found else ""


def nace_section_choices() -> list[tuple[str, str]]:
    return [(letter, f"{letter} — {title}") for letter, title in NACE_SECTIONS.items()]


def nace_division_choices() -> list[tuple[str, str]]:
    """(code, "62 — title") pairs in code order, for a <select>."""
    return [(d.code, f"{d.code} — {d.title}") for d in NACE_DIVISIONS.values()]


def nace_grouped_division_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Divisions grouped by section, for a <select> with <optgroup>s (WTForms SelectField
    accepts this shape as ``choices``)."""
    groups: dict[str, list[tuple[str, str]]] = {letter: [] for letter in NACE_SECTIONS}
    for code, label in nace_division_choices():
        groups[NACE_DIVISIONS[code].section].append((code, label))
    return [(f"{letter} — {NACE_SECTIONS[letter]}", groups[letter]) for letter in NACE_SECTIONS]


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
    if not code:
        return ""
    return MEETING_LANGUAGES.get(code, code)


def language_choices() -> list[tuple[str, str]]:
    return list(MEETING_LANGUAGES.items())


def interface_language_choices() -> list[tuple[str, str]]:
    """(code, native name) of every interface language (English plus one per catalogue)."""
    return language_choices_of_interface(available_locales())
