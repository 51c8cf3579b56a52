"""The packaging: what the PyInstaller spec puts into the build, and that the frozen layout it
produces is where the application looks for its resources. Fast: PyInstaller is not run (nor
needed); the spec is executed with stand-ins for PyInstaller's build steps."""

from __future__ import annotations

import ast
import importlib.util
import io
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktopapp.core.paths import resources_dir
from desktopapp.rules.catalog import read_catalog_files

REPO_ROOT = Path(__file__).resolve().parents[1]
INSTALLER = REPO_ROOT / "installer"
SPEC = INSTALLER / "desktopapp.spec"
SAMPLE = "sample-dept-budget.pdf"


class _Step:
    """Stand-in for Analysis / PYZ / EXE / COLLECT: records its arguments."""

    made: list[_Step] = []

    def __init__(self, *args, **kwargs) -> None:
        self.args, self.kwargs = args, kwargs
        self.datas: list = []
        self.binaries: list = []
        self.pure: list = []
        self.scripts: list = []
        _Step.made.append(self)


def _kind(name: str) -> type[_Step]:
    return type(name, (_Step,), {})


def _exec_spec() -> SimpleNamespace:
    _Step.made = []
    namespace = {
        "SPECPATH": str(INSTALLER),
        "__file__": str(SPEC),
        **{name: _kind(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT")},
    }
    code = compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")
    exec(code, namespace)
    steps: dict[str, list[_Step]] = {}
    for step in _Step.made:
        steps.setdefault(type(step).__name__, []).append(step)
    return SimpleNamespace(ns=namespace, steps=steps, analysis=steps["Analysis"][0].kwargs)


@pytest.fixture(scope="module")
def spec() -> SimpleNamespace:
    return _exec_spec()


def test_spec_bundles_resources_without_generator_or_review_files(spec):
    datas = spec.analysis["datas"]
    resources = {(Path(src).name, dest.replace("\\", "/")) for src, dest in datas if dest.startswith("resources")}
    assert (SAMPLE, "resources") in resources
    catalog = {name for name, dest in resources if dest == "resources/rules"}
    assert catalog == {p.name for p in (REPO_ROOT / "resources" / "rules").glob("*.json")}
    assert catalog, "the rule catalog must ship"
    assert not [name for name, _ in resources if name.endswith(".py") or ".review.json" in name or name.startswith(".")]


def test_spec_bundles_pdfminer_cmaps_and_pdfium_where_the_libraries_look(spec):
    import pdfminer
    import pypdfium2_raw

    site = Path(pdfminer.__file__).resolve().parents[1]
    cmap = [Path(src) for src, dest in spec.analysis["datas"] if dest.replace("\\", "/") == "pdfminer/cmap"]
    # pdfminer looks beside its own module: <bundle>/pdfminer/cmap, as in site-packages
    assert cmap and {src.parent.resolve().relative_to(site).as_posix() for src in cmap} == {"pdfminer/cmap"}
    names = {src.name.split(".")[0] for src in cmap}
    # the CMaps of Chinese fonts: GB (mainland) and CNS (Traditional) character collections
    assert {"UniGB-UCS2-H", "UniGB-UTF16-H", "GBK-EUC-H", "to-unicode-Adobe-GB1", "to-unicode-Adobe-CNS1"} <= names
    assert {"UniCNS-UTF16-H", "B5pc-H"} <= names
    # the Japanese and Korean ones stay out
    assert not names & {"90ms-RKSJ-H", "UniJIS-UCS2-H", "H", "V", "KSC-EUC-H", "UniKS-UTF16-H", "to-unicode-Adobe-Japan1"}
    assert not names & {"to-unicode-Adobe-Korea1"}
    every = {p.name.split(".")[0] for p in (site / "pdfminer" / "cmap").iterdir()}
    assert all(name.startswith(("Uni", "to-unicode-")) or name in every for name in names)

    pdfium_dir = Path(pypdfium2_raw.__file__).parent
    binaries = [(Path(src), dest) for src, dest in spec.analysis["binaries"]]
    assert any(src.parent == pdfium_dir and dest == "pypdfium2_raw" for src, dest in binaries)


def test_spec_collects_every_rule_module_found_by_discovery(spec):
    import pkgutil

    import desktopapp.rules as rules

    hidden = set(spec.analysis["hiddenimports"])
    discovered = {m.name for m in pkgutil.walk_packages(rules.__path__, prefix="desktopapp.rules.")}
    assert discovered and discovered <= hidden
    assert {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} <= hidden


def test_spec_builds_a_window_and_a_console_executable_over_one_folder(monkeypatch):
    """Windows: a windowed and a console executable. Linux: one executable (a console makes no
    difference there) and desktopapp-cli a link to it, so the program is not carried twice."""
    monkeypatch.setattr(sys, "platform", "win32")
    spec = _exec_spec()
    exes = {step.kwargs["name"]: step.kwargs for step in spec.steps["EXE"]}
    assert exes["desktopapp"]["console"] is False
    assert exes["desktopapp-cli"]["console"] is True
    assert all(kw["exclude_binaries"] and not kw["upx"] for kw in exes.values())
    (collect,) = spec.steps["COLLECT"]
    assert collect.kwargs["name"] == "desktopapp"
    assert len([a for a in collect.args if isinstance(a, _Step) and type(a).__name__ == "EXE"]) == 2
    entry = Path(spec.steps["Analysis"][0].args[0][0])
    assert entry == INSTALLER / "frozen_main.py"

    monkeypatch.setattr(sys, "platform", "linux")
    spec = _exec_spec()
    assert [step.kwargs["name"] for step in spec.steps["EXE"]] == ["desktopapp"]
    (collect,) = spec.steps["COLLECT"]
    assert [a for a in collect.args if isinstance(a, _Step) and type(a).__name__ == "EXE"] == spec.steps["EXE"]


def test_linux_console_program_is_a_link_beside_the_window_program(spec, tmp_path):
    (tmp_path / "desktopapp").write_bytes(b"\x7fELF")
    spec.ns["link_console_exe"](tmp_path)
    spec.ns["link_console_exe"](tmp_path)  # a second build over the same folder
    link = tmp_path / "desktopapp-cli"
    assert link.is_symlink() and link.readlink() == Path("desktopapp")
    assert link.read_bytes() == b"\x7fELF"


def _imported_top_modules() -> dict[str, set[str]]:
    """{module name imported by the package: files importing it} (absolute imports only)."""
    found: dict[str, set[str]] = {}
    for path in (REPO_ROOT / "desktopapp").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                found.setdefault(name, set()).add(path.relative_to(REPO_ROOT).as_posix())
    return found


def test_no_module_of_the_application_imports_what_the_build_leaves_out(spec):
    excluded = set(spec.ns["PY_EXCLUDED"])
    qt_used = set(spec.ns["QT_USED"])
    imported = _imported_top_modules()
    missing = {name: files for name, files in imported.items() if name.split(".")[0] in excluded}
    assert not missing, f"excluded from the build but imported: {missing}"
    qt = {name.split(".")[1] for name in imported if name.startswith("PySide6.") and name.count(".") >= 1}
    qt = {m for m in qt if m.startswith("Qt")}
    assert qt <= qt_used, f"Qt modules used but not declared in QT_USED: {qt - qt_used}"
    assert not qt_used & set(spec.ns["QT_EXCLUDED"])


@pytest.mark.parametrize(
    ("dest", "unused"),
    [
        ("PySide6/Qt/lib/libQt6Quick.so.6", True),
        ("PySide6/Qt6Qml.dll", True),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
        ("PySide6/plugins/imageformats/qpdf.dll", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),  # would load the system's GTK
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
        ("PySide6/plugins/tls/qschannelbackend.dll", True),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", True),
        ("libQt6Network.so.6", True),  # Linux: the link PyInstaller puts in the top folder
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", False),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", False),
        ("PySide6/Qt6Gui.dll", False),
        ("PySide6/plugins/platforms/qwindows.dll", False),
        ("PySide6/plugins/imageformats/qjpeg.dll", False),
        ("pypdfium2_raw/pdfium.dll", False),
    ],
)
def test_spec_drops_only_qt_parts_nothing_uses(spec, dest, unused):
    assert spec.ns["is_unused_qt_binary"](dest) is unused


@pytest.mark.parametrize(
    ("dest", "plain"),
    [
        ("libcairo.so.2", True),
        ("PySide6/Qt/lib/libQt6Gui.so.6", True),
        ("PySide6/QtGui.abi3.so", False),  # Python extension
        ("python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("pypdfium2_raw/libpdfium.so", False),  # loaded by ctypes, named by no binary
        ("libpython3.11.so.1.0", False),
    ],
)
def test_only_libraries_some_kept_binary_names_can_be_pruned(spec, dest, plain):
    assert spec.ns["is_plain_library"](dest) is plain


def test_spec_keeps_only_chinese_qt_translations(spec):
    foreign = spec.ns["is_foreign_translation"]
    assert foreign("PySide6/Qt/translations/qtbase_de.qm")
    assert not foreign("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not foreign("PySide6\\translations\\qt_zh_CN.qm")
    assert not foreign("resources/rules/tables.json")


def test_frozen_layout_finds_sample_and_rule_catalog(spec, tmp_path, monkeypatch):
    """Lay the spec's resource files out as PyInstaller does (dest under _MEIPASS), then ask
    the application for them as a frozen program would."""
    bundle = tmp_path / "_internal"
    for src, dest in spec.analysis["datas"]:
        if dest.startswith("resources"):
            target = bundle / dest
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / Path(src).name)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    found = resources_dir()
    assert found == bundle / "resources"
    assert (found / SAMPLE).read_bytes()[:5] == b"%PDF-"
    frozen_catalog = read_catalog_files()  # default folder: resources_dir() / "rules"
    assert frozen_catalog
    assert frozen_catalog == read_catalog_files(REPO_ROOT / "resources" / "rules")


def test_frozen_entry_gives_a_windowed_program_somewhere_to_write(monkeypatch):
    loader = importlib.util.spec_from_file_location("frozen_main_under_test", INSTALLER / "frozen_main.py")
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)  # __name__ is not "__main__": nothing runs
    kept = io.StringIO()
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", kept)
    module._ensure_streams()
    try:
        print("程序内部错误", file=sys.stdout)  # a windowed exe's excepthook writes like this
        assert sys.stderr is kept
    finally:
        sys.stdout.close()


def test_inno_setup_script_installs_per_user_without_claiming_pdf(spec):
    raw = (INSTALLER / "desktopapp.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: read as UTF-8 by every Inno Setup 6
    text = raw.decode("utf-8-sig")
    lines = [line.strip() for line in text.splitlines()]
    assert "PrivilegesRequired=lowest" in lines
    assert any(line.startswith("DefaultDirName={userpf}\\") for line in lines)
    window_exe = next(s.kwargs["name"] for s in spec.steps["EXE"] if s.kwargs["console"] is False)
    assert f'#define AppExe "{window_exe}.exe"' in lines
    assert '#define AppTitle "预决算公开审核助手"' in lines
    assert any(line.startswith('Name: "{autoprograms}\\{#AppTitle}"') for line in lines)
    openwith = next(line for line in lines if line.startswith('Name: "openwith"'))
    assert "Flags: unchecked" in openwith
    section = text.split("[Registry]", 1)[1].split("\n[", 1)[0]
    entries = [line for line in section.splitlines() if line.startswith("Root:")]
    assert entries and all("Tasks: openwith" in line for line in entries)
    assert not any("ProgID" in line or '\\.pdf"; ValueType: string; ValueName: ""' in line for line in entries)


def test_windows_uninstaller_removes_what_the_sample_left_in_the_program_folder_only(tmp_path):
    """The sample opens from the program folder (writable in a per-user installation): its lock,
    review file and a cut-short save's temporary file go with the program; the officer's own
    review files (beside their PDFs or in %LOCALAPPDATA%\\desktopapp) stay."""
    import fnmatch
    import os

    from desktopapp.export.atomic import _temporary_beside
    from desktopapp.session.review import _beside, _beside_for
    from desktopapp.session.review_lock import ReviewLock

    text = (INSTALLER / "desktopapp.iss").read_bytes().decode("utf-8-sig")
    section = text.split("[UninstallDelete]", 1)[1].split("\n[", 1)[0]
    targets = [line.split('Name: "', 1)[1].split('"', 1)[0] for line in section.splitlines() if line.startswith("Type:")]
    folder = "{app}\\_internal\\resources\\"
    assert targets and all(t.startswith(folder) for t in targets)
    patterns = [t[len(folder):] for t in targets]

    sample = tmp_path / SAMPLE
    fd, temporary = _temporary_beside(_beside(sample))
    os.close(fd)
    left_behind = [
        ReviewLock(sample, "0" * 64)._beside_the_pdf().name,
        _beside(sample).name,
        _beside_for(sample, "0" * 64).name,
        Path(temporary).name,
    ]
    for name in left_behind:
        assert any(fnmatch.fnmatch(name, p) for p in patterns), f"{name} would stay after uninstalling"
    assert not any(fnmatch.fnmatch(SAMPLE, p) or fnmatch.fnmatch("tables.json", p) for p in patterns)


def test_spec_filters_the_japanese_and_korean_cmaps_out_of_what_the_hooks_collect(spec):
    dropped = spec.ns["is_dropped_cmap"]
    assert dropped("pdfminer/cmap/90ms-RKSJ-H.json.gz")
    assert dropped("pdfminer\\cmap\\UniKS-UTF16-H.json.gz")
    assert dropped("pdfminer/cmap/H.json.gz")
    assert not dropped("pdfminer/cmap/GBK-EUC-H.json.gz")
    assert not dropped("pdfminer/cmap/UniGB-UCS2-H.json.gz")
    assert not dropped("pdfminer/cmap/to-unicode-Adobe-GB1.json.gz")
    assert not dropped("resources/H.json.gz")


def test_chinese_text_reads_the_same_with_only_the_bundled_cmaps(spec, tmp_path, monkeypatch):
    """A page in reportlab's STSong-Light (Adobe-GB1, UniGB-UCS2-H: the CMap pdfminer needs to
    get text out of a non-embedded Chinese font) gives the same text when pdfminer may load only
    the CMaps the build ships."""
    from pdfminer.cmapdb import CMapDB
    from pdfminer.high_level import extract_text

    from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, PdfBuilder, TableSpec

    pdf = tmp_path / "budget.pdf"
    builder = PdfBuilder(pdf)
    builder.table(TableSpec("一般公共预算财政拨款支出表", EXPENDITURE_HEADER, [list(r) for r in EXPENDITURE_ROWS]))
    builder.save()
    with monkeypatch.context() as patch:
        patch.setattr(CMapDB, "_cmap_cache", {})
        patch.setattr(CMapDB, "_umap_cache", {})
        expected = extract_text(pdf)

    shipped = {Path(src).name.split(".")[0] for src, dest in spec.analysis["datas"] if dest == "pdfminer/cmap"}
    load = CMapDB._load_data.__func__
    asked: list[str] = []

    def only_shipped(cls, name: str):
        asked.append(name)
        if name not in shipped:
            raise CMapDB.CMapNotFound(name)
        return load(cls, name)

    monkeypatch.setattr(CMapDB, "_cmap_cache", {})
    monkeypatch.setattr(CMapDB, "_umap_cache", {})
    monkeypatch.setattr(CMapDB, "_load_data", classmethod(only_shipped))
    assert extract_text(pdf) == expected
    assert "一般公共预算财政拨款支出表" in expected.replace(" ", "")
    assert asked and set(asked) <= shipped


def _icu_trim():
    loader = importlib.util.spec_from_file_location("icu_trim_under_test", INSTALLER / "icu_trim.py")
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("item", "dropped"),
    [
        ("zh.res", False),
        ("zh_Hans_CN.res", False),
        ("en_US_POSIX.res", False),
        ("root.res", False),
        ("pool.res", False),
        ("res_index.res", False),
        ("coll/zh.res", False),  # pinyin order for QCollator
        ("coll/ucadata.icu", False),
        ("zone/zh.res", False),  # 中国标准时间
        ("supplementalData.res", False),
        ("zoneinfo64.res", False),
        ("metaZones.res", False),
        ("likelySubtags.res", False),
        ("cnvalias.icu", False),
        ("gb18030.cnv", False),
        ("windows-936-2000.cnv", False),  # GBK
        ("ibm-1383_P110-1999.cnv", False),  # GB2312 (EUC-CN)
        ("ibm-5348_P100-1997.cnv", False),  # windows-1252
        ("nfkc.nrm", False),
        ("de.res", True),
        ("coll/de.res", True),
        ("coll/ja.res", True),
        ("zone/fr_CA.res", True),
        ("lang/ko.res", True),
        ("yue.res", True),
        ("brkitr/cjdict.dict", True),
        ("brkitr/thaidict.dict", True),
        ("brkitr/zh.res", True),
        ("translit/root.res", True),
        ("rbnf/zh.res", True),
        ("ibm-943_P15A-2003.cnv", True),  # Shift_JIS
        ("windows-950-2000.cnv", True),  # Big5
        ("ibm-970_P110_P110-2006_U2.cnv", True),  # EUC-KR
    ],
)
def test_icu_data_keeps_what_qtcore_uses_for_chinese_and_english(item, dropped):
    assert _icu_trim().is_dropped(item) is dropped


def test_spec_puts_the_trimmed_icu_library_in_place_of_pyside6s(spec, monkeypatch, tmp_path):
    icu_trim = spec.ns["icu_trim"]
    calls = []

    def trimmed(library: Path, workdir: Path):
        calls.append((library, workdir))
        return workdir / "libicudata.so.73", ["de.res"]

    monkeypatch.setattr(icu_trim, "trim_icu_library", trimmed)
    binaries = [
        ("PySide6/Qt/lib/libicudata.so.73", "/site/PySide6/Qt/lib/libicudata.so.73", "BINARY"),
        ("libicudata.so.73", "PySide6/Qt/lib/libicudata.so.73", "SYMLINK"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/site/PySide6/Qt/lib/libicuuc.so.73", "BINARY"),
    ]
    out = spec.ns["with_trimmed_icu"](binaries, tmp_path)
    assert calls == [(Path("/site/PySide6/Qt/lib/libicudata.so.73"), tmp_path)]
    assert out == [
        ("PySide6/Qt/lib/libicudata.so.73", str(tmp_path / "libicudata.so.73"), "BINARY"),
        binaries[1],
        binaries[2],
    ]


_ICU_PROBE = """
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
names = ["张三", "李四", "阿七", "财政拨款", "一般公共预算"]
print(" ".join(sorted(names, key=QCollator(QLocale("zh_CN")).sortKey)))
shanghai = QTimeZone(b"Asia/Shanghai")
print(shanghai.displayName(QTimeZone.StandardTime, QTimeZone.LongName, QLocale("zh_CN")))
print(QStringDecoder("GBK").isValid(), QStringDecoder("GB18030").isValid(), QStringDecoder("Shift_JIS").isValid())
"""


def test_trimmed_icu_library_still_sorts_chinese_by_pinyin_and_names_time_zones(tmp_path):
    """Built from PySide6's own library with the tools the build uses, then loaded by QtCore in
    place of the original: 拼音 order in QCollator (root order would be by code point), the
    Chinese name of a time zone, the GBK / GB18030 converters; Shift_JIS shows the data is the
    trimmed one."""
    import subprocess

    import PySide6

    library = Path(PySide6.__file__).parent / "Qt" / "lib" / "libicudata.so.73"
    if not library.exists():
        pytest.skip("this PySide6 brings no ICU 73 data library (Windows, macOS, other Qt)")
    if not all(shutil.which(tool) or shutil.which(tool, path="/usr/sbin") for tool in ("icupkg", "genccode", "gcc")):
        pytest.skip("icupkg / genccode (icu-devtools) or gcc not installed")
    output, dropped = _icu_trim().trim_icu_library(library, tmp_path / "icu")
    assert output.stat().st_size < library.stat().st_size / 3
    assert "coll/de.res" in dropped and "coll/zh.res" not in dropped

    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(output, lib / output.name)
    env = {**__import__("os").environ, "LD_LIBRARY_PATH": str(lib), "QT_QPA_PLATFORM": "offscreen"}
    probe = subprocess.run(
        [sys.executable, "-c", _ICU_PROBE], env=env, capture_output=True, text=True, encoding="utf-8", check=True
    )
    maps = subprocess.run(
        [sys.executable, "-c", "import PySide6.QtCore, sys; print(open('/proc/self/maps').read())"],
        env=env, capture_output=True, text=True, check=True,
    )
    assert str(lib / "libicudata.so.73") in maps.stdout  # QtCore loaded the trimmed one
    sorted_names, zone_name, converters = probe.stdout.splitlines()
    assert sorted_names == "阿七 财政拨款 李四 一般公共预算 张三"
    assert zone_name == "中国标准时间"
    assert converters == "True True False"
