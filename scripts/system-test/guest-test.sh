#!/usr/bin/env bash
# The guest side of scripts/system-test.sh: runs inside the VM as a systemd oneshot unit (systemd is PID 1), does
# each step on the real kernel and writes what it sees to the results folder (a writable 9p share of the host):
#   progress.log  step messages and check lines, read live by the host
#   checks.log    one line per check: PASS|FAIL|SKIP <name>: <detail>
#   finished      written as the very last thing (the host fails the run without it: a script that stopped early
#                 must not pass on the checks it wrote before)
#   journal.txt   the guest's whole journal at the end; gpio.log (the LED lines' changes), install.log,
#                 pid1-debug.txt (systemd's debug log while installing), detections.json, watchdog.txt
# Settings come from the file named as the first argument (written by the host, see system-test.sh).
set -uo pipefail

# shellcheck source=/dev/null
source "$1"
: "${REPO:?}" "${RESULTS:?}" "${PUBLISH:?}" "${GPIO_SIM_KO:?}" "${YES_LINE:?}" "${NO_LINE:?}" "${ON_MS:?}"
: "${LATENCY_S:?}" "${STALL_WAIT_S:?}" "${HOLD_S:?}"
fixture="$REPO/tests/fixtures/stream_yes_no.wav"
manifest="$REPO/tests/fixtures/stream_yes_no.json"
checker="$REPO/scripts/system-test/check_leds.py"
unit=kws-edge.service

mkdir -p "$RESULTS"
mount -t 9p -o trans=virtio,version=9p2000.L,cache=none results "$RESULTS" || { echo "cannot mount the results share" >&2; exit 1; }
progress="$RESULTS/progress.log"
checks="$RESULTS/checks.log"
: > "$checks"

log() { printf '%s\n' "$*" | tee -a "$progress"; }
step() { log ""; log "== $* (guest uptime $(cut -d' ' -f1 /proc/uptime) s)"; }
# check NAME OK DETAIL: records one check (OK is 0 for a pass).
check() {
  local name="$1" ok="$2" detail="$3" verdict=PASS
  ((ok == 0)) || verdict=FAIL
  printf '%s %s: %s\n' "$verdict" "$name" "$detail" >> "$checks"
  log "  $verdict  $name: $detail"
}
# give_up WHY: a step the rest depends on failed: one FAIL line, then stop (the host sees no 'finished').
give_up() { check "remaining steps" 1 "not run: $1"; exit 1; }
# led_checks ARGS...: the LED/journal checker's lines; a checker that fails without a verdict line is a FAIL too.
led_checks() {
  local out rc
  out="$(python3 "$checker" "$@" 2>&1)"
  rc=$?
  printf '%s\n' "$out" | grep -E '^(PASS|FAIL|SKIP) ' >> "$checks"
  if ! printf '%s\n' "$out" | grep -qE '^(PASS|FAIL) '; then
    check "LED checker" 1 "check_leds.py exited $rc without a verdict: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"
  fi
}
now() { printf '%s' "$EPOCHREALTIME"; }
prop() { systemctl show -P "$1" "$unit" 2>/dev/null; }
# A sleep without a fork (the sampler runs every few ms).
exec {sleep_fd}<> <(:)
nap() { read -r -t "$1" -u "$sleep_fd" _ || true; }

# wait_for SECONDS COMMAND...: polls every 0.2 s until COMMAND succeeds; fails after SECONDS.
wait_for() {
  local limit="$1"; shift
  local end=$((SECONDS + limit))
  until "$@"; do
    ((SECONDS < end)) || return 1
    nap 0.2
  done
}

finish() {
  step "Collecting the guest's journal"
  journalctl -b --no-pager -o short-monotonic > "$RESULTS/journal.txt" 2>&1
  journalctl -b --no-pager -o json -u "$unit" > "$RESULTS/kws-edge-journal.json" 2>&1
  [[ -n "${sampler_pid:-}" ]] && kill "$sampler_pid" 2>/dev/null
  [[ -n "${clock_pid:-}" ]] && kill -KILL "$clock_pid" 2>/dev/null
  log "guest done"
  sync
}
trap finish EXIT

# ---------------------------------------------------------------------------------------------------------------
step "1. Kernel $(uname -r), systemd $(systemctl --version | head -1 | cut -d' ' -f2) as PID 1 ($(cat /proc/1/comm))"
check "systemd is PID 1" "$([[ "$(cat /proc/1/comm)" == systemd ]]; echo $?)" "PID 1 is $(cat /proc/1/comm); $(systemd-detect-virt 2>/dev/null || true) virtualisation, container: $(systemd-detect-virt --container 2>/dev/null)"

