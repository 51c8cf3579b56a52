"""A blank template without rules under a deep header (栏目 | 收入 支出 | 项目 决算数 项目
合计 …, labels wrapped in their cells) continued over two pages under a "（续）" title and its repeated
header: the continuation's rows hold one name each ('十、节能环保支出'), so few of its
lines stand in several columns — yet under its caption and a header labelling its columns
it is the table carried on, every row kept."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "财政拨款收入支出决算总表"
HEADER: list[list[H | str]] = [
    [H("栏目", colspan=6)],
    [H("收入", colspan=2), H("支出", colspan=4)],
    ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"],
]
OUTGOINGS = ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
             "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
             "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
             "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
             "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "抗疫特别国债安排的支出"]
INCOMES = ["一般公共预算财政拨款", "政府性基金预算财政拨款"]
NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
            "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四"]
BODY = [
    [f"{NUMERALS[k]}、{INCOMES[k]}" if k < len(INCOMES) else "", "", f"{NUMERALS[k]}、{name}", "", "", ""]
    for k, name in enumerate(OUTGOINGS)
] + [
    ["本年收入合计", "", "本年支出合计", "", "", ""],
    ["年初财政拨款结转和结余", "", "年末财政拨款结转和结余", "", "", ""],
    ["一、一般公共预算财政拨款", "", "", "", "", ""],
    ["二、政府性基金预算财政拨款", "", "", "", "", ""],
    ["总计", "", "总计", "", "", ""],
]


def test_blank_deep_header_table_continued_under_its_title(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style="no_rules", break_before=(9, len(BODY) - 1), continued_title=True,
                     header_line_count=2)
    printed = builder.table(spec)
    builder.save()
    assert len(printed.pages) == 3  # 总计 alone on the last page
    tables = read_document(tmp_path / "t.pdf").tables
    [table] = [t for t in tables if normalize(t.title) == TITLE]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
