#!/usr/bin/env bash
# Generates the committed test fixtures in tests/fixtures/ from synthetic speech (espeak-ng, flite) and sox.
# Deterministic: sox runs in repeatable mode (-R) without dither (-D), so running it again rewrites identical files.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/make-fixtures.sh [--help] [--out DIR]

Writes into tests/fixtures/ (or DIR):
  stream_yes_no.wav    16 kHz mono PCM16, ~33 s: pink noise (about -50 dBFS RMS) with 15 spoken words
                       (5 "yes", 5 "no", 5 other words) in several voices, at least 1.5 s apart
  stream_yes_no.json   each word's text, label, voice and start/end (seconds and samples) in the stream,
                       measured from the non-silent extent of the synthesized word
  clips/<label>/*.wav  one-second 16 kHz mono PCM16 clips, word centred, for yes, no, _unknown_, _silence_
  formats/*.wav        sox-written tones to test the WAV reader: 16/24/32-bit int, float32, stereo, 48 kHz
  formats/*.dat        sox's own text dump (-t dat) of the first 64 frames of each
  README.md            what is here and the exact tool versions

Needs the Debian packages espeak-ng, flite and sox. Idempotent: the same tools give the same bytes.
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/tests/fixtures"
while (($#)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "make-fixtures.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

for tool in espeak-ng flite sox soxi; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "make-fixtures.sh: '$tool' not found; install it: sudo apt-get install espeak-ng flite sox" >&2
    exit 1
  }
done

rate=16000
noise_gain_db=-38 # peak of the pink noise in dBFS; its RMS comes out near -50 dBFS
speech_peak_db=-6 # every word is normalized to this peak
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
SOX=(sox -R -D -V1)

# synth WORD ENGINE VOICE [ARGS...] -> $work/word.wav: 16 kHz mono PCM16, peak -6 dBFS, leading/trailing silence cut.
synth() {
  local text="$1" engine="$2" voice="$3"
  shift 3
  case "$engine" in
    espeak-ng) espeak-ng -v "$voice" "$@" -w "$work/raw.wav" "$text" ;;
    flite) flite -voice "$voice" -t "$text" -o "$work/raw.wav" ;;
  esac
  "${SOX[@]}" "$work/raw.wav" -r "$rate" -c 1 -b 16 "$work/word.wav" \
    gain -n "$speech_peak_db" silence 1 0.005 -40d reverse silence 1 0.005 -40d reverse
}

describe() { # the voice as recorded in the JSON and README
  local engine="$1" voice="$2"
  shift 2
  echo "$engine $voice${*:+ $*}"
}

samples() { soxi -s "$1"; }
seconds() { awk -v s="$1" -v r="$rate" 'BEGIN { printf "%.4f", s / r }'; }

# The words of the stream, in order: label|text|engine|voice|extra engine arguments.
words=(
  "yes|yes|espeak-ng|en-us|"
  "_unknown_|house|flite|slt|"
  "no|no|flite|kal16|"
  "yes|yes|flite|awb|"
  "_unknown_|seven|espeak-ng|en-gb+m3|-p 35 -s 150"
  "no|no|espeak-ng|en-gb|-p 40 -s 150"
  "yes|yes|espeak-ng|en-gb+f3|-p 70 -s 140"
  "_unknown_|left|flite|rms|"
  "no|no|flite|rms|"
  "yes|yes|flite|slt|"
  "_unknown_|maybe|espeak-ng|en-us+f2|-p 60 -s 160"
  "no|no|espeak-ng|en-us+f2|-p 65 -s 130"
  "yes|yes|espeak-ng|en-us+m3|-p 30 -s 165"
  "_unknown_|computer|flite|kal16|"
  "no|no|flite|slt|"
)
gaps=(16000 24000 25600 28800 24000 27200 24000 30400 25600 24000 28800 24000 27200 25600 24000) # samples before each word
tail_samples=16000

mkdir -p "$out/clips" "$out/formats"

# --- 1 and 2: the stream and its word list -------------------------------------------------------------------------
pos=0
segments=()
json_words=()
for i in "${!words[@]}"; do
  IFS='|' read -r label text engine voice extra <<<"${words[$i]}"
  # shellcheck disable=SC2086 # extra holds several engine arguments on purpose
  synth "$text" "$engine" "$voice" $extra
  # shellcheck disable=SC2086
  name="$(describe "$engine" "$voice" $extra)"
  len=$(samples "$work/word.wav")
  start=$((pos + gaps[i]))
  end=$((start + len))
  "${SOX[@]}" "$work/word.wav" "$work/seg$(printf %02d "$i").wav" pad "${gaps[i]}s" 0
  segments+=("$work/seg$(printf %02d "$i").wav")
  json_words+=("$(printf '    {"index": %d, "text": "%s", "label": "%s", "voice": "%s", "start_s": %s, "end_s": %s, "start_sample": %d, "end_sample": %d}' \
    "$i" "$text" "$label" "$name" "$(seconds "$start")" "$(seconds "$end")" "$start" "$end")")
  pos=$end
  cp "$work/word.wav" "$work/word$(printf %02d "$i").wav"
done
total=$((pos + tail_samples))
"${SOX[@]}" "${segments[@]}" "$work/speech.wav" pad 0 "${tail_samples}s"
"${SOX[@]}" -r "$rate" -n -c 1 -b 16 "$work/noise.wav" synth "${total}s" pinknoise gain -n "$noise_gain_db"
"${SOX[@]}" -m -v 1 "$work/speech.wav" -v 1 "$work/noise.wav" -b 16 "$out/stream_yes_no.wav"

{
  echo "{"
  echo "  \"file\": \"stream_yes_no.wav\","
  echo "  \"sample_rate\": $rate,"
  echo "  \"samples\": $total,"
  echo "  \"duration_s\": $(seconds "$total"),"
  echo "  \"noise\": \"sox synth pinknoise, gain -n $noise_gain_db (peak dBFS)\","
  echo "  \"speech_peak_dbfs\": $speech_peak_db,"
  echo "  \"extent\": \"start/end are where the synthesized word rises above / falls below -40 dBFS (sox silence 1 0.005 -40d), after normalizing its peak to $speech_peak_db dBFS\","
  echo "  \"words\": ["
  for i in "${!json_words[@]}"; do
    sep=","
    ((i == ${#json_words[@]} - 1)) && sep=""
    echo "${json_words[$i]}$sep"
  done
  echo "  ]"
  echo "}"
} >"$out/stream_yes_no.json"

# --- 3: one-second clips, word centred, over noise -----------------------------------------------------------------
# A long noise bed, cut at a different place for every clip.
"${SOX[@]}" -r "$rate" -n -c 1 -b 16 "$work/bed.wav" synth 20 pinknoise gain -n "$noise_gain_db"
rm -rf "$out/clips"
mkdir -p "$out/clips"/{yes,no,_unknown_,_silence_}
clip=0
clip_list=()
make_clip() { # LABEL FILE-STEM [WORD-WAV]
  local label="$1" stem="$2" word="${3:-}"
  local offset=$((clip * rate))
  "${SOX[@]}" "$work/bed.wav" "$work/bedcut.wav" trim "${offset}s" "${rate}s"
  if [[ -n "$word" ]]; then
    local len pre post
    len=$(samples "$word")
    ((len <= rate)) || { echo "make-fixtures.sh: $stem is $len samples, longer than one second" >&2; exit 1; }
    pre=$(((rate - len) / 2))
    post=$((rate - len - pre))
    "${SOX[@]}" "$word" "$work/centred.wav" pad "${pre}s" "${post}s"
    "${SOX[@]}" -m -v 1 "$work/centred.wav" -v 1 "$work/bedcut.wav" -b 16 "$out/clips/$label/$stem.wav"
  else
    cp "$work/bedcut.wav" "$out/clips/$label/$stem.wav"
  fi
  clip_list+=("clips/$label/$stem.wav")
  clip=$((clip + 1))
}
clip_word() { # LABEL TEXT ENGINE VOICE [ARGS...]
  local label="$1" text="$2" engine="$3" voice="$4"
  shift 4
  synth "$text" "$engine" "$voice" "$@"
  local stem="${text}_${engine}_${voice//+/_}"
  (($#)) && stem="${stem}_$(echo "$*" | tr -d ' -')"
  cp "$work/word.wav" "$work/clipword.wav"
  make_clip "$label" "$stem" "$work/clipword.wav"
}
clip_word yes yes espeak-ng en-us
clip_word yes yes flite slt
clip_word yes yes espeak-ng en-gb+f3 -p 70 -s 140
clip_word yes yes flite awb
clip_word no no flite kal16
clip_word no no espeak-ng en-gb -p 40 -s 150
clip_word no no flite rms
clip_word no no espeak-ng en-us+f2 -p 65 -s 130
clip_word _unknown_ house espeak-ng en-us
clip_word _unknown_ seven flite slt
clip_word _unknown_ left espeak-ng en-gb+m3 -p 35 -s 150
clip_word _unknown_ computer flite awb
for n in 0 1 2 3; do make_clip _silence_ "noise_$n"; done

# --- 4: sox-written WAV format samples -----------------------------------------------------------------------------
rm -rf "$out/formats"
mkdir -p "$out/formats"
tone() { # NAME RATE CHANNELS SOX-ENCODING-ARGS... ; 50 ms of 0.5 * sin(2 pi 1000 t) (right channel 440 Hz)
  local name="$1" r="$2" ch="$3"
  shift 3
  local sines=(sine 1000)
  ((ch == 2)) && sines+=(sine 440)
  "${SOX[@]}" -r "$r" -n -c "$ch" "$@" "$out/formats/$name.wav" synth 0.05 "${sines[@]}" vol 0.5
  "${SOX[@]}" "$out/formats/$name.wav" -t dat "$out/formats/$name.dat" trim 0 64s
}
tone tone_16k_s16 16000 1 -b 16
tone tone_16k_s24 16000 1 -b 24
tone tone_16k_s32 16000 1 -b 32
tone tone_16k_f32 16000 1 -e floating-point -b 32
tone tone_16k_s16_stereo 16000 2 -b 16
tone tone_48k_s16 48000 1 -b 16
tone tone_44k1_s24_stereo 44100 2 -b 24

# --- README with the exact versions --------------------------------------------------------------------------------
# (flite exits non-zero after printing its version or voices: take the text, not the status.)
espeak_version="$( (espeak-ng --version || true) | head -1 | sed 's/ *Data at:.*//')"
flite_version="$( (flite --version 2>&1 || true) | grep -o 'flite-[^ ]*' | head -1)"
flite_voices="$( (flite -lv 2>&1 || true) | sed 's/Voices available: //; s/ *$//')"
sox_version="$(sox --version | sed 's/^sox: *//')"
{
  cat <<EOF
# Test fixtures

Generated by \`scripts/make-fixtures.sh\` (deterministic: running it again writes the same bytes). Do not edit by hand.

Tools: $espeak_version; flite $flite_version (voices $flite_voices); $sox_version.

## stream_yes_no.wav / stream_yes_no.json

16 kHz mono PCM16, $(seconds "$total") s: pink noise (sox \`synth pinknoise\`, peak $noise_gain_db dBFS, RMS about -50 dBFS)
with 15 words at least 1.5 s apart, each normalized to a peak of $speech_peak_db dBFS. The JSON gives for every word its
text, label (\`yes\`, \`no\`, \`_unknown_\`), voice and start/end in seconds and samples: the extent of the word above
-40 dBFS (\`sox silence 1 0.005 -40d\` on both ends), so the times are the audible word, not the synthesizer's padding.

| # | label | text | voice | start_s | end_s |
| --- | --- | --- | --- | --- | --- |
EOF
  for i in "${!json_words[@]}"; do
    echo "${json_words[$i]}" | sed -E 's/.*"index": ([0-9]+), "text": "([^"]*)", "label": "([^"]*)", "voice": "([^"]*)", "start_s": ([0-9.]+), "end_s": ([0-9.]+).*/| \1 | \3 | \2 | \4 | \5 | \6 |/'
  done
  cat <<EOF

## clips/<label>/

One-second 16 kHz mono PCM16 clips in the Speech Commands layout: \`yes\`, \`no\`, \`_unknown_\` (other words) with the word
centred over the same kind of noise, and \`_silence_\` (noise only). File names say word, engine, voice and arguments.

$(for c in "${clip_list[@]}"; do echo "- \`$c\`"; done)

## formats/

50 ms tones written by sox to test the WAV reader on another tool's files: \`0.5 * sin(2 pi 1000 t)\` (in stereo files
the right channel is 440 Hz), made with \`sox -R -D -r RATE -n -c CH <encoding> NAME.wav synth 0.05 sine 1000 [sine 440] vol 0.5\`.
Each \`.dat\` is sox's own decoding of the first 64 frames (\`sox NAME.wav -t dat NAME.dat trim 0 64s\`): time, then one
column per channel, scaled to [-1, 1].

| file | format |
| --- | --- |
EOF
  for f in "$out"/formats/*.wav; do
    echo "| $(basename "$f") | $(soxi -r "$f") Hz, $(soxi -c "$f") ch, $(soxi -e "$f" | tr 'A-Z' 'a-z') $(soxi -b "$f")-bit |"
  done
} >"$out/README.md"

echo "make-fixtures.sh: wrote $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1) in $out"
