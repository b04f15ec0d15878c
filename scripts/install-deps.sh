#!/usr/bin/env bash
# Installs what building, testing and running need on Debian or Raspberry Pi OS:
# Debian packages, the .NET SDK when it is missing, and the ONNX Runtime native library (scripts/fetch-onnxruntime.sh).
# Idempotent: what is there already is left alone.
set -euo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  cat <<USAGE
Usage: scripts/install-deps.sh [--help]

Installs with apt-get (as root, or through sudo) the Debian packages the project uses:
  libportaudio2 alsa-utils   audio capture (PortAudio over ALSA)
  python3-onnx               independent checker of the ONNX files we write (tests)
  espeak-ng sox              synthetic speech and audio tools (test fixtures)
  gcc linux-libc-dev         GPIO header layout check (tests)
  systemd                    systemd-analyze, to verify the unit (tests)
  npm                        fetches ONNX Runtime's native library from the npm registry
then the .NET 10 SDK if 'dotnet' is missing, then ONNX Runtime into the cache.
USAGE
  exit 0
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packages=(libportaudio2 alsa-utils python3-onnx python3-numpy espeak-ng flite sox gcc libc6-dev linux-libc-dev systemd curl ca-certificates)
# npm may come from Debian or from NodeSource's nodejs (which conflicts with Debian's npm): only ask for it if absent.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  echo "Installing Debian packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# shellcheck source=lib/dotnet-env.sh
source "$here/lib/dotnet-env.sh"
if ! kws_has_dotnet_sdk; then
  echo "Installing the .NET 10 SDK into \$HOME/.dotnet (dotnet-install.sh) ..."
  curl -fsSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0 --install-dir "$HOME/.dotnet" >/dev/null
  kws_use_dotnet || exit 1
  echo "The .NET SDK is in \$HOME/.dotnet; the project's scripts find it there (for a shell: export PATH=\"\$HOME/.dotnet:\$PATH\")."
fi

"$here/fetch-onnxruntime.sh"
