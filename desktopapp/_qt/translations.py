"""Qt's own texts (file dialogs, context menus, buttons) in Chinese.

Qt ships its Chinese catalogs with PySide6 (`qtbase_zh_CN.qm` in QLibraryInfo's translations
folder), but their QFileDialog entries still carry the Qt 5 source texts "Look in:" and "Files of
type:", while Qt 6's dialog asks for "&Look in:" and "Files of &type:" (with the mnemonic): a
catalog answers only the exact text, so those two labels stayed English. `MissingQtTexts`,
installed last (the first one asked), answers them; every other text goes to Qt's catalogs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

QT_CATALOGS = ("qtbase_zh_CN", "qt_zh_CN")

# (context, source text) → Chinese, for texts of Qt 6 that its shipped catalogs lack
MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Computer"): "计算机",
    # the 类型 column of the file dialog's detail view (Qt 6 moved these texts to the icon provider)
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
}


class MissingQtTexts(QTranslator):
    def translate(self, context: str, source_text: str, disambiguation: str | None = None,  # noqa: D102
                  n: int = -1) -> str | None:
        # None is Qt's null string, "not mine": an empty string would stop the search as "translated"
        return MISSING.get((context, source_text))

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def install_translations(app: QCoreApplication) -> list[QTranslator]:
    """Install Qt's Chinese catalogs and the texts they lack; the translators are kept on `app`."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for name in QT_CATALOGS:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    supplement = MissingQtTexts(app)
    app.installTranslator(supplement)
    installed.append(supplement)
    app._translators = [*getattr(app, "_translators", []), *installed]  # keep them alive
    return installed
