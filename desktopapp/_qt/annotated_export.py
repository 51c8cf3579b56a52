"""文件 ▸ 导出批注 PDF…: a copy of the PDF with each finding as an annotation, for the department
(export/annotated_pdf.py writes it). The findings are the session's current ones — after the
officer's corrections, with the values in force — and the marks and notes go with them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desktopapp.export.write_errors import display_path

from .export_run import run_export, with_suffix
from .prompts import Prompts, make_action
from .review_state import ReviewState


class AnnotatedExport(QObject):
    message = Signal(str, int)  # status bar text, milliseconds

    def __init__(self, window: QWidget, state: ReviewState, prompts: Prompts) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.prompts = prompts
        self.action = make_action(window, "导出批注 PDF(&N)…", self.export_dialog, None,
                                  "PDF 副本：每个问题标注在原处（说明、应为 / 实为、审核标记和备注），可退回单位修改")
        state.document_loaded.connect(self._document_loaded)
        self._document_loaded()
        self.message.connect(lambda text, ms: window.statusBar().showMessage(text, ms))  # type: ignore[attr-defined]

    def _document_loaded(self) -> None:
        self.action.setEnabled(self.state.has_document)

    def export_dialog(self) -> None:
        if not self.state.has_document:
            return
        sources = self.state.document.sources()
        if len(sources) > 1:  # a copy per file, side by side in one folder
            folder = self.ask_folder("导出批注 PDF（每个文件一份）", Path(sources[0]).parent)
            if folder is not None:
                self.write_folder(folder)
            return
        pdf = self.state.pdf_path
        path = self.prompts.ask_save_path("导出批注 PDF", pdf.with_name(f"{pdf.stem}.批注.pdf"), "PDF 文件 (*.pdf)")
        if path is not None:
            self.write(path)

    def ask_folder(self, title: str, start: Path) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self.window, title, str(start))
        return Path(folder) if folder else None

    def write(self, path: Path) -> bool:
        from desktopapp.export.annotated_pdf import write_annotated_pdf

        path = with_suffix(path, ".pdf")
        count: list[int] = []
        if not run_export(self.window, self.prompts, path,
                          lambda target: count.append(write_annotated_pdf(*self._content(), target)),
                          "无法导出批注 PDF"):
            return False
        self.message.emit(f"已导出批注 PDF（{self._counts(count[0])}）到 {display_path(path)}", 8000)
        return True

    def write_folder(self, folder: Path) -> bool:
        """`<stem>.批注.pdf` per file in `folder` (beside the sources, when that is the folder chosen)."""
        from desktopapp.export.annotated_pdf import write_annotated_part
        from desktopapp.export.targets import unique_names

        sources = self.state.document.sources()
        names = unique_names([Path(s) for s in sources], ".批注.pdf")
        count: list[int] = []

        def write_all(target: Path) -> None:
            for source, name in zip(sources, names, strict=True):
                count.append(write_annotated_part(*self._content(), source, target / name))

        if not run_export(self.window, self.prompts, folder, write_all, "无法导出批注 PDF"):
            return False
        self.message.emit(f"已导出 {len(count)} 份批注 PDF（{self._counts(sum(count))}）到 {display_path(folder)}", 8000)
        return True

    def _counts(self, annotations: int) -> str:
        """"18 个问题，29 处批注": a finding whose cells run over pages is marked on each of them."""
        findings = len(self.state.findings)
        return f"{findings} 个问题" if annotations == findings else f"{findings} 个问题，{annotations} 处批注"

    def _content(self):
        session = self.state.session
        return self.state.document, list(self.state.findings), dict(session.marks) if session else {}
