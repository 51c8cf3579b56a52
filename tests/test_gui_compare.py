"""文件 ▸ 对比…: the reference read in the background, the relation stated and confirmed, the 对比
findings in the panel, the reference remembered in the review file and read again on reopening."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktopapp._qt.findings_model import COMPARE_FAMILY
from desktopapp._qt.main_window import MainWindow
from desktopapp.compare.relation import Relation
from desktopapp.compare.text import RULE_REASON
from desktopapp.session.compare import is_comparison_rule
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, PdfBuilder, TableSpec
from tests.test_gui_window import make_window, open_and_wait  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui

ORG = "测试社会保险管理处"
REASON = "主要原因是调整了住房公积金缴存标准。"


def _build(path: Path, year: int, housing: str, rise: str) -> Path:
    builder = PdfBuilder(path)
    builder.cover([ORG, f"{year}年单位预算"])
    builder.text_page(
        [f"本单位{year}年住房公积金支出{housing}万元，比上年增加{rise}万元，{REASON}", "主要用于社会保险经办业务。"],
        heading="第三部分 情况说明",
    )
    builder.table(TableSpec("一般公共预算支出表", EXPENDITURE_HEADER, [list(r) for r in EXPENDITURE_ROWS],
                            number="表5", org=ORG))
    builder.save()
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("compare")
    return _build(folder / "2025年单位预算.pdf", 2025, "120.00", "20.00"), _build(folder / "2024年单位预算.pdf", 2024, "100.00", "8.00")


@pytest.fixture
def pdfs(built, tmp_path) -> tuple[Path, Path]:
    current, reference = (tmp_path / p.name for p in built)
    for source, target in zip(built, (current, reference)):
        shutil.copy(source, target)
    return current, reference


def _compare(qtbot, window: MainWindow, reference: Path, asked: list) -> None:
    def choose(names, stated, inferred):
        asked.append((names, stated, inferred))
        return inferred, False

    window.comparing.choose_relation = choose
    with qtbot.waitSignal(window.comparing.read_finished, timeout=60_000) as blocker:
        assert window.comparing.read([reference])
    assert blocker.args == ["ok"]
    qtbot.waitUntil(lambda: not window.comparing.is_reading, timeout=10_000)


def _compared(window: MainWindow):
    return [f for f in window.state.findings if is_comparison_rule(f.rule)]


def _review(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".review.json").read_text(encoding="utf-8"))


def test_compare_states_the_relation_lists_the_findings_of_the_family_and_the_review_remembers(
    qtbot, make_window, pdfs  # noqa: F811
):
    current, reference = pdfs
    window = make_window()
    open_and_wait(qtbot, window, current)
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "对比(&D)…" in menu_texts and "取消对比(&U)" in menu_texts
    asked: list = []
    _compare(qtbot, window, reference, asked)
    [(names, stated, inferred)] = asked
    assert names == reference.name and inferred is Relation.PREVIOUS_YEAR and "上年" in stated
    assert window.windowTitle().startswith(current.name) and window.windowTitle().endswith(f"对比：{reference.name}")
    [reason] = [f for f in _compared(window) if f.rule == RULE_REASON]
    assert "120.00万元" in reason.message and "100.00万元" in reason.message
    assert window.state.rule_name(RULE_REASON).startswith("对比")
    panel = window.tabs.findings_panel
    panel.rule_combo.setCurrentIndex(panel.rule_combo.findData(COMPARE_FAMILY))
    shown = [panel.proxy.finding_at(r) for r in range(panel.proxy.rowCount())]
    assert shown and all(is_comparison_rule(f.rule) for f in shown)
    remembered = _review(current)["reference"]
    assert remembered["relation"] == "previous_year" and remembered["chosen_by_officer"] is False
    assert Path(remembered["files"][0]).name == reference.name and len(remembered["sha256"]) == 64
    # beside the current page, the reference's page of that sentence
    assert window.comparing.show_for(reason) == reason.reference_page
    assert window.comparing.dock.isVisible() and window.comparing.dock.view.page == reason.reference_page
    assert any(m.kind == "quote" for m in window.comparing.dock.view.marks)  # the reference's sentence lit
    texts = [a.text() for a in panel.marks.build_menu().actions() if a.text()]
    assert texts[-1] == "在参考文件中查看"


def test_a_correction_reruns_the_comparison_and_reopening_reads_the_reference_again(
    qtbot, make_window, pdfs  # noqa: F811
):
    current, reference = pdfs
    window = make_window()
    open_and_wait(qtbot, window, current)
    _compare(qtbot, window, reference, [])
    before = len(_compared(window))
    window.state.recheck_all()  # as after any correction: the comparison runs with the rest
    assert len(_compared(window)) == before > 0
    window.close()

    again = make_window()
    open_and_wait(qtbot, again, current)
    qtbot.waitUntil(lambda: again.comparing.reference is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not again.comparing.is_reading, timeout=10_000)
    assert len(_compared(again)) == before
    assert again.comparing.remove_action.isEnabled()
    again.comparing.remove()
    assert _compared(again) == [] and "reference" not in _review(current)
    assert "对比" not in again.windowTitle()


def test_a_changed_reference_is_one_line_and_the_rest_of_the_review_is_restored(
    qtbot, make_window, pdfs  # noqa: F811
):
    current, reference = pdfs
    window = make_window()
    open_and_wait(qtbot, window, current)
    _compare(qtbot, window, reference, [])
    window.close()
    with reference.open("ab") as fh:  # another version of the file: its sha256 differs
        fh.write(b"\n%% edited\n")

    again = make_window()
    messages: list[str] = []
    again.comparing.message.connect(lambda text, _ms: messages.append(text))
    with qtbot.waitSignal(again.comparing.read_finished, timeout=60_000):
        open_and_wait(qtbot, again, current)
    qtbot.waitUntil(lambda: not again.comparing.is_reading, timeout=10_000)
    assert again.comparing.reference is None and _compared(again) == []
    assert any("已更改" in m and reference.name in m for m in messages)
    assert again.state.has_document and again.state.findings


def test_a_reference_moved_away_is_one_line_on_reopening(qtbot, make_window, pdfs):  # noqa: F811
    current, reference = pdfs
    window = make_window()
    open_and_wait(qtbot, window, current)
    _compare(qtbot, window, reference, [])
    window.close()
    reference.rename(reference.with_name("别处.pdf"))

    again = make_window()
    messages: list[str] = []
    again.comparing.message.connect(lambda text, _ms: messages.append(text))
    open_and_wait(qtbot, again, current)
    qtbot.waitUntil(lambda: any("已不在原处" in m for m in messages), timeout=10_000)
    assert again.comparing.reference is None and not again.comparing.is_reading
    assert again.state.findings and not _compared(again)
