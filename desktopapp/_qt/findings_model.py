"""The findings panel's model (severity, rule, table, page, message) and its filter."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from desktopapp.core.labels import severity_label, severity_rank
from desktopapp.core.model import Finding, Severity
from desktopapp.session.findings import tables_of

from .labels import table_caption
from .review_state import ReviewState

FindingRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = ["严重程度", "规则", "表格", "页", "说明"]
SEVERITY_TEXT_COLORS = {Severity.ERROR: QColor("#b91c1c"), Severity.WARNING: QColor("#b45309"), Severity.INFO: QColor("#1d4ed8")}
SEVERITY_MARKS = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "●"}


class FindingsModel(QAbstractTableModel):
    def __init__(self, state: ReviewState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.findings: list[Finding] = []
        self.table_order: dict[str, int] = {}
        state.findings_changed.connect(self.refresh)
        state.document_loaded.connect(self.refresh)

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
            if col == 1:
                return self.state.rule_name(finding.rule)
            if col == 2:
                return self.table_text(finding)
            if col == 3:
                return self.page_text(self.page_of(finding))
            return finding.message
        if role == SortRole:
            if col == 0:
                return severity_rank(finding.severity)
            if col == 3:
                return self.page_of(finding) or 0
            if col == 2:  # tables in document order
                ids = tables_of(finding)
                return self.table_order.get(ids[0], 999) if ids else 1000
            return str(self.data(index, Qt.ItemDataRole.DisplayRole) or "")
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return SEVERITY_TEXT_COLORS.get(finding.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [finding.message]
            if finding.expected is not None or finding.actual is not None:
                lines.append(f"应为 {finding.expected or '—'}，实为 {finding.actual or '—'}"
                             + (f"，差 {finding.difference}" if finding.difference else ""))
            if finding.quote:
                lines.append(f"原文：“{finding.quote}”")
            lines.append(f"规则：{self.state.rule_name(finding.rule)}（{finding.rule}）")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FindingsFilter(QSortFilterProxyModel):
    """Filter by severity, table, rule and free text; sort by any column (severity by rank)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.severity: Severity | None = None
        self.table_id: str | None = None
        self.rule: str | None = None
        self.text = ""
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_filter(self, severity=..., table_id=..., rule=..., text=...) -> None:
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
        if self.rule is not None and finding.rule != self.rule:
            return False
        if self.text:
            haystack = f"{finding.message} {finding.quote or ''} {finding.rule}"
            if self.text not in haystack:
                return False
        return True

    def finding_at(self, row: int) -> Finding | None:
        if not (0 <= row < self.rowCount()):
            return None
        return self.index(row, 0).data(FindingRole)
