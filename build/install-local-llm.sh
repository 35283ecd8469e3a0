#!/usr/bin/env bash
# Installs node-llama-cpp with its CPU-only llama.cpp build (~85 MB, against ~700 MB with the GPU builds)
# into node_modules/.cache/aura-local-llm, apart from the app's own dependencies: the local-gguf tests
# find it there, and so does the app when AURA_NODE_LLAMA_CPP_DIR names that folder.
# The GPU builds are optional dependencies of node-llama-cpp, so --omit=optional drops them, and the CPU
# prebuilt for this platform (also optional) is named explicitly. No install script runs: the prebuilt
# binaries ship in the npm package, and nothing is downloaded or compiled.
set -euo pipefail
cd "$(dirname "$0")/.."

version=3.22.1
dir="${AURA_NODE_LLAMA_CPP_DIR:-node_modules/.cache/aura-local-llm}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  Darwin-arm64) platform=mac-arm64-metal ;;
  Darwin-x86_64) platform=mac-x64 ;;
  *) echo "install-local-llm: no node-llama-cpp prebuilt for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

installed="$dir/node_modules/node-llama-cpp/package.json"
if [ -f "$installed" ] && [ -d "$dir/node_modules/@node-llama-cpp/$platform" ] && grep -q "\"version\": \"$version\"" "$installed"; then
  echo "node-llama-cpp $version ($platform) is already in $dir"
  exit 0
fi

mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{ "private": true }' >"$dir/package.json"
npm install --prefix "$dir" --no-audit --no-fund --omit=optional --ignore-scripts \
  "node-llama-cpp@$version" "@node-llama-cpp/$platform@$version"
echo "node-llama-cpp $version ($platform) installed in $dir ($(du -sh "$dir" | cut -f1))"
