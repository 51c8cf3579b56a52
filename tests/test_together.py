"""A disclosure printed as two PDFs (text and tables): read as one document, and the text alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktopapp import cli
from desktopapp.extract import combine_documents, read_document
from desktopapp.rules import run_checks
from tests.helpers.split_budget import PLANTED, TRUE, build_split


@pytest.fixture(scope="module")
def split_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_split(tmp_path_factory.mktemp("split"))


@pytest.fixture(scope="module")
def together_json(split_pdfs, tmp_path_factory) -> tuple[int, dict, dict, Path]:
    text_pdf, tables_pdf = split_pdfs
    out = tmp_path_factory.mktemp("json")
    rc = cli.main([str(text_pdf), str(tables_pdf), "--together", "--json", str(out), "--xlsx", str(out / "book.xlsx")])
    text = json.loads((out / f"{text_pdf.stem}.json").read_text(encoding="utf-8"))
    tables = json.loads((out / f"{tables_pdf.stem}.json").read_text(encoding="utf-8"))
    return rc, text, tables, out


def test_together_finds_the_wrong_narrative_figure_in_the_text_file(together_json, split_pdfs):
    rc, text, tables, _out = together_json
    assert rc == 0
    wrong = [f for f in text["findings"] if f["severity"] == "error" and PLANTED in f["message"].replace(",", "")]
    assert len(wrong) == 1
    finding = wrong[0]
    assert TRUE in finding["message"].replace(",", "")
    # located in the text file, on its own page; the table cell it contradicts is in the other file
    assert 1 <= finding["page"] <= text["source"]["pages"]
    assert finding["cells"] and all(c["file"] == split_pdfs[1].name for c in finding["cells"])
    table_ids = {t["id"] for t in tables["tables"]}
    assert {c["table"] for c in finding["cells"]} <= table_ids


def test_together_raises_no_false_error(together_json):
    _rc, text, tables, _out = together_json
    errors = [f for f in text["findings"] + tables["findings"] if f["severity"] == "error"]
    # the altered figure, and the subject name the sample disclosure itself misprints
    assert sorted(f["rule"] for f in errors) == ["narrative_amount_vs_table", "narrative_subject_name"]
    assert not any(f["rule"] == "tables_in_other_file" for f in text["findings"])


def test_each_file_keeps_its_own_source_tables_and_pages(together_json, split_pdfs):
    _rc, text, tables, _out = together_json
    text_pdf, tables_pdf = split_pdfs
    assert text["source"]["file"] == text_pdf.name and text["together_with"] == [tables_pdf.name]
    assert tables["source"]["file"] == tables_pdf.name and tables["together_with"] == [text_pdf.name]
    assert text["tables"] == []
    assert [t["title"] for t in tables["tables"]][:3] == ["收支总表", "收入总表", "支出总表"]
    assert tables["tables"][0]["pages"][0] == 1  # local to the tables file
    assert all(1 <= f.get("page", 1) <= tables["source"]["pages"] for f in tables["findings"])
    assert text["document"]["year"] == tables["document"]["year"] == 2024


def test_combined_document_numbers_pages_through(split_pdfs):
    text_pdf, tables_pdf = split_pdfs
    text_doc, tables_doc = read_document(text_pdf), read_document(tables_pdf)
    text_pages = text_doc.page_count
    first_title = tables_doc.tables[0].title
    document = combine_documents([text_doc, tables_doc])
    assert document.page_count == text_pages + tables_doc.page_count
    assert [p.number for p in document.pages] == list(range(1, document.page_count + 1))
    table = document.tables[0]
    assert table.id == "T1" and table.title == first_title and table.pages[0] == text_pages + 1
    assert table.body[0][0].page == text_pages + 1
    part = document.part_of_page(table.pages[0])
    assert part is not None and Path(part.source) == tables_pdf and part.local_page(table.pages[0]) == 1
    assert document.sources() == [str(text_pdf), str(tables_pdf)]
    assert document.year == 2024


def test_text_pdf_alone_is_read_for_its_narrative_with_one_note(split_pdfs, tmp_path):
    text_pdf, _tables_pdf = split_pdfs
    document = read_document(text_pdf)
    assert document.tables == [] and document.kind.is_budget
    findings = run_checks(document)
    notes = [f for f in findings if f.rule == "tables_in_other_file"]
    assert len(notes) == 1 and notes[0].severity.value == "info"
    assert "--together" in notes[0].message and "添加附件" in notes[0].message
    # the checks that need the tables abstain: no error about missing tables or figures
    assert [f for f in findings if f.severity.value == "error"] == []
    assert cli.main([str(text_pdf), "--json", str(tmp_path)]) == 0
    data = json.loads((tmp_path / f"{text_pdf.stem}.json").read_text(encoding="utf-8"))
    assert data["tables"] == [] and any(f["rule"] == "tables_in_other_file" for f in data["findings"])



def test_together_writes_one_workbook_naming_both_files(together_json, split_pdfs):
    import openpyxl

    folder = together_json[3]
    book = openpyxl.load_workbook(folder / "book.xlsx", read_only=True)
    about = {row[0]: row[1] for row in book[book.sheetnames[-1]].iter_rows(values_only=True) if row and row[0]}
    assert about["源文件"] == f"{split_pdfs[0].name} + {split_pdfs[1].name}"
    assert len(book.sheetnames) == 1 + 11 + 3  # 审核意见, the tables of the tables file, findings, changes, about
    pages = [row[12] for row in book["校验结果"].iter_rows(min_row=2, values_only=True) if row[1] == "错误"]
    assert pages and all(str(p).endswith(f"（{split_pdfs[0].stem}）") for p in pages)


def test_review_file_records_the_attached_files(split_pdfs, tmp_path):
    from desktopapp.session.review import load_review, save_review

    text_pdf, tables_pdf = split_pdfs
    document = combine_documents([read_document(text_pdf), read_document(tables_pdf)])
    target = tmp_path / "x.review.json"
    save_review(target, document, [])
    review = load_review(target)
    assert review.sha256 == document.parts[0].sha256 and review.attached == [tables_pdf.name]
    # a name only, never a path out of the PDF's folder
    data = json.loads(target.read_text(encoding="utf-8"))
    data["attached"] = [{"file": "../../elsewhere/公开表.pdf", "sha256": "0" * 64}]
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_review(target).attached == ["公开表.pdf"]
