#!/usr/bin/env bash
# Synthetic speech for training, in the Speech Commands layout: OUT/<label>/<speaker>_nohash_<n>.wav
# (16 kHz mono PCM16, one second, the word centred). Each "speaker" is one espeak-ng configuration
# (accent, voice variant, pitch, speed); its id is a hash of that configuration, so the trainer's speaker split
# keeps each configuration in one split. Voices the fixtures use (flite, espeak-ng default, +m3, +f2, +f3; see
# tests/fixtures/README.md) are not used here, so tests on the fixtures hear voices the model never trained on.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/make-synthetic.sh [--out DIR] [--speakers N] [--seed S] [--help]

  --out DIR       where to write (default \${KWS_CACHE_DIR:-\$HOME/.cache/kws}/synthetic)
  --speakers N    how many espeak-ng configurations (default 160)
  --seed S        seed of the configuration draw (default 1)

Writes yes/, no/ and _unknown_/ (words that are neither, many of them near "yes" or "no" in sound).
Needs espeak-ng and sox (scripts/install-deps.sh installs them). Idempotent: existing files are kept.
USAGE
}

out="${KWS_CACHE_DIR:-$HOME/.cache/kws}/synthetic"
speakers=160
seed=1
while (($#)); do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --speakers) speakers="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing (sudo apt-get install $tool, or scripts/install-deps.sh)" >&2; exit 1; }
done

accents=(en-us en-gb en-gb-scotland en-gb-x-rp en-029 en-gb-x-gbclan en-gb-x-gbcwmd)
variants=(m1 m2 m4 m5 m6 m7 m8 f1 f4 f5 adam Alex Alicia Andy Annie aunty belinda benjamin caleb david ed edward
  Gene gustave Hugo iven iven2 john linda Lee max Michael Mike paul quincy rob robert steph steph2 travis victor zac grandma grandpa)
unknown_words=(yet yeah yellow yesterday guess less bless chess dress press mess address test nest west
  know now go snow toe new nose note noon nope nah know-how hello house seven left right up down on off stop
  maybe okay never nothing sure cat dog bird tree three)

mkdir -p "$out/yes" "$out/no" "$out/_unknown_"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# One job line per clip: label word accent variant pitch speed speaker index
RANDOM=$seed
jobs="$tmp/jobs"
: > "$jobs"
for ((s = 0; s < speakers; s++)); do
  accent=${accents[RANDOM % ${#accents[@]}]}
  variant=${variants[RANDOM % ${#variants[@]}]}
  pitch=$((20 + RANDOM % 61))
  speed=$((120 + RANDOM % 91))
  id=$(printf '%s' "$accent/$variant/$pitch/$speed" | sha1sum | cut -c1-8)
  echo "yes yes $accent $variant $pitch $speed $id 0" >> "$jobs"
  echo "no no $accent $variant $pitch $speed $id 0" >> "$jobs"
  for ((k = 0; k < 3; k++)); do
    word=${unknown_words[RANDOM % ${#unknown_words[@]}]}
    echo "_unknown_ $word $accent $variant $pitch $speed $id $k" >> "$jobs"
  done
done

make_clip() {
  local label=$1 word=$2 accent=$3 variant=$4 pitch=$5 speed=$6 id=$7 n=$8 out=$9 tmp=${10}
  local dest="$out/$label/${id}_nohash_${n}.wav"
  [[ -f "$dest" ]] && return 0
  local raw="$tmp/$id-$label-$n.wav"
  espeak-ng -v "$accent+$variant" -p "$pitch" -s "$speed" -w "$raw" "${word//-/ }" 2>/dev/null
  # Trim silence, resample, normalise the peak to -3..-12 dBFS, centre in one second.
  local trimmed="$tmp/$id-$label-$n-t.wav" gain
  gain=$((3 + $(printf '%s' "$id$label$n" | cksum | cut -d' ' -f1) % 10))   # reproducible per clip
  sox -D "$raw" -r 16000 -c 1 -b 16 "$trimmed" silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse gain -n -"$gain"
  local len pad
  len=$(soxi -s "$trimmed")
  if ((len >= 16000)); then
    sox -D "$trimmed" "$dest" trim 0 16000s
  else
    pad=$(((16000 - len) / 2))
    sox -D "$trimmed" "$dest" pad "${pad}s" "$((16000 - len - pad))s"
  fi
  rm -f "$raw" "$trimmed"
}
export -f make_clip

total=$(wc -l < "$jobs")
echo "Making $total synthetic clips from $speakers espeak-ng configurations into $out ..."
xargs -P "$(nproc)" -L 1 bash -c 'make_clip "$@" "'"$out"'" "'"$tmp"'"' _ < "$jobs"
echo "Done: $(find "$out" -name '*.wav' | wc -l) clips in $out"
