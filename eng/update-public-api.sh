#!/usr/bin/env bash
# Records the current public API of every library under src/ in its PublicAPI.Unshipped.txt (Roslyn's
# PublicApiAnalyzers). Run it after a deliberate change of the public surface and review the diff: the build fails
# (RS0016 / RS0017) while the files and the code disagree. At a release, the lines of PublicAPI.Unshipped.txt move to
# PublicAPI.Shipped.txt. It builds the libraries once with warnings not treated as errors, then adds every symbol the
# analyzer reports as undeclared (RS0016) and removes every declared one it cannot find (RS0017), in sorted order.
# Usage: eng/update-public-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for csproj in src/*/*.csproj; do
  [[ -f "$(dirname "$csproj")/PublicAPI.Unshipped.txt" ]] || continue
  dotnet build "$csproj" -c Release -p:TreatWarningsAsErrors=false -nologo -v q -clp:NoSummary >>"$log" 2>&1 || true
done
python3 - "$log" <<'PY'
import re, sys, pathlib, collections
added, removed = collections.defaultdict(set), collections.defaultdict(set)
pattern = re.compile(r"warning (RS0016|RS0017): Symbol '(.*)' is (?:not part of the declared public API|part of the declared API, but is either not public or could not be found).*\[(.*\.csproj)\]")
for line in open(sys.argv[1], encoding="utf-8"):
    match = pattern.search(line)
    if match:
        (added if match.group(1) == "RS0016" else removed)[pathlib.Path(match.group(3)).parent].add(match.group(2))
for project in set(added) | set(removed):
    path = project / "PublicAPI.Unshipped.txt"
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and l != "#nullable enable"]
    lines = sorted((set(lines) - removed[project]) | added[project], key=lambda l: l.lstrip("~"))
    path.write_text("#nullable enable\n" + "".join(l + "\n" for l in lines), encoding="utf-8")
    print(f"{path}: +{len(added[project])} -{len(removed[project])}")
PY
