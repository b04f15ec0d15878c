#!/usr/bin/env bash
# Installs kws-edge as a systemd service from a publish folder (scripts/publish.sh). Idempotent: a second run with
# the same files changes nothing; an existing /etc/kws-edge/appsettings.json is never overwritten.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: sudo install.sh [--from DIR] [--prefix DIR] [--config FILE] [--no-start] [--root DIR] [--help]

  --from DIR     the publish folder (default: this script's folder when it holds kws-edge, as in a copied
                 publish folder; else out/publish/<this machine's RID> in the repository)
  --prefix DIR   where the program goes (default /opt/kws-edge); the unit's paths follow it
  --config FILE  install FILE as /etc/kws-edge/appsettings.json (a different existing file is kept as
                 appsettings.json.previous); without it a commented-free default is written only if none exists
  --no-start     enable the service but do not start (or restart) it now
  --root DIR     install into DIR as if it were / (for images and tests): no user, group, udev reload or
                 systemctl; files are not chowned to kws-edge
What it does:
  1. system user kws-edge (no home, no login), in groups audio and gpio (gpio created if missing)
  2. udev rule /etc/udev/rules.d/60-kws-edge-gpiochip.rules giving /dev/gpiochip* to group gpio, only when no
     rule for SUBSYSTEM=="gpio" exists (Raspberry Pi OS has one)
  3. the program into PREFIX (files no longer in the publish folder are removed)
  4. /etc/kws-edge/appsettings.json (root:kws-edge, 0640) unless it exists
  5. /etc/systemd/system/kws-edge.service, daemon-reload, enable --now (restart when something changed)
Undo with uninstall.sh.
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
from=""
prefix="/opt/kws-edge"
config=""
start=1
root=""
need_value() { [[ $# -ge 2 && -n "$2" ]] || { echo "error: $1 needs a value (see --help)" >&2; exit 2; }; }
while (($#)); do
  case "$1" in
    --help | -h) usage; exit 0 ;;
    --from) need_value "$@"; from="$2"; shift 2 ;;
    --prefix) need_value "$@"; prefix="$2"; shift 2 ;;
    --config) need_value "$@"; config="$2"; shift 2 ;;
    --root) need_value "$@"; root="$2"; shift 2 ;;
    --no-start) start=0; shift ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

[[ "$prefix" == /* ]] || { echo "error: --prefix must be an absolute path, got '$prefix'" >&2; exit 2; }
# The unit takes the prefix unquoted (ExecStart=, WorkingDirectory=) and sed substitutes it: plain path characters only.
[[ "$prefix" =~ ^[A-Za-z0-9/._-]+$ ]] || { echo "error: --prefix may hold only letters, digits and / . _ -, got '$prefix'" >&2; exit 2; }
prefix="${prefix%/}"
if [[ -n "$root" ]]; then
  mkdir -p "$root"
  root="$(cd "$root" && pwd)"
  [[ "$root" != "/" ]] || root=""
fi
if [[ -z "$root" && $(id -u) -ne 0 ]]; then
  echo "error: install.sh changes the system: run it as root (sudo), or give --root DIR" >&2
  exit 1
fi

case "$(uname -m)" in
  aarch64 | arm64) host_rid=linux-arm64 ;;
  x86_64) host_rid=linux-x64 ;;
  *) host_rid="linux-$(uname -m)" ;;
esac
if [[ -z "$from" ]]; then
  if [[ -f "$here/kws-edge" ]]; then from="$here"; else from="$here/../out/publish/$host_rid"; fi
fi
[[ -d "$from" ]] || { echo "error: publish folder '$from' does not exist; run scripts/publish.sh first, or give --from DIR" >&2; exit 1; }
from="$(cd "$from" && pwd)"
[[ -f "$from/kws-edge" ]] || { echo "error: '$from' is not a publish folder: it has no kws-edge (run scripts/publish.sh)" >&2; exit 1; }
unit_src="$from/kws-edge.service"
[[ -f "$unit_src" ]] || unit_src="$here/../systemd/kws-edge.service"
[[ -f "$unit_src" ]] || { echo "error: kws-edge.service is neither in '$from' nor in the repository's systemd/ folder" >&2; exit 1; }
[[ -z "$config" || -f "$config" ]] || { echo "error: --config '$config' does not exist" >&2; exit 2; }

# An ELF program for another architecture would only fail at start: refuse it here (warn when building an image).
elf="$from/libonnxruntime.so.1"
[[ -f "$elf" ]] || elf="$from/kws-edge"
if command -v readelf >/dev/null && machine="$(readelf -h "$elf" 2>/dev/null | sed -n 's/^ *Machine: *//p')" && [[ -n "$machine" ]]; then
  case "$machine" in AArch64) bundle_rid=linux-arm64 ;; "Advanced Micro Devices X86-64") bundle_rid=linux-x64 ;; *) bundle_rid="$machine" ;; esac
  if [[ "$bundle_rid" != "$host_rid" ]]; then
    if [[ -z "$root" ]]; then
      echo "error: '$from' holds a $bundle_rid build but this machine is $host_rid; use scripts/publish.sh --rid $host_rid" >&2
      exit 1
    fi
    echo "warning: installing a $bundle_rid build on a $host_rid machine (into --root $root)" >&2
  fi
