#!/usr/bin/env bash
# Performance figures for BENCHMARKS.md: BenchmarkDotNet on the hot path (one frame of features, one inference, one
# whole pipeline hop, with allocations), `kws-edge detect` on a 10-minute recording with the gate off, and the CPU
# seconds `kws-edge detect` takes for an hour of audio (gate off) with the bundled model and the ones bundled before.
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
# An hour: 118 copies of the fixture (60.4 min). CPU seconds (user + system, from /usr/bin/time) per hour of audio.
hour="$(dirname "$long")/hour.wav"
copies=()
for _ in $(seq 118); do copies+=(tests/fixtures/stream_yes_no.wav); done
sox "${copies[@]}" "$hour"
seconds="$(soxi -D "$hour")"
echo "detect on $(soxi -d "$hour") of audio, gate off: CPU seconds per hour of audio"
for model in models/kws-yesno.onnx models/previous/*.onnx; do
  for _ in 1 2; do
    /usr/bin/time -f "%U %S %e %M" -o "$(dirname "$long")/time" \
      dotnet EdgeService/bin/Release/net10.0/kws-edge.dll detect "$hour" --Gate:Enabled=false --Model:Path="$model" > /dev/null 2>&1
    read -r user sys wall rss < "$(dirname "$long")/time"
    awk -v m="$model" -v u="$user" -v s="$sys" -v w="$wall" -v r="$rss" -v a="$seconds" 'BEGIN {
      printf "%s: %.2f CPU s per hour of audio (%.2f user + %.2f system in %.1f s for %.0f s), %.0fx real time, %.1f MB peak resident\n",
        m, (u + s) * 3600 / a, u, s, w, a, a / w, r / 1024 }'
  done
done
rm -rf "$(dirname "$long")"
