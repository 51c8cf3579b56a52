"""The marked-up copy of a disclosure for its department: each finding as a PDF annotation
(a highlight over the cells or the quoted lines, else a note at the top of its page), its
comment the message, the figures and the officer's mark and note (annotation_content.py).

Written as an incremental update (pdf_update.py; pypdf reads and serialises the objects): the
source's bytes are copied unchanged and the annotations appended after them, so pages, text
layer, existing annotations (and signatures' byte ranges) stay exactly as they were; a file
whose cross-reference table is damaged is written whole instead. The source file is only read;
the copy is written atomically (export/atomic.py).

Viewers: pypdf writes no appearance stream (/AP); poppler, WPS and older readers draw only what
/AP says, so each highlight carries one (its quads filled with the multiply blend mode, text
stays black) and each markup annotation a /Popup, listed by Acrobat / WPS in their comment pane.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import Path

from pypdf.annotations import Highlight, Popup, Text
from pypdf.constants import AnnotationFlag
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    RectangleObject,
    TextStringObject,
)

from desktopapp.core.errors import UserError
from desktopapp.core.marks import FindingMark
from desktopapp.core.model import Box, Document, Finding
from desktopapp.core.page_box import ordered
from desktopapp.export.annotation_content import AUTHOR, AnnotationContent, annotation_contents
from desktopapp.export.atomic import atomic_write
from desktopapp.export.pdf_space import PageSpace
from desktopapp.export.pdf_update import IncrementalUpdate, UpdateError, WholeCopy
from desktopapp.export.targets import same_file, unique_names

NOTE_SIZE = 20.0  # points: a sticky note's icon
POPUP_SIZE = (220.0, 120.0)


class AnnotatedPdfError(UserError):
    pass


def write_annotated_pdf(document: Document, findings: list[Finding], marks: Mapping[str, FindingMark],
                        target: Path) -> int:
    """The annotated copy of `document.source` (for a document read from several files, the first
    file's copy with the findings located there — `write_annotated_pdfs` writes them all).
    Returns the number of annotations written (highlights and notes, not their pop-ups)."""
    return write_annotated_part(document, findings, marks, document.source, target)


def write_annotated_pdfs(document: Document, findings: list[Finding], marks: Mapping[str, FindingMark],
                         folder: Path) -> list[Path]:
    """One annotated copy per file the document was read from, `folder/<stem>.pdf` (named as
    export/targets.py names outputs; `stem (2).pdf` for a repeated name)."""
    folder = Path(folder)
    sources = document.sources()
    written = []
    for source, name in zip(sources, unique_names([Path(s) for s in sources], ".pdf"), strict=True):
        write_annotated_part(document, findings, marks, source, folder / name)
        written.append(folder / name)
    return written


def write_annotated_part(document: Document, findings: list[Finding], marks: Mapping[str, FindingMark],
                         source: str, target: Path) -> int:
    """The annotated copy of `source`, one of the files `document` was read from, with the findings
    located in it; the number of annotations written."""
    part = next((p for p in document.parts if p.source == source), None)
    if document.parts and part is None:
        raise ValueError(f"{source} is not a file of this document")
    offset = part.first_page - 1 if part else 0
    count = part.page_count if part else document.page_count
    contents = annotation_contents(document, findings, marks, _rule_names())
    return _write_copy(Path(source), _local(contents, offset, count), Path(target))


def _local(contents: list[AnnotationContent], offset: int, count: int) -> list[tuple[int, list[Box], AnnotationContent]]:
    """(0-based page in this file, boxes, content) for each place lying in this file."""
    out = []
    for content in contents:
        for place in content.places:
            index = place.page - offset - 1
            if 0 <= index < count:
                out.append((index, place.boxes, content))
    return out


def _write_copy(source: Path, annotations: list[tuple[int, list[Box], AnnotationContent]], target: Path) -> int:
    if same_file(source, target):
        raise AnnotatedPdfError(f"不能把批注 PDF 写到源文件“{source.name}”上，请换一个位置。")
    try:
        original = source.read_bytes()
    except OSError as exc:
        raise AnnotatedPdfError(f"无法读取源 PDF“{source.name}”：{exc.strerror or exc}", str(exc)) from exc
    try:
        out = _annotated(IncrementalUpdate, original, annotations)
    except Exception:  # damaged (pypdf's strict reading raises many kinds of error) or encrypted
        try:
            out = _annotated(WholeCopy, original, annotations)
        except UpdateError as exc:
            raise AnnotatedPdfError(f"“{source.name}”已加密，无法写入批注。", str(exc)) from exc
        except Exception as exc:
            raise AnnotatedPdfError(f"“{source.name}”无法写入批注（文件结构损坏）。", str(exc)) from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, out.write)
    return len(annotations)


def _annotated(kind: type[IncrementalUpdate] | type[WholeCopy], original: bytes,
               annotations: list[tuple[int, list[Box], AnnotationContent]]) -> IncrementalUpdate | WholeCopy:
    out = kind(original)
    stamp = _pdf_date(datetime.now().astimezone())
    notes: dict[int, int] = {}  # notes already on a page: the next goes beside them, not on top
    added: dict[int, list[IndirectObject]] = {}
    for n, (index, boxes, content) in enumerate(annotations):
        page = out.page(index)
        space = PageSpace(ordered(page.mediabox), ordered(page.cropbox), (page.rotation or 0) % 360)
        slot = 0 if boxes else notes.get(index, 0)
        notes[index] = slot + (0 if boxes else 1)
        refs = _add(out, page.indirect_reference, space, boxes, content, f"desktopapp-{content.key}-{n}", stamp, slot)
        added.setdefault(index, []).extend(refs)
    for index, refs in added.items():
        out.page_with_annotations(index, refs)
    return out


def _add(out: IncrementalUpdate | WholeCopy, page: IndirectObject | None, space: PageSpace, boxes: list[Box],
         content: AnnotationContent, name: str, stamp: str, slot: int) -> list[IndirectObject]:
    """The annotation and its pop-up, added to `out`; their references, for the page's /Annots."""
    common = {"title_bar": AUTHOR}
    if boxes:
        quads = [space.quad(box) for box in boxes]
        rect = _union([space.rect(box) for box in boxes])
        annotation = Highlight(rect=rect, quad_points=ArrayObject(FloatObject(round(v, 3)) for q in quads for v in q),
                               highlight_color=_hex(content.colour), printing=True, **common)
        appearance = out.add(_highlight_appearance(rect, quads, content.colour))
        annotation[NameObject("/AP")] = DictionaryObject({NameObject("/N"): appearance})
        anchor = boxes[0]
    else:
        visible = space.visible()
        left = visible.x0 + 12 + slot * (NOTE_SIZE + 6) % max(NOTE_SIZE, visible.x1 - visible.x0 - 40)
        anchor = Box(left, visible.top + 12, left + NOTE_SIZE, visible.top + 12 + NOTE_SIZE)
        rect = space.rect(anchor)
        annotation = Text(rect=rect, text=content.comment, **common)
        annotation.pop(NameObject("/Flags"), None)  # pypdf writes a /Flags key no viewer reads; /F is the flag
        annotation.flags = AnnotationFlag.PRINT | AnnotationFlag.NO_ZOOM | AnnotationFlag.NO_ROTATE
        annotation[NameObject("/Name")] = NameObject("/Comment")
        annotation[NameObject("/C")] = ArrayObject(FloatObject(v) for v in content.colour)
        annotation[NameObject("/AP")] = DictionaryObject({NameObject("/N"): out.add(_note_appearance(content.colour))})
    annotation.update({
        NameObject("/Contents"): TextStringObject(content.comment),
        NameObject("/Subj"): TextStringObject(content.subject),
        NameObject("/NM"): TextStringObject(name),
        NameObject("/M"): TextStringObject(stamp),
        NameObject("/CreationDate"): TextStringObject(stamp),
    })
    if page is not None:
        annotation[NameObject("/P")] = page
    ref = out.add(annotation)
    popup = Popup(rect=space.rect(_popup_box(space, anchor)), open=False)
    popup.flags = AnnotationFlag.NO_ZOOM | AnnotationFlag.NO_ROTATE
    popup[NameObject("/Parent")] = ref
    annotation[NameObject("/Popup")] = popup_ref = out.add(popup)
    return [ref, popup_ref]


def _highlight_appearance(rect: tuple[float, float, float, float], quads: list[list[float]],
                          colour: tuple[float, float, float]) -> DecodedStreamObject:
    """/AP /N: the quads filled with `colour`, blended by multiply (ISO 32000 11.3.5) so the
    printed text shows through as it does under a highlighter."""
    r, g, b = colour
    ops = ["/GS0 gs", f"{r:.3f} {g:.3f} {b:.3f} rg"]
    for q in quads:
        (x1, y1), (x2, y2), (x3, y3), (x4, y4) = zip(q[0::2], q[1::2], strict=True)
        ops.append(f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l {x4:.3f} {y4:.3f} l {x3:.3f} {y3:.3f} l h f")
    stream = DecodedStreamObject()
    stream.set_data(("\n".join(ops) + "\n").encode("ascii"))
    state = DictionaryObject({NameObject("/Type"): NameObject("/ExtGState"), NameObject("/BM"): NameObject("/Multiply"),
                              NameObject("/ca"): FloatObject(1), NameObject("/CA"): FloatObject(1)})
    stream.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/FormType"): NumberObject(1),
        NameObject("/BBox"): RectangleObject(rect),
        NameObject("/Resources"): DictionaryObject({
            NameObject("/ExtGState"): DictionaryObject({NameObject("/GS0"): state})}),
    })
    return stream


