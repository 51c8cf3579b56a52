"""The table grid: a header drawn with its printed merged spans, tints kept visible under selection,
outlines around the cells of the chosen finding, and a figure editor that accepts commas."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktopapp.core.header_spans import body_spans

from .grid_selection import copy_block, selected_block
from .header_layout import HeaderSpan
from .table_model import SEVERITY_COLORS, GridModel, OutlineRole, display_text

HEADER_BG = QColor("#eef2f6")
HEADER_LINE = QColor("#b8c2cc")
SELECTION_FILL = QColor(37, 99, 235, 55)
CURRENT_LINE = QColor(29, 78, 216)
WRAP_FLAGS = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWrapAnywhere)


class SpanningHeaderView(QHeaderView):
    """Horizontal header that paints the table's header rows with their merged spans, as printed."""

    PAD = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.row_heights: list[int] = []
        self.sectionResized.connect(lambda *_: self.relayout())

    def grid_model(self) -> GridModel | None:
        model = self.model()
        return model if isinstance(model, GridModel) else None

    def spans(self) -> list[HeaderSpan]:
        model = self.grid_model()
        if model is None or model.table is None:
            return []
        if model.spans:
            return model.spans
        return [HeaderSpan(0, c, 1, 1, model.column_label(c)) for c in range(model.columnCount())]

    def text_height(self, text: str, width: int) -> int:
        fm = self.fontMetrics()
        if not text:
            return fm.height()
        rect = fm.boundingRect(QRect(0, 0, max(8, width - 2 * self.PAD), 10_000), WRAP_FLAGS, text)
        return rect.height()

    def relayout(self) -> None:
        spans = self.spans()
        n_rows = max((s.row + s.row_span for s in spans), default=1)
        line = self.fontMetrics().height() + 2 * self.PAD
        heights = [line] * n_rows
        for span in sorted(spans, key=lambda s: s.row_span):
            width = sum(self.sectionSize(c) for c in range(span.col, span.col + span.col_span))
            need = self.text_height(span.text, width) + 2 * self.PAD
            have = sum(heights[span.row : span.row + span.row_span])
            if need > have:  # grow the last row the span covers
                heights[span.row + span.row_span - 1] += need - have
        if heights != self.row_heights:
            self.row_heights = heights
            self.updateGeometry()
        self.viewport().update()

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        if not self.row_heights:
            self.relayout()
        return QSize(hint.width(), sum(self.row_heights) or hint.height())

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), HEADER_BG)
        painter.setPen(QPen(HEADER_LINE, 1))
        tops = [sum(self.row_heights[:r]) for r in range(len(self.row_heights) + 1)]
        for span in self.spans():
            if span.row >= len(self.row_heights):
                continue
            left = self.sectionViewportPosition(span.col)
            width = sum(self.sectionSize(c) for c in range(span.col, span.col + span.col_span))
            top = tops[span.row]
            bottom = tops[min(span.row + span.row_span, len(self.row_heights))]
            rect = QRect(left, top, width, bottom - top)
            if not rect.intersects(event.rect()):
                continue
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.drawText(rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD), WRAP_FLAGS, span.text)
            painter.setPen(QPen(HEADER_LINE, 1))
        painter.end()

    def header_text_width(self, span: HeaderSpan, max_lines: int) -> int:
        """Width a header cell needs to show its text on at most `max_lines` lines."""
        fm = self.fontMetrics()
        full = fm.horizontalAdvance(span.text)
        return full // max_lines + fm.horizontalAdvance("中") + 2 * self.PAD


