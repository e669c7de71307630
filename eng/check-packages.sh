#!/usr/bin/env bash
# Packs the solution the way a release does and checks every package it produces:
#   - the expected set: every project under src/ and the template (`dotnet pack` of the solution yields them all);
#   - each package carries its README (nuspec <readme> and the file);
#   - each library carries its XML documentation next to its assembly;
#   - each package names its repository and commit, and each library's symbol package holds a PDB with SourceLink
#     information that points at the repository's sources at that commit;
#   - the template's default SdkVersion is the version it was packed with;
#   - a connector on the default store does not restore the PostgreSQL driver: the Lamp sample's transitive package
#     list has no Npgsql (the hosting package must not depend on the PostgreSQL store).
# SourceLink takes the repository address from the git remote `origin`. The check packs a clone of the committed
# HEAD whose origin is the public repository address ($RepositoryUrl of Directory.Build.props), so it works in a
# fresh CI clone (no remote) too; uncommitted changes are not packed. Usage: eng/check-packages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
version="0.0.0-packagecheck"
work="$(mktemp -d "${TMPDIR:-/tmp}/connctd-package-check.XXXXXX")"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
trap 'rm -rf "$work"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

repository_url="$(sed -n 's:.*<RepositoryUrl>\(.*\)</RepositoryUrl>.*:\1:p' Directory.Build.props | head -n 1)"
[[ -n "$repository_url" ]] || { echo "Directory.Build.props has no RepositoryUrl" >&2; exit 1; }
commit="$(git rev-parse HEAD)"

echo "== clone $commit with origin $repository_url"
git clone --quiet --no-hardlinks "$repo" "$work/src"
git -C "$work/src" remote set-url origin "$repository_url"

echo "== pack the solution as $version"
dotnet pack "$work/src/Connctd.Connector.Sdk.sln" -c Release -o "$work/out" -p:Version="$version" -p:ContinuousIntegrationBuild=true \
  -p:WarnOnPackingNonPackableProject=false -nologo -v quiet

failures=0
declare -A failed_packages=()
# Reports one failed check; "$2" names the package it concerns, if any.
fail() { echo "FAIL $1" >&2; failures=$((failures + 1)); [[ -z "${2:-}" ]] || failed_packages["$2"]=1; }
# Reads one file out of a package (a zip) to stdout.
entry() { python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"; }
entries() { python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; }

expected=(Connctd.Connector.Templates)
for project in "$work"/src/src/*/*.csproj; do
  expected+=("$(basename "$project" .csproj)")
done

echo "== the Lamp sample restores no Npgsql"
dotnet restore "$work/src/samples/LampConnector/LampConnector.csproj" -v quiet -nologo
lamp="$(dotnet list "$work/src/samples/LampConnector/LampConnector.csproj" package --include-transitive)"
grep -q "Microsoft.Data.Sqlite" <<<"$lamp" || fail "the Lamp sample's package list is not readable (no Microsoft.Data.Sqlite in it)"
if grep -qi "npgsql" <<<"$lamp"; then
  fail "the Lamp sample restores Npgsql: $(grep -i npgsql <<<"$lamp" | tr -s ' ')"
fi

checked=0
for id in "${expected[@]}"; do
  nupkg="$work/out/$id.$version.nupkg"
  if [[ ! -f "$nupkg" ]]; then
    fail "$id: no package $id.$version.nupkg" "$id"
    continue
  fi
  checked=$((checked + 1))
  nuspec="$(entry "$nupkg" "$id.nuspec")"
  list="$(entries "$nupkg")"

  readme="$(sed -n 's:.*<readme>\(.*\)</readme>.*:\1:p' <<<"$nuspec")"
  if [[ -z "$readme" ]] || ! grep -qxF "$readme" <<<"$list"; then
    fail "$id: no README (nuspec <readme> '$readme')" "$id"
  fi
  grep -q "<title>" <<<"$nuspec" || fail "$id: no <title>" "$id"
  grep -q "<tags>" <<<"$nuspec" || fail "$id: no <tags>" "$id"
  grep -q "<license type=\"expression\">MIT</license>" <<<"$nuspec" || fail "$id: no MIT license expression" "$id"
  if ! grep -q "<repository type=\"git\" url=\"$repository_url\"[^>]*commit=\"$commit\"" <<<"$nuspec"; then
    fail "$id: the nuspec does not name $repository_url at commit $commit" "$id"
  fi

  case "$id" in
    Connctd.Connector.Templates)
      json="$(entry "$nupkg" content/connctd-connector/.template.config/template.json)"
      default="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["symbols"]["SdkVersion"]["defaultValue"])' <<<"$json")"
      [[ "$default" == "$version" ]] || fail "$id: the template's SdkVersion default is '$default', not $version" "$id"
      ;;
    Connctd.Connector.Sdk.Cli)
      grep -q '^tools/net10.0/any/connctd.dll$' <<<"$list" || fail "$id: no tool assembly" "$id"
      ;;
    *)
      grep -qx "lib/net10.0/$id.dll" <<<"$list" || fail "$id: no lib/net10.0/$id.dll" "$id"
      grep -qx "lib/net10.0/$id.xml" <<<"$list" || fail "$id: no XML documentation (lib/net10.0/$id.xml)" "$id"
      snupkg="$work/out/$id.$version.snupkg"
      if [[ ! -f "$snupkg" ]]; then
        fail "$id: no symbol package" "$id"
      else
        # The SourceLink JSON is stored as is in the portable PDB: it maps the sources to raw files at the commit.
        raw="${repository_url/https:\/\/github.com\//https://raw.githubusercontent.com/}/$commit/"
        if ! entry "$snupkg" "lib/net10.0/$id.pdb" | grep -aqF "$raw"; then
          fail "$id: the PDB has no SourceLink information for $raw" "$id"
        fi
      fi
      ;;
  esac
done

# The fixed version must never be served from the cache to a later run.
rm -rf "$packages"/connctd.connector.*/"$version"

echo "== $checked of ${#expected[@]} packages found, $failures failed checks"
echo "packages: $(( ${#expected[@]} - ${#failed_packages[@]} )) passed, ${#failed_packages[@]} failed"
(( failures == 0 ))