def _note_appearance(colour: tuple[float, float, float]) -> DecodedStreamObject:
    """/AP /N of a note: a square of the finding's colour with three lines of "text" (viewers that
    draw only /AP show it like Acrobat's comment icon; the others draw their own)."""
    r, g, b = colour
    n = NOTE_SIZE
    stream = DecodedStreamObject()
    stream.set_data((f"{r:.3f} {g:.3f} {b:.3f} rg 0.3 0.3 0.3 RG 0.6 w 1 1 {n - 2:.1f} {n - 2:.1f} re B\n"
                     f"1 1 1 RG 1.4 w 5 {n * 0.7:.1f} m {n - 5:.1f} {n * 0.7:.1f} l 5 {n * 0.5:.1f} m "
                     f"{n - 5:.1f} {n * 0.5:.1f} l 5 {n * 0.3:.1f} m {n * 0.6:.1f} {n * 0.3:.1f} l S\n").encode("ascii"))
    stream.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/FormType"): NumberObject(1),
        NameObject("/BBox"): RectangleObject((0, 0, n, n)),
    })
    return stream


def _popup_box(space: PageSpace, anchor: Box) -> Box:
    """Beside the page's right edge at the mark's height, inside the visible page."""
    visible = space.visible()
    width, height = POPUP_SIZE
    x1 = visible.x1 - 6
    top = min(max(anchor.top, visible.top + 6), visible.bottom - height - 6)
    return Box(max(visible.x0, x1 - width), max(visible.top, top), x1, max(visible.top, top) + height)


def _union(rects: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))


def _hex(colour: tuple[float, float, float]) -> str:
    return "".join(f"{round(v * 255):02x}" for v in colour)


def _pdf_date(now: datetime) -> str:
    offset = now.strftime("%z") or "+0000"
    return f"D:{now:%Y%m%d%H%M%S}{offset[0]}{offset[1:3]}'{offset[3:5]}'"


@cache
def _rule_names() -> dict[str, str]:
    try:
        from desktopapp.export.xlsx import catalog_rule_names

        return catalog_rule_names()
    except Exception:  # a broken catalog must not stop the export: the rule ids still say which rule
        return {}
