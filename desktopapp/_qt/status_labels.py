"""The permanent labels of the status bar: file, document kind, year and level (with the
organisation in the tooltip; 年度？ when it could not be established), the table's unit,
error / warning counts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktopapp.core.labels import doc_kind_label
from desktopapp.core.model import Document, Table
from desktopapp.export.write_errors import display_path

from .review_state import ReviewState


class StatusLabels(QObject):
    def __init__(self, window: QWidget, state: ReviewState) -> None:
        super().__init__(window)
        self.state = state
        self.file_label = QLabel("", window)
        self.kind_label = QLabel("", window)
        self.facts_label = QLabel("", window)
        self.unit_label = QLabel("", window)
        self.counts_label = QLabel("", window)
        state.findings_changed.connect(self._findings_changed)
        state.marks_changed.connect(self._findings_changed)
        state.document_loaded.connect(self._document_loaded)
        state.facts_changed.connect(self._show_facts)

    def widgets(self) -> list[QLabel]:
        return [self.file_label, self.kind_label, self.facts_label, self.unit_label, self.counts_label]

    def show_document(self, path: Path, document: Document) -> None:
        sources = [Path(s) for s in document.sources()] if document.parts else [path]
        # several files read together are named together; an 80-character name would widen the
        # window past the screen: elided, whole in the tooltip
        metrics = self.file_label.fontMetrics()
        names = " + ".join(display_path(p.name) for p in sources)
        self.file_label.setText(metrics.elidedText(names, Qt.TextElideMode.ElideMiddle, 320))
        self.file_label.setToolTip("\n".join(str(p) for p in sources))
        self._show_facts()

    def _show_facts(self) -> None:
        document = self.state.document
        if document is None:
            return
        self.kind_label.setText(doc_kind_label(document.kind))
        year = f"{document.year}年" if document.year else "年度？"
        self.facts_label.setText(" · ".join(x for x in (year, document.level or "") if x))
        self.facts_label.setToolTip(
            f"单位：{document.organization or '（未确定）'}\n校验 ▸ 文件信息… 可查看来源并更正"
        )

    def show_table(self, table: Table) -> None:
        self.unit_label.setText(f"单位：{table.unit}" if table.unit else ("单位：未注明" if table.numeric else ""))

    def _document_loaded(self) -> None:
        if not self.state.has_document:
            for label in self.widgets():
                label.setText("")
        else:
            self._show_facts()

    def _findings_changed(self) -> None:
        if self.state.has_document:
            errors, warnings = self.state.totals()  # open ones: 非问题 set apart, and said so
            set_aside = [f"另有 {n} 条已标记为非问题" if n else "" for n in self.state.dismissed_totals()]
            error_text, warning_text = (f"{label} {n}" + (f"（{aside}）" if aside else "")
                                        for label, n, aside in zip(("错误", "警告"), (errors, warnings), set_aside))
            self.counts_label.setText(
                f"<span style='color:#b91c1c'>{error_text}</span> · <span style='color:#b45309'>{warning_text}</span>"
            )
        else:
            self.counts_label.setText("")
