#!/usr/bin/env bash
# The service's main job in one command: installs what it needs, builds kws-edge, and runs it with the bundled model.
# It listens to the default microphone; on a machine with no capture device it plays the bundled recording
# (tests/fixtures/stream_yes_no.wav, 31 s of synthetic "yes", "no" and other words) in real time instead.
# Extra arguments go to kws-edge, e.g. scripts/run.sh --json, or --Audio:Device=USB.
set -euo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  cat <<USAGE
Usage: scripts/run.sh [kws-edge settings and options...]

Builds and runs 'kws-edge run' with the bundled model (models/kws-yesno.onnx).
With a microphone: listens to the default capture device (choose another with --Audio:Device=NAME).
Without one: plays tests/fixtures/stream_yes_no.wav in real time, then stops.
Examples: scripts/run.sh --json
          scripts/run.sh --Audio:Device=USB --Smoother:DefaultThreshold=0.8
USAGE
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=lib/dotnet-env.sh
source scripts/lib/dotnet-env.sh

scripts/install-deps.sh >&2
kws_use_dotnet # after install-deps: a fresh machine's SDK has only just been installed
echo "Building kws-edge ..." >&2
dotnet build EdgeService/EdgeService.csproj -c Release -nologo -clp:ErrorsOnly >&2

source_args=()
if arecord -l 2>/dev/null | grep -q '^card'; then
  echo "Listening to the default microphone (Ctrl+C to stop)." >&2
else
  echo "No capture device found: playing the bundled recording tests/fixtures/stream_yes_no.wav in real time." >&2
  source_args=(--Audio:Source=file "--Audio:Path=$root/tests/fixtures/stream_yes_no.wav" --Audio:Realtime=true)
fi
exec dotnet EdgeService/bin/Release/net10.0/kws-edge.dll run "${source_args[@]}" "$@"
