#!/usr/bin/env bash
# Publishes kws-edge for linux-arm64 (Raspberry Pi, Jetson) and linux-x64, one folder per runtime identifier, ready for
# scripts/install.sh: self-contained (no .NET needed on the device) where the NuGet feed has the runtime pack,
# otherwise framework-dependent (the device needs the .NET 10 runtime; install.sh checks for it).
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/publish.sh [--rid linux-arm64|linux-x64]... [--out DIR] [--mode MODE] [--help]

Runs 'dotnet publish EdgeService -c Release -r RID --self-contained' for each RID (default: both) into
DIR/RID (default DIR: out/publish). --mode:
  self-contained        the .NET runtime goes with the program; the device needs nothing else
  framework-dependent   portable kws-edge.dll plus a 'kws-edge' launcher script; the device needs the
                        .NET 10 runtime ('dotnet'); for feeds without the RID's runtime pack
  auto (default)        self-contained, or framework-dependent (with a warning) when the NuGet feed lacks
                        Microsoft.NETCore.App.Runtime.RID
Each folder then holds:
  kws-edge              the program (not a single file, so native libraries sit next to it)
  libonnxruntime.so.1   ONNX Runtime for that architecture (from scripts/fetch-onnxruntime.sh's cache,
                        fetched first when it is missing)
  models/kws-yesno.onnx the default model;  models/kws-yesno-streaming.onnx  the low-power streaming one
  appsettings.json      the default settings
  kws-edge.service, install.sh, uninstall.sh, SYSTEMD.md   to install it on the device
The architecture of kws-edge and libonnxruntime.so.1 is checked (readelf) after each publish.
Then, on the device:  sudo ./install.sh   (in the copied folder), or  sudo scripts/install.sh --from DIR/RID
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rids=()
out="$root/out/publish"
mode=auto
while (($#)); do
  case "$1" in
    --help | -h) usage; exit 0 ;;
    --rid) [[ $# -ge 2 ]] || { echo "error: --rid needs a value (linux-arm64 or linux-x64)" >&2; exit 2; }; rids+=("$2"); shift 2 ;;
    --rid=*) rids+=("${1#--rid=}"); shift ;;
    --out) [[ $# -ge 2 ]] || { echo "error: --out needs a folder" >&2; exit 2; }; out="$2"; shift 2 ;;
    --out=*) out="${1#--out=}"; shift ;;
    --mode) [[ $# -ge 2 ]] || { echo "error: --mode needs a value" >&2; exit 2; }; mode="$2"; shift 2 ;;
    --mode=*) mode="${1#--mode=}"; shift ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
((${#rids[@]})) || rids=(linux-arm64 linux-x64)
case "$mode" in
  auto | self-contained | framework-dependent) ;;
  *) echo "error: --mode $mode is not one of auto, self-contained, framework-dependent" >&2; exit 2 ;;
esac
for rid in "${rids[@]}"; do
  case "$rid" in
    linux-arm64 | linux-x64) ;;
    *) echo "error: --rid $rid is not supported; use linux-arm64 or linux-x64" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# shellcheck source=lib/dotnet-env.sh
source "$root/scripts/lib/dotnet-env.sh"
kws_use_dotnet || exit 1
command -v readelf >/dev/null || { echo "error: readelf is needed to check the architecture (Debian: apt-get install binutils)" >&2; exit 1; }

cache="${KWS_CACHE_DIR:-$HOME/.cache/kws}/onnxruntime/${ORT_VERSION:-1.30.0}"
for rid in "${rids[@]}"; do
  [[ -f "$cache/$rid/libonnxruntime.so.1" ]] || { echo "ONNX Runtime for $rid is not in $cache: fetching it"; "$root/scripts/fetch-onnxruntime.sh"; }
done

# The ELF machine readelf names for each runtime identifier.
machine_of() { readelf -h "$1" 2>/dev/null | sed -n 's/^ *Machine: *//p'; }
expected_machine() { case "$1" in linux-arm64) echo "AArch64" ;; linux-x64) echo "Advanced Micro Devices X86-64" ;; esac; }

