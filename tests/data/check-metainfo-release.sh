#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that the newest release in the AppStream metainfo is the version meson builds.
#
# Usage: check-metainfo-release.sh METAINFO VERSION
set -euo pipefail

metainfo=$1
version=$2

newest=$(grep -o -E '<release [^>]*version="[^"]+"' "$metainfo" | head -n 1 | sed -E 's/.*version="([^"]+)".*/\1/')
if [ -z "$newest" ]; then
  echo "$metainfo has no <release> entry; add one for version $version."
  exit 1
fi
if [ "$newest" != "$version" ]; then
  echo "The newest release in $metainfo is $newest but meson.build says $version; add a <release> for $version at the top of <releases>."
  exit 1
fi
echo "$metainfo: newest release $newest matches the project version."
