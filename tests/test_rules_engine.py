"""The engine: catalog as data, numbering, switches, failing rules, incremental re-check,
and completeness (missing tables, 目录, empty tables, unreadable figures)."""

from __future__ import annotations

import json
import sys
from decimal import Decimal

import pytest

import desktopapp.rules as rules_package
from desktopapp import cli
from desktopapp.core.model import DocKind, Finding, Page, Severity
from desktopapp.core.paths import resources_dir
from desktopapp.rules import Checker, engine, load_catalog, run_checks
from desktopapp.rules.base import REGISTRY, rule
from tests.helpers.rules_support import EXPENDITURE_HEADER, document, findings, table, touches


def bad_expenditure(table_id="T1"):
    rows = [
        ["合计", "", "100.00", "60.00", "40.00"],
        ["208", "社会保障和就业支出", "100.00", "60.00", "30.00"],
    ]
    return table(table_id, "支出总表", EXPENDITURE_HEADER, rows, kind="expenditure_summary")


def test_catalog_is_json_data_covering_every_registered_rule():
    catalog = load_catalog()
    ids = {info.id for info in catalog}
    assert set(REGISTRY) <= ids
    files = sorted((resources_dir() / "rules").glob("*.json"))
    described = {e["id"] for f in files for e in json.loads(f.read_text(encoding="utf-8"))}
    mine = {
        "row_sum",
        "code_hierarchy_sum",
        "cross_table",
        "summary_sum",
        "three_public_vs_basic",
        "missing_table",
    }
    assert mine <= described
    for info in catalog:
        if info.id in described:
            assert info.name and info.explanation and isinstance(info.severity, Severity)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in info.name)


def test_discovery_registers_every_catalogued_rule_including_those_of_subpackages():
    load_catalog()
    files = sorted((resources_dir() / "rules").glob("*.json"))
    entries = [e for f in files for e in json.loads(f.read_text(encoding="utf-8"))]
    # the comparison's rules (family 对比) are run by desktopapp.compare against a reference
    described = {e["id"] for e in entries if e.get("family") != "对比"}
    assert described <= set(REGISTRY)
    narrative = json.loads((resources_dir() / "rules" / "narrative.json").read_text(encoding="utf-8"))
    for entry in narrative:  # the rules of rules/narrative/ are found inside the subpackage
        assert REGISTRY[entry["id"]].__module__.startswith("desktopapp.rules.narrative.")


def test_findings_are_numbered_in_reading_order():
    out = run_checks(document(bad_expenditure()))
    assert out and [f.id for f in out] == [f"F{i}" for i in range(1, len(out) + 1)]
    again = run_checks(document(bad_expenditure()))
    assert [(f.id, f.message) for f in again] == [(f.id, f.message) for f in out]


def test_disabled_rules_do_not_run():
    doc = document(bad_expenditure())
    assert any(f.rule == "row_sum" for f in run_checks(doc))
    assert not any(f.rule == "row_sum" for f in run_checks(doc, disabled=["row_sum"]))
    checker = Checker(doc)
    checker.disabled.add("code_hierarchy_sum")
    assert not any(f.rule == "code_hierarchy_sum" for f in checker.check_all())
    checker.disabled.discard("code_hierarchy_sum")
    assert any(f.rule == "code_hierarchy_sum" for f in checker.recheck("T1"))


def test_a_failing_rule_becomes_a_warning_not_a_crash():
    @rule("test_rules_engine_boom")
    def boom(document, ctx):
        raise RuntimeError("坏了")
        yield  # pragma: no cover

    try:
        out = run_checks(document(bad_expenditure()))
        [failed] = [f for f in out if f.rule == "test_rules_engine_boom"]
        assert failed.severity in (Severity.WARNING, Severity.INFO)
        assert "规则执行出错" in failed.message and "test_rules_engine_boom" in failed.message
        assert any(f.rule == "row_sum" for f in out)  # the others still ran
    finally:
        REGISTRY.pop("test_rules_engine_boom", None)


@pytest.fixture
def broken_rule_module(tmp_path, monkeypatch):
    """A module in the rules package that cannot be imported (as a half-installed program would)."""
    (tmp_path / "zz_broken_rules.py").write_text("import no_such_dependency_at_all\n", encoding="utf-8")
    monkeypatch.setattr(rules_package, "__path__", [*rules_package.__path__, str(tmp_path)])
    monkeypatch.setattr(engine, "_LOADED", False)
    monkeypatch.setattr(engine, "FAILED_MODULES", {})
    yield "zz_broken_rules"
    sys.modules.pop("desktopapp.rules.zz_broken_rules", None)


def test_a_rule_module_that_cannot_be_imported_is_reported_by_every_run(broken_rule_module):
    doc = document(bad_expenditure())
    checker = Checker(doc)
    for out in (run_checks(doc), checker.check_all(), checker.recheck("T1")):
        [failed] = [f for f in out if f.rule == "engine_rule_module_failed"]
        assert failed.severity == Severity.WARNING
        assert broken_rule_module in failed.message and "ModuleNotFoundError" in failed.message
        assert "没有执行" in failed.message
        assert any(f.rule == "row_sum" for f in out)  # the other modules' rules still ran


def test_the_check_json_reports_a_rule_module_that_cannot_be_imported(broken_rule_module, two_tables_pdf, tmp_path):
    assert cli.main([str(two_tables_pdf.path), "--json", str(tmp_path / "out")]) == 0
    data = json.loads((tmp_path / "out" / f"{two_tables_pdf.path.stem}.json").read_text(encoding="utf-8"))
    [failed] = [f for f in data["findings"] if f["rule"] == "engine_rule_module_failed"]
    assert failed["severity"] == "warning" and broken_rule_module in failed["message"]


