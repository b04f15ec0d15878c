# Installs Debian packages for the check scripts (system-test.sh, arm64-check.sh), as root. Source it, then:
#   kws_apt_install LOG PACKAGE...   installs those of PACKAGE not installed yet (apt-get update once per shell
#                                     first); apt-get's output goes to LOG, whose tail is printed on failure
# Returns non-zero when apt-get fails.

# kws_missing_packages PACKAGE...: prints those not installed, one a line.
kws_missing_packages() {
  local p
  for p in "$@"; do
    [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == "install ok installed" ]] || echo "$p"
  done
}

kws_apt_updated=0
kws_apt_install() {
  local log="$1" need
  shift
  mapfile -t need < <(kws_missing_packages "$@")
  ((${#need[@]})) || { echo "  installed already: $*"; return 0; }
  echo "  apt-get install ${need[*]}"
  if ((kws_apt_updated == 0)); then
    apt-get update -qq || return 1
    kws_apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" > "$log" 2>&1 ||
    { tail -20 "$log"; return 1; }
}
