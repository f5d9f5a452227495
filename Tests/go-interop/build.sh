#!/usr/bin/env bash
# Builds the Go checker (main.go) offline into $1, from Debian's golang.org/x/mod sources
# (golang-golang-x-mod-dev): a scratch module with a vendor folder linking to them; nothing is
# fetched (GOPROXY=off). See README.md.
set -euo pipefail
out="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/vendor/golang.org/x"
cp "$here/main.go" "$here/go.mod" "$work/src/"
ln -s /usr/share/gocode/src/golang.org/x/mod "$work/src/vendor/golang.org/x/mod"
printf '# golang.org/x/mod v0.7.0\n## explicit; go 1.17\ngolang.org/x/mod/sumdb/note\ngolang.org/x/mod/sumdb/tlog\n' > "$work/src/vendor/modules.txt"
cd "$work/src"
env -i PATH=/usr/bin:/bin HOME="$work" GOFLAGS=-mod=vendor GOPROXY=off GO111MODULE=on GOTOOLCHAIN=local CGO_ENABLED=0 \
  GOCACHE="$work/gocache" GOPATH="$work/gopath" go build -o "$out" .
