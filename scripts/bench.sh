#!/usr/bin/env bash
# Performance figures for BENCHMARKS.md: BenchmarkDotNet on the hot path (one frame of features, one inference, one
# whole pipeline hop, with allocations), and `kws-edge detect` on a 10-minute recording with the gate off.
set -euo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  echo "Usage: scripts/bench.sh [--detect-only]   (results: BenchmarkDotNet.Artifacts/ and standard output)"
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build KeywordSpotter.slnx -c Release -nologo -clp:ErrorsOnly

if [[ "${1:-}" != "--detect-only" ]]; then
  dotnet Benchmarks/bin/Release/net10.0/Benchmarks.dll --filter '*' --exporters github
fi

# Twenty copies of the 30.7 s fixture: 10 min 15 s of audio with 200 keywords in it.
long="$(mktemp -d)/ten-minutes.wav"
copies=()
for _ in $(seq 20); do copies+=(tests/fixtures/stream_yes_no.wav); done
sox "${copies[@]}" "$long"
echo "detect on $(soxi -d "$long") of audio, gate off, three runs:"
for _ in 1 2 3; do
  dotnet EdgeService/bin/Release/net10.0/kws-edge.dll detect "$long" --Gate:Enabled=false 2>&1 >/dev/null | tail -1
done
echo "and with the gate on:"
dotnet EdgeService/bin/Release/net10.0/kws-edge.dll detect "$long" 2>&1 >/dev/null | tail -1
rm -rf "$(dirname "$long")"