# ---------------------------------------------------------------------------------------------------------------
step "2. Loopback sound card (clocked by a second one) and simulated GPIO chip"
# Card 'Loopback' is clocked by the timer of card 'Clock' (snd-aloop's timer_source), whose playback side a
# clock process feeds with zeros in 20 ms periods, like a device's own clock: stopping that process stops the
# capture side's clock while the device stays open (step 5b). With the default jiffies timer the capture side
# never stops. The periods must match the timer's (20 ms: the service's 20 ms device buffer, and the player's).
if modprobe snd-aloop enable=1,1 index=0,1 id=Loopback,Clock pcm_substreams=1,1 timer_source=Clock.0.0,; then
  card="$(readlink /proc/asound/Loopback)"; card="${card#card}"
fi
aplay -q -D hw:Clock,0 -t raw -f S16_LE -r 16000 -c 1 --period-size=320 --buffer-size=1280 /dev/zero 2>/dev/null &
clock_pid=$!
nap 0.5
check "snd-aloop loaded" "$([[ -n "${card:-}" && -e /dev/snd/pcmC${card}D1c ]] && kill -0 "$clock_pid"; echo $?)" \
  "card ${card:-none}: playback hw:${card:-?},0 -> capture hw:${card:-?},1, clocked by $(cat /proc/asound/Loopback/timer_source 2>/dev/null) (clock process $clock_pid); $(cd /dev/snd && echo *)"

modprobe configfs
mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config
insmod_out="$(insmod "$GPIO_SIM_KO" 2>&1)"
sim=/sys/kernel/config/gpio-sim/kws
chip_ok=1
if [[ -d /sys/kernel/config/gpio-sim ]]; then
  mkdir -p "$sim/bank0"
  echo 32 > "$sim/bank0/num_lines"
  echo kws-sim > "$sim/bank0/label"
  echo 1 > "$sim/live"
  sim_dev="$(cat "$sim/dev_name" 2>/dev/null)"
  sim_chip="$(cat "$sim/bank0/chip_name" 2>/dev/null)"
  [[ -n "$sim_chip" && -c "/dev/$sim_chip" ]] && chip_ok=0
fi
check "gpio-sim chip" "$chip_ok" "module $(basename "$GPIO_SIM_KO") ${insmod_out:+($insmod_out) }-> /dev/${sim_chip:-?} label kws-sim, 32 lines, platform device ${sim_dev:-?}"
value_yes="/sys/devices/platform/${sim_dev:-none}/${sim_chip:-none}/sim_gpio$YES_LINE/value"
value_no="/sys/devices/platform/${sim_dev:-none}/${sim_chip:-none}/sim_gpio$NO_LINE/value"
[[ $chip_ok -eq 0 && -n "${card:-}" ]] || give_up "the devices are missing"

# The LED lines, sampled every ~10 ms: one line "epoch yes no" per change.
sample_gpio() {
  local last="" y n
  while :; do
    read -r y < "$value_yes"; read -r n < "$value_no"
    if [[ "$y $n" != "$last" ]]; then
      printf '%s %s %s\n' "$EPOCHREALTIME" "$y" "$n"
      last="$y $n"
    fi
    nap 0.01
  done
}
sample_gpio > "$RESULTS/gpio.log" &
sampler_pid=$!

# ---------------------------------------------------------------------------------------------------------------
step "3. Install the published service with scripts/install.sh (capture hw:$card,1, LEDs on kws-sim lines $YES_LINE/$NO_LINE)"
config="$RESULTS/appsettings.json"
cat > "$config" <<JSON
{
  "Audio": { "Source": "portaudio", "Device": "(hw:$card,1)", "DeviceSampleRateHz": 16000, "DeviceChannels": 1 },
  "Leds": { "Chip": "kws-sim", "Lines": { "yes": $YES_LINE, "no": $NO_LINE }, "OnMs": $ON_MS },
  "Stats": { "IntervalS": 30 }
}
JSON
log "  settings: $(tr -d '\n' < "$config" | tr -s ' ')"
log "  devices as the service sees them: $("$PUBLISH/kws-edge" devices 2>&1 | grep -i loopback | tr '\n' ';' | tr -s ' ')"

