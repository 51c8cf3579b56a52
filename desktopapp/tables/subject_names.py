"""Names of the 政府收支分类科目 (支出功能分类) that were replaced, with the code and the name
in force since the 2019 科目 (卫生健康支出, 文化旅游体育与传媒支出, 资源勘探工业信息等支出,
自然资源海洋气象等支出) or earlier renamings (城乡社区支出, 粮油物资储备支出).

One list for the table checks and the narrative checks. Pure data: standard library only, so
any layer may import it.
"""

from __future__ import annotations

# old name → (code, current name); 类 (3-digit codes) first, then 款 and 项.
OUTDATED_NAMES: dict[str, tuple[str, str]] = {
    "医疗卫生与计划生育支出": ("210", "卫生健康支出"),
    "医疗卫生支出": ("210", "卫生健康支出"),
    "文化体育与传媒支出": ("207", "文化旅游体育与传媒支出"),
    "国土海洋气象等支出": ("220", "自然资源海洋气象等支出"),
    "资源勘探信息等支出": ("215", "资源勘探工业信息等支出"),
    "资源勘探电力信息等支出": ("215", "资源勘探工业信息等支出"),
    "城乡社区事务": ("212", "城乡社区支出"),
    "粮油物资储备事务": ("222", "粮油物资储备支出"),
    "国土资源事务": ("22001", "自然资源事务"),
    "其他国土资源事务支出": ("2200199", "其他自然资源事务支出"),
    "医疗卫生与计划生育管理事务": ("21001", "卫生健康管理事务"),
    "工商行政管理事务": ("20138", "市场监督管理事务"),
    "质量技术监督与检验检疫事务": ("20138", "市场监督管理事务"),
    "食品和药品监督管理事务": ("20138", "市场监督管理事务"),
}

# Old 类 names → their code.
OLD_FUNCTION_CLASS_NAMES: dict[str, str] = {
    old: code for old, (code, _) in OUTDATED_NAMES.items() if len(code) == 3
}
