#!/usr/bin/env bash
# Removes what scripts/install.sh installed. Keeps /etc/kws-edge (the settings) unless --purge, and the system
# user kws-edge only with --keep-user. Idempotent: removing what is already gone is not an error.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: sudo uninstall.sh [--prefix DIR] [--purge] [--keep-user] [--root DIR] [--help]

  --prefix DIR   where the program was installed (default /opt/kws-edge)
  --purge        also remove /etc/kws-edge (the settings)
  --keep-user    keep the system user kws-edge (and its group)
  --root DIR     uninstall from DIR as if it were / (as install.sh --root): no systemctl, no userdel
Stops and disables kws-edge, removes /etc/systemd/system/kws-edge.service, the program folder, and the udev
rule 60-kws-edge-gpiochip.rules when install.sh wrote it. The groups audio and gpio are left alone.
USAGE
}

prefix="/opt/kws-edge"
purge=0
keep_user=0
root=""
need_value() { [[ $# -ge 2 && -n "$2" ]] || { echo "error: $1 needs a value (see --help)" >&2; exit 2; }; }
while (($#)); do
  case "$1" in
    --help | -h) usage; exit 0 ;;
    --prefix) need_value "$@"; prefix="$2"; shift 2 ;;
    --root) need_value "$@"; root="$2"; shift 2 ;;
    --purge) purge=1; shift ;;
    --keep-user) keep_user=1; shift ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$prefix" == /* && "$prefix" != "/" ]] || { echo "error: --prefix must be an absolute path other than /, got '$prefix'" >&2; exit 2; }
prefix="${prefix%/}"
if [[ -n "$root" ]]; then
  [[ -d "$root" ]] || { echo "error: --root '$root' does not exist" >&2; exit 2; }
  root="$(cd "$root" && pwd)"
  [[ "$root" != "/" ]] || root=""
fi
if [[ -z "$root" && $(id -u) -ne 0 ]]; then
  echo "error: uninstall.sh changes the system: run it as root (sudo), or give --root DIR" >&2
  exit 1
fi

say() { echo "  $*"; }
echo "Uninstalling kws-edge${root:+ from root $root}"
unit="$root/etc/systemd/system/kws-edge.service"
if [[ -z "$root" && -d /run/systemd/system ]]; then
  if systemctl list-unit-files kws-edge.service >/dev/null 2>&1 && [[ -f "$unit" ]]; then
    systemctl disable --now kws-edge >/dev/null 2>&1 || true
    say "stopped and disabled kws-edge"
  fi
fi
if [[ -f "$unit" ]]; then
  rm -f "$unit"
  say "removed $unit"
fi
if [[ -d "$root/etc/systemd/system/kws-edge.service.d" ]]; then
  say "left the drop-in folder $root/etc/systemd/system/kws-edge.service.d (your local changes)"
fi
[[ -z "$root" && -d /run/systemd/system ]] && systemctl daemon-reload

rule="$root/etc/udev/rules.d/60-kws-edge-gpiochip.rules"
if [[ -f "$rule" ]]; then
  if grep -q "installed by kws-edge install.sh" "$rule"; then
    rm -f "$rule"
    say "removed $rule"
    [[ -z "$root" ]] && command -v udevadm >/dev/null && [[ -d /run/udev ]] && { udevadm control --reload-rules || true; }
  else
    say "left $rule: install.sh did not write it"
  fi
fi

if [[ -d "$root$prefix" ]]; then
  [[ -f "$root$prefix/kws-edge" || -f "$root$prefix/kws-edge.dll" ]] || {
    echo "error: $root$prefix does not look like a kws-edge installation (no kws-edge in it); not removing it" >&2; exit 1; }
  rm -rf "$root$prefix"
  say "removed $root$prefix"
fi

if [[ $purge -eq 1 ]]; then
  if [[ -d "$root/etc/kws-edge" ]]; then
    rm -rf "$root/etc/kws-edge"
    say "removed $root/etc/kws-edge (--purge)"
  fi
elif [[ -d "$root/etc/kws-edge" ]]; then
  say "kept $root/etc/kws-edge (your settings; --purge removes it)"
fi

if [[ -n "$root" ]]; then
  say "skipped under --root: removing the system user kws-edge"
elif [[ $keep_user -eq 1 ]]; then
  say "kept the system user kws-edge (--keep-user)"
elif id kws-edge >/dev/null 2>&1; then
  userdel kws-edge
  getent group kws-edge >/dev/null && groupdel kws-edge 2>/dev/null || true
  say "removed the system user kws-edge"
fi
echo "Done."
