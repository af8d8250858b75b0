#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a translatable string under src/ has a format macro (G_GINT64_FORMAT, PRId64…) inside its msgid.
#
# xgettext cannot expand macros: it cuts the msgid where the macro stands, so the translation of
# _("%" G_GINT64_FORMAT " on hand") is looked up under "%" alone and never found. Write the whole
# message as one literal ("%lld" with a (long long) cast, or format the number first and use "%s").
#
# Usage: check-format-macros.sh [SOURCE_ROOT]
set -euo pipefail

root=${1:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"}
cd "$root"

# Reads each C file whole, so a message broken over lines is still one message.
found=$(find src -type f \( -name '*.c' -o -name '*.h' \) -print0 | LC_ALL=C sort -z | xargs -0 -r perl -0777 -ne '
  my $str = q{"(?:[^"\\\\\n]|\\\\.)*"};
  my $seq = qq{$str(?:\\s*$str)*};
  my $macro = q{(?:G_G[A-Z0-9_]*_(?:FORMAT|MODIFIER)|PRI[diouxX][A-Z0-9_]*)\b};
  my @patterns = (
    # _(), N_(), C_(), NC_(), Q_(): the msgid (after the context, for C_ and NC_)
    qq{(?<![A-Za-z0-9_])(?:N?C_\\s*\\(\\s*$seq\\s*,|(?:N|Q)?_\\s*\\()\\s*$seq\\s*$macro},
    # ngettext (), dngettext (domain, …), g_dngettext (…): the singular or the plural msgid
    qq{ngettext\\s*\\((?:\\s*[A-Za-z_][A-Za-z0-9_]*\\s*,)?\\s*(?:$seq\\s*,\\s*)?$seq\\s*$macro},
  );
  for my $p (@patterns) {
    while (/$p/g) {
      my $line = 1 + (substr($_, 0, $-[0]) =~ tr/\n//);
      my $text = substr($_, $-[0], $+[0] - $-[0]);
      $text =~ s/\s+/ /g;
      print "$ARGV:$line: $text\n";
    }
  }
')

if [ -n "$found" ]; then
  echo "These translatable strings have a format macro inside the msgid (xgettext cuts the message there):"
  printf '%s\n' "$found" | LC_ALL=C sort -u | sed 's/^/  /'
  echo "Write each message as one literal: \"%lld\" with a (long long) cast, or format the number first and use \"%s\"."
  exit 1
fi
echo "No translatable string under src/ has a format macro inside its msgid."
