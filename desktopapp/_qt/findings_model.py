"""The findings panel's model (severity, mark, rule, table, page, message) and its filter.

A finding the officer marked 非问题 stays listed, muted (grey); its mark and note are shown in the
标记 column and its tooltip, and follow the finding through re-checks (session.marks.finding_key).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from desktopapp.core.labels import severity_label, severity_rank
from desktopapp.core.model import Finding, Severity
from desktopapp.session.compare import is_comparison_rule
from desktopapp.session.findings import tables_of
from desktopapp.session.marks import FindingMark, Verdict

from .labels import table_caption
from .review_state import ReviewState

FindingRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = ["严重程度", "标记", "规则", "表格", "页", "说明"]
MARK_COL, PAGE_COL = 1, 4
UNMARKED = "unmarked"  # the mark filter's value for findings not marked yet
MUTED = QColor("#94a3b8")  # a finding marked 非问题
VERDICT_COLORS = {Verdict.CONFIRMED: QColor("#b91c1c"), Verdict.DISMISSED: MUTED, Verdict.PENDING: QColor("#7c3aed")}
VERDICT_SIGNS = {Verdict.CONFIRMED: "●", Verdict.DISMISSED: "○", Verdict.PENDING: "?"}
SEVERITY_TEXT_COLORS = {Severity.ERROR: QColor("#b91c1c"), Severity.WARNING: QColor("#b45309"), Severity.INFO: QColor("#1d4ed8")}
SEVERITY_MARKS = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "●"}


class FindingsModel(QAbstractTableModel):
    def __init__(self, state: ReviewState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.findings: list[Finding] = []
        self.table_order: dict[str, int] = {}
        self._italic = QFont()
        self._italic.setItalic(True)
        state.findings_changed.connect(self.refresh)
        state.document_loaded.connect(self.refresh)
        state.marks_changed.connect(self._marks_changed)

    def _marks_changed(self) -> None:
        # the rows stay (the officer's selection too); only what they show changes
        if self.findings:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.findings) - 1, len(COLUMNS) - 1))

    def mark_text(self, mark: FindingMark | None) -> str:
        if mark is None:
            return ""
        return f"{VERDICT_SIGNS[mark.verdict]} {mark.verdict.label}" + (f"：{mark.note}" if mark.note else "")

    def refresh(self) -> None:
        self.beginResetModel()
        self.findings = list(self.state.findings)
        document = self.state.document
        self.table_order = {t.id: i for i, t in enumerate(document.tables)} if document else {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def table_text(self, finding: Finding) -> str:
        ids = tables_of(finding)
        if not ids:
            return "正文" if finding.quote else ""
        names = []
        for table_id in ids[:2]:
            table = self.state.table(table_id)
            names.append(table_caption(table) if table else table_id)
        return " / ".join(names) + (" 等" if len(ids) > 2 else "")

    def page_of(self, finding: Finding) -> int | None:
        if finding.page:
            return finding.page
        for ref in finding.cells:
            cell = self.state.cell(ref.table, ref.row, ref.col)
            if cell is not None and cell.page:
                return cell.page
        table = self.state.table(finding.table)
        return table.pages[0] if table and table.pages else None

    def page_text(self, page: int | None) -> str:
        """The page as the officer finds it in the PDF: in its own file when several are read together."""
        if not page:
            return ""
        return self.state.document.page_label(page) if self.state.document else str(page)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.findings)):
            return None
        finding = self.findings[index.row()]
        col = index.column()
        if role == FindingRole:
            return finding
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{SEVERITY_MARKS.get(finding.severity, '')} {severity_label(finding.severity)}"
            if col == MARK_COL:
                return self.mark_text(self.state.mark_of(finding))
            if col == 2:
                return self.state.rule_name(finding.rule)
            if col == 3:
                return self.table_text(finding)
            if col == PAGE_COL:
                return self.page_text(self.page_of(finding))
            return finding.message
        if role == SortRole:
            if col == 0:
                return severity_rank(finding.severity)
            if col == MARK_COL:
                mark = self.state.mark_of(finding)
                return list(Verdict).index(mark.verdict) if mark else len(Verdict)
            if col == PAGE_COL:
                return self.page_of(finding) or 0
            if col == 3:  # tables in document order
                ids = tables_of(finding)
                return self.table_order.get(ids[0], 999) if ids else 1000
            return str(self.data(index, Qt.ItemDataRole.DisplayRole) or "")
        if role == Qt.ItemDataRole.ForegroundRole:
            mark = self.state.mark_of(finding)
            if mark is not None and mark.verdict == Verdict.DISMISSED:
                return MUTED  # listed, but no longer among the open findings
            if col == MARK_COL and mark is not None:
                return VERDICT_COLORS[mark.verdict]
            return SEVERITY_TEXT_COLORS.get(finding.severity) if col == 0 else None
        if role == Qt.ItemDataRole.FontRole and self.state.is_dismissed(finding):
            return self._italic
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [finding.message]
            if finding.expected is not None or finding.actual is not None:
                lines.append(f"应为 {finding.expected or '—'}，实为 {finding.actual or '—'}"
                             + (f"，差 {finding.difference}" if finding.difference else ""))
            if finding.quote:
                lines.append(f"原文：“{finding.quote}”")
            lines.append(f"规则：{self.state.rule_name(finding.rule)}（{finding.rule}）")
            mark = self.state.mark_of(finding)
            if mark is not None:
                lines.append(f"标记：{mark.verdict.label}（{mark.time.replace('T', ' ')}）")
                if mark.note:
                    lines.append(f"备注：{mark.note}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == PAGE_COL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


COMPARE_FAMILY = "family:对比"  # the rule filter's entry for every finding against the reference


class FindingsFilter(QSortFilterProxyModel):
    """Filter by severity, mark, table, rule and free text; sort by any column (severity by rank)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.severity: Severity | None = None
        self.table_id: str | None = None
        self.rule: str | None = None
        self.mark: Verdict | str | None = None  # None: all; UNMARKED; or a verdict
        self.text = ""
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_filter(self, severity=..., table_id=..., rule=..., text=..., mark=...) -> None:
        changing = hasattr(self, "beginFilterChange")  # Qt ≥ 6.9; invalidateFilter before that
        if changing:
            self.beginFilterChange()
        if severity is not ...:
            self.severity = severity
        if table_id is not ...:
            self.table_id = table_id
        if rule is not ...:
            self.rule = rule
        if text is not ...:
            self.text = (text or "").strip()
        if mark is not ...:
            self.mark = mark
        if changing:
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        finding: Finding | None = self.sourceModel().index(source_row, 0, source_parent).data(FindingRole)
        if finding is None:
            return False
        if self.severity is not None and finding.severity != self.severity:
            return False
        if self.table_id is not None and self.table_id not in tables_of(finding):
            return False
        if self.rule == COMPARE_FAMILY:
            if not is_comparison_rule(finding.rule):
                return False
        elif self.rule is not None and finding.rule != self.rule:
            return False
        if self.mark is not None:
            mark = self.sourceModel().state.mark_of(finding)
            if (mark.verdict if mark else UNMARKED) != self.mark:
                return False
        if self.text:
            mark = self.sourceModel().state.mark_of(finding)
            haystack = f"{finding.message} {finding.quote or ''} {finding.rule} {mark.note if mark else ''}"
            if self.text not in haystack:
                return False
        return True

    def finding_at(self, row: int) -> Finding | None:
        if not (0 <= row < self.rowCount()):
            return None
        return self.index(row, 0).data(FindingRole)
