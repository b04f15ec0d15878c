#!/usr/bin/env bash
# Measures one model the way every candidate recipe was compared (models/MODEL_CARD.md, "How this model was chosen"):
# one-second clips, a 60-minute stream of single words (clean and at 10 dB, with a threshold sweep), and running
# speech: 60 minutes of sentences of 3 to 8 words run together with no keyword (false alarms) and 30 minutes with a
# keyword as one word in seven (hits inside sentences); and, when scripts/make-read-speech.sh has made it, an hour of
# synthetic read speech (sentences of the split's texts read by voices no training uses). Noise held out by time as
# the speakers are by hash.
# Choose on --split validation; --split test is for the final figures only.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/evaluate-candidate.sh --model FILE --out DIR [--split validation|test] [--data DIR] [--snr LIST] [-- SETTINGS...]

  --model FILE   the ONNX model
  --out DIR      where the reports go (clips.json; stream/, sentences/, sentences-keywords/: metrics.json, det.svg)
  --split S      validation (default) or test
  --data DIR     the shared recordings (default: ../shared/data, or \$KWS_DATA_DIR)
  --snr LIST     SNRs of the single-word stream, comma-separated (default: inf,10; 'inf' = no noise)
  SETTINGS       service settings for the streams, e.g. --Smoother:MinCount=2
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${KWS_DATA_DIR:-$root/../shared/data}"
split=validation
snrs="inf,10"
model=""
out=""
while (($#)); do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --split) split="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --snr) snrs="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ -n "$model" && -n "$out" ]] || { usage >&2; exit 2; }
[[ -f "$model" ]] || { echo "error: model '$model' does not exist" >&2; exit 2; }
[[ -d "$data/speech_commands" ]] || { echo "error: no speech_commands/ in '$data' (set --data or KWS_DATA_DIR)" >&2; exit 2; }
trainer="${KWS_TRAINER:-$root/Trainer/bin/Release/net10.0/kws-trainer.dll}"
[[ -f "$trainer" ]] || dotnet build "$root/Trainer/Trainer.csproj" -c Release -nologo -clp:ErrorsOnly
mkdir -p "$out"
common=(--data "$data" --negatives "$data/other_words" --split "$split" --hold-out-noise)
snr_args=()
IFS=, read -ra list <<< "$snrs"
for s in "${list[@]}"; do
  [[ "$s" == inf ]] && s=Infinity
  snr_args+=(--snr-db "$s")
done

dotnet "$trainer" evaluate --model "$model" "${common[@]}" --json --out "$out/clips.json" > /dev/null
dotnet "$trainer" evaluate-stream --model "$model" "${common[@]}" --minutes 60 --seed 1 "${snr_args[@]}" \
  --threshold-sweep --sweep-min 0.3 --sweep-max 0.99 --sweep-step 0.01 --out "$out/stream" "$@" > "$out/stream.log"
dotnet "$trainer" evaluate-stream --model "$model" "${common[@]}" --minutes 60 --seed 2 --snr-db Infinity \
  --sentence-words 3-8 --word-gap-ms 0-120 --keyword-share 0 \
  --threshold-sweep --sweep-min 0.3 --sweep-max 0.99 --sweep-step 0.01 --out "$out/sentences" "$@" > "$out/sentences.log"
dotnet "$trainer" evaluate-stream --model "$model" "${common[@]}" --minutes 30 --seed 3 --snr-db Infinity \
  --sentence-words 3-8 --word-gap-ms 0-120 --keyword-share 0.15 \
  --threshold-sweep --sweep-min 0.3 --sweep-max 0.99 --sweep-step 0.01 --out "$out/sentences-keywords" "$@" > "$out/sentences-keywords.log"
speech="${KWS_READ_SPEECH_DIR:-${KWS_CACHE_DIR:-$HOME/.cache/kws}/read-speech}/$split"
if [[ -f "$speech/read-speech.wav" ]]; then
  dotnet "$trainer" evaluate-speech --model "$model" --speech "$speech" --split "$split" \
    --threshold-sweep --sweep-min 0.3 --sweep-max 0.99 --sweep-step 0.01 --out "$out/read-speech" "$@" > "$out/read-speech.log"
else
  echo "No synthetic read speech in $speech (scripts/make-read-speech.sh makes it): that check is left out"
fi
echo "Wrote $out"
