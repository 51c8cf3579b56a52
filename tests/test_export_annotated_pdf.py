"""The annotated copy for the department (export/annotated_pdf.py), re-read with pypdf: one
annotation per finding on the right page, over the cell's printed box (pdfgen's truth) or the
quoted lines, its comment and colour; the source untouched and its text layer unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Text

from desktopapp.core.errors import UserError
from desktopapp.core.marks import FindingMark, Verdict, finding_key
from desktopapp.core.model import CellRef, Document, Finding, Severity
from desktopapp.export.annotated_pdf import AUTHOR, write_annotated_pdf, write_annotated_pdfs
from desktopapp.export.annotation_content import CONFIRMED_COLOUR, DISMISSED_COLOUR, SEVERITY_COLOURS
from desktopapp.export.xlsx import catalog_rule_names
from desktopapp.extract import combine_documents, read_document
from tests.helpers.pdfgen import PdfBuilder, PrintedDocument, TableSpec
from tests.helpers.specs import ORG, PROJECT_HEADER, PROJECT_ROWS

PARAGRAPH = ("本单位主要从事社会保险经办工作，承担辖区范围内用人单位及其职工和离退休人员、个体灵活就业人员、"
             "城乡居民参加社会保险的经办服务工作；承办上级交办的其他事项。本单位内设机构十个，包括业务受理科、"
             "登记核定科、养老待遇科、工伤待遇科、失业待遇科和办公室。")
QUOTE = "离退休人员、个体灵活就业人员"  # printed over a line break (pdfgen wraps at 40 characters)
TOTAL_ROW, TOTAL_COL = 0, 3  # 合计 | 398.85


def _build(path: Path, rotate: int = 0) -> PrintedDocument:
    builder = PdfBuilder(path)
    builder.text_page([PARAGRAPH], heading="第一部分 单位概况")
    builder.table(TableSpec("项目支出表", PROJECT_HEADER, PROJECT_ROWS, number="表10", org=ORG, font_size=8),
                  rotate=rotate, landscape=not rotate)  # wide enough that no figure wraps
    return builder.save()


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[PrintedDocument, Document]:
    printed = _build(tmp_path_factory.mktemp("annot") / "项目支出.pdf")
    return printed, read_document(printed.path)


def _findings(document: Document) -> list[Finding]:
    table = document.tables[0]
    return [
        Finding("project_total", Severity.ERROR, "合计 398.85 ≠ 各项之和 398.84", [CellRef(table.id, TOTAL_ROW, TOTAL_COL)],
                expected="398.84", actual="398.85", difference="0.01", page=table.pages[0], table=table.id),
        Finding("table_unit_missing", Severity.WARNING, "表格没有印单位", table=table.id, page=table.pages[0]),
        Finding("doc_year_unknown", Severity.INFO, "没有读到预算年度"),
        Finding("narrative_percent_sign", Severity.WARNING, "正文的引文", page=1, quote=QUOTE),
    ]


def _annotations(path: Path) -> list[tuple[int, dict]]:
    """(0-based page, annotation) for every annotation but the pop-ups."""
    out = []
    for index, page in enumerate(PdfReader(path).pages):
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            if annotation["/Subtype"] != "/Popup":
                out.append((index, annotation))
    return out


def _quad_bounds(annotation: dict) -> tuple[float, float, float, float]:
    q = [float(v) for v in annotation["/QuadPoints"]]
    return min(q[0::2]), min(q[1::2]), max(q[0::2]), max(q[1::2])


def _origin(page, wanted: str) -> tuple[float, float]:
    """Where `wanted` is drawn, in user space, as pypdf's text extraction places it."""
    found = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip() == wanted:
            found.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    assert found, f"{wanted} not drawn on the page"
    return found[0]


def _inside(point: tuple[float, float], bounds: tuple[float, float, float, float]) -> bool:
    x, y = point
    return bounds[0] <= x <= bounds[2] and bounds[1] <= y <= bounds[3]


def _colour(annotation: dict) -> tuple[float, ...]:
    return tuple(round(float(v), 2) for v in annotation["/C"])


def _rounded(colour: tuple[float, float, float]) -> tuple[float, ...]:
    return tuple(round(v, 2) for v in colour)


