#!/usr/bin/env bash
# Compile the UI translations: resources/translations/*.ts -> .qm (the .qm files are not
# in git; `make run` and `make test` build them through this script).
#
#   scripts/build-translations.sh [PYTHON]            compile with pyside6-lrelease
#   scripts/build-translations.sh [PYTHON] --update   first refresh the .ts files from the
#       source with pyside6-lupdate (tracker/ui/**.py and tracker/domain/messages.py): new
#       strings come in unfinished, strings gone from the code are dropped, translations kept.
#
# PYTHON is the venv's interpreter (default .venv/bin/python); both tools ship with
# PySide6-Essentials from PyPI, so nothing else needs installing.
set -euo pipefail

cd "$(dirname "$0")/.."
PY=.venv/bin/python
UPDATE=0
for arg in "$@"; do
    case "$arg" in
        --update) UPDATE=1 ;;
        -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
        *) PY=$arg ;;
    esac
done

# Run a Qt tool through PySide6's own launcher, which finds the binary inside the PySide6
# package whatever the venv's layout (bin/ or Scripts/).
tool() {
    "$PY" -c 'import sys
from PySide6.scripts import pyside_tool
name = sys.argv.pop(1)
sys.argv[0] = name
sys.exit(getattr(pyside_tool, name)())' "$@"
}

shopt -s nullglob
ts_files=(resources/translations/tracker_*.ts)
if [ ${#ts_files[@]} -eq 0 ]; then
    echo "build-translations: no resources/translations/tracker_*.ts" >&2
    exit 1
fi

if [ "$UPDATE" = 1 ]; then
    for ts in "${ts_files[@]}"; do
        lang=${ts##*/tracker_}
        lang=${lang%.ts}
        tool lupdate -extensions py -recursive -no-obsolete -locations none \
            -source-language en -target-language "$lang" tracker/ui tracker/domain/messages.py \
            -ts "$ts"
    done
fi

for ts in "${ts_files[@]}"; do
    tool lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
echo "build-translations: compiled ${ts_files[*]}"
