"""`check … --annotated DIR`: an annotated copy of each PDF, named as the other outputs are; an
output that would be an input is refused, the input untouched."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from desktopapp import cli
from tests.helpers.split_budget import build_split
from tests.test_export_annotated_pdf import _build

SAMPLE_PDF = Path(__file__).resolve().parents[1] / "resources" / "sample-dept-budget.pdf"


def _marks(path: Path) -> list[dict]:
    return [a.get_object() for page in PdfReader(path).pages for a in page.get("/Annots") or []
            if a.get_object()["/Subtype"] != "/Popup"]


def test_check_writes_an_annotated_copy_per_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "批注"

    status = cli.main([str(SAMPLE_PDF), "--annotated", str(out), "--json", str(tmp_path / "json")])

    assert status == 0
    findings = json.loads((tmp_path / "json" / f"{SAMPLE_PDF.stem}.json").read_text("utf-8"))["findings"]
    comments = [str(a["/Contents"]) for a in _marks(out / SAMPLE_PDF.name)]
    assert findings and all(any(f["message"] in c for c in comments) for f in findings)
    assert len(PdfReader(out / SAMPLE_PDF.name).pages) == len(PdfReader(SAMPLE_PDF).pages)
    assert SAMPLE_PDF.name in capsys.readouterr().out


def test_annotated_folder_that_holds_the_input_is_refused_for_that_file(tmp_path: Path, capsys) -> None:
    source = _build(tmp_path / "项目支出.pdf").path
    before = source.read_bytes()

    status = cli.main([str(source), "--annotated", str(tmp_path)])

    assert status == 2
    assert "就是输入文件" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_together_writes_one_annotated_copy_per_file(tmp_path: Path, capsys) -> None:
    text_pdf, tables_pdf = build_split(tmp_path)
    out = tmp_path / "批注"

    status = cli.main([str(text_pdf), str(tables_pdf), "--together", "--annotated", str(out)])

    assert status == 0
    text_copy, tables_copy = out / text_pdf.name, out / tables_pdf.name
    assert len(PdfReader(text_copy).pages) == len(PdfReader(text_pdf).pages)
    assert len(PdfReader(tables_copy).pages) == len(PdfReader(tables_pdf).pages)
    assert _marks(text_copy) and _marks(tables_copy)  # the planted figure: its sentence here, its cell there
