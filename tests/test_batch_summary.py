"""The summary workbook re-read with openpyxl: a row per file with numbers as numbers, a working
link to each file's own workbook, every finding with its file and page, counts by rule."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from desktopapp.batch import BatchOutputs, find_pdfs, run_batch
from desktopapp.batch.summary import write_summary_workbook
from desktopapp.export.xlsx import catalog_rule_names
from tests.helpers import sample_budget
from tests.helpers.damaged import three_tables
from tests.test_bad_input import make_encrypted


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("收到")
    (root / "人社局").mkdir()
    shutil.copy(sample_budget.OUTPUT, root / "人社局" / "2024年部门预算.pdf")
    (root / "财政局").mkdir()
    three_tables(root / "财政局" / "预算表.pdf")
    make_encrypted(root / "财政局")
    out = tmp_path_factory.mktemp("汇总")
    results = run_batch(find_pdfs(root), outputs=BatchOutputs(xlsx_dir=out / "各文件"))
    target = out / "汇总.xlsx"
    write_summary_workbook(results, target, folders=[root])
    return results, target, openpyxl.load_workbook(target)


def test_the_register_has_one_row_per_file_with_numbers_as_numbers(register):
    results, _, book = register
    assert book.sheetnames == ["汇总", "全部问题", "规则统计", "说明"]
    rows = list(book["汇总"].iter_rows(values_only=True))
    heading = rows[0]
    assert heading[:11] == ("序号", "文件", "单位", "类型", "年度", "页数", "表格数", "错误", "警告", "主要问题", "无法读取原因")
    by_file = {row[1]: dict(zip(heading, row)) for row in rows[1:]}
    assert set(by_file) == {"人社局/2024年部门预算.pdf", "财政局/预算表.pdf", "财政局/加密.pdf"}
    sample = by_file["人社局/2024年部门预算.pdf"]
    result = next(r for r in results if r.path.name == "2024年部门预算.pdf")
    assert (sample["单位"], sample["类型"], sample["年度"], sample["表格数"], sample["错误"], sample["警告"]) == (
        sample_budget.UNIT, "单位预算", sample_budget.YEAR, 11, result.errors, result.warnings)
    assert isinstance(sample["页数"], int) and sample["页数"] == result.pages
    assert sample["主要问题"].split("\n")[0] == result.first_problems[0]
    encrypted = by_file["财政局/加密.pdf"]
    assert "加密" in encrypted["无法读取原因"] and encrypted["错误"] is None and encrypted["工作簿"] is None


def test_the_link_opens_the_files_own_workbook(register):
    _, target, book = register
    ws = book["汇总"]
    links = [row[11].hyperlink for row in ws.iter_rows(min_row=2) if row[11].hyperlink is not None]
    assert len(links) == 2
    for link in links:
        linked = (target.parent / link.target).resolve()
        assert linked.is_file() and linked.parent.name == "各文件"
        assert "校验结果" in openpyxl.load_workbook(linked, read_only=True).sheetnames


def test_every_finding_is_listed_with_its_file_and_counted_by_rule(register):
    results, _, book = register
    names = catalog_rule_names()
    findings = list(book["全部问题"].iter_rows(min_row=2, values_only=True))
    assert len(findings) == sum(len(r.findings) for r in results) > 0
    sample = next(r for r in results if r.path.name == "2024年部门预算.pdf")
    first = sample.findings[0]
    assert ("人社局/2024年部门预算.pdf", first.page, first.table or None, names.get(first.rule, first.rule),
            {"error": "错误", "warning": "警告", "info": "提示"}[first.severity], first.message) in findings
    counts = list(book["规则统计"].iter_rows(min_row=2, values_only=True))
    assert sum(row[5] for row in counts) == len(findings)
    assert sum(row[2] for row in counts) == sum(r.errors for r in results)
    about = {row[0]: row[1] for row in book["说明"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert (about["文件数"], about["无法读取"]) == (3, 1)


def test_the_files_name_opens_the_disclosure_itself(register):
    results, target, book = register
    ws = book["汇总"]
    for row in ws.iter_rows(min_row=2):
        name, link = row[1].value, row[1].hyperlink
        assert link is not None, name
        linked = (target.parent / link.target).resolve()
        assert linked in {r.path.resolve() for r in results} and linked.name == name.split("/")[-1]
