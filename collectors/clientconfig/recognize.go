package clientconfig

import (
	"path"
	"strings"
)

// recognition is what looking at one file found.
type recognition struct {
	// f is the client format, or nil.
	f format
	// named is true when the path alone matched a format (weakly or strongly).
	named bool
	// unsupported is set for MCP files other collectors read.
	unsupported *family
	// syntax is the syntax the file was parsed as.
	syntax syntaxFamily
	// parsed reports whether a parse was attempted.
	parsed   bool
	root     *node
	leniency jsonLeniency
	perr     *parseError
}

// syntaxOfPath returns the syntax a file extension implies.
func syntaxOfPath(p string) (syntaxFamily, bool) {
	switch strings.ToLower(path.Ext(p)) {
	case ".json", ".jsonc":
		return syntaxJSON, true
	case ".yaml", ".yml":
		return syntaxYAML, true
	case ".toml":
		return syntaxTOML, true
	}
	return 0, false
}

// nameCandidates returns the format the path names strongly (if any) and
// the formats it names weakly.
func nameCandidates(p string) (strong format, weak []format) {
	for _, f := range formats {
		switch f.MatchName(p) {
		case nameStrong:
			if strong == nil {
				strong = f
			}
		case nameWeak:
			weak = append(weak, f)
		}
	}
	return strong, weak
}

// mayConsider reports whether a walked file is worth reading: its name
// matches a format, or its extension is one a configuration may have.
func mayConsider(p string) bool {
	if _, ok := syntaxOfPath(p); ok {
		return true
	}
	strong, weak := nameCandidates(p)
	return strong != nil || len(weak) > 0
}

// recognize decides what a file is, by name and by content. p is the
// provenance path, strong and weak its nameCandidates; data has no
// byte-order mark.
func recognize(p string, strong format, weak []format, data []byte, li lineIndex) recognition {
	var r recognition
	r.named = strong != nil || len(weak) > 0
	syn, ok := syntaxOfPath(p)
	switch {
	case strong != nil:
		syn, _ = strong.Syntax()
	case !ok && len(weak) > 0:
		syn, _ = weak[0].Syntax()
	case !ok:
		return r
	}
	r.syntax, r.parsed = syn, true
	switch syn {
	case syntaxJSON:
		r.root, r.leniency, r.perr = parseJSON(data, li)
	case syntaxYAML:
		r.root, r.perr = parseYAML(data)
	case syntaxTOML:
		r.root, r.perr = parseTOML(data, li)
	}
	if strong != nil {
		r.f = strong
		return r
	}
	if r.perr == nil {
		for _, f := range weak {
			if fs, _ := f.Syntax(); fs == syn && f.MatchContent(r.root, true) {
				r.f = f
				return r
			}
		}
		for _, f := range formats {
			if fs, _ := f.Syntax(); fs == syn && f.MatchContent(r.root, false) {
				r.f = f
				return r
			}
		}
	}
	r.unsupported = recognizeUnsupported(p, data)
	return r
}
