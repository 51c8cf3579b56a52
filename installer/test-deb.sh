#!/usr/bin/env bash
# The .deb on a fresh Debian 12: builds it (installer/build-deb.sh), debootstraps a minimal
# bookworm root (no Python, no development packages), installs the package there with apt,
# runs `desktopapp check` on the bundled sample and the window offscreen as an ordinary user,
# removes the package and lists what is left. Needs root (debootstrap, chroot, mounts) and a
# Debian package mirror; about 5 minutes, too slow for CI — run it before a release.
#   sudo bash installer/test-deb.sh            (--reuse: package the existing PyInstaller folder)
# Environment: MIRROR (default: the first URIs of this machine's apt sources, else
# deb.debian.org), KEEP_ROOT=1 keeps the Debian root for inspection, DEB=FILE tests that
# package instead of building one.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DIST_DIR="${DIST_DIR:-$HERE/dist}"
export DIST_DIR
[ "$(id -u)" -eq 0 ] || { echo "需要 root 权限（debootstrap、chroot）" >&2; exit 1; }

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }'; }

if [ -z "${DEB:-}" ]; then
    bash "$HERE/build-deb.sh" "$@"
    DEB="$(ls -t "$DIST_DIR"/desktopapp_*_amd64.deb | head -1)"
fi

if ! command -v debootstrap >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
if [ -z "${MIRROR:-}" ]; then
    MIRROR="$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)"
    MIRROR="${MIRROR:-http://deb.debian.org/debian}"
fi

ROOT="$(mktemp -d /tmp/desktopapp-bookworm.XXXXXX)"
chmod 0755 "$ROOT"  # the root folder of the system: an ordinary user must get past it
mounted=()
cleanup() {
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
    if [ "${KEEP_ROOT:-0}" = 1 ]; then echo "Debian 根目录保留在 $ROOT"; else rm -rf --one-file-system "$ROOT"; fi
}
trap cleanup EXIT
in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
as_officer() {
    chroot --userspec=officer:officer "$ROOT" env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/home/officer "$@"
}
# What is on the system outside the home folders and the package manager's own records.
snapshot() {
    (cd "$ROOT" && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev -o -path ./tmp -o -path ./run \
        -o -path ./home -o -path ./root -o -path ./var/cache -o -path ./var/lib/apt -o -path ./var/lib/dpkg \
        -o -path ./var/log \) -prune -o -print | sort)
}

echo "== 1. 最小 Debian 12 根目录（debootstrap --variant=minbase bookworm，$MIRROR）"
start=$(seconds)
debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 \
    || { tail -20 "$ROOT.debootstrap.log" >&2; exit 1; }
rm -f "$ROOT.debootstrap.log"
echo "用时 $(elapsed "$start") 秒，$(du -sh --exclude=./proc "$ROOT" | cut -f1)"
for fs in proc sys dev dev/pts; do mount --bind "/$fs" "$ROOT/$fs"; mounted+=("$ROOT/$fs"); done
if in_root sh -c 'ls /usr/bin/python* /usr/lib/python3* 2>/dev/null' | grep -q .; then
    echo "根目录中有 Python，测试无效" >&2; exit 1
fi
echo "根目录中没有 Python：$(in_root sh -c 'command -v python3 || echo 无 python3')；软件包 $(in_root dpkg-query -f '.\n' -W | wc -l) 个"
in_root useradd --create-home --shell /bin/sh officer
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
in_root apt-get -o APT::Sandbox::User=root update -qq
before="$(mktemp)"; after="$(mktemp)"
snapshot >"$before"

echo "== 2. apt install ./$(basename "$DEB")（$(du -h "$DEB" | cut -f1)）"
cp "$DEB" "$ROOT/tmp/"
start=$(seconds)
in_root apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$DEB")" >"$ROOT/tmp/apt.log" 2>&1 \
    || { cat "$ROOT/tmp/apt.log" >&2; exit 1; }
echo "安装用时 $(elapsed "$start") 秒（含从软件源下载依赖 $(grep -c '^Setting up' "$ROOT/tmp/apt.log") 个软件包）；" \
    "安装后大小 $(du -sh "$ROOT/opt/desktopapp" | cut -f1)（/opt/desktopapp）"
