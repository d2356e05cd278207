// Package version carries Tollgate's version, set at build time with
// -ldflags "-X github.com/tollgate-dev/tollgate/internal/version.Version=v1.2.3".
package version

import "runtime/debug"

// devVersion is the version of a build that was not stamped.
const devVersion = "0.1.0-dev"

// Version is the release version: stamped into release builds, else the
// module version 'go install …@v1.2.3' records, else devVersion.
var Version = devVersion

func init() {
	if Version != devVersion {
		return
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		Version = info.Main.Version
	}
}

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