publish_self_contained() {
  dotnet publish "$root/EdgeService/EdgeService.csproj" -c Release -r "$1" --self-contained true \
    -p:PublishSingleFile=false -p:DisableTransitiveFrameworkReferenceDownloads=true -o "$2" -nologo -clp:ErrorsOnly
}

# Portable IL (no RID, so no runtime pack), ONNX Runtime of the target architecture, and a launcher that execs
# dotnet in the same process (systemd's main PID stays the program's).
publish_framework_dependent() {
  dotnet publish "$root/EdgeService/EdgeService.csproj" -c Release -p:UseAppHost=false -o "$2" -nologo -clp:ErrorsOnly
  install -m 0644 "$cache/$1/libonnxruntime.so.1" "$2/libonnxruntime.so.1"
  cat > "$2/kws-edge" <<'LAUNCHER'
#!/bin/sh
# kws-edge launcher (framework-dependent publish): runs kws-edge.dll with the .NET 10 runtime of this machine.
here="$(dirname "$(readlink -f "$0")")"
for d in "${DOTNET_ROOT:-}" /usr/share/dotnet /usr/lib/dotnet /opt/dotnet /usr/local/share/dotnet; do
  if [ -n "$d" ] && [ -x "$d/dotnet" ]; then exec "$d/dotnet" "$here/kws-edge.dll" "$@"; fi
done
if command -v dotnet >/dev/null 2>&1; then exec dotnet "$here/kws-edge.dll" "$@"; fi
echo "error: the .NET 10 runtime (dotnet) is not installed; install it, set DOTNET_ROOT, or publish self-contained" >&2
exit 127
LAUNCHER
  chmod 0755 "$2/kws-edge"
}

for rid in "${rids[@]}"; do
  dest="$out/$rid"
  rm -rf "$dest"
  kind="$mode"
  if [[ "$mode" != framework-dependent ]]; then
    echo "Publishing kws-edge for $rid (self-contained) into $dest ..."
    log="$(mktemp)"
    if publish_self_contained "$rid" "$dest" >"$log" 2>&1; then
      kind=self-contained
    elif [[ "$mode" == auto ]] && grep -q "NU1101.*Microsoft.NETCore.App.Runtime.$rid" "$log"; then
      echo "warning: the NuGet feed has no Microsoft.NETCore.App.Runtime.$rid: publishing framework-dependent instead" >&2
      echo "         (the device then needs the .NET 10 runtime; nuget.org has the pack)" >&2
      rm -rf "$dest"
      kind=framework-dependent
    else
      cat "$log" >&2; rm -f "$log"
      echo "error: dotnet publish for $rid failed" >&2
      exit 1
    fi
    rm -f "$log"
  fi
  if [[ "$kind" == framework-dependent ]]; then
    echo "Publishing kws-edge for $rid (framework-dependent) into $dest ..."
    publish_framework_dependent "$rid" "$dest"
  fi
  install -m 0644 "$root/systemd/kws-edge.service" "$dest/kws-edge.service"
  install -m 0755 "$root/scripts/install.sh" "$dest/install.sh"
  install -m 0755 "$root/scripts/uninstall.sh" "$dest/uninstall.sh"
  install -m 0644 "$root/docs/SYSTEMD.md" "$dest/SYSTEMD.md"

  want="$(expected_machine "$rid")"
  elf=(libonnxruntime.so.1)
  [[ "$kind" == self-contained ]] && elf+=(kws-edge libcoreclr.so)
  for f in "${elf[@]}"; do
    [[ -f "$dest/$f" ]] || { echo "error: $dest/$f is missing from the publish output" >&2; exit 1; }
    got="$(machine_of "$dest/$f")"
    [[ "$got" == "$want" ]] || { echo "error: $dest/$f is built for '$got', expected '$want' ($rid)" >&2; exit 1; }
  done
  for f in kws-edge kws-edge.dll models/kws-yesno.onnx models/kws-yesno-streaming.onnx appsettings.json; do
    [[ -f "$dest/$f" ]] || { echo "error: $dest/$f is missing from the publish output" >&2; exit 1; }
  done
  echo "  ok ($kind): ${elf[*]} built for $want; $(du -sh "$dest" | cut -f1) in all"
done
echo "Done. Copy a folder to the device and run 'sudo ./install.sh' in it (see SYSTEMD.md)."
