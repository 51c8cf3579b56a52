"""文件 ▸ 导出审核意见 (PDF)… and 文件 ▸ 导出干净表格…: the review report to sign, and the tables
alone for upstream. The content is the core's (export/review_report, export/xlsx); this part
asks where, renders the PDF (report_pdf) and says what it wrote."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from .export_run import run_export, with_suffix
from .prompts import Prompts, make_action
from .review_state import ReviewState


class ReportExports(QObject):
    message = Signal(str, int)  # status bar text, milliseconds

    def __init__(self, window: QWidget, state: ReviewState, prompts: Prompts) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.prompts = prompts
        self.report_action = make_action(window, "导出审核意见 (PDF)(&P)…", self.report_dialog, None,
                                         "审核意见：文件信息、校验情况、问题及标记、数据修改和签字栏，可直接打印")
        self.clean_action = make_action(window, "导出干净表格(&T)…", self.clean_dialog, None,
                                        "只导出选定的表格（数值，无底色、无批注），供上报使用")
        state.document_loaded.connect(self._document_loaded)
        self._document_loaded()

    def _document_loaded(self) -> None:
        for action in (self.report_action, self.clean_action):
            action.setEnabled(self.state.has_document)

    # -- 审核意见 ---------------------------------------------------------------------------
    def report_dialog(self) -> None:
        if not self.state.has_document:
            return
        pdf = self.state.pdf_path
        suggested = pdf.with_name(f"{pdf.stem}.审核意见.pdf")
        path = self.prompts.ask_save_path("导出审核意见", suggested, "PDF 文件 (*.pdf)")
        if path is not None:
            self.write_report(path)

    def write_report(self, path: Path) -> bool:
        path = with_suffix(path, ".pdf")
        if any(path.resolve() == Path(source).resolve() for source in self.state.document.sources()):
            self.prompts.inform("导出失败", "不能把审核意见写到源 PDF 文件上，请换一个文件名。")
            return False
        if not run_export(self.window, self.prompts, path, self._write_report, "无法导出审核意见"):
            return False
        self.message.emit(f"审核意见已导出到 {path}", 8000)
        return True

    def _write_report(self, path: Path) -> None:
        from desktopapp.export.review_report import build_review_report, report_html
        from desktopapp.export.xlsx import catalog_rule_families
        from desktopapp.export.xlsx_report import program_label

        from .report_pdf import write_report_pdf

        session = self.state.session
        report = build_review_report(self.state.document, list(self.state.findings), list(self.state.changes),
                                     session.marks if session else None, self.state.rule_names(),
                                     catalog_rule_families(), program_label())
        path.parent.mkdir(parents=True, exist_ok=True)
        write_report_pdf(report_html(report), path)

    # -- clean tables -----------------------------------------------------------------------
    def clean_dialog(self) -> None:
        if not self.state.has_document:
            return
        from .clean_export_dialog import CleanExportDialog

        dialog = CleanExportDialog(list(self.state.document.tables), self.window)
        if not dialog.exec():
            return
        pdf = self.state.pdf_path
        path = self.prompts.ask_save_path("导出干净表格", pdf.with_name(f"{pdf.stem}.表格.xlsx"),
                                          "Excel 工作簿 (*.xlsx)")
        if path is not None:
            self.write_clean(path, dialog.chosen())

    def write_clean(self, path: Path, tables: list[str]) -> bool:
        from desktopapp.export.xlsx import export_clean_workbook

        path = with_suffix(path, ".xlsx")
        if not run_export(self.window, self.prompts, path,
                          lambda target: export_clean_workbook(self.state.document, target, tables), "无法导出表格"):
            return False
        self.message.emit(f"已导出 {len(tables)} 张表格到 {path}", 8000)
        return True
