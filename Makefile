# Conveniences around the go tool; 'go test ./...' and 'go run ./cmd/tollgate' need nothing else.

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X github.com/tollgate-dev/tollgate/internal/version.Version=$(VERSION)

.PHONY: build test release release-check

# build: a static binary for this machine, version stamped, in ./tollgate.
build:
	CGO_ENABLED=0 go build -trimpath -ldflags "$(LDFLAGS)" -o tollgate ./cmd/tollgate

test:
	go test ./...

# release: static binaries for linux, darwin and windows on amd64 and arm64, packed
# as dist/tollgate_VERSION_OS_ARCH.tar.gz (.zip for windows), with dist/SHA256SUMS.
release:
	go run ./tools/release -version $(VERSION) -out dist

# release-check: cross-compile every release target without packing, as CI does.
release-check:
	go run ./tools/release -build-only -version $(VERSION) -out dist
