package export

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/tollgate-dev/tollgate/policy"
)

// launch is how an approved server is run: a command for a local server, a
// URL for a remote one.
type launch struct {
	command []string
	url     string
	sse     bool
}

// launchOf derives how to run an approved entry, pinned to the first exact
// version, digest or tag it allows, or says why it cannot: an entry named
// only by patterns, or one that allows every version (an export never
// writes an unpinned server).
func launchOf(a *policy.Approved) (launch, string) {
	switch {
	case a.URL != "":
		if strings.Contains(a.URL, "*") {
			return launch{}, "its URL is a pattern, not one server"
		}
		return launch{url: a.URL, sse: len(a.Transports) == 1 && a.Transports[0] == "sse"}, ""
	case len(a.Command) > 0:
		for _, w := range a.Command {
			if strings.Contains(w, "*") {
				return launch{}, "its command is a pattern, not one server"
			}
		}
		return launch{command: a.Command}, ""
	case a.Package != nil:
		if strings.Contains(a.Package.Name, "*") {
			return launch{}, "its package name is a pattern, not one server"
		}
		v := firstExact(a.Package.Versions)
		if v == "" {
			return launch{}, "it allows every version of " + a.Package.Name + ": list the versions to pin"
		}
		switch a.Package.Ecosystem {
		case "npm":
			return launch{command: []string{"npx", "-y", a.Package.Name + "@" + v}}, ""
		case "pypi":
			return launch{command: []string{"uvx", a.Package.Name + "==" + v}}, ""
		case "go":
			return launch{command: []string{"go", "run", a.Package.Name + "@" + v}}, ""
		}
		return launch{}, fmt.Sprintf("there is no standard launcher for %s packages", a.Package.Ecosystem)
	case a.Image != nil:
		ref, why := imageRef(a.Image)
		if ref == "" {
			return launch{}, why
		}
		return launch{command: []string{"docker", "run", "-i", "--rm", ref}}, ""
	}
	return launch{}, "only its name identifies it: there is nothing to run"
}

// imageRef is the image pinned to its first allowed digest, else tag.
func imageRef(img *policy.Image) (string, string) {
	if strings.Contains(img.Name, "*") {
		return "", "its image name is a pattern, not one image"
	}
	switch {
	case len(img.Digests) > 0:
		return img.Name + "@" + img.Digests[0], ""
	case firstExact(img.Tags) != "":
		return img.Name + ":" + firstExact(img.Tags), ""
	}
	return "", "it allows every digest of " + img.Name + ": list the digests to pin"
}

// firstExact returns the first entry that is not a pattern.
func firstExact(list []string) string {
	for _, s := range list {
		if !strings.Contains(s, "*") {
			return s
		}
	}
	return ""
}

// exactTools are the tool names of an entry that are not patterns.
func exactTools(tools []string) []string {
	var out []string
	for _, t := range tools {
		if !strings.Contains(t, "*") {
			out = append(out, t)
		}
	}
	return out
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// safeName turns an entry's name into one products accept as an
// identifier: letters, digits, '-' and '_'.
func safeName(key string) string {
	s := strings.Trim(unsafeName.ReplaceAllString(key, "-"), "-")
	if s == "" {
		return "server"
	}
	return s
}
