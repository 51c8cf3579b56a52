#!/usr/bin/env bash
# Debian/Ubuntu system packages: Qt's runtime libraries, a CJK font (without it Qt draws Chinese
# as empty boxes), poppler-utils (PDF → PNG for looking at pages), LibreOffice Calc (the tests
# open exported workbooks with it) and, for the Linux build, icu-devtools, gcc and binutils
# (installer/icu_trim.py rebuilds Qt's ICU data library with icupkg, genccode and gcc).
# Needs root; safe to run again.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
    libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libfontconfig1 libglib2.0-0 libdbus-1-3 \
    fonts-noto-cjk poppler-utils poppler-data libreoffice-calc \
    icu-devtools gcc binutils >/dev/null
