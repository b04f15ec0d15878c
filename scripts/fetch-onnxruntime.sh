#!/usr/bin/env bash
# Puts libonnxruntime.so.1 (ONNX Runtime 1.30.0, CPU) for linux-x64 and linux-arm64 into a cache outside the repo.
# Source: the npm package onnxruntime-node@1.30.0, which carries both builds (no node is needed at run time).
# The build copies the matching library next to each program from this cache (see Kws.Onnx/Kws.Onnx.csproj).
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/fetch-onnxruntime.sh [--help]

Downloads onnxruntime-node@\$ORT_VERSION with 'npm pack' and unpacks its Linux libraries into
  \${KWS_CACHE_DIR:-\$HOME/.cache/kws}/onnxruntime/\$ORT_VERSION/<rid>/libonnxruntime.so.1
for rid in linux-x64 and linux-arm64. Does nothing when both are already there.
Needs npm (Debian: apt-get install npm). ORT_VERSION defaults to 1.30.0.
On a Jetson, use a CUDA build of ONNX Runtime instead: point the setting Model:OnnxRuntimePath
(or the variable KWS_ONNXRUNTIME_PATH) at its libonnxruntime.so.
USAGE
}
[[ "${1:-}" == "--help" || "${1:-}" == "-h" ]] && { usage; exit 0; }

ORT_VERSION="${ORT_VERSION:-1.30.0}"
cache="${KWS_CACHE_DIR:-$HOME/.cache/kws}/onnxruntime/$ORT_VERSION"
if [[ -f "$cache/linux-x64/libonnxruntime.so.1" && -f "$cache/linux-arm64/libonnxruntime.so.1" ]]; then
  echo "ONNX Runtime $ORT_VERSION already in $cache"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is needed to fetch ONNX Runtime (Debian: sudo apt-get install npm)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "Fetching onnxruntime-node@$ORT_VERSION with npm pack ..."
(cd "$work" && npm pack --silent "onnxruntime-node@$ORT_VERSION" >/dev/null 2>"$work/npm.log") || {
  cat "$work/npm.log" >&2; echo "error: npm pack onnxruntime-node@$ORT_VERSION failed" >&2; exit 1; }
tar -xzf "$work"/onnxruntime-node-*.tgz -C "$work" \
  package/bin/napi-v6/linux/x64/libonnxruntime.so.1 package/bin/napi-v6/linux/arm64/libonnxruntime.so.1
for arch in x64 arm64; do
  mkdir -p "$cache/linux-$arch"
  install -m 0644 "$work/package/bin/napi-v6/linux/$arch/libonnxruntime.so.1" "$cache/linux-$arch/libonnxruntime.so.1"
done
echo "ONNX Runtime $ORT_VERSION placed in $cache"
