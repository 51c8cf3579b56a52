"""Review files (autosave restore, save/open by hand), Excel export, the rule switches, 关于."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktopapp.session.messages import message_of

from . import settings as stored

APP_TITLE = stored.APPLICATION


class ReviewFilesMixin:
    """Part of MainWindow (see main_window.py); uses its widgets and ReviewState."""

    # == review files, export, rules ========================================================
    def offer_restore(self) -> None:
        """If this PDF has an autosaved review, ask whether to continue it (是否恢复上次的审核记录)."""
        session = self.state.session
        if session is None:
            return
        try:
            review = session.saved_review()
        except Exception as exc:
            self.statusBar().showMessage(message_of(exc, "无法读取上次的审核记录"), 10_000)
            return
        if review is None or (not review.changes and not review.disabled_rules):
            return
        if self.ask("恢复审核记录", f"发现此文件上次的审核记录（{len(review.changes)} 条修改）。\n\n是否恢复上次的审核记录？"):
            self._restore(review, "已恢复上次的审核记录")

    def _after_restore(self) -> None:
        table_id = self.grid_model.table_id or (self.state.document.tables[0].id if self.state.document.tables else None)
        self.grid_model.set_table(None)
        if table_id:
            self.select_table(table_id)
        self._update_enabled()

    def save_review_dialog(self) -> None:
        if not self.state.has_document:
            return
        suggested = self.state.pdf_path.with_suffix(".review.json")
        path = self.ask_save_path("保存审核记录", suggested, "审核记录 (*.json)")
        if path is None:
            return
        try:
            self.state.session.save_to(path)
        except Exception as exc:
            self.inform("保存失败", message_of(exc, "无法保存审核记录"))
            return
        self.statusBar().showMessage(f"审核记录已保存到 {path}", 8000)

    def open_review_dialog(self) -> None:
        if not self.state.has_document:
            self.inform("打开审核记录", "请先打开审核记录对应的 PDF 文件。", QMessageBox.Icon.Information)
            return
        path = self.ask_open_path("打开审核记录", "审核记录 (*.json);;所有文件 (*)")
        if path is not None:
            self.load_review_file(path)

    def load_review_file(self, path: Path) -> bool:
        try:
            from desktopapp.session.review import load_review

            review = load_review(path)
        except Exception as exc:
            self.inform("无法打开审核记录", message_of(exc, "无法打开审核记录"))
            return False
        if review.sha256 and review.sha256 != self.state.document.sha256:
            self.inform("审核记录不匹配", "这份审核记录属于另一个 PDF 文件（文件内容不同），不能用于当前文件。")
            return False
        self._restore(review, "已载入审核记录")
        return True

    def _restore(self, review, done: str) -> None:
        problems = self.state.restore(review)
        self._after_restore()
        applied = len(review.changes) - len(problems)
        self.statusBar().showMessage(f"{done}：{applied} 条修改", 8000)
        if problems:
            shown = "\n".join(problems[:8]) + (f"\n……另有 {len(problems) - 8} 条" if len(problems) > 8 else "")
            self.inform("部分修改未恢复", f"以下修改与当前读取的表格不一致，未恢复：\n\n{shown}")

    def export_dialog(self) -> None:
        if not self.state.has_document:
            return
        suggested = self.state.pdf_path.with_suffix(".xlsx")
        path = self.ask_save_path("导出 Excel", suggested, "Excel 工作簿 (*.xlsx)")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> bool:
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            from desktopapp.export.xlsx import export_workbook

            export_workbook(self.state.document, list(self.state.findings), list(self.state.changes), path,
                            rule_names=self.state.rule_names())
        except Exception as exc:
            self.inform("导出失败", message_of(exc, "无法导出 Excel"))
            return False
        finally:
            self.unsetCursor()
        self.statusBar().showMessage(f"已导出到 {path}", 8000)
        return True

    def show_rules(self) -> None:
        from desktopapp.rules import load_catalog

        from .rules_dialog import RulesDialog

        try:
            catalog = load_catalog()
        except Exception as exc:
            self.inform("规则列表", message_of(exc, "无法读取规则目录"))
            return
        dialog = RulesDialog(catalog, self.state.disabled_rules, self)
        if dialog.exec() and self.state.has_document:
            disabled = dialog.disabled()
            if disabled != self.state.disabled_rules:
                self.state.set_disabled_rules(disabled)
                self.statusBar().showMessage(f"已按规则设置重新校验（关闭 {len(disabled)} 条规则）", 5000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "关于",
            f"<b>{APP_TITLE}</b><br>读取预决算公开 PDF 中的表格，校验勾稽关系，修改并导出 Excel。"
            "<br><br>全部处理在本机完成，不联网，不修改原 PDF。",
        )
