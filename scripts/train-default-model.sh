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
data="${KWS_DATA_DIR:-$root/../shared/data}"
out="$root/out/default-model"
install=0
while (($#)); do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --install) install=1; shift ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for folder in speech_commands mini_speech_commands more_words other_words _background_noise_; do
  [[ -d "$data/$folder" ]] || { echo "error: no $folder/ in '$data' (set --data or KWS_DATA_DIR)" >&2; exit 2; }
done

synthetic="${KWS_CACHE_DIR:-$HOME/.cache/kws}/synthetic-v2"
scripts/make-synthetic.sh --out "$synthetic" --speakers 640 --seed 1
dotnet build Trainer/Trainer.csproj -c Release -nologo -clp:ErrorsOnly
trainer=(dotnet Trainer/bin/Release/net10.0/kws-trainer.dll)
common=(--data "$data" --negatives "$data/other_words" --extra "$synthetic" --hold-out-noise --word-classes
  --speed-percent 10 --gain-db 12 --unknown-share 3 --partial-words 30 --spec-augment --real-keyword-repeat 1
  --keep-last --seed 1 --threads 2)
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
