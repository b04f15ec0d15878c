# shellcheck shell=bash
# Sourced by the scripts that run dotnet. kws_use_dotnet finds a .NET 10 SDK and makes it the one on PATH
# (with DOTNET_ROOT); it looks, in this order, at the dotnet on PATH, $DOTNET_ROOT, ~/.dotnet (where
# scripts/install-deps.sh puts the SDK), the invoking user's ~/.dotnet under sudo, /usr/share/dotnet and
# /usr/lib/dotnet. Another major version (an 8.0 SDK from the distribution, say) does not count: global.json asks for
# 10.0. Returns 1 with a message on standard error when there is none; kws_has_dotnet_sdk is the quiet test.

kws_dotnet_candidates() {
  local d home
  if command -v dotnet >/dev/null 2>&1; then
    d="$(readlink -f "$(command -v dotnet)")"
    echo "${d%/*}"
  fi
  [[ -n "${DOTNET_ROOT:-}" ]] && echo "$DOTNET_ROOT"
  echo "$HOME/.dotnet"
  if [[ -n "${SUDO_USER:-}" ]]; then
    home="$(getent passwd "$SUDO_USER" | cut -d: -f6)"
    [[ -n "$home" ]] && echo "$home/.dotnet"
  fi
  echo /usr/share/dotnet
  echo /usr/lib/dotnet
}

# Prints the folder of the first dotnet that has a 10.x SDK; nothing (status 1) when there is none.
kws_dotnet_sdk_dir() {
  local d
  while IFS= read -r d; do
    if [[ -x "$d/dotnet" ]] && "$d/dotnet" --list-sdks 2>/dev/null | grep -q '^10\.'; then
      echo "$d"
      return 0
    fi
  done < <(kws_dotnet_candidates)
  return 1
}

kws_has_dotnet_sdk() { kws_dotnet_sdk_dir >/dev/null; }

kws_use_dotnet() {
  local d
  if ! d="$(kws_dotnet_sdk_dir)"; then
    echo "error: no .NET 10 SDK found (looked at the dotnet on PATH, \$DOTNET_ROOT, ~/.dotnet, /usr/share/dotnet and" \
      "/usr/lib/dotnet); scripts/install-deps.sh installs one into ~/.dotnet" >&2
    return 1
  fi
  export PATH="$d:$PATH" DOTNET_ROOT="$d"
  # The SDK needs ICU unless told otherwise; the programs it builds run invariant anyway (Directory.Build.props).
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
}