class GridDelegate(QStyledItemDelegate):
    """Keeps a row's tint visible when selected, outlines the chosen finding's cells."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        opt = QStyleOptionViewItem(option)
        opt.state &= ~QStyle.StateFlag.State_Selected
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, opt, index)
        rect = option.rect
        if selected:
            painter.fillRect(rect, SELECTION_FILL)
        outline = index.data(OutlineRole)
        if outline is not None:
            painter.save()
            painter.setPen(QPen(SEVERITY_COLORS.get(outline, CURRENT_LINE), 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.restore()
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.save()
            painter.setPen(QPen(CURRENT_LINE, 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.restore()

    def createEditor(self, parent, option, index):  # noqa: N802
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setPlaceholderText("输入金额，留空恢复印刷值")
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class GridView(QTableView):
    MAX_AMOUNT_WIDTH = 150
    MAX_TEXT_WIDTH = 300

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(SpanningHeaderView(self))
        self.setItemDelegate(GridDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(False)
        self.setGridStyle(Qt.PenStyle.SolidLine)
        self.setCornerButtonEnabled(False)
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        vh.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000"))

    def setModel(self, model) -> None:  # noqa: N802
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.show_body_spans)
        self.show_body_spans()

    def show_body_spans(self) -> None:
        """Body cells merged as printed (a total across column groups) are one box here too."""
        self.clearSpans()
        model = self.model()
        if isinstance(model, GridModel) and model.table is not None:
            for span in body_spans(model.table):
                self.setSpan(span.row, span.col, span.row_span, span.col_span)

    def selected_indexes(self) -> list:
        return self.selectionModel().selectedIndexes() if self.selectionModel() else []

    def selected_text(self) -> str:
        """The selected cells as tab-separated lines, figures as plain numbers (pastes into Excel
        as a block of numbers)."""
        model = self.model()
        if not isinstance(model, GridModel):
            return ""
        return "\n".join("\t".join(row) for row in selected_block(model, self.selected_indexes()))

    def copy_selection(self) -> None:
        model = self.model()
        if isinstance(model, GridModel):
            copy_block(model, self.selected_indexes())

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def spanning_header(self) -> SpanningHeaderView:
        return self.horizontalHeader()  # type: ignore[return-value]

    def fit_columns(self) -> None:
        """Column widths from the printed text: figures in full, names up to a limit, headers in ≤3 lines."""
        model = self.model()
        if not isinstance(model, GridModel) or model.table is None:
            return
        fm = self.fontMetrics()
        bold = self.font()
        bold.setBold(True)
        pad = 14
        n_cols = model.columnCount()
        widths = [fm.horizontalAdvance("0000") + pad] * n_cols
        wanted = list(widths)  # what the text would need without the width limits
        rows = model.rowCount()
        sample = range(rows) if rows <= 400 else [*range(200), *range(rows - 200, rows)]
        for c in range(n_cols):
            limit = self.MAX_AMOUNT_WIDTH if model.kinds[c] == "amount" else self.MAX_TEXT_WIDTH
            best = widths[c]
            for r in sample:
                cell = model.cell(r, c)
                if cell is None:
                    continue
                best = max(best, fm.horizontalAdvance(display_text(cell, model.thousands)) + pad)
            wanted[c] = best
            widths[c] = min(best, limit)
        header = self.spanning_header()
        spans = header.spans()
        for span in spans:
            if span.col_span == 1:
                need = header.header_text_width(span, 3 if model.kinds[span.col] == "amount" else 2)
                widths[span.col] = max(widths[span.col], min(need, self.MAX_TEXT_WIDTH))
        for span in spans:
            if span.col_span > 1:
                need = header.header_text_width(span, 2)
                have = sum(widths[span.col : span.col + span.col_span])
                if need > have:
                    extra = (need - have) // span.col_span + 1
                    for c in range(span.col, span.col + span.col_span):
                        widths[c] += extra
        self._spend_spare_width(widths, wanted, spans, header)
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)
        header.relayout()

    def _spend_spare_width(self, widths: list[int], wanted: list[int], spans, header: SpanningHeaderView) -> None:
        """When the table is narrower than the view: first show cut-off names in full, then unwrap headers."""
        spare = self.viewport().width() - sum(widths) - 2
        for col in sorted(range(len(widths)), key=lambda c: wanted[c] - widths[c]):
            need = wanted[col] - widths[col]
            if need > 0 and spare > 0:
                grow = min(need, spare)
                widths[col] += grow
                spare -= grow
        wrapped = [
            (header.header_text_width(span, 1) - widths[span.col], span.col)
            for span in spans
            if span.col_span == 1 and header.header_text_width(span, 1) > widths[span.col]
        ]
        for need, col in sorted(wrapped):
            if spare <= 0:
                break
            grow = min(need, spare, self.MAX_TEXT_WIDTH - widths[col])
            if grow > 0:
                widths[col] += grow
                spare -= grow