fi

# A framework-dependent bundle (publish.sh's fallback) runs on this machine's .NET 10 runtime, which the launcher
# looks for in system folders only (the unit hides /home): refuse to install a service that could not start.
if [[ -f "$from/kws-edge.dll" && ! -f "$from/libcoreclr.so" ]]; then
  runtime_found=0
  for d in /usr/share/dotnet /usr/lib/dotnet /opt/dotnet /usr/local/share/dotnet; do
    if [[ -x "$d/dotnet" ]] && "$d/dotnet" --list-runtimes 2>/dev/null | grep -q '^Microsoft.NETCore.App 10\.'; then runtime_found=1; fi
  done
  if ((!runtime_found)); then
    hint="install it system-wide: curl -sSL https://dot.net/v1/dotnet-install.sh | sudo bash -s -- --runtime dotnet --channel 10.0 --install-dir /usr/share/dotnet"
    if [[ -z "$root" ]]; then
      echo "error: '$from' is a framework-dependent build and this machine has no .NET 10 runtime in /usr/share/dotnet, /usr/lib/dotnet, /opt/dotnet or /usr/local/share/dotnet; $hint (or publish self-contained)" >&2
      exit 1
    fi
    echo "warning: '$from' is a framework-dependent build: the target needs the .NET 10 runtime; $hint" >&2
  fi
fi

changed=0
say() { echo "  $*"; }
# put SRC DEST MODE: copies when the content or mode differs; says what it did.
put() {
  local src="$1" dest="$2" mode="$3"
  if [[ -f "$dest" ]] && cmp -s "$src" "$dest" && [[ "$(stat -c %a "$dest")" == "${mode#0}" ]]; then
    return 0
  fi
  install -D -m "$mode" "$src" "$dest"
  changed=1
  say "wrote $dest"
}

echo "Installing kws-edge from $from${root:+ into root $root}"

# 1. User and groups.
if [[ -n "$root" ]]; then
  say "skipped under --root: system user kws-edge and groups audio, gpio (created on the device by a run without --root)"
else
  for group in audio gpio; do
    if ! getent group "$group" >/dev/null; then
      groupadd --system "$group"
      say "created group $group"
    fi
  done
  if ! id kws-edge >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      --comment "kws-edge keyword spotter" kws-edge
    say "created system user kws-edge"
  fi
  for group in audio gpio; do
    if ! id -nG kws-edge | tr ' ' '\n' | grep -qx "$group"; then
      usermod -aG "$group" kws-edge
      say "added kws-edge to group $group"
    fi
  done
fi

# 2. udev rule for the GPIO character devices, unless the distribution (or the admin) has one.
rule="$root/etc/udev/rules.d/60-kws-edge-gpiochip.rules"
rule_text='# installed by kws-edge install.sh: GPIO character devices for group gpio (uninstall.sh removes it)
SUBSYSTEM=="gpio", KERNEL=="gpiochip*", GROUP="gpio", MODE="0660"'
# Only a rule that gives the gpio subsystem's devices a group counts (one that merely exports /sys/class/gpio does not).
existing="$(grep -lsE '^[^#]*SUBSYSTEM=="gpio".*GROUP=' "$root"/etc/udev/rules.d/*.rules "$root"/usr/lib/udev/rules.d/*.rules "$root"/lib/udev/rules.d/*.rules 2>/dev/null | grep -v "/60-kws-edge-gpiochip.rules$" | head -1 || true)"
if [[ -n "$existing" ]]; then
  say "udev: the system already has a gpio rule ($existing); none installed"
