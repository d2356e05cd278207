// Package version carries Tollgate's version, set at build time with
// -ldflags "-X github.com/tollgate-dev/tollgate/internal/version.Version=v1.2.3".
package version

import "runtime/debug"

// Version is the release version; "dev" builds report the module version when known.
var Version = "0.1.0-dev"

// Commit returns the VCS revision the binary was built from, when recorded.
func Commit() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			return s.Value
		}
	}
	return ""
}
