package policy

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/format"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/internal/diag"
)

// Bounds of what Load reads: a policy is a handful of small files.
const (
	// MaxFileSize is the largest policy file read.
	MaxFileSize = 1 << 20
	// MaxFiles is the most files one policy folder may hold.
	MaxFiles = 256
)

// schemaFile names the schema in positions and errors.
const schemaFile = "tollgate/policy/schema.cue"

// Load reads an organisation policy from path: every *.cue file of a folder
// (not of its subfolders), or one .cue file. The files are one CUE package;
// they are unified with #Policy, so a field the schema does not have is an
// error at its line, with the closest field it has. Requirements are checked
// like a custom control's CUE (they compile within bounds and name only
// fields their subject kind has) and against the kind's schema (they ask
// only for values such subjects can have). Every problem is returned at once, each
// at file:line.
//
// Files are read through their folder only: a symbolic link leading out of
// it, or anything but a regular file, is refused.
func Load(path string) (*Policy, error) {
	files, err := readFiles(path)
	if err != nil {
		return nil, err
	}
	return Parse(files)
}

// Parse reads a policy from its files' contents, as Load does once it has
// read them: the files are named in problems by their Path.
func Parse(files []File) (*Policy, error) {
	if len(files) == 0 {
		return nil, fmt.Errorf("policy: no files")
	}
	p, err := compile(files)
	if err != nil {
		return nil, err
	}
	p.Files = files
	return p, nil
}

// readFiles reads the policy's files, sorted by name.
func readFiles(path string) ([]File, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("policy %s: no such file or folder", path)
		}
		return nil, fmt.Errorf("policy: %w", err)
	}
	dir, names := filepath.Dir(path), []string{filepath.Base(path)}
	if info.IsDir() {
		dir, names = path, nil
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("policy: %w", err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".cue") && !e.IsDir() {
				names = append(names, e.Name())
			}
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("policy %s: the folder holds no .cue file", path)
		}
		if len(names) > MaxFiles {
			return nil, fmt.Errorf("policy %s: %d .cue files, more than the %d a policy may have", path, len(names), MaxFiles)
		}
	} else if !strings.HasSuffix(path, ".cue") {
		return nil, fmt.Errorf("policy %s: not a .cue file", path)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	defer root.Close()
	slices.Sort(names)
	out := make([]File, 0, len(names))
	for _, name := range names {
		display := name
		if info.IsDir() {
			display = filepath.Join(path, name)
		} else {
			display = path
		}
		data, err := readPolicyFile(root, name)
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", display, err)
		}
		sum := sha256.Sum256(data)
		out = append(out, File{Path: filepath.ToSlash(display), SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), Data: data})
	}
	return out, nil
}

// readPolicyFile reads one regular file of the policy's folder, at most
// MaxFileSize bytes.
func readPolicyFile(root *os.Root, name string) ([]byte, error) {
	info, err := root.Stat(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "escapes") {
			return nil, errors.New("a symbolic link leading out of the policy's folder")
		}
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("larger than %d KiB", MaxFileSize>>10)
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("larger than %d KiB", MaxFileSize>>10)
	}
	return data, nil
}

// compile parses, unifies, validates and decodes the policy's files within
// controls.CustomLimits: a policy is CUE that someone else may have written.
func compile(files []File) (*Policy, error) {
	var (
		p   *Policy
		err error
	)
	exceeded, panicked := controls.CustomLimits.Run(func() { p, err = compileUnbounded(files) })
	switch {
	case exceeded != "":
		return nil, fmt.Errorf("policy %s: evaluating it exceeded the limit of %s; simplify its CUE (for example, no comprehensions over long lists)", files[0].Path, exceeded)
	case panicked != nil:
		return nil, fmt.Errorf("policy %s: evaluating it failed: %v", files[0].Path, panicked)
	}
	return p, err
}

