#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that po/POTFILES.in lists every source file with translatable strings, and nothing that is gone.
#
# Usage: check-potfiles.sh [--update] [--tracked] [SOURCE_ROOT]
#   --update   rewrite po/POTFILES.in from what is found (data files first, then src/ sorted).
#   --tracked  look only at files git tracks (what a fresh clone has), not every file on disk.
set -euo pipefail

update=0
tracked=0
while [ $# -gt 0 ]; do
  case "$1" in
    --update) update=1; shift ;;
    --tracked) tracked=1; shift ;;
    *) break ;;
  esac
done
root=${1:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"}
cd "$root"
potfiles=po/POTFILES.in

# Data files that carry translatable text; they are listed whenever they exist.
data_files=(
  data/io.github.raddesk.RadDesk.desktop.in
  data/io.github.raddesk.RadDesk.metainfo.xml.in
  data/io.github.raddesk.RadDesk.gschema.xml
)

# C code marks strings with _(), N_(), C_(), NC_(), Q_() or ngettext(), with or
# without a space before the parenthesis (GNU style); .ui files with
# translatable="yes".
c_pattern='(^|[^A-Za-z0-9_])((N|C|NC|Q)?_|[a-z_]*ngettext) ?\('
ui_pattern='translatable="(yes|true|1)"'

# Source files of one kind (a find -name pattern), NUL-separated.
src_files() {
  if [ "$tracked" = 1 ]; then
    git ls-files -z -- "src/$1" "src/**/$1"
  else
    find src -type f -name "$1" -print0 2>/dev/null
  fi
}

needed() {
  local f
  for f in "${data_files[@]}"; do
    if [ -f "$f" ]; then printf '%s\n' "$f"; fi
  done
  {
    { src_files '*.c'; src_files '*.h'; } | xargs -0 -r grep -l -E -- "$c_pattern" || true
    src_files '*.ui' | xargs -0 -r grep -l -E -- "$ui_pattern" || true
  } | LC_ALL=C sort -u
}

listed() {
  [ -f "$potfiles" ] || return 0
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e 's/^[[:space:]]*//' "$potfiles" | grep -v '^$' || true
}

if [ "$update" = 1 ]; then
  {
    echo "# SPDX-License-Identifier: GPL-3.0-or-later"
    echo "# Source files with translatable strings; tests/data/check-potfiles.sh keeps this list complete."
    needed
  } > "$potfiles"
  echo "Wrote $potfiles ($(needed | wc -l) files)."
  exit 0
fi

status=0
missing=$(comm -23 <(needed | LC_ALL=C sort -u) <(listed | LC_ALL=C sort -u))
if [ -n "$missing" ]; then
  echo "These files have translatable strings but are not in $potfiles:"
  printf '  %s\n' $missing
  status=1
fi

gone=""
while IFS= read -r f; do
  [ -n "$f" ] && [ ! -f "$f" ] && gone="$gone $f"
done < <(listed)
if [ -n "$gone" ]; then
  echo "These files are listed in $potfiles but do not exist:"
  printf '  %s\n' $gone
  status=1
fi

if [ "$status" != 0 ]; then
  echo "Add or remove them in $potfiles, or run: tests/data/check-potfiles.sh --update"
else
  echo "$potfiles lists all $(needed | wc -l) files with translatable strings."
fi
exit "$status"
