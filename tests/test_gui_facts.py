"""校验 ▸ 文件信息: the facts about the document shown, corrected by the officer (the checks re-run),
saved in the review file and restored with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp._qt.facts_dialog import FactsDialog
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, PdfBuilder, TableSpec
from tests.test_gui_window import make_window, open_and_wait  # noqa: F401  (fixtures)

pytestmark = pytest.mark.gui

# A 2024 budget comparing with "2024年预算" compares a year with itself: narrative_year.
TEXT = "本单位收支总预算1826.31万元，比2024年预算增加10.00万元，主要是人员经费增加。"


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "单位预算.pdf"
    builder = PdfBuilder(path)
    builder.cover(["测试社会保险管理处", "2024年单位预算"])
    builder.text_page([TEXT], heading="第三部分 情况说明")
    builder.table(TableSpec("一般公共预算支出表", EXPENDITURE_HEADER, [list(r) for r in EXPENDITURE_ROWS],
                            number="表5", org="测试社会保险管理处"))
    builder.save()
    return path


def quotes(window) -> set[str]:
    return {f.quote for f in window.state.findings if f.rule == "narrative_year"}


def test_correcting_the_year_rechecks_and_is_restored_with_the_review(qtbot, make_window, pdf):  # noqa: F811
    window = make_window()
    open_and_wait(qtbot, window, pdf)
    document = window.state.document
    assert document.year == 2024 and document.facts["year"]["status"] == "established"
    assert "2024年" in window.status_labels.facts_label.text()
    assert quotes(window) == {"比2024年预算增加10.00万元"}  # a 2024 budget compared with itself

    dialog = window.document_facts.dialog()
    assert isinstance(dialog, FactsDialog)
    assert dialog.year.text() == "2024" and dialog.organization.text() == "测试社会保险管理处"
    assert "封面" in dialog.status_labels["year"].text()
    dialog.year.setText("2025")
    assert dialog.changed() == {"year": 2025}
    window.document_facts.apply(dialog.changed())

    assert document.year == 2025 and document.facts["year"]["status"] == "corrected"
    # comparing a 2025 budget with 2024 is right; the cover's "2024年单位预算" now disagrees
    assert quotes(window) == {"测试社会保险管理处2024年单位预算"}
    assert "2025年" in window.status_labels.facts_label.text()
    saved = window.state.session.autosave_target()
    assert saved.exists()

    window.close()
    again = make_window()
    open_and_wait(qtbot, again, pdf)
    qtbot.waitUntil(lambda: again.state.document.year == 2025, timeout=10_000)  # offered and restored
    assert any("文件信息已更正" in q for q in again.questions)
    assert again.state.document.facts["year"]["status"] == "corrected"
    assert quotes(again) == {"测试社会保险管理处2024年单位预算"}
    assert "2025年" in again.status_labels.facts_label.text()

    again.document_facts.apply({"year": None})  # back to what the document prints
    assert again.state.document.year == 2024 and quotes(again) == {"比2024年预算增加10.00万元"}
    assert again.state.document.facts["year"]["status"] == "established"
