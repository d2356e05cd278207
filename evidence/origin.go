package evidence

import (
	"fmt"
	"path"
	"strings"
)

// MaxOriginLength bounds an origin label.
const MaxOriginLength = 200

// ValidOrigin checks an origin label: one or more slash-separated segments
// of letters, digits and . _ - @ + (a host name such as laptop-7, or a
// repository such as github.com/acme/payments-api), at most MaxOriginLength
// bytes, no segment "." or "..", so that it can stand at the head of a path.
func ValidOrigin(origin string) error {
	if origin == "" {
		return fmt.Errorf("origin: empty")
	}
	if len(origin) > MaxOriginLength {
		return fmt.Errorf("origin %.40q…: longer than %d bytes", origin, MaxOriginLength)
	}
	for _, seg := range strings.Split(origin, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("origin %q: want slash-separated names without empty, \".\" or \"..\" parts", origin)
		}
		for _, c := range seg {
			if !originChar(c) {
				return fmt.Errorf("origin %q: %q is not allowed (letters, digits, . _ - @ + and /)", origin, c)
			}
		}
	}
	return nil
}

func originChar(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("._-@+", c)
}

// SanitizeOrigin turns any text into a valid origin label (or "" when
// nothing is left): characters that are not allowed become "-", empty, "."
// and ".." segments are dropped.
func SanitizeOrigin(s string) string {
	var segs []string
	for _, seg := range strings.Split(s, "/") {
		seg = strings.Map(func(c rune) rune {
			if originChar(c) {
				return c
			}
			return '-'
		}, seg)
		if seg != "" && seg != "." && seg != ".." {
			segs = append(segs, seg)
		}
	}
	out := strings.Join(segs, "/")
	if len(out) > MaxOriginLength {
		out = strings.TrimRight(out[:MaxOriginLength], "/")
	}
	return out
}

// QualifyPath puts a path under an origin: "laptop-7" and ".cursor/mcp.json"
// give "laptop-7/.cursor/mcp.json", as if the origin were a folder above the
// scan root. A leading slash of an absolute path is dropped.
func QualifyPath(origin, p string) string {
	if p == "" {
		return origin
	}
	return origin + "/" + strings.TrimPrefix(p, "/")
}

// QualifyID qualifies a subject ID (kind:origin#name, see MakeID) by a
// bundle origin: "server:.cursor/mcp.json#github" becomes
// "server:laptop-7/.cursor/mcp.json#github".
func QualifyID(origin, id string) string {
	kind, rest, ok := strings.Cut(id, ":")
	if !ok {
		return QualifyPath(origin, id)
	}
	return kind + ":" + QualifyPath(origin, rest)
}

// Qualify rewrites a subject as if its bundle's scan root were a folder
// named origin: its ID and links, its file, and (for sources) its name and
// the files of its diagnostics.
func Qualify(s Subject, origin string) {
	m := s.Metadata()
	oldFile := m.Provenance.File
	m.ID = QualifyID(origin, m.ID)
	for i, l := range m.Links {
		m.Links[i] = QualifyID(origin, l)
	}
	if oldFile != "" {
		m.Provenance.File = QualifyPath(origin, oldFile)
	}
	switch v := s.(type) {
	case *Source:
		if oldFile != "" && v.Name == oldFile {
			v.Name = m.Provenance.File
		}
		for i, d := range v.Diagnostics {
			if d.File != "" {
				v.Diagnostics[i].File = QualifyPath(origin, d.File)
			}
		}
	case *Gateway:
		for i, id := range v.Servers {
			v.Servers[i] = QualifyID(origin, id)
		}
	}
}

// qualifyBundlePath moves a bundle path (artifacts/<path>) under an origin.
func qualifyBundlePath(origin, p string) string {
	rest := strings.TrimPrefix(p, ArtifactsDir+"/")
	return path.Join(ArtifactsDir, QualifyPath(origin, rest))
}
