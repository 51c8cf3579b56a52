#!/usr/bin/env bash
# Debian package (amd64) for Debian 12 and the Debian-based 信创 desktops (统信 UOS, 银河麒麟):
#   bash installer/build-deb.sh            → installer/dist/desktopapp_<version>_amd64.deb
#   bash installer/build-deb.sh --reuse    package an existing installer/dist/desktopapp/ as is
# Builds the PyInstaller folder first (installer/build.sh, which also smoke-tests it), then lays
# out the package with dpkg-deb only:
#   /opt/desktopapp/                        the frozen program (no Python needed on the target)
#   /usr/bin/desktopapp                     `desktopapp [FILE.pdf | --sample]`, `desktopapp check …`
#   /usr/share/applications/desktopapp.desktop   预决算公开审核助手, registered for PDFs (打开方式)
#   /usr/share/icons/hicolor/256x256/apps/desktopapp.png
# Installed offline with `apt install ./desktopapp_<version>_amd64.deb`; `apt remove` leaves
# nothing outside the users' home folders (settings, recent files, review files live there).
# Environment: PYTHON, DIST_DIR, WORK_DIR as for build.sh.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
DIST_DIR="${DIST_DIR:-$HERE/dist}"
WORK_DIR="${WORK_DIR:-$HERE/build}"
export DIST_DIR WORK_DIR
umask 022

if [ "${1:-}" != "--reuse" ]; then
    bash "$HERE/build.sh"
fi
APP="$DIST_DIR/desktopapp"
[ -x "$APP/desktopapp" ] || { echo "没有打包结果 $APP（先运行 installer/build.sh）" >&2; exit 1; }

# The one place the version is written: desktopapp/core/version.py (pyproject.toml reads it too).
VERSION="$(sed -n 's/^__version__ = "\([^"]*\)"$/\1/p' "$ROOT/desktopapp/core/version.py")"
[ -n "$VERSION" ] || { echo "desktopapp/core/version.py 中没有 __version__" >&2; exit 1; }
DEB="$DIST_DIR/desktopapp_${VERSION}_amd64.deb"

# What the bundle loads from the system: the C library (built on Debian 12: glibc 2.36),
# zlib (the launcher), OpenGL/EGL and libxcb, which must match the machine's X server and
# drivers (PyInstaller never bundles them), and fontconfig's configuration (the bundled
# fontconfig reads /etc/fonts). Everything else, Python and Qt included, is in /opt/desktopapp.
# The list is `ldd` over the bundle minus what it carries; installer/test-deb.sh checks it in a
# bare Debian root. Every Debian 12 desktop has these, so the package installs offline there.
DEPENDS="libc6 (>= 2.36), zlib1g, libgl1, libegl1, libxcb1, fontconfig-config"
# Without a Chinese font Qt draws the window's text as empty boxes (any desktop set up for
# Chinese has one).
RECOMMENDS="fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/doc/desktopapp" "$root/DEBIAN"
cp -a "$APP" "$root/opt/desktopapp"
# A wrapper, not a symlink: the frozen program finds its libraries beside its own path.
cat >"$root/usr/bin/desktopapp" <<'SH'
#!/bin/sh
exec /opt/desktopapp/desktopapp "$@"
SH
chmod 0755 "$root/usr/bin/desktopapp"
install -m 0644 "$ROOT/resources/icons/desktopapp.png" "$root/usr/share/icons/hicolor/256x256/apps/desktopapp.png"
cat >"$root/usr/share/applications/desktopapp.desktop" <<'DESKTOP'
[Desktop Entry]
Type=Application
Name=Disclosure Checker
Name[zh_CN]=预决算公开审核助手
GenericName=Budget disclosure checker
GenericName[zh_CN]=预决算公开 PDF 审核
Comment=Read the tables of budget / final-accounts disclosure PDFs, check them, export Excel
Comment[zh_CN]=读取预决算公开 PDF 的表格，校验勾稽关系，导出 Excel
Exec=desktopapp %f
Icon=desktopapp
Terminal=false
MimeType=application/pdf;
Categories=Office;Finance;
Keywords=预算;决算;公开;勾稽;PDF;Excel;
StartupWMClass=desktopapp
DESKTOP
chmod 0644 "$root/usr/share/applications/desktopapp.desktop"
cat >"$root/usr/share/doc/desktopapp/copyright" <<'TXT'
预决算公开审核助手 (desktopapp). The bundled Qt for Python (PySide6) is LGPLv3; PDFium is
BSD-3-Clause / Apache-2.0; pdfminer.six, pdfplumber and openpyxl are MIT; pypdf is BSD-3-Clause.
TXT
chmod 0644 "$root/usr/share/doc/desktopapp/copyright"

# The sample's review file is the one file the program may write under /opt (when run as root
# on the bundled sample); dpkg would leave its folder behind, so it goes with the package.
cat >"$root/DEBIAN/postrm" <<'SH'
#!/bin/sh
set -e
case "$1" in
    remove|purge) rm -rf /opt/desktopapp ;;
esac
SH
chmod 0755 "$root/DEBIAN/postrm"

installed_kb="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
cat >"$root/DEBIAN/control" <<CONTROL
Package: desktopapp
Version: $VERSION
Architecture: amd64
Maintainer: desktopapp <desktopapp@localhost>
Installed-Size: $installed_kb
Depends: $DEPENDS
Recommends: $RECOMMENDS
Section: misc
Priority: optional
Description: 预决算公开审核助手 — budget / final-accounts disclosure checker
 Reads the standard tables of Chinese public-sector budget and final-accounts
 disclosure PDFs (部门预算/决算公开), checks their consistency rules (勾稽关系)
 and exports Excel workbooks. Everything runs on the computer, offline.
CONTROL

rm -f "$DEB"
dpkg-deb --root-owner-group -Zxz --build "$root" "$DEB" >/dev/null
echo "软件包：$DEB（$(du -h "$DEB" | cut -f1)，安装后 $((installed_kb / 1024)) MB）"
