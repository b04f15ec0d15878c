#!/usr/bin/env bash
# The whole service over many hours of audio, as one process: `kws-edge run` (host, logging, stats, the --json
# writer thread, the pipeline) fed the bundled recording over and over on standard input as fast as it takes it,
# with its resident memory, threads and open files read from /proc every few seconds. The in-process soak
# (`kws-trainer soak`) measures the pipeline alone; this measures what a board would run.
set -euo pipefail

hours=24
every_s=10
out=out/service-soak
usage() {
  cat <<USAGE
Usage: scripts/service-soak.sh [--hours H] [--every-s S] [--out DIR] [-- kws-edge settings...]

Feeds tests/fixtures/stream_yes_no.wav (30.7 s, 10 keywords) looped for H hours of audio (default 24) into
'kws-edge run --Audio:Source=stdin --json' as fast as the service takes it, reads /proc/PID every S seconds
(default 10), and writes DIR (default out/service-soak): samples.tsv, detections.jsonl, service.log, summary.txt.
Settings after -- go to kws-edge (default --Stats:IntervalS=60: a stats line, with the memory line, every minute).
Needs sox, and kws-edge built (dotnet build EdgeService -c Release; scripts/run.sh or scripts/test.sh do that).
USAGE
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --hours) hours="$2"; shift 2 ;;
    --every-s) every_s="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; break ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$hours" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "error: --hours must be a positive number, got '$hours'" >&2; exit 2; }
[[ "$every_s" =~ ^[0-9]+$ && "$every_s" -gt 0 ]] || { echo "error: --every-s must be a positive whole number, got '$every_s'" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
edge=EdgeService/bin/Release/net10.0/kws-edge.dll
[[ -f "$edge" ]] || { echo "error: $edge is not built (dotnet build EdgeService -c Release)" >&2; exit 2; }
command -v sox >/dev/null || { echo "error: sox is not installed (apt-get install sox)" >&2; exit 2; }

mkdir -p "$out"
raw="$out/recording.s16"
sox tests/fixtures/stream_yes_no.wav -t raw -e signed -b 16 -r 16000 -c 1 "$raw"
copy_s=$(awk -v b="$(stat -c %s "$raw")" 'BEGIN { printf "%.4f", b / 32000 }')
copies=$(awk -v h="$hours" -v c="$copy_s" 'BEGIN { n = int(h * 3600 / c + 0.5); print (n < 1 ? 1 : n) }')
echo "service soak: $copies copies of the ${copy_s} s recording ($(awk -v n="$copies" -v c="$copy_s" 'BEGIN { printf "%.2f", n * c / 3600 }') hours of audio, $((copies * 10)) keywords), read every ${every_s} s"

feed() { for ((i = 0; i < copies; i++)); do cat "$raw"; done; }
started=$(date +%s.%N)
feed | dotnet "$edge" run --Audio:Source=stdin --json --Stats:IntervalS=60 "$@" >"$out/detections.jsonl" 2>"$out/service.log" &
edge_pid=$! # the last command of the pipeline: dotnet runs kws-edge in its own process

printf 'wall_s\trss_kib\trss_anon_kib\tthreads\topen_files\tdetections\n' >"$out/samples.tsv"
sample() {
  local status
  status=$(cat "/proc/$edge_pid/status" 2>/dev/null) || return 1
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$(awk -v s="$started" -v n="$(date +%s.%N)" 'BEGIN { printf "%.0f", n - s }')" \
    "$(awk '/^VmRSS:/ { print $2 }' <<<"$status")" "$(awk '/^RssAnon:/ { print $2 }' <<<"$status")" \
    "$(awk '/^Threads:/ { print $2 }' <<<"$status")" "$(ls "/proc/$edge_pid/fd" 2>/dev/null | wc -l)" \
    "$(wc -l <"$out/detections.jsonl")" >>"$out/samples.tsv"
}
while kill -0 "$edge_pid" 2>/dev/null; do
  sample || break
  sleep "$every_s"
done
rc=0
wait "$edge_pid" || rc=$?
wall=$(awk -v s="$started" -v n="$(date +%s.%N)" 'BEGIN { printf "%.0f", n - s }')

detections=$(wc -l <"$out/detections.jsonl")
{
  echo "exit code $rc after $wall s of wall time ($(awk -v n="$copies" -v c="$copy_s" -v w="$wall" 'BEGIN { printf "%.0f", n * c / w }')x real time)"
  echo "detections: $detections of $((copies * 10)) keywords (yes $(grep -c '"keyword":"yes"' "$out/detections.jsonl" || true), no $(grep -c '"keyword":"no"' "$out/detections.jsonl" || true))"
  # From the first reading after a minute (start-up, JIT and the first model runs done; else the first) to the last.
  awk -F'\t' 'NR == 2 { early = $0 } NR > 1 && $1 >= 60 && !first { first = $0 } NR > 1 { last = $0 } END {
      if (!first) first = early
      split(first, a, "\t"); split(last, b, "\t")
      printf "from %s s to %s s: RSS %.1f -> %.1f MiB (anonymous %.1f -> %.1f), threads %s -> %s, open files %s -> %s\n", \
        a[1], b[1], a[2] / 1024, b[2] / 1024, a[3] / 1024, b[3] / 1024, a[4], b[4], a[5], b[5]
    }' "$out/samples.tsv"
  awk -F'\t' 'NR > 1 { if ($2 > m) m = $2 } END { printf "peak RSS %.1f MiB\n", m / 1024 }' "$out/samples.tsv"
  echo "stats lines: $(grep -c 'stats: audio' "$out/service.log" || true); first and last memory lines:"
  grep 'stats: memory' "$out/service.log" | sed -n '1p;$p' | sed 's/^.*stats: /  /'

  echo "warnings and errors in the log: $(grep -ciE 'warn|fail|error' "$out/service.log" || true)"
} | tee "$out/summary.txt"
rm -f "$raw"
exit "$rc"
