#!/usr/bin/env bash
# Trains the recipe of the bundled streaming model (models/kws-yesno-streaming.onnx, models/MODEL_CARD-streaming.md):
# two streamable MatchboxNets (unpadded convolutions along time; prologue kernels 1 and 5) on the same data, split and
# augmentation as the default model (scripts/train-default-model.sh), joined as one file whose output is the mean of
# their probabilities, and (--install) exported as a streaming model with its operating point. About 25 minutes on 2
# idle cores. Runs are reproducible for the same data, options, seed and thread count.
set -euo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  cat <<USAGE
Usage: scripts/train-streaming-model.sh [--data DIR] [--out DIR] [--install]

  --data DIR   the shared recordings (default: ../shared/data, or \$KWS_DATA_DIR)
  --out DIR    where the training runs write (default: out/streaming-model; members in k1/ and k5/, the ensemble in
               ensemble/)
  --install    export the ensemble as a streaming model with its operating point to models/kws-yesno-streaming.onnx,
               copy its report to models/report-streaming.*
USAGE
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
default_out="$root/out/streaming-model"
# shellcheck source=lib/train-recipe.sh
source "$root/scripts/lib/train-recipe.sh"
network=(--arch matchboxnet-stream --width 64 --blocks 3 --epochs 40)
"${trainer[@]}" train "${common[@]}" "${network[@]}" --time-kernel 1 --out "$out/k1"
"${trainer[@]}" train "${common[@]}" "${network[@]}" --time-kernel 5 --out "$out/k5"
"${trainer[@]}" ensemble --member "$out/k1" --member "$out/k5" --data "$data" --negatives "$data/other_words" --out "$out/ensemble"

if ((install)); then
  # The operating point was chosen on the validation speakers' long audio: see models/MODEL_CARD-streaming.md.
  "${trainer[@]}" export --checkpoint "$out/ensemble" --out models/kws-yesno-streaming.onnx --streaming --thresholds yes=0.95,no=0.87
  cp "$out/ensemble/report.html" models/report-streaming.html
  cp "$out/ensemble/report.json" models/report-streaming.json
  echo "Installed the streaming model and its report into models/"
fi
