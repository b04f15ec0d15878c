#!/usr/bin/env bash
# The project's test command: installs what the tests need, builds the solution in Release (warnings are errors),
# runs every test project and ends with one line 'N passed, N failed, N skipped'. Exit status non-zero on any failure.
set -uo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  echo "Usage: scripts/test.sh [dotnet test arguments, e.g. --filter FullyQualifiedName~Wav]"
  echo "Data-dependent tests read \${KWS_DATA_DIR:-../shared/data} and report themselves skipped when it is absent."
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[[ -d "$HOME/.dotnet" ]] && export PATH="$HOME/.dotnet:$PATH"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! dotnet build KeywordSpotter.slnx -c Release -nologo -clp:ErrorsOnly 2>&1 | tee "$log"; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test KeywordSpotter.slnx -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 1, Total: 13, ..."
read -r passed failed skipped assemblies < <(awk '
  /^(Passed|Failed|Skipped)! +- Failed:/ {
    gsub(",", ""); n++
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1)
      if ($i == "Passed:") p += $(i+1)
      if ($i == "Skipped:") s += $(i+1)
    }
  }
  END { printf "%d %d %d %d\n", p, f, s, n }' "$log")

expected=$(grep -c '<Project Path=".*\.Tests\.csproj"' KeywordSpotter.slnx)
if ((status != 0 && failed == 0)) || ((assemblies < expected)); then
  echo "dotnet test exited with $status after $assemblies of $expected test assemblies reported (a crash or abort counts as a failure)"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
