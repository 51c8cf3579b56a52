"""A smaller ICU data library for the Linux build (32 MB → about 6 MB).

PySide6's QtCore links ICU, and ICU's data for every language comes in libicudata.so.73: one
exported symbol, icudt73_dat, holding a package of data items. QtCore calls only these ICU
functions (`nm -D --undefined-only libQt6Core.so.6`): case mapping (u_strToUpper/Lower, which
need no data files), collation (ucol_* — QCollator, localeAwareCompare), time zones (ucal_* —
canonical IDs and display names of QTimeZone) and converters (ucnv_* — QStringConverter for
names other than UTF-8/16/32 and Latin-1). No break iterators (Qt 6 segments text with its own
tables), no transliteration, no number spell-out. So the build keeps:

- every non-locale item (supplemental data, time zone rules, Unicode properties, collation's
  root table ucadata.icu, converter aliases, normalisation);
- in each locale tree (main, coll, zone, lang, region, curr, unit) the root locale, the shared
  string pool, the index, and the Chinese and English locales (zh, zh_Hans_CN, en_US …): the
  window is Chinese, and a machine set to another language falls back to root collation;
- the converters, except those of Japanese, Korean, Traditional Chinese (Big5, EUC-TW, CNS)
  and IBM host (EBCDIC) code pages; GB18030, GBK (windows-936), GB2312 stay.

and drops the break-iterator (brkitr, with the Thai/Khmer/Lao/Burmese/CJK dictionaries),
rbnf and translit trees whole.

`trim_icu_library(library, workdir)` extracts the package (the symbol's bytes), removes the
items with icupkg, wraps the rest with genccode and links a library with the same SONAME and
symbol (gcc); icupkg and genccode come with Debian's icu-devtools. Standard library only: the
spec and tests import it without PyInstaller.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ICU_DATA = re.compile(r"libicudata\.so\.(?P<major>\d+)")  # PySide6 6.11: libicudata.so.73

DROPPED_TREES = ("brkitr", "rbnf", "translit")
LOCALE_TREES = ("", "coll", "curr", "lang", "region", "unit", "zone")
LANGUAGES_KEPT = ("en", "zh")
# Multi-byte converters of scripts a mainland disclosure never uses, by file name prefix.
DROPPED_CONVERTERS = (
    # Japanese
    "euc-jp-", "ibm-33722_", "ibm-943_", "ibm-942_", "ibm-954_", "jisx-212", "ibm-930_", "ibm-939_",
    "ibm-1390_", "ibm-1399_", "ibm-16684_",
    # Korean
    "ibm-949_", "windows-949-", "ibm-970_", "ibm-971_", "ibm-1363_", "icu-internal-25546", "ibm-933_",
    "ibm-1364_",
    # Traditional Chinese (Taiwan, Hong Kong)
    "ibm-950_", "windows-950-", "ibm-1373_", "ibm-1375_", "ibm-5471_", "ibm-964_", "euc-tw-",
    "cns-11643-", "ibm-1371_", "ibm-937_",
    # IBM host (EBCDIC) Simplified Chinese
    "ibm-935_", "ibm-1388_",
)

_LOCALE = re.compile(r"(?P<language>[a-z]{2,3})(_[A-Za-z0-9_]*)?\.res")


def is_dropped(item: str) -> bool:
    """item: a name as `icupkg -l` lists it, e.g. "coll/de.res", "zh.res", "gb18030.cnv"."""
    tree, _, name = item.rpartition("/")
    if tree in DROPPED_TREES:
        return True
    if tree == "" and name.endswith(".cnv"):
        return name.startswith(DROPPED_CONVERTERS)
    locale = _LOCALE.fullmatch(name)
    if tree in LOCALE_TREES and locale and name != "res_index.res":  # the tree's index of locales
        return locale.group("language") not in LANGUAGES_KEPT
    return False


def _run(*command: str | Path) -> str:
    return subprocess.run([str(c) for c in command], check=True, capture_output=True, text=True).stdout


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if not found:
        raise SystemExit(f"需要 {name}（Debian：apt-get install icu-devtools gcc binutils）")
    return found


def is_icu_data(name: str) -> bool:
    return ICU_DATA.fullmatch(name) is not None


def _entry_point(library: Path) -> str:
    """icudt73 for libicudata.so.73: the symbol is icudt73_dat, the package's items icudt73l/…"""
    return f"icudt{ICU_DATA.fullmatch(library.name).group('major')}"


def extract_package(library: Path, dat: Path) -> None:
    """The bytes of the icudt73_dat symbol (its value and size from nm, its file offset from the
    section that holds it)."""
    symbol_name = f"{_entry_point(library)}_dat"
    symbol = next(
        line.split() for line in _run(_tool("nm"), "-D", "-S", library).splitlines() if line.endswith(f" {symbol_name}")
    )
    address, size = int(symbol[0], 16), int(symbol[1], 16)
    offset = None
    for line in _run(_tool("readelf"), "-W", "-S", library).splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[0].startswith("[") and fields[2] == "PROGBITS":
            start, file_offset, length = int(fields[3], 16), int(fields[4], 16), int(fields[5], 16)
            if start <= address < start + length:
                offset = file_offset + address - start
    if offset is None:
        raise SystemExit(f"{library}：找不到 {symbol_name} 所在的段")
    with library.open("rb") as source:
        source.seek(offset)
        data = source.read(size)
    if data[2:4] != b"\xda\x27":  # every ICU data file starts with this magic after its header size
        raise SystemExit(f"{library}：{symbol_name} 不是 ICU 数据包")
    dat.write_bytes(data)


def list_items(dat: Path) -> list[str]:
    return [line.strip() for line in _run(_tool("icupkg"), "-l", dat).splitlines() if line.strip()]


def trim_icu_library(library: Path, workdir: Path) -> tuple[Path, list[str]]:
    """→ (the trimmed libicudata.so.73 in workdir, the items removed)."""
    entry_point = _entry_point(library)
    package = f"{entry_point}l"  # l: little-endian
    # icupkg wants the file named after the package (icudt73l.dat): the original goes in its own folder
    (workdir / "original").mkdir(parents=True, exist_ok=True)
    full, trimmed = workdir / "original" / f"{package}.dat", workdir / f"{package}.dat"
    extract_package(library, full)
    dropped = [item for item in list_items(full) if is_dropped(item)]
    (workdir / "dropped.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
    trimmed.unlink(missing_ok=True)
    _run(_tool("icupkg"), "-tl", "-r", workdir / "dropped.txt", full, trimmed)
    kept = set(list_items(trimmed))
    if kept & set(dropped) or not kept:
        raise SystemExit("icupkg 未按清单删除 ICU 数据")
    _run(_tool("genccode"), "-q", "-a", "gcc", "-e", entry_point, "-d", workdir, trimmed)
    assembly = workdir / f"{package}_dat.S"
    output = workdir / library.name  # the same SONAME, which QtCore's ICU names
    _run(_tool("gcc"), "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", output, assembly)
    _run(_tool("strip"), output)
    exported = _run(_tool("nm"), "-D", output)
    if f"R {entry_point}_dat" not in exported:
        raise SystemExit(f"{output} 没有导出 {entry_point}_dat")
    return output, dropped
