"""The command line's own words in Chinese: argparse prints its usage, headings and errors in
English (its texts go through gettext, for which Python ships no Chinese catalog). The parser
below translates them where they are printed, so the officer reads one Chinese line on a mistake.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# the headings and fixed phrases of argparse's help (Python 3.10 says "optional arguments")
_HELP_WORDS = (
    ("usage: ", "用法： "),  # as wide as "usage: ", so the wrapped lines stay aligned
    ("positional arguments:", "位置参数："),
    ("optional arguments:", "选项："),
    ("options:", "选项："),
    ("show this help message and exit", "显示本帮助并退出"),
)

# argparse's error messages, as patterns → Chinese (what the officer typed stays as typed)
_ERRORS = (
    (r"the following arguments are required: (.+)", "缺少必需的参数：{0}"),
    (r"unrecognized arguments: (.+)", "无法识别的参数：{0}"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面需要一个值"),
    (r"argument (\S+): expected at least one argument", "参数 {0} 后面至少需要一个值"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", "参数 {0} 的取值 {1} 无效（可选：{2}）"),
    (r"argument (\S+): not allowed with argument (\S+)", "参数 {0} 不能与 {1} 同用"),
    (r"argument (\S+): ignored explicit argument (.+)", "参数 {0} 不接受值 {1}"),
    (r"ambiguous option: (\S+) could match (.+)", "参数 {0} 不明确，可能是：{1}"),
    (r"argument (\S+): invalid (\S+) value: (.+)", "参数 {0} 的值 {2} 无效"),
)


def chinese_error(message: str) -> str:
    for pattern, text in _ERRORS:
        found = re.fullmatch(pattern, message)
        if found:
            return text.format(*found.groups())
    return f"参数有误（{message}）"


def _chinese_help(text: str) -> str:
    for english, chinese in _HELP_WORDS:
        text = text.replace(english, chinese)
    return text


class ChineseArgumentParser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return _chinese_help(super().format_usage())

    def format_help(self) -> str:
        return _chinese_help(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{chinese_error(message)}。用 -h 查看全部参数。\n")