echo "依赖：$(in_root dpkg-query -W -f '${Depends}' desktopapp)"
in_root sh -c 'ls /usr/bin/python* 2>/dev/null' | grep -q . && { echo "安装带进了 Python" >&2; exit 1; }
# The frozen program's launcher puts _internal on the library path; anything still not found
# would have to come from the system and is missing from Depends.
missing="$(in_root sh -c 'LD_LIBRARY_PATH=/opt/desktopapp/_internal \
    find /opt/desktopapp -name "*.so*" -type f -exec ldd {} + 2>/dev/null | grep "not found" | sort -u')"
if [ -n "$missing" ]; then echo "缺少的系统库：" >&2; echo "$missing" >&2; exit 1; fi
echo "ldd：打包的全部库在该系统上都能加载"
grep -E '^(Name\[zh_CN\]|Exec|Icon|MimeType)=' "$ROOT/usr/share/applications/desktopapp.desktop"

echo "== 3. 以普通用户运行"
as_officer mkdir -p /home/officer/out
start=$(seconds)
as_officer desktopapp check /opt/desktopapp/_internal/resources/sample-dept-budget.pdf \
    --json /home/officer/out --xlsx /home/officer/out/sample.xlsx
echo "check 用时 $(elapsed "$start") 秒"
# Checked with this machine's Python: the Debian root has none.
python3 - "$ROOT/home/officer/out" "$ROOT/opt/desktopapp/_internal/resources/rules" <<'PY'
import json, sys, zipfile
from pathlib import Path
out, rules = Path(sys.argv[1]), Path(sys.argv[2])
data = json.loads((out / "sample-dept-budget.json").read_text(encoding="utf-8"))
assert data["tables"], "no tables read"
book = zipfile.ZipFile(out / "sample.xlsx")
sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
text = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
names = {e["id"]: e["name"] for f in sorted(rules.glob("*.json")) for e in json.loads(f.read_text("utf-8")) if "name" in e}
used = {f["rule"] for f in data["findings"]}
assert "规则目录中没有" not in text and all(names[r] in text for r in used), "rules without their Chinese names"
print(f"示例 PDF：{len(data['tables'])} 张表（{'、'.join(t['title'] for t in data['tables'][:3])} …），"
      f"{len(data['findings'])} 条审核意见，规则以中文名列出（{'、'.join(sorted(names[r] for r in used)[:3])} …），"
      f"Excel {len(sheets)} 个工作表；程序 {data.get('program', '?')}")
PY
set +e
start=$(seconds)
as_officer env QT_QPA_PLATFORM=offscreen timeout 10 desktopapp --sample >"$ROOT/tmp/gui.log" 2>&1
status=$?
set -e
if [ "$status" -ne 124 ]; then echo "窗口程序提前退出（状态 $status）：" >&2; cat "$ROOT/tmp/gui.log" >&2; exit 1; fi
grep -rqs "sample-dept-budget.pdf" "$ROOT/home/officer/.config" \
    || { echo "窗口程序未显示示例 PDF：" >&2; cat "$ROOT/tmp/gui.log" >&2; exit 1; }
echo "窗口程序（offscreen）读出并显示示例 PDF，运行 10 秒未退出；它的输出（$(wc -l <"$ROOT/tmp/gui.log") 行）："
sed 's/^/  | /' "$ROOT/tmp/gui.log"
echo "用户文件夹中的程序数据："
(cd "$ROOT/home/officer" && find .config .local -type f 2>/dev/null | sed 's/^/  ~\//')

echo "== 4. apt remove desktopapp，再 autoremove 它带来的依赖"
in_root apt-get remove -y -qq desktopapp >/dev/null
echo "卸载后 /opt/desktopapp：$([ -e "$ROOT/opt/desktopapp" ] && echo 仍在 || echo 已删除)"
in_root apt-get autoremove -y -qq --purge >/dev/null
snapshot >"$after"
left="$(comm -13 "$before" "$after")"
if [ -n "$left" ]; then
    echo "卸载后多出的文件（用户文件夹以外）：" >&2
    echo "$left" >&2
    exit 1
fi
echo "卸载后，用户文件夹以外什么也没留下（与安装前的文件列表相同）"
# remove (not purge) keeps dpkg's record of the package ("rc") because it has a postrm.
echo "dpkg 的记录：$(in_root dpkg-query -W -f '${db:Status-Abbrev} ${Package}' desktopapp 2>/dev/null || echo 无)"
