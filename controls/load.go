package controls

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"
	"github.com/tollgate-dev/tollgate/internal/diag"
)

//go:embed builtin/*.hcl
var builtinFS embed.FS

// Builtin loads the catalog shipped with Tollgate: the MCP risk taxonomy and
// the built-in controls.
func Builtin() (*Catalog, error) {
	sub, err := fs.Sub(builtinFS, "builtin")
	if err != nil {
		return nil, fmt.Errorf("built-in catalog: %w", err)
	}
	cat, err := load(sub, "builtin", true)
	if err != nil {
		return nil, fmt.Errorf("built-in catalog: %w", err)
	}
	merged, err := Merge(cat)
	if err != nil {
		return nil, fmt.Errorf("built-in catalog: %w", err)
	}
	return merged, nil
}

// LoadDir loads a user's catalog from every *.hcl file under dir. Problems
// name files by their path joined to dir. Risk references are resolved by
// Merge, since a custom control may name a built-in risk.
func LoadDir(dir string) (*Catalog, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("catalog %s: not a directory", dir)
	}
	return load(os.DirFS(dir), filepath.ToSlash(filepath.Clean(dir)), false)
}

// Load loads every *.hcl file in fsys (recursively) as one catalog. It
// checks each control and risk on its own and IDs for duplicates; Merge
// resolves risk references across catalogs. All problems are returned
// together as Errors.
func Load(fsys fs.FS, builtin bool) (*Catalog, error) {
	return load(fsys, "", builtin)
}

// load reads the catalog; prefix is joined to file names in problems.
func load(fsys fs.FS, prefix string, builtin bool) (*Catalog, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(p) == ".hcl" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", prefix, err)
	}
	sort.Strings(files)
	var (
		ps  diag.Collector
		cat = &Catalog{}
		ctx = cuecontext.New()
	)
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("catalog: %w", err)
		}
		name := f
		if prefix != "" {
			name = path.Join(prefix, f)
		}
		risks, ctls := parseFile(name, src, builtin, &ps)
		cat.Risks = append(cat.Risks, risks...)
		for _, pc := range ctls {
			compile := func(src string) error {
				_, err := compileSnippet(ctx, src)
				return err
			}
			if !builtin {
				compile = boundedCompile(CustomLimits)
			}
			if validateControl(compile, pc, &ps) {
				cat.Controls = append(cat.Controls, pc.Control)
			}
		}
	}
	checkDuplicates(cat, &ps)
	if err := ps.Err(); err != nil {
		return nil, err
	}
	cat.sort()
	return cat, nil
}

// checkDuplicates reports control and risk IDs defined twice in one catalog.
// Unknown risks are left to Merge, which sees every catalog.
func checkDuplicates(cat *Catalog, ps *diag.Collector) {
	seenC := map[string]*Control{}
	for _, c := range cat.Controls {
		if prev, dup := seenC[c.ID]; dup {
			ps.Addf(c.File, c.Line, "control %q is already defined at %s:%d", c.ID, prev.File, prev.Line)
			continue
		}
		seenC[c.ID] = c
	}
	seenR := map[string]Risk{}
	for _, r := range cat.Risks {
		if prev, dup := seenR[r.ID]; dup {
			ps.Addf(r.File, r.Line, "risk %q is already defined at %s:%d", r.ID, prev.File, prev.Line)
			continue
		}
		seenR[r.ID] = r
	}
}

// exceededError is the compile error of a snippet that exceeded a limit.
type exceededError struct{ msg string }

func (e *exceededError) Error() string { return e.msg }

// boundedCompile returns a compiler for the snippets of custom controls:
// each is at most lim.SourceSize bytes and compiles in a CUE context of its
// own within lim's time and memory, since compiling evaluates what does not
// depend on the subject.
func boundedCompile(lim Limits) func(string) error {
	return func(src string) error {
		if lim.SourceSize > 0 && len(src) > lim.SourceSize {
			return &exceededError{fmt.Sprintf("its CUE is %d bytes, over the limit of %d for custom controls", len(src), lim.SourceSize)}
		}
		var err error
		exceeded, p := lim.run(func() { _, err = compileSnippet(cuecontext.New(), src) })
		switch {
		case exceeded != "":
			return &exceededError{fmt.Sprintf("compiling it exceeded the limit of %s for custom controls; simplify its CUE (for example, no nested comprehensions over long lists)", exceeded)}
		case p != nil:
			return fmt.Errorf("compiling failed: %v", p)
		}
		return err
	}
}

