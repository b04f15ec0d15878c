#!/usr/bin/env bash
# Full-system test of kws-edge on a real Linux: boots Debian's kernel under qemu (software emulation) with the
# host's file system shared in (9p, read-only, under a tmpfs overlay) and real systemd as PID 1, loads snd-aloop and
# gpio-sim (built here out of tree from Debian's kernel source), installs the published service with
# scripts/install.sh, plays the recording tests/fixtures/stream_yes_no.wav into the loopback card and checks the
# LEDs, the journal, the watchdog and the stop. Ends with 'system test: N passed, N failed, N skipped'.
set -uo pipefail

usage() {
  cat <<USAGE
Usage: scripts/system-test.sh [--keep] [--help]     (as root, on an x86_64 Debian host)

Steps (each prints what it does; every check prints PASS or FAIL with what it saw):
  1. installs the Debian packages it needs (qemu-system-x86, linux-image-amd64 and the headers and source of
     that kernel, build tools, busybox-static, python3, alsa-utils), only those missing
  2. builds gpio-sim.ko for the kernel that linux-image-amd64 installs (the version is discovered, not pinned)
     from linux-source-X.Y; cached in \${KWS_CACHE_DIR:-~/.cache/kws}/gpio-sim/
  3. publishes kws-edge (scripts/publish.sh --rid linux-x64) and makes a busybox initramfs
  4. boots the VM; inside it, scripts/system-test/guest-test.sh does the checks, the results come back over 9p
Work folder: out/system-test (kept with --keep or on failure: console.log, results/journal.txt, gpio.log, ...).
Environment: KWS_SYSTEM_TEST_VM_TIMEOUT (s, default 1200) bounds the VM; KWS_SYSTEM_TEST_MEMORY (MiB, 3072);
KWS_SYSTEM_TEST_PUBLISH_MODE (publish.sh --mode: auto, the default, or framework-dependent, the launcher that
runs the host's dotnet, as the arm64 builds here are); KWS_SYSTEM_TEST_ICOUNT_SHIFT (0: the guest's clock
advances 2^N ns per instruction); KWS_SYSTEM_TEST_CPU (qemu -cpu, default max without AVX: see run_vm).
A host that is not x86_64 (a Raspberry Pi) or has no root: the test says why and counts as skipped.
USAGE
}

keep=0
while (($#)); do
  case "$1" in
    --help | -h) usage; exit 0 ;;
    --keep) keep=1; shift ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/scripts/system-test"
work="$root/out/system-test"
results="$work/results"
cache="${KWS_CACHE_DIR:-$HOME/.cache/kws}/gpio-sim"
vm_timeout="${KWS_SYSTEM_TEST_VM_TIMEOUT:-1200}"
memory="${KWS_SYSTEM_TEST_MEMORY:-3072}"
icount_shift="${KWS_SYSTEM_TEST_ICOUNT_SHIFT:-0}"
# TCG emulates AVX, AVX2 and FMA one instruction at a time through helpers: ONNX Runtime's kernels for them ran the
# bundled model 10-17x slower than its SSE kernels under qemu-x86_64 here (3.5 s against 0.2-0.35 s an inference),
# which left the guest unable to finish playing the recording in 900 s. The VM tests the service under systemd, not
# the SIMD paths (the unit tests run those natively), so the guest's CPU is "max" without them.
vm_cpu="${KWS_SYSTEM_TEST_CPU:-max,-avx,-avx2,-fma,-f16c}"
publish_mode="${KWS_SYSTEM_TEST_PUBLISH_MODE:-auto}"
started=$SECONDS

step() { echo ""; echo "== [system test, $((SECONDS - started)) s] $*"; }
summary() { echo "system test: $1 passed, $2 failed, $3 skipped"; }
# skip_all REASON: the test cannot run on this host; counted as one skipped check.
skip_all() {
  echo "SKIP system test: $1"
  summary 0 0 1
  exit 0
}
# fail_setup WHAT: a step before the VM failed; counted as one failed check.
fail_setup() {
  echo "FAIL system test setup: $1"
  summary 0 1 0
  exit 1
}