def test_normal_runs_report_no_failed_rule_module():
    assert not engine.FAILED_MODULES
    assert not findings(document(bad_expenditure()), "engine_rule_module_failed")


def test_recheck_after_a_correction_clears_the_finding():
    doc = document(
        bad_expenditure(),
        table("T2", "一般公共预算支出表", EXPENDITURE_HEADER, [["合计", "", "100.00", "60.00", "40.00"]]),
    )
    checker = Checker(doc)
    before = checker.check_all()
    assert any(touches(f, "T1", 1, 4) for f in before if f.severity == Severity.ERROR)
    doc.table("T1").body[1][4].corrected = Decimal("40.00")
    after = checker.recheck("T1")
    assert not [f for f in after if f.severity == Severity.ERROR]
    assert [f.id for f in after] == [f"F{i}" for i in range(1, len(after) + 1)]
    doc.table("T1").body[1][4].corrected = None
    assert any(f.severity == Severity.ERROR for f in checker.recheck("T1"))


def test_finding_json_carries_expected_actual_and_cells():
    [f] = [f for f in run_checks(document(bad_expenditure())) if f.rule == "row_sum"]
    data = f.as_dict()
    assert (
        data["expected"] == "90.00"
        and data["actual"] == "100.00"
        and data["cells"][0] == {"table": "T1", "row": 1, "col": 2}
    )


# ---------------------------------------------------------------- completeness


def test_missing_standard_tables_are_listed():
    out = findings(document(bad_expenditure(), kind=DocKind.DEPT_FINAL), "missing_table")
    assert out and all(f.severity == Severity.WARNING for f in out)
    assert any("支出决算表" in f.message for f in out)


def test_table_listed_in_the_toc_but_absent_is_an_error_quoting_the_toc():
    doc = document(
        bad_expenditure(),
        kind=DocKind.DEPT_BUDGET,
        toc=["三、支出总表", "四、财政拨款收支总表", "第二部分 2024年部门预算表"],
    )
    doc.pages = [Page(number=2, width=595, height=842, text="目 录\n三、支出总表\n四、财政拨款收支总表")]
    [f] = findings(doc, "toc_table_missing")
    assert f.severity == Severity.ERROR and f.quote == "四、财政拨款收支总表" and f.page == 2


def test_empty_table_without_a_none_note_is_a_warning():
    header = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    empty = table(
        "T8", "政府性基金预算支出表", header, [["合计", "", "", "", ""]], kind="gov_fund_expenditure"
    )
    [f] = findings(document(empty), "empty_table_note")
    assert f.severity == Severity.WARNING and f.table == "T8"
    noted = table(
        "T8",
        "政府性基金预算支出表",
        header,
        [["合计", "", "", "", ""]],
        kind="gov_fund_expenditure",
        notes=["说明：2024年本单位无政府性基金预算安排的支出。"],
    )
    assert findings(document(noted), "empty_table_note") == []


def test_unreadable_figure_is_reported_and_counted_as_zero():
    rows = [["208", "社会保障和就业支出", "1,608.43", "1,2O9.58", "398.85"]]
    doc = document(table("T1", "支出总表", EXPENDITURE_HEADER, rows))
    [u] = findings(doc, "unreadable")
    assert u.severity == Severity.WARNING and touches(u, "T1", 0, 3) and "1,2O9.58" in u.message
    [r] = findings(doc, "row_sum")
    assert r.severity == Severity.WARNING and "无法识别" in r.message


def test_a_column_of_indicator_values_is_no_column_of_garbled_figures():
    """Percentages and counts (a 绩效 指标值 column taken for figures) and a header label leaking
    into the body ("2024年预算数") are not figures that failed to read; a garbled figure among
    figures still is."""
    header = [["项目名称", "预算数", "指标值"]]
    rows = [
        ["项目", "2024年预算数", "指标值"],
        ["社会保险业务工作经费", "398.85", "100%"],
        ["参保登记", "12.00", "1000人次"],
        ["宣传资料发放", "1,2O3.45", "≥85%"],
    ]
    out = findings(document(table("T1", "项目支出表", header, rows)), "unreadable")
    assert [u.actual for u in out] == ["1,2O3.45"]


def test_reader_problems_are_reported():
    t = bad_expenditure()
    t.unreadable = ["第 7 页表格右侧被截断"]
    out = findings(document(t), "unreadable")
    assert any("被截断" in f.message for f in out)


@pytest.mark.parametrize("placeholder", ["-", "—", "无", ""])
def test_placeholders_mean_nothing_printed(placeholder):
    rows = [["2080101", "行政运行", "10.00", "10.00", placeholder]]
    doc = document(table("T1", "支出总表", EXPENDITURE_HEADER, rows))
    assert findings(doc, "unreadable") == [] and findings(doc, "row_sum") == []


def test_finding_type_is_the_core_model():
    assert all(isinstance(f, Finding) for f in run_checks(document(bad_expenditure())))


def test_a_flood_of_alike_findings_on_one_table_is_listed_25_then_summed_up():
    """40 rows each 0.01 off (rounding tails: warnings): the first 25 listed one by one, the other
    15 in one finding that still marks their cells, so the list stays readable."""
    rows = [["2010101", "行政运行", "1.00", "0.50", "0.49"] for _ in range(40)]
    out = findings(document(table("T1", "一般公共预算支出表", EXPENDITURE_HEADER, rows, kind="general_budget_expenditure")))
    tails = [f for f in out if f.table == "T1" and f.rule == out[0].rule]
    assert len(tails) == engine.FLOOD + 1
    summary = tails[-1]
    assert "另有 15 处同类问题" in summary.message
    assert {c.row for c in summary.cells} == set(range(25, 40))
    assert all(not touches(f, "T1", 30) for f in tails[:-1])
