"""The 审核意见 (review report) as plain data: the document, the summary, the findings with the
officer's marks, the corrections (net per cell) and the lines to sign.

Built once from the document, the findings, the marks and the change log; rendered as a sheet of
the workbook (export/xlsx_review.py) and as HTML for the window's PDF (`report_html`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from html import escape
from pathlib import Path

from desktopapp.core.edits import Change
from desktopapp.core.header_spans import column_labels, header_spans
from desktopapp.core.labels import doc_kind_label, severity_label, table_caption
from desktopapp.core.marks import UNMARKED_LABEL, VERDICT_LABELS, FindingMark, Verdict, finding_key
from desktopapp.core.model import Document, Finding, Severity, Table
from desktopapp.core.net_changes import net_changes
from desktopapp.core.numbers import format_amount
from desktopapp.core.safe_text import safe_text
from desktopapp.export.grid import figure_decimals
from desktopapp.export.xlsx_table import TableSheet
from desktopapp.tables.structure import structure_of

REPORT_TITLE = "审核意见"
SIGNATURES = ("审核人", "复核人", "日期")
FAMILY_LABELS = {"narrative": "正文与表格"}  # the catalog's families, where its word is no Chinese
OTHER_FAMILY = "其他"
MARK_ORDER = (*VERDICT_LABELS.values(), UNMARKED_LABEL)


@dataclass(frozen=True)
class ReportFinding:
    number: int
    severity: str  # 错误 / 警告 / 提示
    family: str
    rule: str
    table: str  # "表3 支出总表", or "" for a finding about the document
    page: str  # "7", "…公开表.pdf 第 3 页", or ""
    place: str  # the row and column named ("2080101 行政运行 · 合计"), or ""
    message: str
    mark: str  # 确有问题 / 非问题 / 待确认 / 未标记
    note: str


@dataclass(frozen=True)
class NetChange:
    """One corrected cell: what was printed, what is in force now, why and when."""

    number: int
    table: str
    place: str
    printed: str
    final: str
    reason: str
    time: str


@dataclass(frozen=True)
class FamilyCount:
    family: str
    errors: int
    warnings: int
    infos: int


@dataclass
class ReviewReport:
    document: list[tuple[str, str]]  # (label, value): 单位, 文件类型, 年度, …
    checked: list[tuple[str, str]]  # when and by which program
    summary: list[tuple[str, str]]
    families: list[FamilyCount]
    mark_counts: dict[str, int]  # MARK_ORDER → n
    open_findings: list[ReportFinding] = field(default_factory=list)  # 确有问题, 待确认, 未标记
    dismissed: list[ReportFinding] = field(default_factory=list)  # 非问题: listed apart
    changes: list[NetChange] = field(default_factory=list)
    title: str = REPORT_TITLE
    subtitle: str = ""  # "上海市普陀区司法局 2026年部门预算"


def build_review_report(
    document: Document,
    findings: Sequence[Finding],
    changes: Sequence[Change],
    marks: Mapping[str, FindingMark] | None = None,
    rule_names: Mapping[str, str] | None = None,
    rule_families: Mapping[str, str] | None = None,
    program: str = "",
    checked_at: datetime | None = None,
) -> ReviewReport:
    marks = marks or {}
    rule_names = rule_names or {}
    rule_families = rule_families or {}
    locators = {table.id: table_locator(table) for table in document.tables}
    open_findings: list[ReportFinding] = []
    dismissed: list[ReportFinding] = []
    mark_counts = Counter({label: 0 for label in MARK_ORDER})
    for finding in findings:
        mark = marks.get(finding_key(finding))
        label = mark.verdict.label if mark else UNMARKED_LABEL
        mark_counts[label] += 1
        into = dismissed if mark and mark.verdict == Verdict.DISMISSED else open_findings
        into.append(_report_finding(len(into) + 1, finding, mark, document, locators, rule_names, rule_families))
    counts = Counter(f.severity for f in findings)
    net = corrected_cells(document, changes)
    when = (checked_at or datetime.now()).replace(microsecond=0)
    return ReviewReport(
        document=document_facts(document),
        checked=[("校验时间", when.strftime("%Y-%m-%d %H:%M")), ("校验程序", program or "desktopapp")],
        summary=[
            ("读取表格", f"{len(document.tables)} 张（共 {document.page_count} 页）"),
            ("校验结果", f"错误 {counts[Severity.ERROR]} 个，警告 {counts[Severity.WARNING]} 个，"
                        f"提示 {counts[Severity.INFO]} 个"),
            ("审核标记", "，".join(f"{label} {mark_counts[label]} 个" for label in MARK_ORDER)),
            ("数据修改", f"{len(net)} 个单元格" if net else "无"),
        ],
        families=_family_counts(findings, rule_families),
        mark_counts=dict(mark_counts),
        open_findings=open_findings,
        dismissed=dismissed,
        changes=[NetChange(n, *(_describe_change(c, locators))) for n, c in enumerate(net, start=1)],
        subtitle=" ".join(x for x in (document.organization, _year_kind(document)) if x),
    )


# -- the document's facts as the window shows them -------------------------------------------

FACT_LABELS = (("organization", "单位名称"), ("kind", "文件类型"), ("year", "年度"), ("level", "级次"))


def fact_text(document: Document, name: str) -> str:
    """The fact in force, saying when the officer set it or the document's sources disagreed."""
    entry = (document.facts or {}).get(name) or {}
    value: object = doc_kind_label(document.kind) if name == "kind" else getattr(document, name)
    if value in (None, "") or (name == "kind" and document.kind.value == "unknown"):
        note = entry.get("note")
        return f"（无法确定：{note}）" if entry.get("status") == "uncertain" and note else "（未识别）"
    return f"{value}（审核人员更正）" if entry.get("status") == "corrected" else str(value)


