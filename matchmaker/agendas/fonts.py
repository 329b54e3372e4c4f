"""Fonts of the printable PDFs: TrueType faces that ReportLab embeds (as subsets), so agendas and
table sheets print the same on every machine, in English, French and Chinese.

* Latin text: **Noto Sans** (PyPI package ``fontpkg-noto-sans``; SIL Open Font License 1.1).
* Chinese: **WenQuanYi Micro Hei** (PyPI package ``paperang-p2-fonts-cjk``; Apache License 2.0,
  as its name table says). Noto Sans CJK would look alike but is CFF-based OpenType, which
  ReportLab cannot embed.

``markup`` sets each run of characters that the Latin face lacks (Chinese characters, full-width
punctuation) in the Chinese face; everything else stays in the Latin face.
"""

from __future__ import annotations

import functools
from pathlib import Path

import fontpkg_noto_sans
import paperang_p2_fonts_cjk
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

LATIN = "MatchmakerLatin"
CJK = "MatchmakerCJK"

LATIN_FILE = Path(fontpkg_noto_sans.ROOT) / "files" / "NotoSans[wdth,wght].ttf"
CJK_FILE = Path(paperang_p2_fonts_cjk.__file__).parent / "fonts" / "wqy-microhei.ttc"


@functools.cache
def register() -> None:
    """Register both faces with ReportLab (once per process; parsing takes a few 100 ms)."""
    pdfmetrics.registerFont(TTFont(LATIN, str(LATIN_FILE)))
    pdfmetrics.registerFont(TTFont(CJK, str(CJK_FILE), subfontIndex=0))


@functools.cache
def _covered(font_name: str) -> frozenset[int]:
    register()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def face_for(char: str) -> str:
    """The face that prints ``char``: the Latin one when it has a glyph, else the Chinese one."""
    code = ord(char)
    if code in _covered(LATIN) or char.isspace() or code not in _covered(CJK):
        return LATIN
    return CJK


def markup(text: str) -> str:
    """``text`` escaped as Paragraph markup, with its Chinese runs in the Chinese face."""
    parts: list[str] = []
    run: list[str] = []
    run_face = LATIN
    for char in text:
        face = face_for(char)
        if face != run_face and run:
            parts.append(_wrap("".join(run), run_face))
            run = []
        run_face = face
        run.append(char)
    if run:
        parts.append(_wrap("".join(run), run_face))
    return "".join(parts)


def _wrap(run: str, face: str) -> str:
    escaped = _escape(run)
    return escaped if face == LATIN else f'<font name="{CJK}">{escaped}</font>'
