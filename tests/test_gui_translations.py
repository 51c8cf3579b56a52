"""Qt's own dialogs speak Chinese: the file dialog's labels, buttons and tool tips."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from desktopapp._qt.translations import install_translations

pytestmark = pytest.mark.gui


@pytest.fixture
def chinese(qapp):
    installed = install_translations(qapp)
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)


def test_the_loaded_translators_translate_the_file_dialogs_labels(chinese):
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "文件名称(&N)："
    assert QCoreApplication.translate("QFileDialog", "Some text no catalog has") == "Some text no catalog has"


def test_the_open_dialog_has_no_english_label_or_button(qtbot, chinese, tmp_path):
    dialog = QFileDialog(None, "打开 PDF", str(tmp_path), "PDF 文件 (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the dialog Qt draws itself (Linux)
    qtbot.addWidget(dialog)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel) if label.objectName()}
    assert labels["fileNameLabel"] == "文件名称(&N)："
    assert labels["lookInLabel"] == "查找范围(&L)：" and labels["fileTypeLabel"] == "文件类型(&T)："
    texts = [*labels.values(), *(b.text() for b in dialog.findChildren(QPushButton))]
    english = [t for t in texts if re.search("[A-Za-z]", re.sub(r"\(&[A-Z]\)", "", t))]
    assert texts and not english


def test_the_dialogs_type_column_names_a_folder_in_chinese(chinese, tmp_path):
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileIconProvider

    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "文件夹"


def test_the_windows_carry_the_application_icon(qapp):
    from desktopapp._qt.app import _set_icon

    _set_icon(qapp)  # what create_app does; pytest-qt made this application
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().availableSizes()