systemd-analyze log-level debug
t_install="$(now)"
"$REPO/scripts/install.sh" --from "$PUBLISH" --config "$config" > "$RESULTS/install.log" 2>&1
install_rc=$?
grep -v "^  wrote /opt/" "$RESULTS/install.log" | sed 's/^/  | /' | tee -a "$progress"
log "  | (and $(grep -c "^  wrote /opt/" "$RESULTS/install.log") files written to /opt/kws-edge)"
t_installed="$(now)"
systemd-analyze log-level info
check "install.sh" "$install_rc" "exit $install_rc after $(awk -v a="$t_install" -v b="$t_installed" 'BEGIN{printf "%.1f", b-a}') s; unit $(systemctl is-enabled "$unit" 2>/dev/null), $(systemctl is-active "$unit" 2>/dev/null)"

# READY=1: systemd's own debug lines say when the unit entered 'start', each notification, and when it left 'start'.
journalctl -b --no-pager -o short-unix _PID=1 > "$RESULTS/pid1-debug.txt" 2>&1
when() { grep -m1 -E "$unit: $1" "$RESULTS/pid1-debug.txt" | awk '{ print $1 }'; }
t_start="$(when "Changed dead -> start")"
t_waiting="$(when "Got notification message from PID [0-9]+ \\(STATUS=waiting for audio")"
t_ready="$(when "Got notification message from PID [0-9]+ \\(READY=1")"
t_running="$(when "Changed start -> running")"
ok=1
if [[ -n "$t_start" && -n "$t_waiting" && -n "$t_ready" && -n "$t_running" ]] &&
   awk -v a="$t_start" -v b="$t_waiting" -v c="$t_ready" -v d="$t_running" 'BEGIN { exit !(a < b && b < c && c <= d) }'; then
  ok=0
fi
rel() { [[ -n "$1" && -n "$t_start" ]] && awk -v a="$t_start" -v b="$1" 'BEGIN { printf "%+.1f s", b - a }' || echo never; }
check "active only after READY=1" "$ok" "start at 0 s; STATUS=waiting for audio $(rel "$t_waiting"); READY=1 $(rel "$t_ready"); start -> running $(rel "$t_running"); now $(systemctl is-active "$unit")"
systemctl is-active --quiet "$unit" || give_up "kws-edge is not active"

# ---------------------------------------------------------------------------------------------------------------
# play SECONDS|all: plays the recording (or its first SECONDS) into the loopback card; prints the start time.
play() {
  local limit=()
  [[ "$1" == all ]] || limit=(-d "$1")
  local t
  t="$(now)"
  aplay -q -D "plughw:$card,0" --period-time=20000 "${limit[@]}" "$fixture" 2>>"$progress"
  printf '%s' "$t"
}

# After the player: time for the last word's detection and its LED to go off again.
settle() { nap "$(awk -v l="$LATENCY_S" -v ms="$ON_MS" 'BEGIN { print l + ms / 1000 + 0.5 }')"; }

# replay_first_8s LABEL: plays the recording's first 8 s and checks its words' LEDs as "LABEL: word ...".
replay_first_8s() {
  local t_start t_end
  t_start="$(play 8)"
  settle
  t_end="$(now)"
  led_checks --manifest "$manifest" --gpio "$RESULTS/gpio.log" --start "$t_start" --end "$t_end" \
    --on-ms "$ON_MS" --latency "$LATENCY_S" --until 8 --prefix "$1: "
  grep -E "^(PASS|FAIL) $1" "$checks" | sed 's/^/  /' | tee -a "$progress" > /dev/null
}

step "4. Play the recording ($(python3 -c "import json;m=json.load(open('$manifest'));print(len(m['words']), 'words,', m['duration_s'], 's')")) into the loopback card"
t_play="$(play all)"
settle
t_end="$(now)"
log "  played from $t_play; LED changes: $(awk -v a="$t_play" -v b="$t_end" '$1>=a && $1<=b' "$RESULTS/gpio.log" | wc -l)"
led_checks --manifest "$manifest" --gpio "$RESULTS/gpio.log" --start "$t_play" --end "$t_end" \
  --on-ms "$ON_MS" --latency "$LATENCY_S"
grep -E "^(PASS|FAIL) (word|LED)" "$checks" | sed 's/^/  /' | tee -a "$progress" > /dev/null

journalctl -u "$unit" --since "@${t_play%.*}" -o json --no-pager > "$RESULTS/detections.json" 2>/dev/null
led_checks --journal "$RESULTS/detections.json" --manifest "$manifest"
grep -E "^(PASS|FAIL) journal" "$checks" | sed 's/^/  /' | tee -a "$progress" > /dev/null

# ---------------------------------------------------------------------------------------------------------------
audio_s() { prop StatusText | sed -nE 's/.*; ([0-9.]+) s of audio.*/\1/p'; }

step "5a. Stop the player while it holds the loopback device"
restarts_before="$(prop NRestarts)"
pid_before="$(prop MainPID)"
aplay -q -D "plughw:$card,0" --period-time=20000 "$fixture" &
player=$!
nap 3
kill -STOP "$player"
audio_before="$(audio_s)"
t_stall="$(now)"
log "  player $player stopped (SIGSTOP) at $t_stall holding hw:$card,0; kws-edge PID $pid_before at $audio_before s of audio"
nap "$HOLD_S"
audio_after="$(audio_s)"
held="$(awk -v a="$t_stall" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')"
timeouts="$(journalctl -b --no-pager -o cat _PID=1 --since "@${t_stall%.*}" | grep -c "$unit: Watchdog timeout")"
# snd-aloop feeds the capture side silence while its playback side is stopped: the device is alive, the sample
# clock goes on, the watchdog is fed. Not a hang, so no restart.
check "stopped player: silence, no restart" \
  "$([[ "$(prop MainPID)" == "$pid_before" && "$(prop NRestarts)" == "$restarts_before" && $timeouts -eq 0 ]] &&
     awk -v a="${audio_before:-0}" -v b="${audio_after:-0}" -v h="$held" 'BEGIN { exit !(b - a >= h / 2) }'; echo $?)" \
  "held ${held} s: sample clock $audio_before -> $audio_after s of audio; PID $(prop MainPID), restarts $(prop NRestarts), watchdog timeouts $timeouts"
kill -KILL "$player" 2>/dev/null
wait "$player" 2>/dev/null

# ---------------------------------------------------------------------------------------------------------------
step "5b. Stall the capture clock (the device stays open and stops delivering): kws-edge must notice and recover"
pid_before="$(prop MainPID)"
restarts_before="$(prop NRestarts)"
t_hang="$(now)"
kill -STOP "$clock_pid"
log "  clock process $clock_pid stopped at $t_hang: no more audio from hw:$card,1; kws-edge PID $pid_before; waiting up to $STALL_WAIT_S s"
# Where kws-edge's threads wait a few seconds into the stall (for the report).
nap 6
for task in /proc/"$pid_before"/task/*; do
  printf '%s %s %s\n' "${task##*/}" "$(cat "$task/comm" 2>/dev/null)" "$(cat "$task/wchan" 2>/dev/null)"
