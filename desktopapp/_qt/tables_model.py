"""The list of tables found in the document, each with its error and warning counts."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktopapp.core import labels as core_labels
from desktopapp.core.model import Table

from .labels import pages_label, table_kind_label
from .review_state import ReviewState

TableIdRole = Qt.ItemDataRole.UserRole + 1
CountsRole = Qt.ItemDataRole.UserRole + 2  # (errors, warnings)
NumberRole = Qt.ItemDataRole.UserRole + 3
TitleRole = Qt.ItemDataRole.UserRole + 4
KindRole = Qt.ItemDataRole.UserRole + 5

ERROR_BADGE = QColor("#dc2626")
WARNING_BADGE = QColor("#d97706")
OK_MARK = QColor("#15803d")


class TablesModel(QAbstractListModel):
    def __init__(self, state: ReviewState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        state.document_loaded.connect(self._reset)
        state.findings_changed.connect(self._counts_changed)
        state.marks_changed.connect(self._counts_changed)

    @property
    def tables(self) -> list[Table]:
        return self.state.document.tables if self.state.document else []

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _counts_changed(self) -> None:
        if self.tables:
            self.dataChanged.emit(self.index(0), self.index(len(self.tables) - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.tables)

    def row_of(self, table_id: str) -> int:
        return next((i for i, t in enumerate(self.tables) if t.id == table_id), -1)

    def status_text(self, table: Table) -> str:
        errors, warnings = self.state.table_counts.get(table.id, (0, 0))
        parts = []
        if errors:
            parts.append(f"✖ {errors}")
        if warnings:
            parts.append(f"▲ {warnings}")
        return "  ".join(parts) if parts else "✔"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.tables)):
            return None
        table = self.tables[index.row()]
        errors, warnings = self.state.table_counts.get(table.id, (0, 0))
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{core_labels.table_caption(table)}  [{table_kind_label(table)}]  {self.status_text(table)}"
        if role == TableIdRole:
            return table.id
        if role == CountsRole:
            return (errors, warnings)
        if role == NumberRole:
            return table.number or f"{index.row() + 1}"
        if role == TitleRole:
            return table.title or "（无标题）"
        if role == KindRole:
            kind = table_kind_label(table)
            extra = [kind if kind not in table.title else "", pages_label(table.pages, self.state.document)]
            if table.unit:
                extra.append(table.unit)
            if table.numeric and table.is_empty:
                extra.append("空表")
            return " · ".join(x for x in extra if x)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [core_labels.table_caption(table), f"类型：{table_kind_label(table)}"]
            if table.unit:
                lines.append(f"单位：{table.unit}")
            if table.pages:
                lines.append(pages_label(table.pages, self.state.document))
            lines.append(f"错误 {errors} 个，警告 {warnings} 个" if errors or warnings else "未发现问题")
            lines.extend(f"读取提示：{p}" for p in table.unreadable)
            return "\n".join(lines)
        return None


class TableListDelegate(QStyledItemDelegate):
    """Two lines per table: number and title; kind, pages, unit — with a badge of its counts."""

    PAD = 6

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        fm = option.fontMetrics
        return QSize(200, 2 * fm.height() + 3 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = option.palette.highlightedText().color() if selected else option.palette.text().color()
        sub_color = text_color if selected else QColor("#64748b")
        fm = option.fontMetrics
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        errors, warnings = index.data(CountsRole) or (0, 0)
        badge_w = self._paint_badges(painter, rect, errors, warnings, fm, selected)
        title_rect = QRect(rect.left(), rect.top(), rect.width() - badge_w - 4, fm.height())
        number = index.data(NumberRole)
        title = index.data(TitleRole)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color)
        number_w = painter.fontMetrics().horizontalAdvance(number + " ")
        painter.drawText(title_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), number)
        painter.setFont(option.font)
        title_rect.setLeft(title_rect.left() + number_w)
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            fm.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width()),
        )
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        painter.setFont(small)
        painter.setPen(sub_color)
        sub_rect = QRect(rect.left(), rect.top() + fm.height() + self.PAD, rect.width(), fm.height())
        painter.drawText(
            sub_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            painter.fontMetrics().elidedText(index.data(KindRole) or "", Qt.TextElideMode.ElideRight, sub_rect.width()),
        )
        painter.restore()

    def _paint_badges(self, painter: QPainter, rect: QRect, errors: int, warnings: int, fm, selected: bool) -> int:
        right = rect.right()
        height = fm.height()
        used = 0
        items = [(warnings, WARNING_BADGE), (errors, ERROR_BADGE)] if errors or warnings else []
        for count, color in items:
            if not count:
                continue
            text = str(count)
            width = max(height, fm.horizontalAdvance(text) + 10)
            badge = QRect(right - used - width, rect.top(), width, height)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(badge, height / 2, height / 2)
            painter.setPen(QColor("white"))
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), text)
            used += width + 3
        if not items:
            painter.setPen(QColor("white") if selected else OK_MARK)
            text = "✔"
            width = fm.horizontalAdvance(text) + 4
            painter.drawText(QRect(right - width, rect.top(), width, height), int(Qt.AlignmentFlag.AlignCenter), text)
            used = width
        return used
