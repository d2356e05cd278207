package clientconfig

import (
	"path"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// format reads one client's configuration file (or one manifest type).
type format interface {
	// ID identifies the format, e.g. "cursor/mcp.json".
	ID() string
	// Client is the client the format belongs to.
	Client() string
	// Syntax is the file syntax; dialect is how leniently JSON is read.
	Syntax() (postree.Syntax, postree.Dialect)
	// MatchName reports how strongly path (slash-separated, relative to the
	// scan root or home-relative) identifies the format: files.Strong for
	// the format's own file name, files.Weak for a generic name the format
	// uses, files.None otherwise (the analyzer adds files.Content for paths
	// in the format's syntax).
	MatchName(path string) files.Strength
	// MatchContent reports whether a parsed document has the format's shape.
	// byName is true when the path already matched weakly or strongly;
	// formats whose shape is shared by several clients only claim a document
	// by content when byName is true.
	MatchContent(root *postree.Node, byName bool) bool
	// Parse reads the servers the document declares.
	Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic)
}

// formats lists every format in recognition order: more specific first.
var formats = []format{
	claudeDesktop{},
	claudeCodeUser{},
	claudeCodeManaged{},
	claudeCodeSettings{},
	claudeCodeProject{},
	cursorFormat{},
	cursorPermissions{},
	cursorCLI{},
	vscodeMCP{},
	vscodeSettings{},
	windsurfFormat{client: "antigravity"},
	windsurfFormat{client: "windsurf"},
	clineFormat{},
	continueYAML{},
	continueJSON{},
	zedFormat{},
	geminiFormat{},
	geminiTrustedFolders{},
	codexFormat{},
	registryFormat{},
	mcpbFormat{},
	genericFormat{},
}

// pattern is a file name pattern: an optional directory suffix and a base
// name glob. It matches real paths (".../.cursor/mcp.json") and the
// flattened names of copied files ("owner__repo__.cursor_mcp.json"), where
// each "/" became "_".
type pattern struct {
	dir  string // e.g. ".cursor"; "" matches any directory
	base string // e.g. "mcp.json" or "*.yaml"
}

// match reports whether p (slash-separated) matches the pattern.
func (pt pattern) match(p string) bool {
	dir, base := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	if globMatch(pt.base, base) {
		if pt.dir == "" || dir == pt.dir || strings.HasSuffix(dir, "/"+pt.dir) {
			return true
		}
	}
	// Flattened form: the base name ends with "<dir>_<base>" (each "/" of
	// dir written "_"), preceded by the start of the name or "_".
	for i := 0; i < len(base); i++ {
		if i > 0 && base[i-1] != '_' {
			continue
		}
		rest := base[i:]
		if pt.dir != "" {
			n, ok := flatPrefix(rest, pt.dir)
			if !ok {
				continue
			}
			rest = rest[n:]
		} else if i > 0 && strings.Contains(pt.base, "*") {
			// A bare glob ("*.yaml") only matches the whole base name.
			break
		}
		if globMatch(pt.base, rest) {
			return true
		}
	}
	return false
}

// flatPrefix reports whether s starts with dir flattened ("/" written "_")
// and followed by "_", and how long that prefix is.
func flatPrefix(s, dir string) (int, bool) {
	if len(s) <= len(dir) || s[len(dir)] != '_' {
		return 0, false
	}
	for i := 0; i < len(dir); i++ {
		c := dir[i]
		if c == '/' {
			c = '_'
		}
		if s[i] != c {
			return 0, false
		}
	}
	return len(dir) + 1, true
}

// matchAny returns the strength of the first pattern list that matches.
func matchAny(p string, strong, weak []pattern) files.Strength {
	for _, pt := range strong {
		if pt.match(p) {
			return files.Strong
		}
	}
	for _, pt := range weak {
		if pt.match(p) {
			return files.Weak
		}
	}
	return files.None
}

// globMatch is path.Match that reports a malformed pattern as no match. A
// pattern without a meta character (most are a file's name) matches only
// itself, and is compared as such.
func globMatch(pattern, name string) bool {
	if !strings.ContainsAny(pattern, `*?[\`) {
		return pattern == name
	}
	ok, _ := path.Match(pattern, name)
	return ok
}

// pathHas reports whether any directory or name segment of p contains sub
// (case-insensitive).
func pathHas(p, sub string) bool {
	return strings.Contains(strings.ToLower(p), strings.ToLower(sub))
}
