#!/usr/bin/env bash
# Synthetic speech for training, in the Speech Commands layout: OUT/<label>/<speaker>_nohash_<n>.wav
# (16 kHz mono PCM16, one second, the word centred). Each "speaker" is one synthesizer configuration: espeak-ng
# (accent, voice variant, pitch, speed) or, for one speaker in four, flite (voice, pitch, duration); its id is a
# hash of that configuration, so the trainer's speaker split keeps each configuration in one split.
# The espeak-ng variants the fixtures use (default, +m3, +f2, +f3) are left out. The flite voices are the
# fixtures' voices too (flite has only four), but always at a pitch and speed other than flite's defaults, which the
# fixtures use: the fixture recordings themselves are never training data (see tests/fixtures/README.md).
# --festival N adds N festival configurations (voice kal, ked or slt-hts, a pitch shift and a duration stretch), drawn
# after all others, so the espeak-ng and flite clips of a given --speakers and --seed stay the same; no fixture uses
# festival.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/make-synthetic.sh [--out DIR] [--speakers N] [--festival N] [--seed S] [--help]

  --out DIR       where to write (default \${KWS_CACHE_DIR:-\$HOME/.cache/kws}/synthetic-v2)
  --speakers N    how many synthesizer configurations (default 160; from 400 on, every second one is flite)
  --festival N    how many festival configurations besides (default 0; voices kal, ked, slt-hts, pitch shifted by
                  -400..+400 cents, duration stretched 0.8..1.3)
  --seed S        seed of the configuration draw (default 1)

Writes yes/, no/ and _unknown_/ (words that are neither, many of them near "yes" or "no" in sound).
Needs espeak-ng, flite and sox (scripts/install-deps.sh installs them); --festival also festival with the voices
festvox-kallpc16k, festvox-kdlpc16k and festvox-us-slt-hts. Idempotent: existing files are kept.
USAGE
}

out="${KWS_CACHE_DIR:-$HOME/.cache/kws}/synthetic-v2"
speakers=160
festival=0
seed=1
while (($#)); do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --speakers) speakers="$2"; shift 2 ;;
    --festival) festival="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for tool in espeak-ng flite sox; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing (sudo apt-get install $tool, or scripts/install-deps.sh)" >&2; exit 1; }
done
festival_voices=(kal_diphone ked_diphone cmu_us_slt_arctic_hts)
if ((festival > 0)); then
  command -v text2wave >/dev/null || {
    echo "error: festival is missing (sudo apt-get install festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts)" >&2; exit 1; }
  for voice in "${festival_voices[@]}"; do
    echo ok | text2wave -eval "(voice_$voice)" -o /dev/null 2>/dev/null || {
      echo "error: festival voice $voice is missing (sudo apt-get install festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts)" >&2; exit 1; }
  done
fi

flite_voices=(kal16 awb rms slt)
accents=(en-us en-gb en-gb-scotland en-gb-x-rp en-029 en-gb-x-gbclan en-gb-x-gbcwmd)
variants=(m1 m2 m4 m5 m6 m7 m8 f1 f4 f5 adam Alex Alicia Andy Annie aunty belinda benjamin caleb david ed edward
  Gene gustave Hugo iven iven2 john linda Lee max Michael Mike paul quincy rob robert steph steph2 travis victor zac grandma grandpa)
unknown_words=(yet yeah yellow yesterday guess less bless chess dress press mess address test nest west
  knot now go snow toe new nose note noon nope nah north hello house seven left right up down on off stop
  maybe okay never nothing sure cat dog bird tree three)
# No homophone of a keyword may be here: "know" (n'oU, the very sound of "no") and "know-how" were, until they were
# found teaching the model that "no" is unknown; "knot" and "north" took their places (same count, same draws).
# The list is stamped into OUT/.words, and a folder made from another list is refused rather than mixed.
words_stamp="${unknown_words[*]}"

mkdir -p "$out/yes" "$out/no" "$out/_unknown_"
if [[ -f "$out/.words" ]]; then
  [[ "$(cat "$out/.words")" == "$words_stamp" ]] || {
    echo "error: '$out' was made from another word list; delete it or choose another --out" >&2; exit 1; }
