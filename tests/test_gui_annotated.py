"""文件 ▸ 导出批注 PDF… in the window: disabled without a document; writes the copy with the
session's current findings (after a correction) and the officer's marks; says how many."""

from __future__ import annotations

from pypdf import PdfReader

from desktopapp.core.marks import Verdict, finding_key
from desktopapp.export.annotation_content import DISMISSED_COLOUR
from tests.helpers.split_budget import build_split
from tests.test_gui_together import read
from tests.test_gui_window import built_pdf, make_window, open_and_wait, pdf  # noqa: F401 (fixtures)


def _comments(path) -> list[tuple[str, tuple[float, ...], str]]:
    out = []
    for page in PdfReader(path).pages:
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            if annotation["/Subtype"] != "/Popup":
                out.append((str(annotation["/Contents"]), tuple(round(float(v), 2) for v in annotation["/C"]),
                            str(annotation["/NM"])))
    return out


def test_menu_action_writes_the_annotated_copy_with_marks(qtbot, make_window, pdf, tmp_path):  # noqa: F811
    window = make_window()
    action = window.annotated_export.action
    assert not action.isEnabled()
    assert action in window.menuBar().actions()[0].menu().actions()
    open_and_wait(qtbot, window, pdf)
    assert action.isEnabled()
    findings = list(window.state.findings)
    errors = [f for f in findings if f.severity.value == "error"]
    assert errors, "the fixture has an altered figure"
    window.state.session.set_mark(errors[0], Verdict.DISMISSED, "印刷无误")
    before = pdf.read_bytes()
    target = tmp_path / "out" / "退回单位"
    window.prompts.ask_save_path = lambda *a: target

    action.trigger()

    written = target.with_name("退回单位.pdf")
    comments = _comments(written)
    assert all(any(f.message in text for text, _, _ in comments) for f in window.state.findings)
    dismissed = [(text, colour) for text, colour, name in comments if finding_key(errors[0]) in name]
    assert dismissed and all("审核标记：非问题" in t and "备注：印刷无误" in t for t, _ in dismissed)
    assert all(colour == tuple(round(v, 2) for v in DISMISSED_COLOUR) for _, colour in dismissed)
    assert pdf.read_bytes() == before
    shown = window.statusBar().currentMessage()
    assert f"{len(window.state.findings)} 个问题" in shown and str(written) in shown
    assert len(comments) == len(window.state.findings) or f"{len(comments)} 处批注" in shown


def test_a_correction_changes_what_the_copy_says(qtbot, make_window, pdf, tmp_path):  # noqa: F811
    window = make_window()
    open_and_wait(qtbot, window, pdf)
    error = next(f for f in window.state.findings if f.severity.value == "error" and f.cells)
    ref = error.cells[0]
    cell = window.state.document.table(ref.table).body[ref.row][ref.col]
    window.state.session.set_value(ref.table, ref.row, ref.col, "12,345.67", reason="测试")
    target = tmp_path / "corrected.pdf"
    window.prompts.ask_save_path = lambda *a: target

    window.annotated_export.action.trigger()

    comments = [text for text, _, _ in _comments(target)]
    assert cell.corrected is not None
    assert all(any(f.message in text for text in comments) for f in window.state.findings)
    assert any("12,345.67" in text for text in comments)  # the value in force, not the printed one



def test_a_document_of_two_files_gives_a_copy_of_each_in_the_chosen_folder(qtbot, make_window, tmp_path):  # noqa: F811
    window = make_window()
    text_pdf, tables_pdf = build_split(tmp_path)
    read(qtbot, window, lambda: window.opener.open_pdfs([text_pdf, tables_pdf]))
    window.annotated_export.ask_folder = lambda title, start: start  # the sources' own folder

    window.annotated_export.action.trigger()

    for source in (text_pdf, tables_pdf):
        copy = source.with_name(f"{source.stem}.批注.pdf")
        assert len(PdfReader(copy).pages) == len(PdfReader(source).pages)
    assert _comments(text_pdf.with_name(f"{text_pdf.stem}.批注.pdf"))  # the planted sentence
    assert "2 份批注 PDF" in window.statusBar().currentMessage()
