#!/usr/bin/env bash
# The arm64 check: does the ONNX Runtime library that publish.sh puts in the linux-arm64 folder run the bundled model
# on the processors of the boards we target, with the results it gives on x86-64? Each board's instruction set is
# emulated with qemu-user, which stops a program with SIGILL at an instruction that processor lacks: a library built
# for a newer processor fails here, as ONNX Runtime 1.21's aarch64 build did on a Raspberry Pi 4.
# Ends with 'arm64 check: N passed, N failed, N skipped'.
set -uo pipefail

usage() {
  cat <<USAGE
Usage: scripts/arm64-check.sh [--help]     (as root, on an x86_64 Debian host)

  1. installs qemu-user, gcc and the arm64 cross compiler and C library (Debian packages), only those missing
  2. builds scripts/arm64-check/ort-probe.c twice (x86-64, arm64): it runs a model in ONNX Runtime's C API on
     pseudo-random inputs and prints every output value
  3. checks that qemu enforces each processor's instruction set (an ARMv8.2 dot product must stop a Cortex-A72)
  4. compiles EdgeService.Tests/Gpio/gpio-layout.c (the GPIO uAPI's struct layouts, ioctl codes and constants the
     binding uses; GpioHeaderLayoutTests checks the binding against it here) for both and compares what they print
  5. per board and bundled model (the default and the streaming one), runs the arm64 probe with the arm64 library
     under qemu-aarch64 -cpu CPU, with that board's
     /proc/cpuinfo (bound in a private mount namespace: ONNX Runtime reads it, and qemu-user shows the host's), and
     compares every output with the x86-64 library's (relative difference at most 1e-3)
Boards: Raspberry Pi 3 and Zero 2 W (cortex-a53), Jetson Nano (cortex-a57), Raspberry Pi 4, 400 and CM4
(cortex-a72), Raspberry Pi 5 (cortex-a76).
What it does not show: the .NET program itself on arm64 (no arm64 .NET runtime can be fetched here).
The ONNX Runtime libraries come from scripts/fetch-onnxruntime.sh's cache (fetched when missing).
A host that is not x86_64 or has no root: the check says why and counts as skipped.
USAGE
}
case "${1:-}" in
  --help | -h) usage; exit 0 ;;
  "") ;;
  *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The bundled models: the default (whole window) and the streaming one (every state input fed as well).