func compileUnbounded(files []File) (*Policy, error) {
	var ps diag.Collector
	inst := build.NewContext().NewInstance("", nil)
	pkg := ""
	for _, f := range files {
		syn, err := parser.ParseFile(f.Path, f.Data, parser.ParseComments)
		if err != nil {
			addCUEErrors(&ps, err)
			continue
		}
		name := syn.PackageName()
		if pkg == "" {
			pkg = name
		}
		if name != pkg {
			ps.Addf(f.Path, 1, "package %q, but %s is package %q: every file of a policy is one package", name, files[0].Path, pkg)
			continue
		}
		if err := inst.AddSyntax(syn); err != nil {
			ps.Addf(f.Path, 1, "%v", err)
		}
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	ctx := cuecontext.New()
	schema := ctx.CompileString(SchemaCUE, cue.Filename(schemaFile))
	if err := schema.Err(); err != nil {
		return nil, fmt.Errorf("policy schema: %w", err)
	}
	def := schema.LookupPath(cue.MakePath(cue.Def("#Policy")))
	user := ctx.BuildInstance(inst)
	if err := user.Err(); err != nil {
		addCUEErrors(&ps, err)
		return nil, ps.Err()
	}
	v := def.Unify(user)
	validate(def, v, user, &ps)
	if err := ps.Err(); err != nil {
		return nil, err
	}
	p := &Policy{}
	decode(v, user, p, &ps)
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// sections are the maps of named entries of a policy.
var sections = []string{"approved", "denied", "required", "exceptions"}

// validate records every problem of the policy. CUE stops at the first
// field a closed struct does not allow, so the shape is checked first, field
// by field against the schema (unknown fields, missing required ones), and
// then each entry's values with CUE; a path already reported is not
// reported again.
func validate(def, v, user cue.Value, ps *diag.Collector) {
	seen := map[string]bool{}
	add := func(pr diag.Problem, path []string) {
		if key := strings.Join(path, "."); !seen[key] {
			seen[key] = true
			ps.Addf(pr.File, pr.Line, "%s", pr.Message)
		}
	}
	checkShape(def, user, nil, user.Pos(), add)
	record := func(err error, prefix []string, at token.Pos) {
		for _, e := range cueerrors.Errors(err) {
			rel := unquote(trimDef(e.Path()))
			if len(prefix) > 0 && len(rel) >= 2 && rel[0] == prefix[0] {
				rel = rel[2:] // the entry's schema: #Policy.<section>.<pattern>
			}
			path := append(slices.Clone(prefix), rel...)
			if inCUEOfRequirement(path) || reportedAbove(seen, path) {
				continue
			}
			add(problem(def, e, path, at), path)
		}
	}
	for _, sec := range sections {
		entries := user.LookupPath(cue.ParsePath(sec))
		entryDef := def.LookupPath(cue.MakePath(cue.Str(sec).Optional(), cue.AnyString))
		it, err := entries.Fields()
		if !entries.Exists() || err != nil || !entryDef.Exists() {
			continue
		}
		for it.Next() {
			e := it.Value()
			record(entryDef.Unify(e).Validate(cue.Concrete(true), cue.All()), []string{sec, it.Selector().Unquoted()}, e.Pos())
		}
	}
	record(v.Validate(cue.Concrete(true), cue.All()), nil, user.Pos())
}

// reportedAbove reports whether path or one of its parents was reported.
func reportedAbove(seen map[string]bool, path []string) bool {
	for i := len(path); i > 0; i-- {
		if seen[strings.Join(path[:i], ".")] {
			return true
		}
	}
	return false
}

// checkShape checks the fields of user (at path) against the struct schema
// allows there: each field it has must be one the schema names (or matches
// by pattern), each field the schema requires must be there; fields whose
// schema is a struct are checked the same way. Hidden fields, definitions
// and let clauses are the policy's own.
func checkShape(schema, user cue.Value, path []string, at token.Pos, add func(diag.Problem, []string)) {
	if user.IncompleteKind() != cue.StructKind {
		return
	}
	named := map[string]cue.Value{}
	var required, names []string
	if it, err := schema.Fields(cue.Optional(true)); err == nil {
		for it.Next() {
			name := it.Selector().Unquoted()
			named[name] = it.Value()
			names = append(names, name)
			if it.Selector().ConstraintType() == cue.RequiredConstraint {
				required = append(required, name)
			}
		}
	}
	slices.Sort(names)
	pattern := schema.LookupPath(cue.MakePath(cue.AnyString))
	it, err := user.Fields()
	if err != nil {
		return
	}
	present := map[string]bool{}
	for it.Next() {
		name := it.Selector().Unquoted()
		present[name] = true
		fpath := append(slices.Clone(path), name)
		pos := it.Value().Pos()
		if !pos.IsValid() {
			pos = at
		}
		sub, ok := named[name]
		if !ok && pattern.Exists() {
			sub, ok = pattern, true
		}
		if !ok {
			msg := "unknown field"
			if alt := controls.ClosestName(name, names); alt != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(append(slices.Clone(path), alt), "."))
			} else if len(names) > 0 {
				msg += " (allowed here: " + strings.Join(names, ", ") + ")"
			}
			add(diag.Problem{File: pos.Filename(), Line: pos.Line(), Message: strings.Join(fpath, ".") + ": " + msg}, fpath)
			continue
		}
		if sub.IncompleteKind() == cue.StructKind {
			checkShape(sub, it.Value(), fpath, pos, add)
		}
	}
	for _, name := range required {
		if !present[name] {
			fpath := append(slices.Clone(path), name)
			add(diag.Problem{File: at.Filename(), Line: at.Line(), Message: strings.Join(fpath, ".") + ": missing: the schema requires it"}, fpath)
		}
	}
}