check_host() {
  [[ "$(uname -m)" == x86_64 ]] || skip_all "the VM runs Debian's amd64 kernel; this host is $(uname -m)"
  [[ $(id -u) -eq 0 ]] || skip_all "it installs Debian packages and runs qemu with a 9p share of /: run it as root"
  if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
    skip_all "it needs a Debian host (apt-get)"
  fi
}

# shellcheck source=lib/apt.sh
source "$root/scripts/lib/apt.sh"
# apt_install PACKAGE...: installs those not yet installed.
apt_install() { kws_apt_install "$work/apt.log" "$@"; }

install_packages() {
  step "1. Debian packages"
  local t=$SECONDS
  apt_install qemu-system-x86 linux-image-amd64 linux-source build-essential xz-utils busybox-static cpio kmod \
    python3 alsa-utils libportaudio2 systemd udev || fail_setup "apt-get install failed (see above)"
  # The kernel linux-image-amd64 stands for, and its headers.
  kver="$(dpkg-query -W -f='${Depends}' linux-image-amd64 | grep -o 'linux-image-[0-9][^ ,]*' | head -1)"
  kver="${kver#linux-image-}"
  [[ -n "$kver" && -f "/boot/vmlinuz-$kver" ]] || fail_setup "no kernel found for linux-image-amd64 (Depends: $(dpkg-query -W -f='${Depends}' linux-image-amd64))"
  apt_install "linux-headers-$kver" || fail_setup "apt-get install linux-headers-$kver failed"
  echo "  kernel $kver (/boot/vmlinuz-$kver); packages took $((SECONDS - t)) s"
}

build_gpio_sim() {
  step "2. gpio-sim for $kver (not in Debian's kernel: built out of tree)"
  local series src version dir t=$SECONDS
  series="$(sed -E 's/^([0-9]+\.[0-9]+).*/\1/' <<<"$kver")"
  src="/usr/src/linux-source-$series.tar.xz"
  apt_install "linux-source-$series" || fail_setup "apt-get install linux-source-$series failed"
  [[ -f "$src" ]] || fail_setup "$src is missing after installing linux-source-$series"
  version="$(dpkg-query -W -f='${Version}' "linux-source-$series")"
  dir="$cache/$kver-$version"
  gpio_sim_ko="$dir/gpio-sim.ko"
  if [[ -f "$gpio_sim_ko" ]]; then
    echo "  cached: $gpio_sim_ko"
    return 0
  fi
  rm -rf "$dir.build"
  mkdir -p "$dir.build" || fail_setup "cannot create $dir.build"
  echo "  taking drivers/gpio/gpio-sim.c, drivers/gpio/gpiolib.h and kernel/irq/irq_sim.c from $src (linux-source $version)"
  tar -xJf "$src" -C "$dir.build" --strip-components=1 "linux-source-$series/drivers/gpio/gpio-sim.c" \
    "linux-source-$series/drivers/gpio/gpiolib.h" "linux-source-$series/kernel/irq/irq_sim.c" ||
    fail_setup "extracting gpio-sim from $src failed"
  # Debian's kernel has no CONFIG_IRQ_SIM either: irq_sim.c goes into the module; it calls irq_to_desc(), which
  # modules cannot use, so that one call becomes the exported generic_handle_irq() (the same handler runs).
  mv "$dir.build/drivers/gpio/gpio-sim.c" "$dir.build/gpio-sim-main.c"
  mv "$dir.build/drivers/gpio/gpiolib.h" "$dir.build/kernel/irq/irq_sim.c" "$dir.build/"
  sed -i -E 's/handle_simple_irq\(irq_to_desc\(([a-z_]+)\)\)/generic_handle_irq(\1)/' "$dir.build/irq_sim.c"
  printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio-sim-main.o irq_sim.o\n' > "$dir.build/Makefile"
  if ! make -C "/lib/modules/$kver/build" M="$dir.build" modules > "$dir.build/make.log" 2>&1; then
    tail -20 "$dir.build/make.log"
    fail_setup "building gpio-sim.ko failed (log: $dir.build/make.log)"
  fi
  mkdir -p "$dir" && cp "$dir.build/gpio-sim.ko" "$gpio_sim_ko" && rm -rf "$dir.build"
  echo "  built $gpio_sim_ko in $((SECONDS - t)) s ($(modinfo -F vermagic "$gpio_sim_ko"))"
}

