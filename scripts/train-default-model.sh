#!/usr/bin/env bash
# Trains the recipe of the bundled default model: two networks on all the shared recordings (one split by speaker over
# speech_commands, mini_speech_commands and more_words) plus synthetic speech, then puts them together as one file
# whose output is the mean of their probabilities, and (--install) exports it with its operating point into models/.
# Runs are reproducible (same weights for the same data, options, seed and thread count; tested on a small run in two
# processes). About 40 minutes on 2 idle cores. See models/MODEL_CARD.md for the data, split and figures.
set -euo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  cat <<USAGE
Usage: scripts/train-default-model.sh [--data DIR] [--out DIR] [--install]

  --data DIR   the shared recordings (default: ../shared/data, or \$KWS_DATA_DIR)
  --out DIR    where the training runs write (default: out/default-model; members in dscnn/ and matchboxnet/,
               the ensemble in ensemble/)
  --install    export the ensemble with its operating point to models/kws-yesno.onnx, copy its report to models/
USAGE
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
default_out="$root/out/default-model"
# shellcheck source=lib/train-recipe.sh
source "$root/scripts/lib/train-recipe.sh"
"${trainer[@]}" train "${common[@]}" --arch dscnn --width 80 --blocks 4 --epochs 40 --out "$out/dscnn"
"${trainer[@]}" train "${common[@]}" --arch matchboxnet --width 64 --blocks 3 --epochs 40 --out "$out/matchboxnet"
"${trainer[@]}" ensemble --member "$out/dscnn" --member "$out/matchboxnet" --data "$data" --negatives "$data/other_words" \
  --out "$out/ensemble"

if ((install)); then
  # The operating point (thresholds) was chosen on the validation speakers' long audio: see models/MODEL_CARD.md.
  "${trainer[@]}" export --checkpoint "$out/ensemble" --out models/kws-yesno.onnx --thresholds yes=0.78,no=0.73
  cp "$out/ensemble/report.html" models/report.html
  cp "$out/ensemble/report.json" models/report.json
  echo "Installed the model and its report into models/"
fi
