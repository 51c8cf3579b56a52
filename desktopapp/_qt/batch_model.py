"""批量检查's results list: one row per file (batch.results.FileResult), its sort and its filters.

Numbers sort as numbers, an unreadable file is greyed with its reason, a file with errors shows
them in the red of the main window's counts.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from desktopapp.batch.results import FileResult
from desktopapp.core.labels import doc_kind_label
from desktopapp.export.write_errors import display_path

ResultRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = ["文件", "单位", "类型", "年度", "页数", "表格数", "错误", "警告", "主要问题", "无法读取原因"]
FILE_COL, ORG_COL, KIND_COL, YEAR_COL, PAGES_COL, TABLES_COL, ERRORS_COL, WARNINGS_COL, PROBLEMS_COL, REASON_COL = range(10)
NUMBER_COLS = {YEAR_COL, PAGES_COL, TABLES_COL, ERRORS_COL, WARNINGS_COL}

ERROR_TEXT = QColor("#b91c1c")  # as the main window's counts (status_labels)
WARNING_TEXT = QColor("#b45309")
UNREADABLE_TEXT = QColor("#94a3b8")


class Show(Enum):
    """The choice above the list: which files it shows."""

    ALL = "全部"
    ERRORS = "有错误"
    WARNINGS = "有警告"
    UNREADABLE = "无法读取"


class BatchResultsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.results: list[FileResult] = []
        self.root: Path | None = None  # names are shown relative to the folder checked
        self._italic = QFont()
        self._italic.setItalic(True)

    def reset(self, root: Path | None) -> None:
        self.beginResetModel()
        self.results = []
        self.root = root
        self.endResetModel()

    def add(self, result: FileResult) -> None:
        """A file finished: its row appears (a file reported again replaces its row)."""
        for row, known in enumerate(self.results):
            if known.path == result.path:
                self.results[row] = result
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return
        row = len(self.results)
        self.beginInsertRows(QModelIndex(), row, row)
        self.results.append(result)
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def name_of(self, result: FileResult) -> str:
        """The file as found under the folder ("部门/预算.pdf"), its own name when outside it."""
        path = result.path
        if self.root is not None:
            try:
                path = path.relative_to(self.root)
            except ValueError:
                path = Path(path.name)
        return display_path(str(path))

    def text(self, result: FileResult, col: int) -> str:
        readable = result.readable
        if col == FILE_COL:
            return self.name_of(result)
        if col == ORG_COL:
            return result.organization or ""
        if col == KIND_COL:
            return doc_kind_label(result.kind) if result.kind else ""
        if col == YEAR_COL:
            return str(result.year) if result.year else ""
        if col == PAGES_COL:
            return str(result.pages) if result.pages is not None else ""
        if col in (TABLES_COL, ERRORS_COL, WARNINGS_COL):
            return str(self.number(result, col)) if readable else ""
        if col == PROBLEMS_COL:
            return "；".join(result.first_problems)
        if col == REASON_COL:
            return result.unreadable or ""
        return ""

    @staticmethod
    def number(result: FileResult, col: int) -> int:
        """The column's figure; for sorting, an unreadable file counts below every readable one."""
        if col == YEAR_COL:
            return result.year or 0
        if col == PAGES_COL:
            return result.pages or 0
        if not result.readable:
            return -1
        return {TABLES_COL: result.tables, ERRORS_COL: result.errors, WARNINGS_COL: result.warnings}[col]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.results)):
            return None
        result = self.results[index.row()]
        col = index.column()
        if role == ResultRole:
            return result
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(result, col)
        if role == SortRole:
            return self.number(result, col) if col in NUMBER_COLS else self.text(result, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not result.readable:
                return UNREADABLE_TEXT
            if col == ERRORS_COL and result.errors:
                return ERROR_TEXT
            if col == WARNINGS_COL and result.warnings:
                return WARNING_TEXT
            return None
        if role == Qt.ItemDataRole.FontRole and not result.readable:
            return self._italic
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMBER_COLS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(result)
        return None

    def tooltip(self, result: FileResult) -> str:
        lines = [display_path(str(result.path))]
        if result.unreadable:
            lines.append(f"无法读取：{result.unreadable}")
        else:
            lines.extend(result.first_problems)
            lines.append("回车或双击：在主窗口中打开审核")
        if result.from_cache:
            lines.append("文件未改动，沿用上次的检查结果")
        return "\n".join(lines)


class BatchFilter(QSortFilterProxyModel):
    """The filter box (text in any column) and the choice 全部 / 有错误 / 有警告 / 无法读取."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.show = Show.ALL
        self.text = ""
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)

    def set_filter(self, show: Show | None = None, text: str | None = None) -> None:
        changing = hasattr(self, "beginFilterChange")  # Qt ≥ 6.9; invalidateFilter before that
        if changing:
            self.beginFilterChange()
        if show is not None:
            self.show = show
        if text is not None:
            self.text = text.strip().casefold()
        if changing:
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        model: BatchResultsModel = self.sourceModel()
        if not (0 <= source_row < len(model.results)):
            return False
        result = model.results[source_row]
        if not accepts(result, self.show):
            return False
        if self.text:
            haystack = " ".join(model.text(result, col) for col in range(len(COLUMNS))).casefold()
            return self.text in haystack
        return True

    def all_in_order(self) -> list[FileResult]:
        """Every file, filtered out or not, in the order the list is sorted (for the register)."""
        model: BatchResultsModel = self.sourceModel()
        rows = list(range(len(model.results)))
        col = self.sortColumn()
        if col >= 0:
            def key(row: int):
                value = model.data(model.index(row, col), SortRole)
                return value.casefold() if isinstance(value, str) else value

            rows.sort(key=key, reverse=self.sortOrder() == Qt.SortOrder.DescendingOrder)
        return [model.results[row] for row in rows]

    def result_at(self, row: int) -> FileResult | None:
        if not (0 <= row < self.rowCount()):
            return None
        return self.index(row, 0).data(ResultRole)


def accepts(result: FileResult, show: Show) -> bool:
    if show == Show.ERRORS:
        return result.readable and result.errors > 0
    if show == Show.WARNINGS:
        return result.readable and result.warnings > 0
    if show == Show.UNREADABLE:
        return not result.readable
    return True


def count_line(results: list[FileResult], total: int | None = None) -> str:
    """"共 31 个文件：3 个有错误，2 个无法读取" — while running "已检查 5 / 31 个文件：…"."""
    done = len(results)
    head = f"已检查 {done} / {total} 个文件" if total is not None and done < total else f"共 {done} 个文件"
    if not results:
        return head
    parts = []
    errors = sum(1 for r in results if r.readable and r.errors)
    warnings = sum(1 for r in results if r.readable and r.warnings)
    unreadable = sum(1 for r in results if not r.readable)
    if errors:
        parts.append(f"{errors} 个有错误")
    if warnings:
        parts.append(f"{warnings} 个有警告")
    if unreadable:
        parts.append(f"{unreadable} 个无法读取")
    return f"{head}：{'，'.join(parts)}" if parts else f"{head}：均未发现错误或警告"
