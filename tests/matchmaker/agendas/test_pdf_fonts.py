"""The PDFs embed the fonts they use, and every character printed has a glyph in its font: a
Chinese and a French company's agenda, and the table sheets (pypdf reads, fontTools checks)."""

from __future__ import annotations

import io
import re

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from matchmaker.extensions import db
from tests.builders import build_ready_fair, publish_by_solver
from tests.factories import login, make_user

CHINESE = "南京蜀道食品有限公司"
FRENCH = ["Vignobles Dupré & Fils SARL", "Lefèvre Chimie · Œnologie «Côte»"]


@pytest.fixture
def multilingual_fair(db_session):
    fair = build_ready_fair(companies=4, tables=2)  # companies 0, 2 Chinese; 1, 3 European
    fair.event.venue = "Chengdu Century City · 成都世纪城新国际会展中心"
    fair.companies[0].name = "Nanjing Shudao Food Co., Ltd."
    fair.companies[0].name_zh = CHINESE
    fair.companies[1].name, fair.companies[3].name = FRENCH
    db_session.commit()
    publish_by_solver(fair)
    return fair


def _embedded_font(font: DictionaryObject) -> TTFont:
    """The font program embedded for ``font``; fails for a font the reader must supply."""
    if font["/Subtype"] == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
    descriptor = descriptor.get_object()
    assert "/FontFile2" in descriptor, f"{font['/BaseFont']} has no embedded TrueType program"
    return TTFont(io.BytesIO(descriptor["/FontFile2"].get_data()))


def _to_unicode(font: DictionaryObject) -> dict[int, str]:
    cmap = font["/ToUnicode"].get_data().decode("latin-1")
    pairs = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            pairs[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    return pairs


def _drawable(font: DictionaryObject) -> set[str]:
    """The characters ``font`` prints with a real glyph of its embedded program."""
    program = _embedded_font(font)
    codes: dict[int, str] = {}
    for table in program["cmap"].tables:
        codes.update(table.cmap)
    glyphs = program["glyf"]
    drawable = set()
    for code, char in _to_unicode(font).items():
        name = codes.get(code)
        if name is None or name == ".notdef":
            continue
        if char.isspace() or glyphs[name].numberOfContours != 0:
            drawable.add(char)
    return drawable


def _check_every_printed_character(body: bytes) -> str:
    """Asserts the PDF's fonts are embedded and each character printed has a glyph of the font
    it is printed in; returns the text."""
    reader = PdfReader(io.BytesIO(body))
    text_parts: list[str] = []
    for page in reader.pages:
        fonts = {name: ref.get_object() for name, ref in page["/Resources"]["/Font"].items()}
        drawable = {font["/BaseFont"]: _drawable(font) for font in fonts.values()}
        missing: list[tuple[str, str]] = []

        def visit(text, cm, tm, font, size, drawable=drawable, missing=missing):
            if not text.strip():
                return
            assert font is not None
            covered = drawable[font["/BaseFont"]]
            missing.extend((c, font["/BaseFont"]) for c in text if c not in covered and c != "\n")
            text_parts.append(text)

        page.extract_text(visitor_text=visit)
        assert not missing, f"characters without a glyph: {missing[:10]}"
    return "".join(text_parts).replace("\n", "")


def _client_of(app, company):
    user = make_user(company)
    db.session.commit()
    client = app.test_client()
    login(client, user)
    return client


@pytest.mark.parametrize("index", [0, 1], ids=["chinese", "french"])
def test_an_agenda_embeds_its_fonts_and_prints_every_character(app, multilingual_fair, index):
    fair = multilingual_fair
    company = fair.companies[index]
    client = _client_of(app, company)
    response = client.get(f"/events/{fair.event.id}/agenda/{company.id}.pdf")
    assert response.status_code == 200
    text = _check_every_printed_character(response.data)
    assert "成都世纪城新国际会展中心" in text and "·" in text
    if index == 0:  # the Chinese company meets both French ones
        assert CHINESE in text
        for name in FRENCH:
            assert name in text
    else:
        assert FRENCH[0] in text and CHINESE in text


def test_the_table_sheets_embed_their_fonts_and_print_every_character(app, multilingual_fair):
    fair = multilingual_fair
    client = app.test_client()
    login(client, fair.organizer)
    response = client.get(f"/organizer/events/{fair.event.id}/schedule/tables.pdf")
    assert response.status_code == 200
    text = _check_every_printed_character(response.data)
    assert CHINESE in text and FRENCH[1] in text