publish_service() {
  step "3. Publish kws-edge (scripts/publish.sh --rid linux-x64 --mode $publish_mode)"
  local t=$SECONDS
  "$root/scripts/publish.sh" --rid linux-x64 --mode "$publish_mode" --out "$work/publish" 2>&1 | sed 's/^/  /'
  ((PIPESTATUS[0] == 0)) || fail_setup "scripts/publish.sh failed"
  publish="$work/publish/linux-x64"
  echo "  published in $((SECONDS - t)) s"
}

# The initramfs: busybox, the modules that mount the host's root over 9p with an overlay, and guest-init.sh.
build_initrd() {
  local dir="$work/initrd" module
  rm -rf "$dir" && mkdir -p "$dir/bin" "$dir/modules"
  cp /bin/busybox "$dir/bin/busybox"
  cp "$here/guest-init.sh" "$dir/init"
  for module in virtio_pci 9pnet_virtio 9p overlay; do
    modprobe --show-depends -S "$kver" "$module" | awk '$1 == "insmod" { print $2 }'
  done | awk '!seen[$0]++' | while read -r module; do
    cp "$module" "$dir/modules/" && basename "$module" >> "$dir/modules.list"
  done
  [[ -s "$dir/modules.list" ]] || fail_setup "no 9p/virtio/overlay modules found for $kver"
  (cd "$dir" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initrd.img" || fail_setup "making the initramfs failed"
  echo "  initramfs: busybox and $(wc -l < "$dir/modules.list") modules ($(tr '\n' ' ' < "$dir/modules.list"))"
}

# The guest's systemd units (installed by guest-init.sh) and the test's settings.
write_guest_files() {
  mkdir -p "$work/guest"
  cat > "$work/guest/params.env" <<ENV
REPO='$root'
RESULTS='$results'
PUBLISH='$publish'
GPIO_SIM_KO='$work/gpio-sim.ko'
YES_LINE=17
NO_LINE=27
ON_MS=1000
LATENCY_S=2
STALL_WAIT_S=45
HOLD_S=25
ENV
  cp "$gpio_sim_ko" "$work/gpio-sim.ko"
  cat > "$work/guest/kws-system-test.target" <<UNIT
[Unit]
Description=kws-edge system test
Requires=basic.target kws-system-test.service
After=basic.target
AllowIsolate=yes
UNIT
  cat > "$work/guest/kws-system-test.service" <<UNIT
[Unit]
Description=kws-edge system test (guest side)
After=basic.target systemd-udevd.service

[Service]
Type=oneshot
ExecStart=$here/guest-test.sh $work/guest/params.env
ExecStopPost=/bin/systemctl poweroff --no-block
StandardOutput=journal
StandardError=journal
UNIT
}

# show_progress PID: prints the guest's messages as they come until PID ends, each step with the host's clock
# (the guest's own clock runs slower while it computes: -icount).
show_progress() {
  tail -n +1 --pid="$1" -F "$results/progress.log" 2>/dev/null | while IFS= read -r line; do
    [[ "$line" == "== "* ]] && line="== [system test, $((SECONDS - started)) s, in the VM] ${line#== }"
    printf '%s\n' "$line"
  done
}

run_vm() {
  step "4. Boot Debian's kernel $kver under qemu (TCG) with systemd as PID 1 (at most $vm_timeout s)"
  rm -rf "$results" && mkdir -p "$results" && : > "$results/progress.log"
  local t=$SECONDS rc vm
  # -icount: the guest's clock advances 2^shift ns per instruction while it computes (and with the real clock while
  # it idles), so the guest sees a CPU of fixed speed (1 GHz-like at shift 0) whatever the host's load: the service
  # keeps up with real-time audio in the guest's time, which is the time it, aplay, the LEDs and systemd all share.
  timeout "$vm_timeout" qemu-system-x86_64 -machine q35 -cpu "$vm_cpu" -smp 1 -m "$memory" -accel tcg \
    -icount "shift=$icount_shift,sleep=on" \
    -display none -monitor none -no-reboot -serial "file:$work/console.log" \
    -kernel "/boot/vmlinuz-$kver" -initrd "$work/initrd.img" \
    -append "console=ttyS0 rdinit=/init panic=-1 loglevel=4 systemd.unit=kws-system-test.target kws_repo=$root kws_work=$work" \
    -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap" \
    -virtfs "local,path=$results,mount_tag=results,security_model=none" \
    -device virtio-rng-pci -nic none &
  vm=$!
  vm_pid=$vm
  show_progress "$vm"
  wait "$vm"
  rc=$?
  vm_pid=""
  if ((rc == 124)); then
    echo "FAIL VM: still running after $vm_timeout s; stopped"
    vm_failed=1
  elif ((rc != 0)); then
    echo "FAIL VM: qemu exited with $rc"
    vm_failed=1
  fi
  echo "  the VM ran $((SECONDS - t)) s"
}

report() {
  step "Results"
  local passed failed skipped
  [[ -f "$results/checks.log" ]] || echo "FAIL guest: no checks.log came back from the VM" >> "$results/checks.log"
  ((vm_failed == 0)) || echo "FAIL VM: did not finish cleanly (see above)" >> "$results/checks.log"
  grep -q "^FAIL\|^PASS" "$results/checks.log" || echo "FAIL guest: no check ran" >> "$results/checks.log"
  # Checks written before the guest script stopped early must not pass the run on their own.
  [[ -f "$results/finished" ]] || echo "FAIL guest: the test script stopped before its end (its progress above shows where)" >> "$results/checks.log"
  cat "$results/checks.log"
  passed=$(grep -c '^PASS' "$results/checks.log")
  failed=$(grep -c '^FAIL' "$results/checks.log")
  skipped=$(grep -c '^SKIP' "$results/checks.log")
  if ((failed > 0)); then
    if [[ -s "$results/journal.txt" ]]; then
      echo ""
      echo "-- the tail of the guest's journal ($results/journal.txt):"
      tail -n 60 "$results/journal.txt"
    else
      echo ""
      echo "-- no journal came back; the tail of the guest's console ($work/console.log):"
      tail -n 40 "$work/console.log" | sed 's/\x1b\[[0-9;]*[A-Za-z]//g'
    fi
    keep=1
  fi
  echo ""
  echo "took $((SECONDS - started)) s in all; files in $work$( ((keep)) || echo " (removed; --keep keeps them)")"
  ((keep)) || rm -rf "$work/publish" "$work/initrd" "$work/initrd.img"
  summary "$passed" "$failed" "$skipped"
  ((failed == 0))
}

vm_failed=0
vm_pid=""
# Stopped from outside (test.sh's time limit, Ctrl-C): take the VM down too.
trap '[[ -n "$vm_pid" ]] && kill "$vm_pid" 2>/dev/null' EXIT
trap 'echo "system test: stopped by a signal"; exit 143' TERM INT
check_host
mkdir -p "$work"
install_packages
build_gpio_sim
publish_service
build_initrd
write_guest_files
run_vm
report
