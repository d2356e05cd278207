package secrets

import (
	"regexp"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

// reference is one reference form found inside a value.
type reference struct {
	start, end int
	// kind is the evidence Value kind the client resolves it to; empty when
	// the client does not expand this form.
	kind string
	// name is the referenced variable, input, secret or config key.
	name string
	// fallback is the literal default of ${VAR:-default}, when expanded.
	fallback string
}

// expanded reports whether the client resolves the reference at run time.
func (r reference) expanded() bool { return r.kind != "" }

var (
	reContinue = regexp.MustCompile(`\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_.\-/]+)\s*\}\}`)
	reBrace    = regexp.MustCompile(`\$\{([^{}\s]{1,200})\}`)
	reBare     = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	rePercent  = regexp.MustCompile(`%([A-Za-z_][A-Za-z0-9_()]*)%`)
	reParen    = regexp.MustCompile(`\$\(([A-Za-z_][A-Za-z0-9_]*)\)`)
	reDeckEnv  = regexp.MustCompile(`\$\{\{\s*env\s+"([A-Za-z_][A-Za-z0-9_]*)"\s*\}\}`)
	reVault    = regexp.MustCompile(`\{vault://([A-Za-z0-9_.\-]+/[^{}\s]+)\}`)
	reVarName  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	reUpperVar = regexp.MustCompile(`^[A-Z_][A-Z0-9_]+$`)
)

// mcpbVariables are the substitutions MCPB performs besides ${user_config.*}.
var mcpbVariables = map[string]bool{
	"__dirname": true, "HOME": true, "DESKTOP": true, "DOCUMENTS": true,
	"DOWNLOADS": true, "pathSeparator": true, "/": true,
}

// editorVariables are the predefined variables Cursor and VS Code expand.
var editorVariables = map[string]bool{
	"workspaceFolder": true, "workspaceFolderBasename": true, "userHome": true,
	"pathSeparator": true, "/": true, "cwd": true, "workspaceRoot": true,
}

// findReferences returns every reference form in s, in order, with the kind
// the client resolves it to (or none, when the client passes it literally).
func findReferences(s string, syn Syntax) []reference {
	vault := strings.Contains(s, "{vault://")
	if !vault && !strings.ContainsAny(s, "$%") {
		return nil
	}
	var refs []reference
	taken := make([]bool, len(s)+1)
	mark := func(a, b int) {
		for i := a; i < b; i++ {
			taken[i] = true
		}
	}
	// Kong's forms: decK's environment template and vault references.
	for _, form := range []struct {
		re       *regexp.Regexp
		present  bool
		expanded bool
		kind     string
	}{
		{reDeckEnv, true, syn.DeckEnv, evidence.ValueEnvReference},
		{reVault, vault, syn.KongVault, evidence.ValueSecretReference},
	} {
		if !form.present {
			continue
		}
		for _, m := range form.re.FindAllStringSubmatchIndex(s, -1) {
			r := reference{start: m[0], end: m[1], name: s[m[2]:m[3]]}
			if form.expanded {
				r.kind = form.kind
			}
			refs = append(refs, r)
			mark(m[0], m[1])
		}
	}
	for _, m := range reContinue.FindAllStringSubmatchIndex(s, -1) {
		if taken[m[0]] {
			continue
		}
		ns, name := s[m[2]:m[3]], s[m[4]:m[5]]
		r := reference{start: m[0], end: m[1], name: name}
		if syn.ContinueSecrets {
			switch ns {
			case "secrets":
				r.kind = evidence.ValueSecretReference
			case "inputs":
				r.kind = evidence.ValueInputReference
			default:
				r.kind = evidence.ValueConfigReference
			}
		}
		refs = append(refs, r)
		mark(m[0], m[1])
	}
	if syn.DollarParen {
		for _, m := range reParen.FindAllStringSubmatchIndex(s, -1) {
			if m[0] > 0 && s[m[0]-1] == '$' {
				continue // $$(VAR) is an escaped, literal $(VAR)
			}
			refs = append(refs, reference{start: m[0], end: m[1], name: s[m[2]:m[3]], kind: evidence.ValueEnvReference})
			mark(m[0], m[1])
		}
	}
	for _, m := range reBrace.FindAllStringSubmatchIndex(s, -1) {
		if taken[m[0]] {
			continue
		}
		r := braceReference(s[m[2]:m[3]], syn)
		r.start, r.end = m[0], m[1]
		refs = append(refs, r)
		mark(m[0], m[1])
	}
	for _, m := range reBare.FindAllStringSubmatchIndex(s, -1) {
		if taken[m[0]] || (m[0] > 0 && isWordByte(s[m[0]-1])) {
			continue
		}
		name := s[m[2]:m[3]]
		r := reference{start: m[0], end: m[1], name: name}
		if syn.DollarBare {
			r.kind = evidence.ValueEnvReference
		} else if !reUpperVar.MatchString(name) {
			continue // "pa$word": not a reference form at all
		}
		refs = append(refs, r)
		mark(m[0], m[1])
	}
	for _, m := range rePercent.FindAllStringSubmatchIndex(s, -1) {
		if taken[m[0]] {
			continue
		}
		refs = append(refs, reference{start: m[0], end: m[1], name: s[m[2]:m[3]]})
	}
	sortReferences(refs)
	return refs
}

// braceReference interprets the inside of ${…}.
func braceReference(inner string, syn Syntax) reference {
	r := reference{name: inner}
	if syn.Terraform {
		r.kind = evidence.ValueConfigReference
		return r
	}
	if prefix, rest, ok := strings.Cut(inner, ":"); ok && reVarName.MatchString(prefix) && !strings.HasPrefix(rest, "-") {
		r.name = rest
		switch {
		case prefix == "env" && syn.EnvColon:
			r.kind = evidence.ValueEnvReference
		case prefix == "input" && syn.Input:
			r.kind = evidence.ValueInputReference
		case prefix == "file" && syn.FileRef:
			r.kind = evidence.ValueSecretReference
		case prefix == "workspaceFolder" && syn.Predefined:
			r.kind = evidence.ValueConfigReference
		}
		return r
	}
	if name, ok := strings.CutPrefix(inner, "user_config."); ok {
		r.name = name
		if syn.UserConfig {
			r.kind = evidence.ValueConfigReference
		}
		return r
	}
	if syn.UserConfig && mcpbVariables[inner] {
		r.kind = evidence.ValueConfigReference
		return r
	}
	if syn.Predefined && editorVariables[inner] {
		r.kind = evidence.ValueConfigReference
		return r
	}
	name, fallback, hasDefault := strings.Cut(inner, ":-")
	if reVarName.MatchString(name) {
		r.name = name
		if syn.DollarBrace || syn.DollarBare {
			r.kind = evidence.ValueEnvReference
			if hasDefault {
				r.fallback = fallback
			}
		}
	}
	return r
}

func sortReferences(refs []reference) {
	for i := 1; i < len(refs); i++ {
		for j := i; j > 0 && refs[j].start < refs[j-1].start; j-- {
			refs[j], refs[j-1] = refs[j-1], refs[j]
		}
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// literalRemainder returns s with every expanded reference replaced by a
// space (or by its literal default), leaving the text the client passes on
// as written.
func literalRemainder(s string, refs []reference) string {
	var b strings.Builder
	last := 0
	for _, r := range refs {
		if !r.expanded() || r.start < last {
			continue
		}
		b.WriteString(s[last:r.start])
		b.WriteByte(' ')
		if r.fallback != "" {
			b.WriteString(r.fallback)
			b.WriteByte(' ')
		}
		last = r.end
	}
	b.WriteString(s[last:])
	return b.String()
}
