#!/usr/bin/env bash
# One entry point for building and testing the SDK.
#   ./build.sh test    build everything (warnings are errors) and run every test
#   ./build.sh build   build everything
set -euo pipefail
cd "$(dirname "$0")"
cmd="${1:-test}"

case "$cmd" in
  build)
    dotnet build Connctd.Connector.Sdk.sln -c Release
    ;;
  test)
    dotnet build Connctd.Connector.Sdk.sln -c Release
    dotnet test Connctd.Connector.Sdk.sln -c Release --no-build --logger "console;verbosity=minimal"
    ;;
  *)
    echo "usage: $0 [build|test]" >&2
    exit 2
    ;;
esac
