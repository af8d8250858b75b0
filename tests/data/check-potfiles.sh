#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that po/POTFILES.in lists every source file with translatable strings, and nothing that is gone.
#
# Usage: check-potfiles.sh [--update] [SOURCE_ROOT]
#   --update  rewrite po/POTFILES.in from what is found (data files first, then src/ sorted).
set -euo pipefail

update=0
if [ "${1:-}" = "--update" ]; then
  update=1
  shift
fi
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
c_pattern='(^|[^A-Za-z0-9_])((N|C|NC|Q)?_|[a-z]*ngettext) ?\('
ui_pattern='translatable="(yes|true|1)"'

needed() {
  local f
  for f in "${data_files[@]}"; do
    [ -f "$f" ] && printf '%s\n' "$f"
  done
  {
    find src -type f \( -name '*.c' -o -name '*.h' \) -print0 2>/dev/null |
      xargs -0 -r grep -l -E -- "$c_pattern" || true
    find src -type f -name '*.ui' -print0 2>/dev/null |
      xargs -0 -r grep -l -E -- "$ui_pattern" || true
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
