#!/usr/bin/env bash
# One-folder build on Linux (to verify the spec here; the same folder runs on 统信UOS / 麒麟 of
# the same architecture and glibc or newer), then a smoke test of the built program.
#   bash installer/build.sh            → installer/dist/desktopapp/{desktopapp,desktopapp-cli}
# Environment: PYTHON (default python3, with the project and PyInstaller installed),
#              DIST_DIR / WORK_DIR (default installer/dist, installer/build).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
PYTHON="${PYTHON:-python3}"
DIST_DIR="${DIST_DIR:-$HERE/dist}"
WORK_DIR="${WORK_DIR:-$HERE/build}"

if ! "$PYTHON" -m PyInstaller --version >/dev/null 2>&1; then
    echo "需要 PyInstaller（仅打包时需要）：$PYTHON -m pip install pyinstaller" >&2
    exit 1
fi

# The spec rebuilds Qt's ICU data library with only the data the program uses (icu_trim.py).
for tool in icupkg genccode gcc nm readelf strip; do
    if ! command -v "$tool" >/dev/null && [ ! -x "/usr/sbin/$tool" ]; then
        echo "需要 $tool（打包时精简 ICU 数据用）：sudo bash installer/install-deps-debian.sh" >&2
        exit 1
    fi
done

cd "$ROOT"
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST_DIR" --workpath "$WORK_DIR" "$HERE/desktopapp.spec"
# A link left pointing at a library the spec dropped means its filters disagree with the hooks.
if find "$DIST_DIR/desktopapp" -xtype l | grep -q .; then
    echo "打包结果中有失效的链接：" >&2
    find "$DIST_DIR/desktopapp" -xtype l >&2
    exit 1
fi
echo "打包用时 $(( $(date +%s) - start )) 秒；大小 $(du -sh "$DIST_DIR/desktopapp" | cut -f1)：$DIST_DIR/desktopapp"

# Smoke tests, with settings and review files kept out of the user's own folders.
out="$(mktemp -d)"
# The window takes its lock (and would save a review) beside the sample it opens, inside the
# bundle: whatever the smoke tests leave there must not be shipped.
forget_smoke_runs() {
    rm -rf "$out"
    find "$DIST_DIR/desktopapp/_internal/resources" -maxdepth 1 -type f \
        \( -name '.*.review.lock' -o -name '*.review.json' -o -name '.*.tmp' \) -delete
}
trap forget_smoke_runs EXIT
export XDG_CONFIG_HOME="$out/config" DESKTOPAPP_DATA_DIR="$out/data"

# 1. The console program reads the bundled sample (CMaps, PDFium, rule catalog).
#    and exports the workbook (openpyxl) and the annotated PDF (pypdf).
"$DIST_DIR/desktopapp/desktopapp-cli" check resources/sample-dept-budget.pdf --json "$out" --xlsx "$out/sample.xlsx" \
    --annotated "$out/annotated"
"$PYTHON" - "$out/sample-dept-budget.json" "$out/sample.xlsx" "$out/annotated/sample-dept-budget.pdf" <<'PY'
import json, sys, zipfile
data = json.load(open(sys.argv[1], encoding="utf-8"))
tables = data.get("tables") or []
assert data.get("schema") == "disclosure-check/1" and tables, "no tables read"
sheets = [n for n in zipfile.ZipFile(sys.argv[2]).namelist() if n.startswith("xl/worksheets/sheet")]
assert len(sheets) >= len(tables), f"{len(sheets)} sheets for {len(tables)} tables"
assert b"/Highlight" in open(sys.argv[3], "rb").read(), "no annotation written"
print(f"自检通过：示例 PDF 读出 {len(tables)} 张表、{len(data.get('findings') or [])} 条审核意见，Excel {len(sheets)} 个工作表")
PY

# 2. The window starts (offscreen) on the bundled sample and is still running after a while.
set +e
QT_QPA_PLATFORM=offscreen timeout "${GUI_SECONDS:-15}" "$DIST_DIR/desktopapp/desktopapp" --sample \
    >"$out/gui.log" 2>&1
status=$?
set -e
if [ "$status" -ne 124 ]; then
    echo "窗口程序提前退出（状态 $status）：" >&2
    cat "$out/gui.log" >&2
    exit 1
fi
# A document goes into the recent-files list only once it has been read, checked and shown.
if ! grep -rqs "sample-dept-budget.pdf" "$XDG_CONFIG_HOME"; then
    echo "窗口程序运行中，但未显示示例 PDF（最近文件中没有它）：" >&2
    cat "$out/gui.log" >&2
    exit 1
fi
echo "自检通过：窗口程序读出并显示示例 PDF，${GUI_SECONDS:-15} 秒内未退出"
