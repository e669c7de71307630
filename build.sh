#!/usr/bin/env bash
# One entry point for building and testing the SDK.
#   ./build.sh test    build everything (warnings are errors), start a throwaway PostgreSQL, run every test, stop it
#   ./build.sh build   build everything
#   ./build.sh demo    run the one-command demo (the Lamp sample against the fake platform)
set -euo pipefail
cd "$(dirname "$0")"
cmd="${1:-test}"

case "$cmd" in
  build)
    dotnet build Connctd.Connector.Sdk.sln -c Release
    ;;
  test)
    dotnet build Connctd.Connector.Sdk.sln -c Release
    eng/chromium.sh >/dev/null   # headless Chromium for the Developer Center's browser tests (Debian's chromium package)
    # The PostgreSQL store tests need a server: a throwaway cluster on 127.0.0.1 (see eng/postgres.sh),
    # unless CONNCTD_TEST_POSTGRES already names one.
    if [[ -z "${CONNCTD_TEST_POSTGRES:-}" ]]; then
      CONNCTD_TEST_POSTGRES="$(eng/postgres.sh start)"
      export CONNCTD_TEST_POSTGRES
      trap 'eng/postgres.sh stop || true' EXIT
    fi
    # The durability suite (outages, kill -9, replicas, leases) measures real time: it runs alone, after the others,
    # so the other test assemblies running in parallel do not starve its hosts.
    dotnet test Connctd.Connector.Sdk.sln -c Release --no-build --logger "console;verbosity=minimal" \
      --filter "FullyQualifiedName!~Connctd.Connector.Sdk.Durability.Tests"
    dotnet test tests/Connctd.Connector.Sdk.Durability.Tests -c Release --no-build --logger "console;verbosity=minimal"
    ;;
  demo)
    dotnet run --project samples/LampConnector -c Release -- demo
    ;;
  *)
    echo "usage: $0 [test|build|demo]" >&2
    exit 2
    ;;
esac
