#!/usr/bin/env bash
# Provision the pinned Pulumi CLI and a Node.js language host for offline use.
#
# Uses a `pulumi` already on PATH when its version matches the pin and a language host is next
# to it. Otherwise builds, into .tools/pulumi/bin (git-ignored):
#   - pulumi                         the CLI, github.com/pulumi/pulumi/pkg/v3 from the Go module proxy
#   - pulumi-language-nodejs         our own minimal host (scripts/langhost); the official one
#                                    is not served by the module proxy
#   - pulumi-resource-pulumi-nodejs  the dynamic-provider shim copied from node_modules/@pulumi/pulumi
# Safe to re-run: finished binaries are kept. Progress goes to stderr; the last stdout line is
# the bin folder, e.g. PATH="$(bash scripts/install-pulumi.sh | tail -1):$PATH".
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.259.0}"
want="${PULUMI_VERSION#v}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/pulumi"
bin="$tools/bin"
hostsrc="$root/scripts/langhost"
log() { echo "[install-pulumi] $*" >&2; }
die() { echo "[install-pulumi] error: $*" >&2; exit 1; }

install_shim() {
  local src="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ -f "$src" ]; then
    cp "$src" "$bin/pulumi-resource-pulumi-nodejs"
    chmod +x "$bin/pulumi-resource-pulumi-nodejs"
  else
    log "warning: $src is missing (run npm ci first): dynamic resources will not work"
  fi
}

require_go() {
  command -v go >/dev/null 2>&1 || die "no Go toolchain on PATH, so $1 cannot be built here.
  Install Go >= 1.25.11 (https://go.dev/dl/) and re-run. With internet access you can instead
  install the Pulumi CLI $PULUMI_VERSION the usual way (https://www.pulumi.com/docs/install/)
  and put it on PATH."
  if [ "$(go env GOPROXY)" = "off" ]; then
    log "warning: GOPROXY=off: only modules already in the module cache can be used"
  fi
}

proxy_failed() {
  die "$1 failed (see the Go output above). Building needs the Go module proxy
  ($(go env GOPROXY)) or a module cache that already holds Pulumi $PULUMI_VERSION and its
  dependencies. With internet access you can instead install the Pulumi CLI $PULUMI_VERSION the
  usual way (https://www.pulumi.com/docs/install/) and put it on PATH."
}

# Go must not switch toolchains on its own: that would be another download through the proxy.
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

build_cli() {
  if [ -x "$bin/pulumi" ] && [ "$("$bin/pulumi" version 2>/dev/null | tr -d 'v')" = "$want" ]; then
    log "pulumi $want already built"
    return
  fi
  require_go "the Pulumi CLI"
  # pkg/v3 has replace directives, so `go install pkg@version` is refused; building it as a
  # dependency of a throwaway wrapper module works because dependency replaces are ignored.
  local work="$tools/build"
  mkdir -p "$work"
  (
    cd "$work"
    export GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod"
    [ -f go.mod ] || go mod init local/pulumibuild >/dev/null 2>&1
    if ! grep -q "github.com/pulumi/pulumi/pkg/v3 $PULUMI_VERSION\$" go.mod; then
      log "resolving github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION from the Go module proxy"
      go get "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" || proxy_failed "go get pkg/v3@$PULUMI_VERSION"
    fi
    printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' > tools.go
    log "building pulumi $want (about 5 minutes on a cold cache)"
    local start=$SECONDS
    go build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
      -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi || proxy_failed "building the Pulumi CLI"
    log "built pulumi $("$bin/pulumi" version) in $(( SECONDS - start ))s"
  )
}

build_host() {
  local out="$bin/pulumi-language-nodejs" stamp="$bin/.pulumi-language-nodejs.version"
  if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] \
     && [ -z "$(find "$hostsrc" -newer "$out" \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) -print -quit)" ]; then
    log "pulumi-language-nodejs is up to date"
    return
  fi
  require_go "the Node.js language host"
  log "building pulumi-language-nodejs from scripts/langhost"
  (
    cd "$hostsrc"
    # go.sum is committed: never rewrite it from here.
    GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=readonly" go build -trimpath \
      -ldflags "-s -w -X main.version=$want" -o "$out" . || proxy_failed "building scripts/langhost"
  )
  echo "$want" > "$stamp"
}

if command -v pulumi >/dev/null 2>&1 && [ "$(command -v pulumi)" != "$bin/pulumi" ]; then
  have="$(pulumi version 2>/dev/null | tr -d 'v' || true)"
  if [ "$have" = "$want" ] && command -v pulumi-language-nodejs >/dev/null 2>&1; then
    log "using pulumi $have from PATH"
    dirname "$(command -v pulumi)"
    exit 0
  fi
fi

mkdir -p "$bin"
build_cli
build_host
install_shim
echo "$bin"