def test_one_annotation_per_finding_on_its_page_with_its_comment(plain, tmp_path: Path) -> None:
    printed, document = plain
    findings = _findings(document)
    before = hashlib.sha256(printed.path.read_bytes()).hexdigest()
    target = tmp_path / "out" / "批注.pdf"

    count = write_annotated_pdf(document, findings, {}, target)

    assert count == len(findings) == len(_annotations(target))
    by_message = {str(a["/Contents"]).split("\n")[0]: (i, a) for i, a in _annotations(target)}
    table_page = document.tables[0].pages[0] - 1
    # the cell: a highlight covering the printed cell's box (pdfgen's truth, page height 841.89 pt)
    index, cell = by_message["【错误】合计 398.85 ≠ 各项之和 398.84"]
    assert index == table_page and cell["/Subtype"] == "/Highlight"
    truth = printed.tables[0].cells[TOTAL_ROW][TOTAL_COL]
    height = float(PdfReader(target).pages[index].mediabox.top)
    x0, y0, x1, y1 = _quad_bounds(cell)
    tx0, ttop, tx1, tbottom = truth.box
    assert abs(x0 - tx0) < 2 and abs(x1 - tx1) < 2 and abs(y0 - (height - tbottom)) < 2 and abs(y1 - (height - ttop)) < 2
    assert "应为：398.84；实为：398.85；差额：0.01" in cell["/Contents"]
    assert cell["/T"] == AUTHOR and cell["/Subj"] == catalog_rule_names().get("project_total", "project_total")
    assert _colour(cell) == _rounded(SEVERITY_COLOURS[Severity.ERROR])
    # the table: a highlight over the whole table
    index, table = by_message["【警告】表格没有印单位"]
    assert index == table_page and _inside(_origin(PdfReader(target).pages[index], "398.85"), _quad_bounds(table))
    # no place: a note at the top of page 1
    index, note = by_message["【提示】没有读到预算年度"]
    assert index == 0 and note["/Subtype"] == "/Text" and note["/AP"]["/N"].get_object()["/Subtype"] == "/Form"
    assert float(note["/Rect"][3]) > height - 60
    # the quote: the two text lines holding it, each highlighted across
    index, quote = by_message["【警告】正文的引文"]
    assert index == 0 and len(quote["/QuadPoints"]) == 16
    assert any(line.endswith("离退休人员、") for line in printed.pages[0].lines)
    # every mark has a pop-up that names it as parent
    reader = PdfReader(target)
    for page_index, annotation in _annotations(target):
        popup = annotation["/Popup"].get_object()
        assert popup["/Subtype"] == "/Popup" and popup["/Parent"].get_object()["/NM"] == annotation["/NM"]
        assert page_index < len(reader.pages)
    # the source untouched, the copy's pages and text as the source's
    assert hashlib.sha256(printed.path.read_bytes()).hexdigest() == before
    source = PdfReader(printed.path)
    assert len(reader.pages) == len(source.pages)
    assert [p.extract_text() for p in reader.pages] == [p.extract_text() for p in source.pages]


def test_marks_change_colour_and_travel_in_the_comment(plain, tmp_path: Path) -> None:
    _, document = plain
    findings = _findings(document)[:2]
    marks = {finding_key(findings[0]): FindingMark(Verdict.DISMISSED, "单位已说明：印刷时四舍五入"),
             finding_key(findings[1]): FindingMark(Verdict.CONFIRMED)}
    target = tmp_path / "marked.pdf"

    write_annotated_pdf(document, findings, marks, target)

    cell, table = (a for _, a in _annotations(target))
    assert _colour(cell) == _rounded(DISMISSED_COLOUR)
    assert "审核标记：非问题" in cell["/Contents"] and "备注：单位已说明：印刷时四舍五入" in cell["/Contents"]
    assert _colour(table) == _rounded(CONFIRMED_COLOUR)  # 确有问题: red although a warning
    assert "审核标记：确有问题" in table["/Contents"]


def test_highlight_is_drawn_by_a_renderer_that_reads_only_the_appearance_stream(plain, tmp_path: Path) -> None:
    printed, document = plain
    finding = _findings(document)[0]
    target = tmp_path / "drawn.pdf"
    write_annotated_pdf(document, [finding], {}, target)
    annotation = _annotations(target)[0][1]
    appearance = annotation["/AP"]["/N"].get_object()
    assert appearance["/Resources"]["/ExtGState"]["/GS0"]["/BM"] == "/Multiply"

    truth = printed.tables[0].cells[TOTAL_ROW][TOTAL_COL]
    x0, top, _, bottom = truth.box  # figures are right-aligned: the cell's left part is blank paper
    for path, tinted in ((printed.path, False), (target, True)):
        pdf = pdfium.PdfDocument(str(path))
        try:
            bitmap = pdf[truth.page - 1].render(scale=1, may_draw_forms=True, draw_annots=True).to_pil()
        finally:
            pdf.close()
        red, green, blue = bitmap.getpixel((int(x0 + 4), int((top + bottom) / 2)))[:3]
        assert (red > 200 and green < 160 and blue < 160) is tinted


def test_rotated_page_marks_the_printed_cell(tmp_path: Path) -> None:
    printed = _build(tmp_path / "rotated.pdf", rotate=90)
    document = read_document(printed.path)
    finding = _findings(document)[0]
    target = tmp_path / "rotated-annotated.pdf"

    write_annotated_pdf(document, [finding], {}, target)

    [(index, annotation)] = _annotations(target)
    page = PdfReader(target).pages[index]
    assert page.rotation == 90
    assert _inside(_origin(page, "398.85"), _quad_bounds(annotation))
    assert not _inside(_origin(page, "242.85"), _quad_bounds(annotation))  # the next column's figure