done > "$RESULTS/stall-threads.txt"
log "  after 6 s: status '$(prop StatusText)'; threads waiting in: $(awk '{ print $NF }' "$RESULTS/stall-threads.txt" | sort | uniq -c | sort -rn | awk '{ printf "%s %s, ", $1, $2 }')"
# Two outcomes are right (EdgeService/Audio/ResilientAudioSource.cs): the stalled stream closes within
# Audio:CloseTimeoutMs and the source retries while the watchdog is fed (no restart needed), or it cannot be closed
# (stuck in the driver), the source gives up and kws-edge exits 1 so that Restart=on-failure brings it back.
# Wrong: a hang that only the watchdog ends, or no notice at all.
restarted() { [[ "$(prop NRestarts)" != "$restarts_before" ]]; }
wait_for "$STALL_WAIT_S" restarted
# The device's clock comes back (as systemd restarts the service, or after the wait).
kill -CONT "$clock_pid"
active() { [[ "$(prop ActiveState)" == active ]]; }
wait_for 120 active
t_back="$(now)"
# The unit's and kws-edge's journal lines since $1 into $2; the lines matching $3 are shown in the progress log.
journal_since() {
  journalctl -b --no-pager -o short-unix --since "@${1%.*}" | grep -E "$unit|kws-edge\[" |
    grep -vE "guest-test.sh|notification message|Child [0-9]+ belongs|ALSA lib|[Jj]ack|Cannot connect|Killing process [0-9]+ \(" > "$2"
  grep -E "$3" "$2" | sed -E 's/^[0-9.]+ [^ ]+ //; s/^/  | /' | head -10 | tee -a "$progress"
}
journal_since "$t_hang" "$RESULTS/watchdog.txt" "Watchdog timeout|Failed with result|Scheduled restart|Audio input|Audio source failed|Main process exited"
lost_at="$(grep -m1 "Audio input lost" "$RESULTS/watchdog.txt" | awk '{ print $1 }')"
if restarted; then
  outcome="stream abandoned, exit 1, restarted by Restart=on-failure"
  recovered="$(grep -q "Audio source failed" "$RESULTS/watchdog.txt" && grep -q "Failed with result 'exit-code'" "$RESULTS/watchdog.txt"; echo $?)"
