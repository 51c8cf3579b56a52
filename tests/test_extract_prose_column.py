"""A table without rules with a column of sentences (委托事项内容) wrapped over many lines,
the row's figures centred beside them: the sentence's lines are lines of its cell, not
running text that ends the table — every row is read, its sentence whole in one cell."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

TITLE = "财政拨款委托业务费支出预算表"
HEADER = [["部门/单位/项目名称", "委托事项内容", "合计", "一般公共预算拨款收入", "是否政府采购"]]
AUDIT = ("全省社会保险系统经办审计(根据《社会保险经办审计办法》中“第四条 经办机构可以根据审计工作需要向社会"
         "购买审计服务,委托会计师事务所开展经办审计或者协助开展经办审计,所需经费列入本单位预算”规定。"
         "2024年计划成立9个审计组,对9个经办机构社保基金开展一次审计)")
ARCHIVE = ("业务档案托管及数字化(将已经整理完成的历史档案,即企职保、机关保、工伤保险及新增的企业退休人员人事档案"
           "进行电子化、数字化并进行存储备份,为参保单位参保对象提供数字化、便捷化的档案查阅利用服务)。")
BODY = [
    ["吉林省社会保险事业管理局", "", "50.48", "50.48", ""],
    ["吉林省社会保险事业管理局(本级)", "", "44.70", "44.70", ""],
    ["社会保险审计、评估专项经费(政府采购)", AUDIT, "29.70", "29.70", "是"],
    ["吉林省社会保险档案管理中心", "", "5.78", "5.78", ""],
    ["档案中心运行费", ARCHIVE, "5.78", "5.78", "否"],
]


def test_prose_column_rows_are_read_whole(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style="no_rules", col_widths=[200.0, 210.0, 50.0, 60.0, 50.0],
                     fill_width=False)
    printed = builder.table(spec, landscape=True)
    builder.save()
    [table] = [t for t in read_document(tmp_path / "t.pdf").tables if normalize(t.title) == TITLE]
    assert table.n_cols == 5
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
