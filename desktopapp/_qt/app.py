"""`run_gui(argv)`: the application object, Chinese standard dialogs, and the main window.

argv may hold a PDF path or `--sample` (resources/sample-dept-budget.pdf).
"""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from . import settings as stored
from .translations import install_translations

log = logging.getLogger(__name__)

USAGE = "用法：python -m desktopapp [PDF 文件 | --sample]"


def _pick_font(app: QApplication) -> None:
    """A UI font that has Chinese glyphs, at the platform's size."""
    preferred = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                 "Source Han Sans SC", "WenQuanYi Micro Hei", "SimSun"]
    from PySide6.QtGui import QFontDatabase

    families = set(QFontDatabase.families())
    for family in preferred:
        if family in families:
            font = QFont(app.font())
            font.setFamily(family)
            app.setFont(font)
            return


def _set_icon(app: QApplication) -> None:
    """The application's icon on every window and in the task bar (where the desktop takes it from the window)."""
    from PySide6.QtGui import QIcon

    from desktopapp.core.paths import icon_path

    icon = icon_path()
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([sys.argv[0] if sys.argv else "desktopapp", *(argv or [])])
    app.setOrganizationName(stored.ORGANIZATION)
    app.setApplicationName("desktopapp")
    app.setApplicationDisplayName(stored.APPLICATION)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    install_translations(app)
    _pick_font(app)
    _set_icon(app)
    return app


def _install_excepthook() -> None:
    """A bug in a slot must not show a traceback or end the review: log it, tell the officer plainly."""
    from desktopapp.core.paths import user_data_dir

    def hook(kind, value, tb) -> None:
        detail = "".join(traceback.format_exception(kind, value, tb))
        log_path = None
        try:
            log_path = user_data_dir() / "desktopapp-errors.log"
            with open(log_path, "a", encoding="utf-8") as fh:
                fh.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{detail}\n")
        except OSError:
            log_path = None
        sys.stderr.write(detail)
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        parent = QApplication.activeWindow()
        where = f"\n\n详细信息已记录在：{log_path}" if log_path else ""
        QMessageBox.warning(
            parent,
            "程序内部错误",
            f"程序遇到内部错误（{kind.__name__}），刚才的操作可能没有完成。已做的修改均已自动保存，可以继续审核。{where}",
        )

    sys.excepthook = hook


def _parse(argv: list[str]) -> tuple[Path | None, bool, str | None]:
    """(pdf, sample, problem) from the arguments the launcher passed on."""
    pdf: Path | None = None
    sample = False
    for arg in argv:
        if arg == "--sample":
            sample = True
        elif arg in ("-h", "--help"):
            return None, False, USAGE
        elif arg.startswith("-"):
            return None, False, f"无法识别的参数：{arg}\n{USAGE}"
        elif pdf is None:
            pdf = Path(arg)
    return pdf, sample, None


def run_gui(argv: list[str] | None = None) -> int:
    args = list(argv or [])
    pdf, sample, problem = _parse(args)
    if problem is not None and problem == USAGE:
        print(USAGE)
        return 0
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = create_app()
    _install_excepthook()

    from .main_window import MainWindow

    window = MainWindow()
    window.show_on_screen()
    if problem is not None:
        QMessageBox.warning(window, "参数错误", problem)
    elif sample:
        window.opener.open_sample()
    elif pdf is not None:
        window.opener.open_pdf(pdf)
    return app.exec()