models=("$root/models/kws-yesno.onnx" "$root/models/kws-yesno-streaming.onnx")
inputs=16
seed=1
passed=0 failed=0 skipped=0
summary() { echo "arm64 check: $passed passed, $failed failed, $skipped skipped"; }
pass() { echo "PASS $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
skip_all() { echo "SKIP arm64 check: $1"; skipped=1; summary; exit 0; }
fail_setup() { fail "arm64 check setup: $1"; summary; exit 1; }

[[ "$(uname -m)" == x86_64 ]] || skip_all "it compares arm64 with x86-64 under emulation; this host is $(uname -m)"
[[ $(id -u) -eq 0 ]] || skip_all "it installs Debian packages and binds a file over /proc/cpuinfo: run it as root"
command -v apt-get >/dev/null || skip_all "it needs a Debian host (apt-get)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "a stand-in" > "$work/cpuinfo"
unshare -m sh -c 'mount --bind "$1" /proc/cpuinfo' sh "$work/cpuinfo" 2>/dev/null ||
  skip_all "this host allows no bind mount over /proc/cpuinfo in a private mount namespace (unshare -m)"
echo "== [arm64 check] Debian packages"
# shellcheck source=lib/apt.sh
source "$root/scripts/lib/apt.sh"
kws_apt_install "$work/apt.log" qemu-user gcc libc6-dev linux-libc-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
  linux-libc-dev-arm64-cross libstdc++6-arm64-cross || fail_setup "apt-get install failed (see above)"
sysroot=/usr/aarch64-linux-gnu

ort_cache="${KWS_CACHE_DIR:-$HOME/.cache/kws}/onnxruntime/${ORT_VERSION:-1.30.0}"
if [[ ! -f "$ort_cache/linux-arm64/libonnxruntime.so.1" || ! -f "$ort_cache/linux-x64/libonnxruntime.so.1" ]]; then
  "$root/scripts/fetch-onnxruntime.sh" || fail_setup "scripts/fetch-onnxruntime.sh failed"
fi

# ONNX Runtime's Linux builds upload usage telemetry unless told not to; kws-edge and the trainer turn it off in
# their binding (Kws.Onnx/Runtime/OrtTelemetryOptOut.cs), the probe through the same variable.
export ORT_DISABLE_TELEMETRY="${ORT_DISABLE_TELEMETRY:-1}"

echo "== [arm64 check] building the probe"
probe="$root/scripts/arm64-check/ort-probe.c"
gcc -O1 -Wall -Wextra -Werror -o "$work/probe-x64" "$probe" -ldl || fail_setup "gcc could not build $probe"
aarch64-linux-gnu-gcc -O1 -Wall -Wextra -Werror -o "$work/probe-arm64" "$probe" -ldl ||
  fail_setup "aarch64-linux-gnu-gcc could not build $probe"
# An ARMv8.2 dot product (sdot), which Cortex-A53, A57 and A72 lack and Cortex-A76 has.
printf '.global main\nmain:\n  .inst 0x4e829420\n  mov w0, #0\n  ret\n' > "$work/sdot.s"
aarch64-linux-gnu-gcc -o "$work/sdot" "$work/sdot.s" || fail_setup "aarch64-linux-gnu-gcc could not assemble sdot.s"

for m in "${models[@]}"; do
  name="$(basename "$m" .onnx)"
  echo "== [arm64 check] x86-64 reference: $m, $inputs inputs, seed $seed"
  "$work/probe-x64" "$ort_cache/linux-x64/libonnxruntime.so.1" "$m" "$inputs" "$seed" > "$work/x64-$name.txt" \
    2> "$work/x64.err" || fail_setup "the x86-64 probe failed on $m: $(tail -2 "$work/x64.err" | tr '\n' ' ')"
  echo "  $(tail -1 "$work/x64.err")"
  [[ $(wc -l < "$work/x64-$name.txt") -eq $inputs ]] || fail_setup "the x86-64 probe printed $(wc -l < "$work/x64-$name.txt") lines, not $inputs"
done

# run_as CPU PART FEATURES COMMAND...: runs COMMAND under qemu-aarch64 -cpu CPU with a /proc/cpuinfo of two such
# cores (MIDR part number PART, the kernel's FEATURES line).
run_as() {
  local cpu="$1" part="$2" features="$3" n
  shift 3
  : > "$work/cpuinfo"
  for n in 0 1; do
    printf 'processor\t: %s\nBogoMIPS\t: 108.00\nFeatures\t: %s\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: %s\nCPU revision\t: 3\n\n' \
      "$n" "$features" "$part" >> "$work/cpuinfo"
  done
  unshare -m sh -c 'mount --bind "$1" /proc/cpuinfo && shift && exec "$@"' sh "$work/cpuinfo" \
    qemu-aarch64 -cpu "$cpu" -L "$sysroot" "$@"
}

echo "== [arm64 check] does qemu enforce the instruction set?"
pi_features="fp asimd evtstrm crc32 cpuid"
v82_features="fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp"
run_as cortex-a72 0xd08 "$pi_features" "$work/sdot" 2> "$work/sdot-a72.err"
status=$?
if ((status == 132)) || grep -q "SIGILL\|Illegal instruction" "$work/sdot-a72.err"; then
  pass "qemu stops an ARMv8.2 dot product on cortex-a72 with SIGILL (status $status)"
else
  fail "qemu let cortex-a72 run an ARMv8.2 dot product (status $status): this check cannot see a missing instruction"
fi
if run_as cortex-a76 0xd0b "$v82_features" "$work/sdot" 2> "$work/sdot-a76.err"; then
  pass "qemu runs the same dot product on cortex-a76"
else
  fail "cortex-a76 could not run an ARMv8.2 dot product: $(tail -1 "$work/sdot-a76.err")"
fi

echo "== [arm64 check] the GPIO uAPI on arm64"
# The layout program GpioHeaderLayoutTests checks the C# binding against (on this host): arm64 must print the same.
layout="$root/EdgeService.Tests/Gpio/gpio-layout.c"
if ! gcc -std=c11 -Wall -Werror -o "$work/layout-x64" "$layout" ||
   ! aarch64-linux-gnu-gcc -std=c11 -Wall -Werror -o "$work/layout-arm64" "$layout"; then
  fail "GPIO uAPI: $layout did not compile for both architectures (see above)"
elif ! "$work/layout-x64" > "$work/layout-x64.txt" ||
     ! qemu-aarch64 -L "$sysroot" "$work/layout-arm64" > "$work/layout-arm64.txt"; then
  fail "GPIO uAPI: the layout program failed"
elif differences="$(diff "$work/layout-x64.txt" "$work/layout-arm64.txt")"; then
  pass "GPIO uAPI: the $(wc -l < "$work/layout-x64.txt") struct sizes, field offsets, ioctl codes and constants the binding uses are the same on arm64 as on x86-64 (where GpioHeaderLayoutTests checks the binding)"
else
  fail "GPIO uAPI: arm64's <linux/gpio.h> differs from x86-64's: $(echo "$differences" | grep '^[<>]' | head -6 | tr '\n' ' ')"
fi

echo "== [arm64 check] the arm64 library on each board's processor"
# board|qemu cpu|MIDR part|Features
boards=(
  "Raspberry Pi 3, Zero 2 W|cortex-a53|0xd03|$pi_features"
  "Jetson Nano|cortex-a57|0xd07|fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid"
  "Raspberry Pi 4, 400, CM4|cortex-a72|0xd08|$pi_features"
  "Raspberry Pi 5|cortex-a76|0xd0b|$v82_features"
)
for m in "${models[@]}"; do
name="$(basename "$m" .onnx)"
for entry in "${boards[@]}"; do
  IFS='|' read -r board cpu part features <<< "$entry"
  out="$work/$cpu-$name.txt"
  run_as "$cpu" "$part" "$features" "$work/probe-arm64" "$ort_cache/linux-arm64/libonnxruntime.so.1" "$m" \
    "$inputs" "$seed" > "$out" 2> "$work/$cpu.err"
  status=$?
  if ((status != 0)); then
    fail "$board ($cpu): the probe ended with status $status: $(grep -v '^ort-probe: ONNX Runtime' "$work/$cpu.err" | tail -2 | tr '\n' ' ')"
    continue
  fi
  # Every output value, against the x86-64 one: |a - b| <= 1e-3 * max(|a|, |b|) + 1e-12.
  verdict="$(paste -d '|' "$work/x64-$name.txt" "$out" | awk -F'|' -v want="$inputs" '
    function abs(x) { return x < 0 ? -x : x }
    {
      n = split($1, a, " "); m = split($2, b, " ")
      if (n != m) { bad = bad sprintf("line %d has %d values, not %d; ", NR, m, n); next }
      for (i = 1; i <= n; i++) {
        d = abs(a[i] - b[i]); s = abs(a[i]) > abs(b[i]) ? abs(a[i]) : abs(b[i])
        if (s > 0 && d / s > worst) worst = d / s
        if (d > 1e-3 * s + 1e-12) bad = bad sprintf("input %d, output %d: %s against %s; ", NR, i, b[i], a[i])
      }
      lines++
    }
    END {
      if (lines != want) bad = bad sprintf("%d lines, not %d; ", lines, want)
      printf "%s|%.1e\n", bad, worst
    }')"
  problems="${verdict%|*}"
  if [[ -z "$problems" ]]; then
    pass "$board ($cpu): $inputs runs of $name.onnx match x86-64 (largest relative difference ${verdict##*|})"
  else
    fail "$board ($cpu): $name.onnx: outputs differ from x86-64: ${problems:0:400}"
  fi
done
done
summary
((failed == 0))