def document_facts(document: Document) -> list[tuple[str, str]]:
    rows = [(label, fact_text(document, name)) for name, label in FACT_LABELS]
    rows.append(("源文件", " + ".join(Path(source).name for source in document.sources()) or "（未知）"))
    rows.append(("SHA-256", document.sha256 or ""))
    return rows


def _year_kind(document: Document) -> str:
    year = f"{document.year}年" if document.year else ""
    kind = doc_kind_label(document.kind) if document.kind.value != "unknown" else ""
    return f"{year}{kind}"


# -- findings ---------------------------------------------------------------------------------


def table_locator(table: Table) -> TableSheet:
    """Row and column names of a table's cells, as the workbook names them (no worksheet needed)."""
    spans = header_spans(table)
    labels = column_labels(table, spans) if spans else [""] * max(table.n_cols, 1)
    codes = structure_of(table).code_columns if table.numeric else set()
    return TableSheet(table, "", 0, labels, codes)


def _place(locator: TableSheet | None, row: int, col: int) -> str:
    if locator is None:
        return f"第{row + 1}行第{col + 1}列"
    parts = [locator.row_label(row, col) or f"第{row + 1}行", locator.column_label(col) or f"第{col + 1}列"]
    return " · ".join(parts)


def family_label(family: str) -> str:
    return FAMILY_LABELS.get(family, family) or OTHER_FAMILY


def _report_finding(number: int, finding: Finding, mark: FindingMark | None, document: Document,
                    locators: Mapping[str, TableSheet], rule_names: Mapping[str, str],
                    rule_families: Mapping[str, str]) -> ReportFinding:
    first = finding.cells[0] if finding.cells else None
    table_id = first.table if first else finding.table
    locator = locators.get(table_id or "")
    page = finding.page
    page_text = (document.page_label(page) if document.parts else str(page)) if page else ""
    return ReportFinding(
        number=number,
        severity=severity_label(finding.severity),
        family=family_label(rule_families.get(finding.rule, "")),
        rule=rule_names.get(finding.rule) or finding.rule,
        table=table_caption(locator.table) if locator else (table_id or ("正文" if page else "全文")),
        page=page_text,
        place=_place(locator, first.row, first.col) if first else "",
        message=safe_text(finding.message),
        mark=mark.verdict.label if mark else UNMARKED_LABEL,
        note=mark.note if mark else "",
    )


def _family_counts(findings: Sequence[Finding], rule_families: Mapping[str, str]) -> list[FamilyCount]:
    per: dict[str, Counter] = {}
    for finding in findings:
        per.setdefault(family_label(rule_families.get(finding.rule, "")), Counter())[finding.severity] += 1
    return [FamilyCount(name, c[Severity.ERROR], c[Severity.WARNING], c[Severity.INFO])
            for name, c in sorted(per.items(), key=lambda item: (item[0] == OTHER_FAMILY, item[0]))]


# -- corrections, net per cell ----------------------------------------------------------------


@dataclass(frozen=True)
class CellChange:
    table: str
    row: int
    col: int
    printed: str
    final: Decimal
    decimals: int
    reason: str
    time: str


def corrected_cells(document: Document, changes: Sequence[Change]) -> list[CellChange]:
    """Each cell whose value in force differs from the printed one, in the document's order, with
    the reason and time of its correction in force (core.net_changes: undone steps leave no trace)."""
    in_force = {net.key: net for net in net_changes(changes)}
    out: list[CellChange] = []
    for table in document.tables:
        for r, row in enumerate(table.body):
            for c, cell in enumerate(row):
                if not cell.is_corrected or cell.corrected is None:
                    continue
                net = in_force.get((table.id, r, c))
                out.append(CellChange(table.id, r, c, cell.text.strip(), cell.corrected, figure_decimals(cell),
                                      net.reason if net is not None else "", net.time if net is not None else ""))
    return out