elif [[ -f "$rule" ]] && [[ "$(cat "$rule")" == "$rule_text" ]]; then
  :
else
  mkdir -p "$(dirname "$rule")"
  printf '%s\n' "$rule_text" > "$rule"
  chmod 0644 "$rule"
  say "wrote $rule"
  if [[ -z "$root" ]] && command -v udevadm >/dev/null && [[ -d /run/udev ]]; then
    udevadm control --reload-rules && udevadm trigger --subsystem-match=gpio && udevadm settle || true
  fi
fi
if [[ -z "$root" ]]; then
  for chip in /dev/gpiochip*; do
    [[ -e "$chip" ]] || continue
    [[ "$(stat -c %G "$chip")" == gpio ]] || echo "warning: $chip belongs to group $(stat -c %G "$chip"), not gpio: the service cannot light LEDs on it (see docs/GPIO.md, Permissions)" >&2
  done
fi

# 3. The program: every file of the publish folder, and nothing else.
dest="$root$prefix"
mkdir -p "$dest"
while IFS= read -r -d '' f; do
  rel="${f#"$from"/}"
  mode=0644
  [[ -x "$f" ]] && mode=0755
  put "$f" "$dest/$rel" "$mode"
done < <(find "$from" -type f -print0 | sort -z)
while IFS= read -r -d '' f; do
  rel="${f#"$dest"/}"
  if [[ ! -e "$from/$rel" ]]; then
    rm -f "$f"
    changed=1
    say "removed $f (not in the publish folder)"
  fi
done < <(find "$dest" -type f -print0)
find "$dest" -mindepth 1 -type d -empty -delete

# 4. Settings: never overwrite the user's.
etc="$root/etc/kws-edge"
conf="$etc/appsettings.json"
mkdir -p "$etc"
chmod 0755 "$etc"
if [[ -n "$config" ]]; then
  if [[ -f "$conf" ]] && ! cmp -s "$config" "$conf"; then
    cp -p "$conf" "$conf.previous"
    say "kept the former settings as $conf.previous"
  fi
  put "$config" "$conf" 0640
elif [[ -f "$conf" ]]; then
  say "kept $conf (never overwritten; --config FILE replaces it)"
else
  cat > "$conf" <<'JSON'
{
  "Audio": {
    "Source": "portaudio",
    "Device": ""
  },
  "Leds": {
    "Chip": "auto"
  },
  "Stats": {
    "IntervalS": 60
  }
}
JSON
  chmod 0640 "$conf"
  changed=1
  say "wrote $conf (defaults; see the settings table in README.md)"
fi
[[ -n "$root" ]] || chgrp kws-edge "$conf"

# 5. The unit, with the paths of --prefix.
unit="$root/etc/systemd/system/kws-edge.service"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
sed "s#/opt/kws-edge#$prefix#g" "$unit_src" > "$tmp"
put "$tmp" "$unit" 0644

if [[ -n "$root" ]]; then
  say "skipped under --root: systemctl daemon-reload, enable, start"
elif [[ ! -d /run/systemd/system ]]; then
  say "systemd is not running here (not PID 1): skipped systemctl; enable later with: systemctl enable --now kws-edge"
else
  systemctl daemon-reload
  if [[ $start -eq 1 ]]; then
    if systemctl is-active --quiet kws-edge && [[ $changed -eq 1 ]]; then
      systemctl restart kws-edge
      say "restarted kws-edge"
    fi
    systemctl enable --now kws-edge
    say "kws-edge is enabled and started: systemctl status kws-edge; journalctl -u kws-edge -f"
  else
    systemctl enable kws-edge
    say "kws-edge is enabled (not started: --no-start); start it with: systemctl start kws-edge"
  fi
fi
if [[ $changed -eq 0 ]]; then echo "Nothing changed: kws-edge was already installed like this."; else echo "Done."; fi
