#!/usr/bin/env bash
# Checks the `dotnet new connctd-connector` template against the SDK as it is in this repository:
#   1. packs every package under src/ into a temporary local feed, with a fixed prerelease version;
#   2. packs the template package (to prove it packs) and installs the template from its folder;
#   3. instantiates it into a temporary folder whose nuget.config has the local feed and nuget.org;
#   4. builds it and runs its tests; then uninstalls the template and removes everything it made.
# Nothing but the NuGet feed is reached over the network. Usage: eng/template-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
started=$(date +%s)

version="0.1.0-templatecheck"
work="$(mktemp -d "${TMPDIR:-/tmp}/connctd-template-check.XXXXXX")"
feed="$work/feed"
hive="$work/hive"
out="$work/out"
artifacts="$work/artifacts"
template="$repo/templates/Connctd.Connector.Templates/content"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
  DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false

installed=0
cleanup() {
  if [ "$installed" = 1 ]; then
    dotnet new uninstall "$template" --debug:custom-hive "$hive" >/dev/null 2>&1 || true
  fi
  # The fixed prerelease version must never be served from the cache to a later run.
  rm -rf "$packages"/connctd.connector.*/"$version"
  rmdir --ignore-fail-on-non-empty "$packages"/connctd.connector.* 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
rm -rf "$packages"/connctd.connector.*/"$version"

step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

step "pack the SDK packages as $version"
mkdir -p "$feed"
for project in src/*/*.csproj; do
  # Every package packs its own README.md; a missing one fails here (NU5039), as it would at release.
  dotnet pack "$project" -c Release -o "$feed" -p:Version="$version" --artifacts-path "$artifacts" -v quiet -nologo
done
dotnet pack templates/Connctd.Connector.Templates/Connctd.Connector.Templates.csproj -c Release -o "$feed" \
  -p:Version="$version" --artifacts-path "$artifacts" -v quiet -nologo
ls "$feed"

step "the packed template package installs"
dotnet new install "$feed/Connctd.Connector.Templates.$version.nupkg" --debug:custom-hive "$work/package-hive" >/dev/null
dotnet new list connctd-connector --debug:custom-hive "$work/package-hive" | grep -q connctd-connector

step "install the template from $template"
dotnet new install "$template" --debug:custom-hive "$hive"
installed=1

step "instantiate connctd-connector"
mkdir -p "$out"
cat > "$out/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="Connctd.Connector.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
XML
(cd "$out" && dotnet new connctd-connector -n MyConnector --SdkVersion "$version" --no-update-check --debug:custom-hive "$hive")

step "build and test the generated connector"
dotnet build "$out/MyConnector/MyConnector.slnx" -c Release -nologo -v quiet
dotnet test "$out/MyConnector/MyConnector.slnx" -c Release --no-build --logger "console;verbosity=minimal"

step "template check passed"
