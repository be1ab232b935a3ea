#!/usr/bin/env bash
# Provision the pinned Pulumi CLI and Node.js language host for offline use.
# Uses a `pulumi` already on PATH when its version matches the pin; otherwise builds both
# from the Go module proxy into .tools/pulumi/bin (git-ignored). Prints the bin folder last.
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.259.0}"
# pulumi-language-nodejs/v3 has no release tags on the proxy: only pseudo-versions of the
# commit tagged pkg/v3.259.0.
LANGUAGE_HOST_COMMIT="${LANGUAGE_HOST_COMMIT:-a05d88f24d05}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/pulumi"
bin="$tools/bin"
log() { echo "[install-pulumi] $*" >&2; }

install_shim() {
  local shim="$root/node_modules/@pulumi/pulumi/cmd/dynamic-provider/pulumi-resource-pulumi-nodejs"
  local src
  src="$(ls "$root"/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs 2>/dev/null || true)"
  [ -n "$src" ] || src="$shim"
  if [ -f "$src" ]; then
    cp "$src" "$bin/pulumi-resource-pulumi-nodejs" && chmod +x "$bin/pulumi-resource-pulumi-nodejs"
  else
    log "warning: @pulumi/pulumi is not installed yet (run npm ci): the dynamic-provider shim is missing"
  fi
}

want="${PULUMI_VERSION#v}"
if command -v pulumi >/dev/null 2>&1 && [ "$(command -v pulumi)" != "$bin/pulumi" ]; then
  have="$(pulumi version 2>/dev/null | tr -d 'v' || true)"
  if [ "$have" = "$want" ] && command -v pulumi-language-nodejs >/dev/null 2>&1; then
    log "using pulumi $have from PATH"
    dirname "$(command -v pulumi)"
    exit 0
  fi
fi

mkdir -p "$bin"
if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-nodejs" ] \
   && [ "$("$bin/pulumi" version 2>/dev/null | tr -d 'v')" = "$want" ]; then
  log "pulumi $want already built in $bin"
  install_shim
  echo "$bin"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
[install-pulumi] error: no Go toolchain on PATH, so the Pulumi CLI cannot be built here.
  Install Go >= 1.24 (https://go.dev/dl/), or install the Pulumi CLI $PULUMI_VERSION the usual way
  with internet access (https://www.pulumi.com/docs/install/) and put it on PATH.
MSG
  exit 1
fi

work="$tools/build"
mkdir -p "$work"
cd "$work"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
if [ ! -f go.mod ]; then
  go mod init local/pulumibuild >/dev/null 2>&1
fi
log "resolving github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION from the Go module proxy"
if ! go get "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" \
        "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION" \
        "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$LANGUAGE_HOST_COMMIT"; then
  cat >&2 <<MSG
[install-pulumi] error: the Go module proxy did not serve Pulumi $PULUMI_VERSION (see above).
  Without network access to the proxy the CLI cannot be built. With internet, install the Pulumi
  CLI $PULUMI_VERSION the usual way (https://www.pulumi.com/docs/install/) and put it on PATH.
MSG
  exit 1
fi
cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
	_ "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
)
GO
go mod tidy >/dev/null 2>&1 || true
log "building pulumi $PULUMI_VERSION and pulumi-language-nodejs (several minutes on a cold cache)"
start=$(date +%s)
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$bin/" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
  github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
log "built in $(( $(date +%s) - start ))s: $("$bin/pulumi" version)"
install_shim
echo "$bin"
