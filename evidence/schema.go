package evidence

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"
)

// SchemaCUE is the CUE schema of the evidence model: one closed definition
// per subject kind (#Server, #Source, #Gateway, #Workload, #Endpoint, #Tool)
// and the shared ones they use (#Provenance, #Value, #Launch, #Remote, …).
//
//go:embed schema.cue
var SchemaCUE string

// schema is the compiled schema. A cue.Context is not safe for concurrent
// use, so every use holds mu.
var schema struct {
	once sync.Once
	mu   sync.Mutex
	ctx  *cue.Context
	defs map[Kind]cue.Value
	err  error
}

// definitionFor names the CUE definition of each subject kind.
var definitionFor = map[Kind]string{
	KindServer: "#Server", KindGateway: "#Gateway", KindWorkload: "#Workload",
	KindEndpoint: "#Endpoint", KindTool: "#Tool", KindSource: "#Source", KindClient: "#Client",
}

func loadSchema() {
	schema.ctx = cuecontext.New()
	v := schema.ctx.CompileString(SchemaCUE, cue.Filename("evidence/schema.cue"))
	if err := v.Err(); err != nil {
		schema.err = fmt.Errorf("compile evidence schema: %w", err)
		return
	}
	schema.defs = map[Kind]cue.Value{}
	for kind, name := range definitionFor {
		def := v.LookupPath(cue.ParsePath(name))
		if err := def.Err(); err != nil {
			schema.err = fmt.Errorf("evidence schema %s: %w", name, err)
			return
		}
		schema.defs[kind] = def
	}
}

// ValidateSubject checks a subject's JSON encoding against the evidence
// schema. The error lists every violation with its CUE path, e.g.
// "server github: launch.runner: 2 errors in empty disjunction…".
// It is safe for concurrent use.
func ValidateSubject(s Subject) error {
	if s == nil {
		return fmt.Errorf("validate subject: nil subject")
	}
	m := s.Metadata()
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("validate %s %q: encode: %w", m.Kind, m.Name, err)
	}
	schema.once.Do(loadSchema)
	if schema.err != nil {
		return schema.err
	}
	def, ok := schema.defs[m.Kind]
	if !ok {
		return fmt.Errorf("validate subject %q: unknown kind %q", m.Name, m.Kind)
	}
	schema.mu.Lock()
	defer schema.mu.Unlock()
	v := schema.ctx.CompileBytes(data, cue.Filename(string(m.Kind)+".json"))
	if err := v.Err(); err != nil {
		return fmt.Errorf("validate %s %q: %w", m.Kind, m.Name, err)
	}
	if err := def.Unify(v).Validate(cue.Concrete(true)); err != nil {
		return fmt.Errorf("validate %s %q: %s", m.Kind, m.Name, describeCUE(err))
	}
	return nil
}

// reConflict matches CUE's message for one failed disjunct.
var reConflict = regexp.MustCompile(`^conflicting values (.+) and (.+)$`)

// reInvalid matches CUE's bound violation, whose value is dropped: a value
// that fails the schema may be a secret that escaped redaction.
var reInvalid = regexp.MustCompile(`^invalid value .* \(out of bound (.*)\)$`)

// describeCUE renders CUE errors as "path: message" lines (the path is the
// subject's JSON path), sorted and deduplicated; the failed alternatives of
// an enum become one "value is not one of a | b" line.
func describeCUE(err error) string {
	type group struct {
		msgs    []string
		allowed []string
		got     string
	}
	groups := map[string]*group{}
	for _, e := range cueerrors.Errors(err) {
		path := e.Path()
		if len(path) > 0 && strings.HasPrefix(path[0], "#") {
			path = path[1:]
		}
		p := strings.Join(path, ".")
		if p == "" {
			p = "(subject)"
		}
		g := groups[p]
		if g == nil {
			g = &group{}
			groups[p] = g
		}
		format, args := e.Msg()
		msg := fmt.Sprintf(format, args...)
		if m := reConflict.FindStringSubmatch(msg); m != nil {
			g.allowed = append(g.allowed, m[1])
			g.got = m[2]
			continue
		}
		if m := reInvalid.FindStringSubmatch(msg); m != nil {
			msg = "value out of bound " + m[1]
		}
		if strings.Contains(msg, "errors in empty disjunction") {
			continue
		}
		g.msgs = append(g.msgs, msg)
	}
	var lines []string
	for p, g := range groups {
		if len(g.allowed) == 1 && len(g.msgs) == 0 {
			g.msgs = append(g.msgs, fmt.Sprintf("conflicting values %s and %s", g.allowed[0], g.got))
		} else if len(g.allowed) > 1 {
			sort.Strings(g.allowed)
			g.msgs = append(g.msgs, fmt.Sprintf("%s is not one of %s", g.got, strings.Join(g.allowed, " | ")))
		}
		for _, m := range g.msgs {
			lines = append(lines, p+": "+m)
		}
	}
	if len(lines) == 0 {
		return err.Error()
	}
	sort.Strings(lines)
	return strings.Join(lines, "; ")
}
