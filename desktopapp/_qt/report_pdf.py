"""The 审核意见 as a PDF: the core's HTML (export/review_report.report_html) laid out by Qt's rich
text on A4 and written by QPdfWriter, with the system's Chinese font embedded — no other library.

QTextDocument.print_ breaks the text into pages, repeats each table's <thead> on the pages it
runs over and numbers the pages at their foot.

Qt names each glyph's character in the PDF (its ToUnicode map) by the lowest code point the font
maps to that glyph; fonts that draw the radical "⼀" (U+2F00) and the ideograph "一" (U+4E00) with
one glyph (Noto CJK, Source Han) would make a search or a copy of the text find radicals.
`_ideographs_for_radicals` names the ideographs instead — the same number of bytes, in place.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QRawFont, QTextDocument

from desktopapp.export.atomic import atomic_write

# 宋体 is what the disclosures and office documents print in; the rest are the usual fallbacks
PRINT_FONTS = ("SimSun", "宋体", "NSimSun", "Microsoft YaHei", "微软雅黑", "Noto Serif CJK SC", "Source Han Serif SC",
               "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC")
RESOLUTION = 300  # dots per inch of the layout: text is vector, this only rounds positions


def print_font(size: float = 10.0) -> QFont:
    """The first installed Chinese font of PRINT_FONTS (else Qt's default, which substitutes)."""
    families = set(QFontDatabase.families())
    font = QFont()
    for family in PRINT_FONTS:
        if family in families:
            font.setFamily(family)
            break
    font.setPointSizeF(size)
    if hasattr(font, "setFeature"):  # Qt ≥ 6.7
        # Noto CJK's localised forms swap the digits of a Latin run (SHA-256, T1) for glyphs that
        # no character maps to: the PDF would say "(cid:26)" where it shows "2"
        font.setFeature(QFont.Tag("locl"), 0)
    return font


def report_pdf_bytes(html: str, title: str = "审核意见") -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("desktopapp")
    writer.setResolution(RESOLUTION)
    # no margin of the writer's own: print_ lays the text out on the whole sheet with its 2 cm
    # margins, and the page number in the bottom one
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setDefaultFont(print_font())
    document.setHtml(html)
    document.print_(writer)
    del writer  # ends the PDF (the writer finishes it when it goes)
    buffer.close()
    return _ideographs_for_radicals(bytes(data.data()), html)


RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement, Kangxi Radicals
_TO_UNICODE = re.compile(rb"/CIDInit /ProcSet findresource begin.*?endcmap", re.S)
_HEX = re.compile(rb"<(2[EF][0-9A-F]{2})>")


def _ideographs_for_radicals(pdf: bytes, html: str) -> bytes:
    """In the ToUnicode maps (written uncompressed by Qt), a radical the report's text does not
    contain becomes the character of the text drawn with its glyph."""
    font = QRawFont.fromFont(print_font())
    written = sorted({c for c in html if ord(c) > 0x3000 and ord(c) not in RADICALS})
    by_glyph = dict(zip(font.glyphIndexesForString("".join(written)), written, strict=False))
    in_text = {ord(c) for c in html}

    def ideograph(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16)
        if code in in_text:
            return match.group(0)
        [glyph] = font.glyphIndexesForString(chr(code)) or [0]
        twin = by_glyph.get(glyph) if glyph else None
        return f"<{ord(twin):04X}>".encode() if twin and ord(twin) <= 0xFFFF else match.group(0)

    return _TO_UNICODE.sub(lambda cmap: _HEX.sub(ideograph, cmap.group(0)), pdf)


def write_report_pdf(html: str, path: Path) -> None:
    """Write the PDF atomically (an old report stays whole if this fails); OSError propagates."""
    pdf = report_pdf_bytes(html)
    atomic_write(path, lambda fh: fh.write(pdf))
