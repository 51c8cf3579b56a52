"""帮助: 键盘快捷键 (from the window's actions and shortcuts themselves, so the list never goes
stale) and 校验规则说明 (what each family of checks does, from the rule catalog)."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
)

from desktopapp.core.labels import severity_label

from .prompts import make_action

FAMILY_ORDER = ["表内关系", "三公经费", "表间关系", "完整性", "narrative", "文件信息"]
FAMILY_LABELS = {"narrative": "正文与表格", "": "其他"}
FAMILY_SUMMARIES = {
    "表内关系": "一张表之内：行、列的合计与分项（按表头读出），科目编码的类、款、项汇总，收支总表的平衡，表注公式。",
    "三公经费": "“三公”经费表：合计与因公出国（境）费、公务接待费、公务用车购置及运行费之间的关系。",
    "表间关系": "不同表格之间应当相等的数字（按元、万元换算，只比较口径相同的表和列）。",
    "完整性": "应公开的表格是否齐全、目录与表题是否一致、空表是否注明“无…”。",
    "narrative": "情况说明等正文中的金额、比例、增减与表格是否一致，科目名称、年度、措辞和模板文字。",
    "文件信息": "年度、单位名称、文件类型等在封面、表题、正文之间是否一致。",
    "对比": "与参考文件（文件 ▸ 对比…：上年公开文件、决算年度的预算、部门与单位、较早版本）逐句、逐科目对照：沿用上年的原因和用语、科目名称的变化、较早版本以来的修改。",
}


def menu_text(action_text: str) -> str:
    """A menu text without its mnemonic and ellipsis: "查找(&F)…" → "查找"."""
    return re.sub(r"\(&\w\)|&|…$", "", action_text).strip()


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) of every action with a shortcut: those in the menus in menu order,
    then the others of the window, then the widgets' own shortcuts (their whatsThis names them)."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def keys_of(action: QAction) -> str:
        return " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), title)
            elif not action.isSeparator() and action.shortcuts() and id(action) not in seen:
                seen.add(id(action))
                rows.append((title, menu_text(action.text()), keys_of(action)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), menu_text(top.text()))
    for action in window.findChildren(QAction):
        if action.shortcuts() and id(action) not in seen and action.text():
            seen.add(id(action))
            rows.append(("其他", menu_text(action.text()), keys_of(action)))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis():
            rows.append(("其他", shortcut.whatsThis(), shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)))
    return rows


def rules_html(catalog) -> str:
    """The catalog's rules by family: what the family checks, then each rule's name, severity and explanation."""
    families: dict[str, list] = {}
    for info in catalog:
        families.setdefault(info.family, []).append(info)
    order = sorted(families, key=lambda f: (FAMILY_ORDER.index(f) if f in FAMILY_ORDER else len(FAMILY_ORDER), f))
    parts = ["<p>与末位印刷数字相差不超过舍入范围的差额为尾差（警告），超出为错误。"
             "规则可在 校验 ▸ 规则列表 中按本次审核关闭。</p>"]
    for family in order:
        label = FAMILY_LABELS.get(family, family)
        parts.append(f"<h3>{html.escape(label)}（{len(families[family])} 条）</h3>")
        if family in FAMILY_SUMMARIES:
            parts.append(f"<p>{html.escape(FAMILY_SUMMARIES[family])}</p>")
        parts.append("<ul>")
        for info in families[family]:
            parts.append(f"<li><b>{html.escape(info.name)}</b>（{severity_label(info.severity)}）："
                         f"{html.escape(info.explanation)}</li>")
        parts.append("</ul>")
    return "".join(parts)


class HelpDialog(QDialog):
    def __init__(self, window: QMainWindow, catalog) -> None:
        super().__init__(window)
        self.setWindowTitle("帮助")
        self.resize(760, 560)
        self.tabs = QTabWidget(self)
        rows = shortcut_rows(window)
        self.shortcuts = QTableWidget(len(rows), 3, self)
        self.shortcuts.setHorizontalHeaderLabels(["菜单", "操作", "快捷键"])
        self.shortcuts.verticalHeader().setVisible(False)
        self.shortcuts.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.shortcuts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.shortcuts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.shortcuts.setAlternatingRowColors(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.shortcuts.setItem(r, c, QTableWidgetItem(text))
        self.shortcuts.resizeColumnsToContents()
        self.shortcuts.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rules = QTextBrowser(self)
        self.rules.setHtml(rules_html(catalog))
        self.tabs.addTab(self.shortcuts, "键盘快捷键")
        self.tabs.addTab(self.rules, "校验规则说明")
        buttons = QDialogButtonBox(self)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)


class Help(QObject):
    """The 帮助 menu's actions; F1 opens the shortcuts."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: HelpDialog | None = None
        self.shortcuts_action = make_action(window, "键盘快捷键(&K)", lambda: self.open(0), "F1")
        self.rules_action = make_action(window, "校验规则说明(&R)", lambda: self.open(1))

    def open(self, tab: int) -> HelpDialog:
        from desktopapp.rules import load_catalog

        if self.dialog is not None:
            self.dialog.deleteLater()
        try:
            catalog = load_catalog()
        except Exception:  # the shortcuts are still worth showing
            catalog = []
        self.dialog = HelpDialog(self.window, catalog)
        self.dialog.tabs.setCurrentIndex(tab)
        self.dialog.show()
        return self.dialog
