"""Review files (autosave restore, save / open by hand), Excel export, the rule switches and re-check.

Owns the actions for them; reports through `message` and says when a saved review replaced the
corrections (`restored`), so that the window can show the review afresh.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktopapp.core.net_changes import net_count
from desktopapp.session.messages import message_of
from desktopapp.session.review import Review, load_review

from .export_run import run_export, with_suffix
from .prompts import Prompts, make_action
from .review_state import ReviewState


class ReviewFiles(QObject):
    restored = Signal()  # a saved review replaced the corrections
    attachments_recorded = Signal(object)  # list[Path]: the review reads this PDF with these files
    message = Signal(str, int)  # status bar text, milliseconds

    def __init__(self, window: QWidget, state: ReviewState, prompts: Prompts) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.prompts = prompts
        self.open_review_action = make_action(window, "打开审核记录(&L)…", self.open_review_dialog)
        self.save_review_action = make_action(window, "保存审核记录(&S)…", self.save_review_dialog, "Ctrl+S")
        self.export_action = make_action(window, "导出 Excel(&E)…", self.export_dialog, "Ctrl+E")
        self.rules_action = make_action(window, "规则列表(&R)…", self.show_rules)
        self.recheck_action = make_action(window, "重新校验(&C)", self.recheck_all, "F5")
        state.document_loaded.connect(self._document_loaded)
        self._document_loaded()

    def _document_loaded(self) -> None:
        for action in (self.open_review_action, self.save_review_action, self.export_action, self.rules_action,
                       self.recheck_action):
            action.setEnabled(self.state.has_document)

    # -- review files ----------------------------------------------------------------------
    def offer_restore(self) -> None:
        """If this PDF has an autosaved review, ask whether to continue it (是否恢复上次的审核记录)."""
        session = self.state.session
        if session is None:
            return
        try:
            review = session.saved_review()
        except Exception as exc:
            self.message.emit(message_of(exc, "无法读取上次的审核记录"), 10_000)
            return
        if self._reopen_with_attachments(review):
            return
        if review is None and self.state.document.parts:
            session.autosave()  # records the attached files, so that reopening reads them again
        if review is None or not (review.changes or review.disabled_rules or review.facts or review.unapplied
                                  or review.marks):
            return
        corrected = net_count(review.changes)  # corrected cells, not history rows (undo / redo)
        parts = [f"{corrected} 处修改" if corrected else "",
                 f"另有 {len(review.unapplied)} 处未能恢复的修改" if review.unapplied else "",
                 f"{len(review.marks)} 个问题已标记" if review.marks else "",
                 "文件信息已更正" if review.facts else "",
                 f"关闭了 {len(review.disabled_rules)} 条规则" if review.disabled_rules else ""]
        said = "，".join(p for p in parts if p) or "改过的数字都已恢复为印刷值"
        if self.prompts.ask("恢复审核记录", f"发现此文件上次的审核记录（{said}）。\n\n是否恢复上次的审核记录？"):
            self._restore(review, "已恢复上次的审核记录")
            return
        aside = self.state.decline(review)
        if aside is not None:
            self.message.emit(f"上次的审核记录已另存为“{aside.name}”，本次从头开始", 0)

    def _reopen_with_attachments(self, review: Review | None) -> bool:
        """The review was made with attached PDFs this reading lacks: read them together again."""
        if review is None or not review.attached:
            return False
        pdf = self.state.pdf_path
        sources = [Path(s) for s in self.state.document.sources()]
        have = {p.name for p in sources}
        wanted = [pdf.with_name(name) for name in review.attached if name not in have]
        if not wanted:
            return False
        missing = [p.name for p in wanted if not p.is_file()]
        if missing:
            self.prompts.inform("找不到附件", f"审核记录中与本文件一并校验的附件不在 PDF 所在文件夹中：{'、'.join(missing)}。"
                                "\n\n可用 文件 ▸ 添加附件… 重新添加。")
            return False
        self.message.emit(f"按审核记录一并打开附件：{'、'.join(p.name for p in wanted)}", 8000)
        self.attachments_recorded.emit([*sources, *wanted])
        return True

    def save_review_dialog(self) -> None:
        session = self.state.session
        if session is None:
            return
        pdf = session.pdf_path
        # a read-only window cannot write the review another window keeps: suggest a copy
        suggested = pdf.with_name(f"{pdf.stem}.副本.review.json") if session.read_only else pdf.with_suffix(".review.json")
        path = self.prompts.ask_save_path("保存审核记录", suggested, "审核记录 (*.json)")
        if path is None:
            return
        try:
            session.save_to(path)
        except Exception as exc:
            self.prompts.inform("保存失败", message_of(exc, "无法保存审核记录"))
            return
        self.message.emit(f"审核记录已保存到 {path}", 8000)

    def open_review_dialog(self) -> None:
        if not self.state.has_document:
            self.prompts.inform("打开审核记录", "请先打开审核记录对应的 PDF 文件。", QMessageBox.Icon.Information)
            return
        path = self.prompts.ask_open_path("打开审核记录", "审核记录 (*.json);;所有文件 (*)")
        if path is not None:
            self.load_review_file(path)

    def load_review_file(self, path: Path) -> bool:
        try:
            review = load_review(path)
        except Exception as exc:
            self.prompts.inform("无法打开审核记录", message_of(exc, "无法打开审核记录"))
            return False
        if review.sha256 and review.sha256 != self.state.document.sha256:
            self.prompts.inform("审核记录不匹配", "这份审核记录属于另一个 PDF 文件（文件内容不同），不能用于当前文件。")
            return False
        aside = self.state.keep_aside_before_loading(path)
        self._restore(review, "已载入审核记录")
        if aside is not None:
            self.message.emit(f"已载入审核记录；此前的修改已另存为“{aside.name}”", 0)
        return True

    def _restore(self, review: Review, done: str) -> None:
        problems = self.state.restore(review)
        self.restored.emit()
        corrected = len(self.state.net_changes())
        self.message.emit(f"{done}：{corrected} 处修改" if corrected else done, 8000)
        if problems:
            titles = self.state.table_titles()
            lines = [item.describe(titles) for item in problems[:8]]
            shown = "\n".join(lines) + (f"\n……另有 {len(problems) - 8} 处" if len(problems) > 8 else "")
            self.prompts.inform("部分修改未恢复", f"以下 {len(problems)} 处修改与当前读取的表格不一致，没有应用；"
                                f"它们保留在审核记录中，可在状态栏“查看”或“丢弃”：\n\n{shown}")

    # -- export ----------------------------------------------------------------------------
    def export_dialog(self) -> None:
        if not self.state.has_document:
            return
        suggested = self.state.pdf_path.with_suffix(".xlsx")
        path = self.prompts.ask_save_path("导出 Excel", suggested, "Excel 工作簿 (*.xlsx)")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> bool:
        from desktopapp.export.xlsx import export_workbook

        path = with_suffix(path, ".xlsx")
        session = self.state.session

        def write(target: Path) -> None:
            export_workbook(self.state.document, list(self.state.findings), list(self.state.changes), target,
                            rule_names=self.state.rule_names(), marks=session.marks if session else None)

        if not run_export(self.window, self.prompts, path, write, "无法导出 Excel"):
            return False
        self.message.emit(f"已导出到 {path}", 8000)
        return True

    # -- checks ----------------------------------------------------------------------------
    def show_rules(self) -> None:
        from desktopapp.rules import load_catalog

        from .rules_dialog import RulesDialog

        try:
            catalog = load_catalog()
        except Exception as exc:
            self.prompts.inform("规则列表", message_of(exc, "无法读取规则目录"))
            return
        dialog = RulesDialog(catalog, self.state.disabled_rules, self.window)
        if dialog.exec() and self.state.has_document:
            disabled = dialog.disabled()
            if disabled != self.state.disabled_rules:
                self.state.set_disabled_rules(disabled)
                self.message.emit(f"已按规则设置重新校验（关闭 {len(disabled)} 条规则）", 5000)

    def recheck_all(self) -> None:
        if self.state.has_document:
            self.state.recheck_all()
            self.message.emit("已重新校验", 3000)
