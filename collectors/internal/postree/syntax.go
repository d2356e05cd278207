package postree

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// Syntax is the syntax a file is written in.
type Syntax uint8

// The syntaxes postree parses.
const (
	JSON Syntax = iota
	YAML
	TOML
)

// String names the syntax as messages do.
func (s Syntax) String() string {
	switch s {
	case YAML:
		return "YAML"
	case TOML:
		return "TOML"
	}
	return "JSON"
}

// SyntaxOfPath returns the syntax a file extension implies; ok is false for
// other extensions.
func SyntaxOfPath(p string) (s Syntax, ok bool) {
	switch strings.ToLower(path.Ext(p)) {
	case ".json", ".jsonc":
		return JSON, true
	case ".yaml", ".yml":
		return YAML, true
	case ".toml":
		return TOML, true
	}
	return 0, false
}

// MaxNesting bounds how deeply arrays, objects and keys may nest before a
// document is rejected; real configurations nest a handful of levels.
const MaxNesting = 512

// SyntaxError is a syntax error (or a use of a syntax extension) at a
// position. Msg never quotes more than a few characters of the document.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
	}
	return e.Msg
}

// before reports whether a is positioned before b.
func (e *SyntaxError) before(b *SyntaxError) bool {
	return e.Line < b.Line || (e.Line == b.Line && e.Col < b.Col)
}

// QuoteKey quotes a member name for a message, unless the name itself looks
// like a credential, and bounds its length.
func QuoteKey(key string) string {
	if ok, _ := secrets.LooksSecret("", key); ok {
		return "(a key that looks like a secret)"
	}
	if len(key) > 24 {
		key = key[:24] + "…"
	}
	return strconv.Quote(key)
}
