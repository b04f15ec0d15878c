#!/usr/bin/env bash
# The project's test command: installs what the tests need, builds the solution in Release (warnings are errors),
# runs every test project and ends with one line 'N passed, N failed, N skipped'. Exit status non-zero on any failure.
set -uo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  echo "Usage: scripts/test.sh [dotnet test arguments, e.g. --filter FullyQualifiedName~Wav]"
  echo "Data-dependent tests read \${KWS_DATA_DIR:-../shared/data} and report themselves skipped when it is absent."
  echo "Then the arm64 check (scripts/arm64-check.sh: ONNX Runtime's arm64 library on the boards' processors under"
  echo "qemu-user; at most 5 minutes) and the full-system test (scripts/system-test.sh: a VM with systemd, a loopback"
  echo "sound card and simulated GPIO; at most 25 minutes), each of their checks counted; both skipped with dotnet test"
  echo "arguments, the system test also with KWS_SKIP_SYSTEM_TEST=1; each skipped where it cannot run (not x86_64,"
  echo "not root), saying why."
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
# shellcheck source=lib/dotnet-env.sh
source scripts/lib/dotnet-env.sh

# After install-deps: a fresh machine's SDK has only just been installed.
scripts/install-deps.sh && kws_use_dotnet || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! dotnet build KeywordSpotter.slnx -c Release -nologo -clp:ErrorsOnly 2>&1 | tee "$log"; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
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
# Check scripts whose last line is 'NAME: N passed, N failed, N skipped': their checks are counted with the tests.
# run_counted NAME MINUTES SCRIPT LOG: runs SCRIPT under a time limit, its output also in LOG, and adds its counts.
run_counted() {
  local name="$1" minutes="$2" script="$3" out="$4" status sp sf ss
  timeout "${minutes}m" "$script" 2>&1 | tee "$out"
  status=${PIPESTATUS[0]}
  if read -r sp sf ss < <(sed -nE "s/^$name: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped\$/\1 \2 \3/p" "$out" | tail -1) &&
     [[ -n "$sp" ]]; then
    passed=$((passed + sp)); failed=$((failed + sf)); skipped=$((skipped + ss))
    if ((status != 0 && sf == 0)); then
      echo "$name exited with $status"
      failed=$((failed + 1))
    fi
  else
    ((status == 124)) && echo "the $name was stopped after $minutes minutes" ||
      echo "the $name ended ($status) without its summary line"
    failed=$((failed + 1))
  fi
}
arm64_log="$(mktemp)"
system_log="$(mktemp)"
trap 'rm -f "$log" "$arm64_log" "$system_log"' EXIT
if (($#)); then
  echo "SKIP arm64 check and system test: dotnet test arguments were given ($*); run scripts/arm64-check.sh and scripts/system-test.sh by themselves"
  skipped=$((skipped + 2))
else
  # ONNX Runtime's arm64 library on the boards' instruction sets (qemu-user; scripts/arm64-check.sh --help).
  run_counted "arm64 check" 5 scripts/arm64-check.sh "$arm64_log"
  if [[ "${KWS_SKIP_SYSTEM_TEST:-0}" == 1 ]]; then
    echo "SKIP system test: KWS_SKIP_SYSTEM_TEST=1"
    skipped=$((skipped + 1))
  else
    run_counted "system test" 25 scripts/system-test.sh "$system_log"
  fi
fi
# The names of what failed, again, next to the summary: a CI log is often read from its tail only.
if ((failed > 0)); then
  echo "what failed:"
  grep -E '^\s+Failed [A-Za-z_]' "$log" | sed -E 's/^\s+/  test: /'
  grep -E '^\s*FAIL ' "$arm64_log" | sed -E 's/^\s*/  arm64 check: /'
  grep -E '^\s*FAIL ' "$system_log" | sed -E 's/^\s*/  system test: /'
fi
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
