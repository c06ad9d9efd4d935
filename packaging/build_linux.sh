#!/bin/sh
# Builds the Linux one-folder bundle dist/deskside/ with PyInstaller and prints build time and size.
# Usage: packaging/build_linux.sh [PYINSTALLER]   (default: build/package-venv/bin/pyinstaller)
set -eu
cd "$(dirname "$0")/.."
PYINSTALLER=${1:-build/package-venv/bin/pyinstaller}
start=$(date +%s)
"$PYINSTALLER" --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/deskside.spec
end=$(date +%s)
echo "bundle: dist/deskside/ built in $((end - start)) s, $(du -sh dist/deskside | cut -f1)" \
     "($(find dist/deskside -type f | wc -l) files)"
