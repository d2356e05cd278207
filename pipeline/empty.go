package pipeline

import (
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
)

// FilesRead counts the files a bundle records: one source subject for every
// file collection considered, whether it could be read or not.
func FilesRead(b *evidence.Bundle) int {
	n := 0
	for _, s := range b.Subjects {
		if s.Metadata().Kind == evidence.KindSource {
			n++
		}
	}
	return n
}

// CheckCollected returns an *EmptyError saying why when collecting req was
// asked to read files (paths or per-user configs) and found none: an
// assessment of nothing passes every gate, so a mistyped path or an
// --include that matches nothing must not look like success.
func CheckCollected(b *evidence.Bundle, req collectors.Request) error {
	if FilesRead(b) > 0 || (len(req.Paths) == 0 && !req.ClientConfigs.UserConfigs) {
		return nil // files were read, or none were asked for (a probe alone)
	}
	var where []string
	if len(req.Paths) > 0 {
		where = append(where, "under "+strings.Join(req.Paths, ", "))
	}
	if req.ClientConfigs.UserConfigs {
		where = append(where, "in this machine's per-user client configs")
	}
	msg := "read no files: found nothing Tollgate recognises (MCP client configs, server.json, MCPB manifests, …) " + strings.Join(where, " or ")
	var globs []string
	for _, g := range req.Include {
		globs = append(globs, fmt.Sprintf("--include %q", g))
	}
	for _, g := range req.Exclude {
		globs = append(globs, fmt.Sprintf("--exclude %q", g))
	}
	if len(globs) > 0 {
		msg += " that " + strings.Join(globs, " and ") + " let through"
	}
	return &EmptyError{Reason: msg}
}

// CheckBundleRead is CheckCollected for bundles collected elsewhere (b is
// what was read from dirs): it fails when they record nothing at all, no
// file and no probed endpoint.
func CheckBundleRead(b *evidence.Bundle, dirs ...string) error {
	if len(b.Subjects) > 0 {
		return nil
	}
	if len(dirs) == 1 {
		return &EmptyError{Reason: fmt.Sprintf("read no files: the bundle %s records nothing", dirs[0])}
	}
	return &EmptyError{Reason: fmt.Sprintf("read no files: the bundles %s record nothing", strings.Join(dirs, ", "))}
}

// EmptyError is the error of a run that read no file.
type EmptyError struct {
	// Reason says what was looked for and where.
	Reason string
}

func (e *EmptyError) Error() string {
	return e.Reason + "; check the paths and globs, or pass --allow-empty to accept an empty result"
}