// problem words one CUE error of the policy at path: at the first position
// in a policy file (else at, the entry's), with the closest allowed field
// for a field the schema does not allow.
func problem(def cue.Value, e cueerrors.Error, path []string, at token.Pos) diag.Problem {
	pos := userPosition(e)
	if !pos.IsValid() || pos.Filename() == schemaFile {
		pos = at
	}
	format, args := e.Msg()
	msg := fmt.Sprintf(format, args...)
	if strings.Contains(format, "required but not present") {
		msg = "missing: the schema requires it"
	}
	if strings.Contains(format, "not allowed") {
		msg = "unknown field"
		if hint := unknownFieldHint(def, path); hint != "" {
			msg += " " + hint
		}
	}
	if len(path) > 0 {
		msg = strings.Join(path, ".") + ": " + msg
	}
	return diag.Problem{File: pos.Filename(), Line: pos.Line(), Message: msg}
}

// inCUEOfRequirement reports whether an error path lies inside the when or
// check of a requirement: that CUE constrains subjects and need not be
// concrete.
func inCUEOfRequirement(path []string) bool {
	return len(path) > 3 && path[0] == "required" && (path[2] == "when" || path[2] == "check")
}

// trimDef drops the #Policy selector CUE puts first in error paths.
func trimDef(path []string) []string {
	if len(path) > 0 && path[0] == "#Policy" {
		return path[1:]
	}
	return path
}

// addCUEErrors records the errors of parsing or building the policy.
func addCUEErrors(ps *diag.Collector, err error) {
	for _, e := range cueerrors.Errors(err) {
		pos := userPosition(e)
		format, args := e.Msg()
		ps.Addf(pos.Filename(), pos.Line(), "%s", fmt.Sprintf(format, args...))
	}
}

// userPosition returns the first position of e in a policy file, else its
// first position.
func userPosition(e cueerrors.Error) token.Pos {
	var first token.Pos
	for _, p := range append([]token.Pos{e.Position()}, cueerrors.Positions(e)...) {
		if !p.IsValid() {
			continue
		}
		if p.Filename() != schemaFile {
			return p
		}
		if !first.IsValid() {
			first = p
		}
	}
	return first
}

// unknownFieldHint suggests, for a field at path the schema does not
// allow, the closest field it allows there, or lists those it allows.
func unknownFieldHint(def cue.Value, path []string) string {
	if len(path) == 0 {
		return ""
	}
	allowed := fieldsAt(def, path[:len(path)-1])
	if len(allowed) == 0 {
		return ""
	}
	if alt := controls.ClosestName(path[len(path)-1], allowed); alt != "" {
		return fmt.Sprintf("(did you mean %s?)", strings.Join(append(slices.Clone(path[:len(path)-1]), alt), "."))
	}
	return "(allowed here: " + strings.Join(allowed, ", ") + ")"
}

// fieldsAt lists the fields the schema allows at path, following pattern
// constraints for names of the policy's own choosing.
func fieldsAt(def cue.Value, path []string) []string {
	v := def
	for _, sel := range path {
		next := v.LookupPath(cue.MakePath(cue.Str(sel)))
		if !next.Exists() {
			next = v.LookupPath(cue.MakePath(cue.Str(sel).Optional()))
		}
		if !next.Exists() {
			next = v.LookupPath(cue.MakePath(cue.AnyString))
		}
		if !next.Exists() {
			return nil
		}
		v = next
	}
	it, err := v.Fields(cue.Optional(true))
	if err != nil {
		return nil
	}
	var out []string
	for it.Next() {
		out = append(out, it.Selector().Unquoted())
	}
	slices.Sort(out)
	return out
}

// unquote removes CUE's quotes from path elements.
func unquote(path []string) []string {
	out := make([]string, len(path))
	for i, e := range path {
		out[i] = strings.Trim(e, `"`)
	}
	return out
}