def test_cropbox_not_at_origin_and_existing_annotations_kept(plain, tmp_path: Path) -> None:
    printed, _ = plain
    writer = PdfWriter(clone_from=PdfReader(printed.path))
    for page in writer.pages:
        x1, y1 = float(page.mediabox.right), float(page.mediabox.top)
        page.cropbox.lower_left, page.cropbox.upper_right = (20, 15), (x1 - 10, y1 - 25)
    writer.add_annotation(0, Text(rect=(100, 100, 120, 120), text="原有批注"))
    cropped = tmp_path / "cropped.pdf"
    with cropped.open("wb") as fh:
        writer.write(fh)
    document = read_document(cropped)
    target = tmp_path / "cropped-annotated.pdf"

    write_annotated_pdf(document, _findings(document), {}, target)

    annotations = _annotations(target)
    assert any(a.get("/Contents") == "原有批注" for _, a in annotations)
    cell = next(a for _, a in annotations if str(a["/Contents"]).startswith("【错误】"))
    index = document.tables[0].pages[0] - 1
    assert _inside(_origin(PdfReader(target).pages[index], "398.85"), _quad_bounds(cell))
    note = next(a for _, a in annotations if str(a["/Contents"]).startswith("【提示】"))
    x0, y0, x1, y1 = (float(v) for v in note["/Rect"])
    cropbox = PdfReader(target).pages[0].cropbox
    assert float(cropbox.left) <= x0 and y1 <= float(cropbox.top)  # inside what a viewer shows


def test_output_that_is_the_source_is_refused(plain) -> None:
    printed, document = plain
    before = printed.path.read_bytes()
    with pytest.raises(UserError):
        write_annotated_pdf(document, _findings(document), {}, printed.path)
    assert printed.path.read_bytes() == before


def test_two_file_document_gives_one_copy_per_file(tmp_path: Path) -> None:
    from desktopapp.rules import run_checks
    from tests.helpers.split_budget import PLANTED, build_split

    text_pdf, tables_pdf = build_split(tmp_path)
    document = combine_documents([read_document(text_pdf), read_document(tables_pdf)])
    findings = [f for f in run_checks(document) if f.quote and PLANTED in f.quote and f.cells]
    assert findings, "the planted figure of the 情况说明 is found against the tables"
    finding = findings[0]

    written = write_annotated_pdfs(document, [finding], {}, tmp_path / "批注")

    assert [p.name for p in written] == [text_pdf.name, tables_pdf.name]
    text_marks, table_marks = (_annotations(p) for p in written)
    assert [i for i, _ in text_marks] == [document.parts[0].local_page(finding.page) - 1]
    cell = finding.cells[0]
    cell_page = document.table(cell.table).body[cell.row][cell.col].page
    assert [i for i, _ in table_marks] == [document.parts[1].local_page(cell_page) - 1]
    assert all(finding.message in a["/Contents"] for _, a in text_marks + table_marks)


def test_sound_file_is_kept_byte_for_byte_and_a_damaged_one_is_written_whole(plain, tmp_path: Path) -> None:
    printed, document = plain
    finding = _findings(document)[0]
    target = tmp_path / "update.pdf"
    write_annotated_pdf(document, [finding], {}, target)
    assert target.read_bytes().startswith(printed.path.read_bytes())  # an incremental update

    data = printed.path.read_bytes()
    damaged = tmp_path / "damaged.pdf"  # every cross-reference offset wrong by 23 bytes
    damaged.write_bytes(data[:15] + b"% shifted by a comment\n" + data[15:])
    copy = tmp_path / "damaged-annotated.pdf"
    write_annotated_pdf(read_document(damaged), [finding], {}, copy)
    reader = PdfReader(copy, strict=True)  # a new, sound cross-reference table
    assert len(_annotations(copy)) == 1
    assert [p.extract_text() for p in reader.pages] == [p.extract_text() for p in PdfReader(printed.path).pages]


def test_a_corpus_file_with_object_streams_takes_the_update(tmp_path: Path) -> None:
    from desktopapp.rules import run_checks
    from tests.helpers.corpus import CORPUS

    source = next(iter(sorted(CORPUS.glob("real/putuo-planning-*.pdf"))), None)
    if source is None:
        pytest.skip("../shared/corpus is absent")
    document = read_document(source)
    findings = run_checks(document)
    target = tmp_path / "corpus.pdf"

    count = write_annotated_pdf(document, findings, {}, target)

    assert target.read_bytes().startswith(source.read_bytes())
    reader = PdfReader(target, strict=True)
    assert len(_annotations(target)) == count >= len(findings)
    assert [p.extract_text() for p in reader.pages] == [p.extract_text() for p in PdfReader(source).pages]
    pdf = pdfium.PdfDocument(str(target))
    try:
        assert len(pdf) == document.page_count
    finally:
        pdf.close()