else
  outcome="stream closed and retried in-process, no restart"
  recovered="$([[ "$(prop MainPID)" == "$pid_before" ]]; echo $?)"
fi
check "a stalled capture clock is noticed and recovered from without the watchdog" \
  "$([[ -n "$lost_at" && $recovered -eq 0 ]] && ! grep -q "Watchdog timeout" "$RESULTS/watchdog.txt" && active; echo $?)" \
  "audio input lost $(awk -v a="$t_hang" -v b="${lost_at:-0}" 'BEGIN { printf "%.1f", b - a }') s into the stall; $outcome; active again after $(awk -v a="$t_hang" -v b="$t_back" 'BEGIN { printf "%.0f", b - a }') s as PID $(prop MainPID) (restarts $restarts_before -> $(prop NRestarts))"

# ---------------------------------------------------------------------------------------------------------------
step "5c. Freeze kws-edge itself (SIGSTOP): a real hang, which only the watchdog can end"
pid_before="$(prop MainPID)"
restarts_before="$(prop NRestarts)"
t_freeze="$(now)"
kill -STOP "$pid_before"
log "  kws-edge PID $pid_before stopped at $t_freeze; waiting up to $STALL_WAIT_S s for the watchdog"
wait_for "$STALL_WAIT_S" restarted
wait_for 120 active
t_back="$(now)"
journal_since "$t_freeze" "$RESULTS/watchdog-freeze.txt" "Watchdog timeout|Failed with result|Scheduled restart|Main process exited"
watchdog_at="$(grep -m1 "Watchdog timeout" "$RESULTS/watchdog-freeze.txt" | awk '{ print $1 }')"
# WatchdogSec=10s, then SIGABRT, SIGKILL after TimeoutAbortSec=5s, RestartSec=5s: about 20 s, 45 s at most.
check "watchdog restarts a frozen kws-edge" \
  "$([[ -n "$watchdog_at" ]] && grep -q "Failed with result 'watchdog'" "$RESULTS/watchdog-freeze.txt" && active &&
     awk -v a="$t_freeze" -v b="$t_back" 'BEGIN { exit !(b - a <= 45) }'; echo $?)" \
  "watchdog timeout $(awk -v a="$t_freeze" -v b="${watchdog_at:-0}" 'BEGIN { printf "%.1f", b - a }') s into the freeze; active again after $(awk -v a="$t_freeze" -v b="$t_back" 'BEGIN { printf "%.0f", b - a }') s as PID $(prop MainPID) (restarts $restarts_before -> $(prop NRestarts))"

replay_first_8s "after restart"

# ---------------------------------------------------------------------------------------------------------------
step "5d. systemctl reload: the running service loads its model file again and swaps it in (ExecReload, SIGHUP)"
pid_before="$(prop MainPID)"
t_reload="$(now)"
systemctl reload "$unit"
reload_rc=$?
reload_journal() { journalctl -u "$unit" --since "@${t_reload%.*}" -o cat --no-pager 2>/dev/null | grep -E "SIGHUP|Switched to the new model|cannot be used"; }
swapped() { reload_journal | grep -q "Switched to the new model"; }
wait_for 30 swapped
check "systemctl reload swaps the model in the running service" \
  "$([[ $reload_rc -eq 0 && "$(prop MainPID)" == "$pid_before" ]] && swapped && active; echo $?)" \
  "exit $reload_rc; PID $pid_before -> $(prop MainPID), $(prop ActiveState); journal: $(reload_journal | tr '\n' ' ')"
replay_first_8s "after reload"

# ---------------------------------------------------------------------------------------------------------------
step "6. systemctl stop while the yes LED is lit"
play 3 > /dev/null &
player=$!
wait_for 30 grep -q 1 "$value_yes"
lit="$(cat "$value_yes")"
systemctl stop "$unit"
stop_rc=$?
nap 0.2
check "systemctl stop" "$([[ $stop_rc -eq 0 && "$(prop Result)" == success && "$(prop ExecMainStatus)" == 0 ]]; echo $?)" \
  "exit $stop_rc; Result=$(prop Result), main process exit status $(prop ExecMainStatus); the yes line was $lit before the stop"
check "all lines low after stop" "$([[ "$lit" == 1 && "$(cat "$value_yes")" == 0 && "$(cat "$value_no")" == 0 ]]; echo $?)" \
  "line $YES_LINE = $(cat "$value_yes"), line $NO_LINE = $(cat "$value_no")"
wait "$player" 2>/dev/null
echo "the guest script ran to its end" > "$RESULTS/finished"