// decode turns the validated value into the policy's Go form. user is the
// policy as written, from which requirements' CUE is taken with references
// resolved.
func decode(v, user cue.Value, p *Policy, ps *diag.Collector) {
	if s := v.LookupPath(cue.ParsePath("owner")); s.Exists() {
		p.Owner, _ = s.String()
	}
	if s := v.LookupPath(cue.ParsePath("reviewed")); s.Exists() {
		p.Reviewed, _ = s.String()
	}
	p.Approved = decodeEntries(v, user, "approved", ps, func(key string, pos token.Pos) *Approved {
		return &Approved{Key: key, File: pos.Filename(), Line: pos.Line()}
	})
	p.Denied = decodeEntries(v, user, "denied", ps, func(key string, pos token.Pos) *Denied {
		return &Denied{Key: key, File: pos.Filename(), Line: pos.Line()}
	})
	p.Exceptions = decodeEntries(v, user, "exceptions", ps, func(key string, pos token.Pos) *Exception {
		return &Exception{ID: key, File: pos.Filename(), Line: pos.Line()}
	})
	eachEntry(v, user, "required", func(key string, e cue.Value, pos token.Pos) {
		r := &Requirement{ID: key, File: pos.Filename(), Line: pos.Line()}
		// when and check constrain subjects: they are not concrete, so the
		// requirement is decoded field by field.
		for _, f := range []struct {
			name string
			dst  any
		}{{"description", &r.Description}, {"subject", &r.Subject}, {"paths", &r.Paths}} {
			if fv := e.LookupPath(cue.ParsePath(f.name)); fv.Exists() {
				if err := fv.Decode(f.dst); err != nil {
					ps.Addf(r.File, r.Line, "required.%s.%s: %v", key, f.name, err)
				}
			}
		}
		sel := cue.MakePath(cue.Str("required"), cue.Str(key))
		for _, part := range []struct {
			name string
			dst  *string
		}{{"when", &r.When}, {"check", &r.Check}} {
			f := user.LookupPath(sel.Append(cue.Str(part.name)))
			if !f.Exists() {
				continue
			}
			src, err := snippetText(f)
			if err != nil {
				ps.Addf(r.File, r.Line, "required.%s.%s: %v", key, part.name, err)
				continue
			}
			*part.dst = src
		}
		p.Required = append(p.Required, r)
	})
	slices.SortFunc(p.Approved, func(a, b *Approved) int { return cmp.Compare(a.Key, b.Key) })
	slices.SortFunc(p.Denied, func(a, b *Denied) int { return cmp.Compare(a.Key, b.Key) })
	slices.SortFunc(p.Required, func(a, b *Requirement) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(p.Exceptions, func(a, b *Exception) int { return cmp.Compare(a.ID, b.ID) })
	if ps.Len() == 0 {
		prepare(p, ps)
	}
}

// eachEntry calls f for every field of the map at name of the validated
// policy v, with the position where user (the policy as written) defines it.
func eachEntry(v, user cue.Value, name string, f func(key string, e cue.Value, pos token.Pos)) {
	m := v.LookupPath(cue.ParsePath(name))
	if !m.Exists() {
		return
	}
	it, err := m.Fields()
	if err != nil {
		return
	}
	for it.Next() {
		key := it.Selector().Unquoted()
		f(key, it.Value(), user.LookupPath(cue.MakePath(cue.Str(name), cue.Str(key))).Pos())
	}
}

// decodeEntries decodes every entry of the map at name with newEntry's
// value as the starting point, recording problems.
func decodeEntries[T any](v, user cue.Value, name string, ps *diag.Collector, newEntry func(key string, pos token.Pos) *T) []*T {
	var out []*T
	eachEntry(v, user, name, func(key string, e cue.Value, pos token.Pos) {
		x := newEntry(key, pos)
		if decodeInto(e, x, ps, pos) {
			out = append(out, x)
		}
	})
	return out
}

// decodeInto decodes an entry into dst, recording a problem on failure.
func decodeInto(e cue.Value, dst any, ps *diag.Collector, pos token.Pos) bool {
	if err := e.Decode(dst); err != nil {
		ps.Addf(pos.Filename(), pos.Line(), "%v", err)
		return false
	}
	return true
}

// snippetText renders a requirement's when or check as CUE source with every
// reference to the policy's own fields resolved, ready to be compiled on its
// own against a subject.
func snippetText(v cue.Value) (string, error) {
	b, err := format.Node(v.Syntax())
	if err != nil {
		return "", fmt.Errorf("render CUE: %w", err)
	}
	return string(b), nil
}
