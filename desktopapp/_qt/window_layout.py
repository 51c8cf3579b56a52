"""The window on an office laptop's screen (1366×768 first): its first size, which panes show,
and what is remembered.

- The first window fills the screen's *available* area with its frame: maximised on screens up
  to 1440 px wide or too low for 768 px and a frame; on a larger screen nine tenths of it (at
  least 1366×768), centred, so a 1920×1080 monitor's room is used without hiding the desktop.
- 布局: the grid and the page side by side, the grid alone (wide tables), or the page in the
  grid's place (a page readable at 1366 px); F6 swaps the page in and out.
- The panel below (问题 / 修改记录) can be hidden (Ctrl+J) and never squeezes the grid to nothing.
- The layout and the panel's visibility are kept in QSettings (the splitters by the window).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QSettings, QSize
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QWidget

from .prompts import make_action

FRAMED_SIZE = QSize(1366, 768)
MAXIMISE_UP_TO_WIDTH = 1440
FRAME_ALLOWANCE = 40  # title bar and borders a window manager adds around the window

LAYOUTS = {"both": "表格与页面并排", "grid": "只看表格", "page": "只看页面（页面代替表格）"}


def initial_geometry(available: QRect) -> tuple[QRect, bool]:
    """(geometry, maximise) of a first window on a screen whose available area is `available`."""
    if (available.width() <= MAXIMISE_UP_TO_WIDTH
            or available.height() < FRAMED_SIZE.height() + FRAME_ALLOWANCE):
        return QRect(available), True
    width = max(FRAMED_SIZE.width(), available.width() * 9 // 10)
    height = max(FRAMED_SIZE.height(), min(available.height() * 9 // 10, available.height() - FRAME_ALLOWANCE))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect, False


class WindowLayout(QObject):
    def __init__(self, window: QWidget, settings: QSettings, grid_box: QWidget, page_panel: QWidget,
                 panel_below: QWidget, focus: tuple[QWidget, QWidget]) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.grid_box = grid_box
        self.page_panel = page_panel
        self.panel_below = panel_below
        self.grid_focus, self.page_focus = focus  # who takes the keyboard when the page swaps in or out
        self.mode = "both"
        self._before_page = "both"  # where F6 returns to

        self.layout_group = QActionGroup(self)
        self.layout_actions: dict[str, QAction] = {}
        for mode, text in LAYOUTS.items():
            action = make_action(window, text, lambda _checked=False, m=mode: self.set_mode(m))
            action.setCheckable(True)
            self.layout_group.addAction(action)
            self.layout_actions[mode] = action
        self.swap_action = make_action(window, "页面/表格切换", self.toggle_page, "F6",
                                       "页面占据表格的位置，再按一次换回")
        self.panel_action = make_action(window, "问题与修改记录面板", self.set_panel_visible, "Ctrl+J",
                                        "显示或隐藏下方的问题与修改记录")
        self.panel_action.setCheckable(True)
        self.panel_action.setChecked(True)
        self.layout_actions["both"].setChecked(True)

    # -- what shows ------------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        if mode not in LAYOUTS:
            mode = "both"
        if mode != "page":
            self._before_page = mode
        self.mode = mode
        self.grid_box.setVisible(mode != "page")
        self.page_panel.setVisible(mode != "grid")
        self.layout_actions[mode].setChecked(True)

    def toggle_page(self) -> None:
        """F6: the page takes the grid's place; again, the layout before."""
        if self.mode == "page":
            self.set_mode(self._before_page)
            self.grid_focus.setFocus()
        else:
            self.set_mode("page")
            self.page_focus.setFocus()

    def ensure_page_shown(self) -> None:
        """Something is to be shown on the page (a find hit, 在页面上显示): bring the page back."""
        if self.mode == "grid":
            self.set_mode("both")

    def set_panel_visible(self, visible: bool) -> None:
        self.panel_below.setVisible(bool(visible))
        self.panel_action.setChecked(bool(visible))

    # -- remembered ------------------------------------------------------------------------
    def restore(self) -> None:
        self.set_mode(str(self.settings.value("window/layout", "both")))
        self.set_panel_visible(str(self.settings.value("window/panel_below", "true")).lower() != "false")

    def save(self) -> None:
        self.settings.setValue("window/layout", self.mode)
        self.settings.setValue("window/panel_below", "true" if self.panel_action.isChecked() else "false")
