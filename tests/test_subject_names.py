"""The one list of replaced 科目 names, read by the table checks and the narrative checks."""

from __future__ import annotations

import pytest

from desktopapp.tables.subject_names import OLD_FUNCTION_CLASS_NAMES, OUTDATED_NAMES
from desktopapp.tables.subjects import FUNCTION_CLASSES, function_class_code
from tests.helpers.rules_support import document, findings, table


def test_each_old_class_name_points_to_the_name_in_force_for_its_code():
    classes = {old: entry for old, entry in OUTDATED_NAMES.items() if len(entry[0]) == 3}
    assert classes
    for old, (code, current) in classes.items():
        assert FUNCTION_CLASSES[code] == current
        assert old not in FUNCTION_CLASSES.values()
    assert {old: code for old, (code, _) in classes.items()} == OLD_FUNCTION_CLASS_NAMES


def test_the_222_class_is_spelled_as_the_old_classification_printed_it():
    assert OLD_FUNCTION_CLASS_NAMES["粮油物资储备事务"] == "222"
    assert "粮油物资储备管理等事务" not in OUTDATED_NAMES


@pytest.mark.parametrize("old", sorted(OLD_FUNCTION_CLASS_NAMES))
def test_a_table_row_printing_an_old_class_name_is_a_warning_naming_the_current_one(old):
    code = OLD_FUNCTION_CLASS_NAMES[old]
    assert function_class_code(old) == code
    doc = document(table("T3", "支出总表", [["科目编码", "科目名称", "合计"]], [[code, old, "1.00"]]))
    [f] = findings(doc, "subject_name")
    assert f.severity.value == "warning" and FUNCTION_CLASSES[code] in f.message and f.actual == old