// validateControl compiles a control's CUE with compile, checks that the
// fields it names exist in the evidence schema and parses its message
// template, recording problems at the file lines they come from.
func validateControl(compile func(string) error, pc *parsedControl, ps *diag.Collector) bool {
	ok := true
	for _, s := range []struct {
		name string
		sn   snippet
	}{{"when", pc.when}, {"check", pc.check}} {
		if s.sn.src == "" {
			continue
		}
		err := compile(s.sn.src)
		var ex *exceededError
		if errors.As(err, &ex) {
			ps.Addf(pc.File, s.sn.line, "control %q: %s: %v", pc.ID, s.name, err)
			ok = false
			continue
		}
		if err == nil {
			ok = checkFieldNames(pc, s.name, s.sn.src, ps) && ok
			continue
		}
		ok = false
		errs := cueerrors.Errors(err)
		if len(errs) == 0 {
			ps.Addf(pc.File, s.sn.line, "control %q: %s: %v", pc.ID, s.name, err)
		}
		for _, e := range errs {
			line := s.sn.line
			for _, p := range cueerrors.Positions(e) {
				if p.IsValid() && p.Line() > 0 {
					line = s.sn.line + p.Line() - 1
					break
				}
			}
			ps.Addf(pc.File, line, "control %q: %s: %s", pc.ID, s.name, cueMessage(e))
		}
	}
	for _, t := range []struct {
		name, text string
		line       int
	}{{"message", pc.Message, pc.messageLine}, {"credit", pc.Credit, pc.creditLine}} {
		if t.text == "" {
			continue
		}
		if _, err := newTemplate(pc.ID, t.text); err != nil {
			ok = false
			ps.Addf(pc.File, t.line, "control %q: %s: %v", pc.ID, t.name, err)
		}
	}
	return ok
}

// checkFieldNames reports, at the control's line, every field path a
// compiled when or check snippet names that subjects of the control's kind
// do not have. CUE fills in absent fields, so a misspelt name would
// otherwise make a check vacuous. It reports whether there was no problem.
func checkFieldNames(pc *parsedControl, name, src string, ps *diag.Collector) bool {
	n, _, err := namedPaths(src)
	if err != nil {
		ps.Addf(pc.File, pc.Line, "control %q: %s: %v", pc.ID, name, err)
		return false
	}
	schemas, err := subjectSchemas()
	if err != nil {
		ps.Addf(pc.File, pc.Line, "control %q: %s: %v", pc.ID, name, err)
		return false
	}
	unknown := unknownFields(n, schemas[pc.Subject])
	for _, u := range unknown {
		ps.Addf(pc.File, pc.Line, "control %q: %s refers to %s", pc.ID, name, u.describe(pc.Subject))
	}
	return len(unknown) == 0
}

// cueMessage renders a CUE error without its position.
func cueMessage(e cueerrors.Error) string {
	format, args := e.Msg()
	msg := fmt.Sprintf(format, args...)
	if p := e.Path(); len(p) > 0 {
		msg = pathString(p) + ": " + msg
	}
	return msg
}

// CheckCustom validates a control made outside a catalog file, such as a
// requirement of an organisation policy: its when and check compile within
// CustomLimits and name only fields its subject kind has. Problems are
// located at the control's file and line.
func CheckCustom(c *Control) error {
	var ps diag.Collector
	pc := &parsedControl{Control: c, when: snippet{src: c.When, line: c.Line}, check: snippet{src: c.Check, line: c.Line}}
	validateControl(boundedCompile(CustomLimits), pc, &ps)
	return ps.Err()
}
