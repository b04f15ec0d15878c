#!/usr/bin/env bash
# Synthetic read speech for the running-speech check: sentences from the fortunes collection (Debian's 'fortunes'
# package: quotations, jokes, literature) read by speech synthesizers that no training run uses, one long recording
# per split with a list of its sentences and of the keyword each holds.
#   OUT/<split>/read-speech.wav    16 kHz mono PCM16, sentences with 0.4-1.2 s pauses
#   OUT/<split>/segments.json      [{"start_s","end_s","keyword":"yes"|"no"|null,"voice","text"}, ...]
# The texts are split by a hash of their wording (about half each); the voices by split:
#   validation: espeak-ng en-us+m3, en-gb-x-rp+f3, festival kal_diphone
#   test:       espeak-ng en+f2, en-us, festival ked_diphone, cmu_us_slt_arctic_hts
# espeak-ng's +m3/+f2/+f3 and default voices are the test fixtures' (never trained on); festival is never in training.
# A sentence holding the word "yes" or "no" once is a keyword sentence (a hit is its keyword detected while it is
# read or within 1 s after); one holding both, or either twice, is left out; every other sentence must not fire.
# Deterministic for a given --minutes and --seed. Needs espeak-ng, festival (with festvox-kallpc16k, festvox-kdlpc16k,
# festvox-us-slt-hts), sox, python3 and the fortunes package.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/make-read-speech.sh [--out DIR] [--minutes N] [--seed S] [--split validation|test|both]

  --out DIR      where to write (default \${KWS_CACHE_DIR:-\$HOME/.cache/kws}/read-speech)
  --minutes N    length of each split's recording (default 60)
  --seed S       seed of the sentence order and pauses (default 1)
  --split S      which split to make (default both)
USAGE
}

out="${KWS_CACHE_DIR:-$HOME/.cache/kws}/read-speech"
minutes=60
seed=1
splits=(validation test)
while (($#)); do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --split) [[ "$2" == both ]] || splits=("$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for tool in espeak-ng text2wave sox python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing (sudo apt-get install espeak-ng festival sox python3)" >&2; exit 1; }
done
[[ -d /usr/share/games/fortunes ]] || { echo "error: the fortunes collection is missing (sudo apt-get install fortunes)" >&2; exit 1; }
for voice in kal_diphone ked_diphone cmu_us_slt_arctic_hts; do
  echo ok | text2wave -eval "(voice_$voice)" -o /dev/null 2>/dev/null || {
    echo "error: festival voice $voice is missing (sudo apt-get install festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts)" >&2; exit 1; }
done
for split in "${splits[@]}"; do
  [[ "$split" == validation || "$split" == test ]] || { echo "error: --split is '$split'; use validation, test or both" >&2; exit 2; }
  python3 "$(dirname "${BASH_SOURCE[0]}")/lib/read_speech.py" --out "$out/$split" --split "$split" --minutes "$minutes" --seed "$seed"
done