def _describe_change(change: CellChange, locators: Mapping[str, TableSheet]) -> tuple[str, str, str, str, str, str]:
    locator = locators.get(change.table)
    return (
        table_caption(locator.table) if locator else change.table,
        _place(locator, change.row, change.col),
        change.printed or "（空）",
        format_amount(change.final, change.decimals),
        change.reason,
        change.time.replace("T", " "),
    )


# -- HTML for the PDF -------------------------------------------------------------------------

FINDING_HEADINGS = ("序号", "严重程度", "表格 / 位置", "页", "问题说明", "标记", "备注")
CHANGE_HEADINGS = ("序号", "表格", "位置", "原印刷值", "修改后", "原因", "时间")

_CSS = """
body { font-size: 10pt; }
h1 { font-size: 18pt; text-align: center; margin-bottom: 2pt; }
p.sub { text-align: center; font-size: 11pt; margin-top: 0; }
h2 { font-size: 12pt; margin-top: 12pt; margin-bottom: 4pt; }
table { border-collapse: collapse; }
th { background-color: #e7e6e6; font-weight: bold; }
p.none { color: #444444; }
"""


def _cells(values: Sequence[object], tag: str = "td") -> str:
    return "".join(f"<{tag}>{escape(str(v)) if v not in (None, '') else '&nbsp;'}</{tag}>" for v in values)


FINDING_WIDTHS = (5, 9, 20, 5, 40, 9, 12)  # per cent of the page's width
CHANGE_WIDTHS = (5, 18, 22, 12, 12, 16, 15)


def _table(headings: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[int] = ()) -> str:
    if widths:
        cells = "".join(f"<th width='{w}%'>{escape(h)}</th>" for h, w in zip(headings, widths, strict=True))
    else:
        cells = _cells(headings, "th")
    head = f"<thead><tr>{cells}</tr></thead>"
    body = "".join(f"<tr>{_cells(row)}</tr>" for row in rows)
    return f'<table border="1" cellspacing="0" cellpadding="3" width="100%">{head}<tbody>{body}</tbody></table>'


def _pairs(rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(f'<tr><th align="left" width="18%">{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in rows)
    return f'<table border="1" cellspacing="0" cellpadding="3" width="100%">{body}</table>'


def finding_row(f: ReportFinding) -> list[str]:
    where = " ".join(x for x in (f.table, f.place) if x)
    return [str(f.number), f.severity, where, f.page, f.message, f.mark, f.note]


def change_row(c: NetChange) -> list[str]:
    return [str(c.number), c.table, c.place, c.printed, c.final, c.reason, c.time]


def report_html(report: ReviewReport) -> str:
    """The report as simple HTML (what Qt's rich text renders: tables, headings, no scripts)."""
    parts = [f"<html><head><meta charset='utf-8'><style>{_CSS}</style></head><body>",
             f"<h1>{escape(report.title)}</h1>"]
    if report.subtitle:
        parts.append(f"<p class='sub'>{escape(report.subtitle)}</p>")
    parts += ["<h2>一、文件信息</h2>", _pairs(report.document + report.checked)]
    parts += ["<h2>二、校验情况</h2>", _pairs(report.summary)]
    if report.families:
        parts.append(_table(("检查类别", "错误", "警告", "提示"),
                            [(f.family, f.errors, f.warnings, f.infos) for f in report.families]))
    parts.append("<h2>三、发现的问题</h2>")
    parts.append(_table(FINDING_HEADINGS, [finding_row(f) for f in report.open_findings], FINDING_WIDTHS) if report.open_findings
                 else "<p class='none'>无。</p>")
    parts.append("<h2>四、经核实不构成问题（非问题）</h2>")
    parts.append(_table(FINDING_HEADINGS, [finding_row(f) for f in report.dismissed], FINDING_WIDTHS) if report.dismissed
                 else "<p class='none'>无。</p>")
    parts.append("<h2>五、数据修改（每个单元格的最终结果）</h2>")
    parts.append(_table(CHANGE_HEADINGS, [change_row(c) for c in report.changes], CHANGE_WIDTHS) if report.changes
                 else "<p class='none'>无。</p>")
    signs = "".join(f"<td width='33%'>{escape(s)}：______________</td>" for s in SIGNATURES)
    parts.append(f"<br/><br/><table width='100%' cellpadding='8'><tr>{signs}</tr></table></body></html>")
    return "".join(parts)
