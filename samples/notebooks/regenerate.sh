#!/usr/bin/env bash
# Re-runs every notebook in this folder cell by cell in the .NET Interactive C# kernel and writes it back with its
# outputs (tables and inline charts), as the README's install section would run them: the solution packed into a
# local feed, the notebooks restoring LifetimeValue from it. The notebook tests check that the committed outputs are
# the ones the kernel produces, so run this after a change that moves a notebook's numbers, and commit the result.
#
# Usage: samples/notebooks/regenerate.sh [NOTEBOOK.ipynb ...]     (default: every notebook here)
# Needs: the .NET SDK; for calibrate-cdnow-and-simulate.ipynb the CDNOW sample in $LIFETIMEVALUE_CDNOW_DIR (see the
# README's "Reference data" section). Takes a few minutes: a Release pack of the solution, then about half a minute
# per notebook. Outputs use the invariant culture; the machine's paths are replaced by <repository>.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=(samples/notebooks/*.ipynb); fi

# The README's line, into a temporary feed (a private package folder keeps the fresh version out of the NuGet cache).
dotnet pack LifetimeValue.sln -o "$work/feed" -nologo -v q
dotnet build tests/LifetimeValue.NotebookRunner -c Release -nologo -v q
export LIFETIMEVALUE_FEED="$work/feed" NUGET_PACKAGES="$work/packages"

status=0
for notebook in "${notebooks[@]}"; do
  echo "== $notebook"
  if dotnet tests/LifetimeValue.NotebookRunner/bin/Release/net10.0/LifetimeValue.NotebookRunner.dll "$notebook" \
      --out "$work/out.ipynb" --replace "$work/feed=<repository>/feed" --replace "$work/packages=<nuget-packages>" \
      --replace "$root=<repository>"; then
    cp "$work/out.ipynb" "$notebook"
  else
    echo "$notebook not rewritten: a cell failed" >&2
    status=1
  fi
done
exit "$status"