elif [[ -n "$(find "$out" -name '*.wav' -print -quit)" ]]; then
  echo "error: '$out' holds clips from an older version of this script (no .words stamp); delete it or choose another --out" >&2; exit 1
fi
printf '%s\n' "$words_stamp" > "$out/.words"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# One job line per clip: label word accent variant pitch speed speaker index
jobs="$tmp/jobs"
: > "$jobs"
# The five clips of one configuration: yes, no and three words drawn from the list (called in this shell, so the
# draws continue the one sequence of RANDOM).
add_jobs() {
  echo "yes yes $1 $2 $3 $4 $5 0" >> "$jobs"
  echo "no no $1 $2 $3 $4 $5 0" >> "$jobs"
  local k word
  for ((k = 0; k < 3; k++)); do
    word=${unknown_words[RANDOM % ${#unknown_words[@]}]}
    echo "_unknown_ $word $1 $2 $3 $4 $5 $k" >> "$jobs"
  done
}
RANDOM=$seed
for ((s = 0; s < speakers; s++)); do
  accent=${accents[RANDOM % ${#accents[@]}]}
  variant=${variants[RANDOM % ${#variants[@]}]}
  pitch=$((20 + RANDOM % 61))
  speed=$((120 + RANDOM % 91))
  id=$(printf '%s' "$accent/$variant/$pitch/$speed" | sha1sum | cut -c1-8)
  # Speakers from 400 on are flite (pitch in Hz, speed as a duration stretch in percent); the first 400 are the
  # espeak-ng configurations of earlier versions of this script, unchanged.
  if ((s >= 400 && s % 2 == 0)); then
    accent=flite
    variant=${flite_voices[RANDOM % ${#flite_voices[@]}]}
    pitch=$((80 + RANDOM % 141))
    speed=$((75 + RANDOM % 61))
    ((speed == 100)) && speed=110
    id=$(printf '%s' "flite/$variant/$pitch/$speed" | sha1sum | cut -c1-8)
  fi
  add_jobs "$accent" "$variant" "$pitch" "$speed" "$id"
done

# Festival configurations, after all others (their own draw, so the clips above do not change): the voice in turn,
# pitch shift in cents (sox pitch), duration stretch in percent.
RANDOM=$((seed + 7919))
for ((f = 0; f < festival; f++)); do
  voice=${festival_voices[f % ${#festival_voices[@]}]}
  cents=$((RANDOM % 801 - 400))
  stretch=$((80 + RANDOM % 51))
  id=$(printf '%s' "festival/$voice/$cents/$stretch" | sha1sum | cut -c1-8)
  add_jobs festival "$voice" "$cents" "$stretch" "$id"
done

make_clip() {
  local label=$1 word=$2 accent=$3 variant=$4 pitch=$5 speed=$6 id=$7 n=$8 out=$9 tmp=${10}
  local dest="$out/$label/${id}_nohash_${n}.wav"
  [[ -f "$dest" ]] && return 0
  local raw="$tmp/$id-$label-$n.wav"
  if [[ "$accent" == flite ]]; then
    flite -voice "$variant" --setf int_f0_target_mean="$pitch" --setf duration_stretch="$(printf '%d.%02d' $((speed / 100)) $((speed % 100)))" \
      -t "${word//-/ }" -o "$raw"
  elif [[ "$accent" == festival ]]; then
    printf '%s\n' "${word//-/ }" | text2wave -eval "(voice_$variant)" \
      -eval "(Parameter.set 'Duration_Stretch $(printf '%d.%02d' $((speed / 100)) $((speed % 100))))" -o "$raw.f.wav" 2>/dev/null
    sox -D "$raw.f.wav" -e floating-point -b 32 "$raw" gain -6 pitch "$pitch"   # float, headroom: no clipping
    rm -f "$raw.f.wav"
  else
    espeak-ng -v "$accent+$variant" -p "$pitch" -s "$speed" -w "$raw" "${word//-/ }" 2>/dev/null
  fi
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
echo "Making $total synthetic clips from $speakers espeak-ng/flite and $festival festival configurations into $out ..."
xargs -P "$(nproc)" -L 1 bash -c 'make_clip "$@" "'"$out"'" "'"$tmp"'"' _ < "$jobs"
echo "Done: $(find "$out" -name '*.wav' | wc -l) clips in $out"
