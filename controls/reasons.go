package controls

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/literal"
)

// sensitiveLeaves are subject fields whose values are never shown, even
// redacted: a failure at one of them is described without its value.
var sensitiveLeaves = map[string]bool{"text": true, "fingerprint": true, "shape": true}

// valueLeaves are the fields of a classified value; a readable failing path
// names the value (env.GITHUB_TOKEN), not its classification field.
var valueLeaves = map[string]bool{
	"kind": true, "secret": true, "reason": true, "fingerprint": true, "shape": true, "text": true, "ref": true,
}

// reasons turns a CUE validation error into sorted, de-duplicated reasons
// worded for people (what the subject holds and what the check requires,
// not CUE's own messages) that carry no secret value. subject is the
// subject as judged (Go values decoded from its JSON); it supplies the
// value at a failing path, which tells the found value from the required
// one in a conflict.
func reasons(err error, subject any) []Reason {
	errs := cueerrors.Errors(err)
	var out []Reason
	var summaries, lengths []Reason
	conflicts := map[string]*conflict{}
	for _, e := range errs {
		format, args := e.Msg()
		path := pathString(e.Path())
		if strings.Contains(format, "errors in empty disjunction") {
			summaries = append(summaries, Reason{Path: path, Detail: "none of the forms the check allows matches"})
			continue
		}
		if c, ok := newConflict(e.Path(), format, args, subject); ok {
			if prev := conflicts[path]; prev != nil && prev.found == c.found {
				prev.want = append(prev.want, c.want...)
			} else if prev == nil {
				conflicts[path] = c
			}
			continue
		}
		if strings.HasPrefix(format, "incompatible list lengths") {
			lengths = append(lengths, Reason{Path: path, Detail: listLengths(e.Path(), args, subject)})
			continue
		}
		out = append(out, Reason{Path: path, Detail: detail(e.Path(), format, args)})
	}
	for path, c := range conflicts {
		out = append(out, Reason{Path: path, Detail: c.String()})
	}
	out = append(out, withoutDeeper(lengths, out)...)
	if len(out) == 0 {
		out = summaries
	}
	slices.SortFunc(out, compareReasons)
	return slices.Compact(out)
}

// withoutDeeper drops the list-length reasons at a path under which
// another reason lies. Such a pair comes from a check that allows either a
// list of some length or entries of some form (no gateway, or gateways
// that authenticate): the entry's own reason says what is wrong, and the
// length of the list is not.
func withoutDeeper(lengths, others []Reason) []Reason {
	var kept []Reason
	for _, l := range lengths {
		deeper := false
		for _, o := range others {
			if l.Path == "" || strings.HasPrefix(o.Path, l.Path+".") {
				deeper = true
				break
			}
		}
		if !deeper {
			kept = append(kept, l)
		}
	}
	return kept
}

// listLengths words a CUE "incompatible list lengths (A and B)" error: the
// list in the subject has one of the lengths, and the check requires the
// other.
func listLengths(path []string, args []any, subject any) string {
	if len(args) < 2 {
		return "has a number of entries the check does not allow"
	}
	a, b := fmt.Sprint(args[0]), fmt.Sprint(args[1])
	found, want := "", ""
	if v, ok := lookup(subject, path); ok {
		if l, ok := v.([]any); ok {
			switch n := strconv.Itoa(len(l)); n {
			case a:
				found, want = a, b
			case b:
				found, want = b, a
			}
		}
	}
	if found == "" {
		return fmt.Sprintf("has a number of entries the check does not allow (%s or %s)", a, b)
	}
	return fmt.Sprintf("has %s; the check requires %s", entries(found), entries(want))
}

// entries words a count of list entries: "no entries", "1 entry", "3 entries".
func entries(n string) string {
	switch n {
	case "0":
		return "no entries"
	case "1":
		return "1 entry"
	}
	return n + " entries"
}

// compareReasons orders reasons by path, then detail.
func compareReasons(a, b Reason) int {
	return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Detail, b.Detail))
}

// conflict is a value the subject holds where the check requires others.
type conflict struct {
	found string
	want  []string
}

// String words the conflict: `is "http"; the check requires "https"`.
func (c *conflict) String() string {
	want := slices.Compact(slices.Sorted(slices.Values(c.want)))
	for i, w := range want {
		if w == `""` {
			want[i] = "an empty value"
		}
	}
	if len(want) == 1 {
		return fmt.Sprintf("is %s; the check requires %s", c.found, want[0])
	}
	return fmt.Sprintf("is %s; the check requires one of %s", c.found, strings.Join(want, ", "))
}

// newConflict reads a CUE "conflicting values A and B" error at a path
// whose value in the subject is A or B: the other one is what the check
// requires. It reports false for any other error, or when the subject's
// value cannot be told apart.
func newConflict(path []string, format string, args []any, subject any) (*conflict, bool) {
	if !strings.HasPrefix(format, "conflicting values") || len(args) < 2 || sensitive(path) {
		return nil, false
	}
	v, ok := lookup(subject, path)
	if !ok {
		return nil, false
	}
	found := render(v)
	a, b := safeArgs(args[:2])[0].(string), safeArgs(args[:2])[1].(string)
	switch found {
	case a:
		return &conflict{found: found, want: []string{b}}, true
	case b:
		return &conflict{found: found, want: []string{a}}, true
	}
	return nil, false
}

// detail words one CUE error without secret or bulky values.
func detail(path []string, format string, args []any) string {
	if sensitive(path) {
		return "the value does not satisfy the check (value not shown)"
	}
	a := safeArgs(args)
	switch {
	case strings.HasPrefix(format, "incomplete value") && len(a) >= 1:
		return "missing: the check requires " + requirement(fmt.Sprint(a[0]))
	case format == "field is required but not present":
		return "missing: the check requires this field"
	case format == "field not allowed":
		return "not allowed by the check"
	case strings.HasPrefix(format, "conflicting values") && len(a) >= 2:
		if strings.Contains(format, "mismatched types") {
			return fmt.Sprintf("has the wrong type for the check (%s where %s is expected)", kindOf(a[0]), kindOf(a[1]))
		}
		return fmt.Sprintf("is not what the check requires (one of %s and %s is expected, the other was found)", a[0], a[1])
	case strings.HasPrefix(format, "invalid value") && strings.Contains(format, "out of bound") && len(a) >= 2:
		return outOfBound(fmt.Sprint(a[0]), fmt.Sprint(a[1]))
	case strings.HasPrefix(format, "invalid value") && strings.Contains(format, "does not satisfy") && len(a) >= 2:
		return fmt.Sprintf("is %s, which does not satisfy %s", a[0], a[1])
	}
	// The arguments are text now: a verb for numbers would print them as
	// %!d(string=…).
	return fmt.Sprintf(strings.NewReplacer("%d", "%s", "%x", "%s").Replace(format), a...)
}

// outOfBound words a value outside a CUE bound such as !="sse", !~"re",
// =~"re" or >=3.
func outOfBound(value, bound string) string {
	for _, b := range []struct{ op, words string }{
		{"!=", "is %s, which the check does not allow"},
		{"!~", "is %s, which matches a pattern the check forbids: %s"},
		{"=~", "is %s, which does not match the pattern the check requires: %s"},
		{"<=", "is %s; the check requires at most %s"},
		{">=", "is %s; the check requires at least %s"},
		{"<", "is %s; the check requires less than %s"},
		{">", "is %s; the check requires more than %s"},
	} {
		if rest, ok := strings.CutPrefix(bound, b.op); ok {
			if strings.Count(b.words, "%s") == 1 {
				return fmt.Sprintf(b.words, value)
			}
			return fmt.Sprintf(b.words, value, rest)
		}
	}
	return fmt.Sprintf("is %s, outside what the check allows (%s)", value, bound)
}

// requirement words a CUE constraint that a missing field must meet, such
// as _, string, =~"^required$", >=1 & <=10 or "a" | "b", for people: "a
// value", "text", a value matching the pattern "^required$", at least 1
// and at most 10, one of "a", "b". A constraint it cannot read is quoted
// as it is.
func requirement(expr string) string {
	expr = strings.TrimSpace(expr)
	if parts := strings.Split(expr, " | "); len(parts) > 1 {
		words := make([]string, len(parts))
		for i, p := range parts {
			words[i] = requirement(strings.TrimPrefix(p, "*"))
		}
		return "one of " + strings.Join(words, ", ")
	}
	if parts := strings.Split(expr, " & "); len(parts) > 1 {
		words := make([]string, len(parts))
		for i, p := range parts {
			words[i] = requirement(p)
		}
		return strings.Join(words, " and ")
	}
	switch expr {
	case "_":
		return "a value"
	case "string":
		return "text"
	case "bool":
		return "true or false"
	case "int", "number", "float":
		return "a number"
	case "{…}", "struct", "{...}":
		return "an object"
	case "[…]", "list", "[...]":
		return "a list"
	}
	for _, b := range []struct{ op, words string }{
		{"=~", "a value matching the pattern %s"},
		{"!~", "a value not matching the pattern %s"},
		{"!=", "a value other than %s"},
		{"<=", "at most %s"},
		{">=", "at least %s"},
		{"<", "less than %s"},
		{">", "more than %s"},
	} {
		if rest, ok := strings.CutPrefix(expr, b.op); ok {
			return fmt.Sprintf(b.words, rest)
		}
	}
	return expr
}

// kindOf names the kind of a rendered CUE value for people.
func kindOf(v any) string {
	s := fmt.Sprint(v)
	switch {
	case s == "{…}" || s == "struct":
		return "an object"
	case s == "[…]" || s == "list":
		return "a list"
	case s == "true" || s == "false" || s == "bool":
		return "true or false"
	case strings.HasPrefix(s, `"`) || s == "string":
		return "text"
	}
	return s
}

// sensitive reports whether the failing path ends at a field whose value is
// never shown.
func sensitive(path []string) bool {
	return len(path) > 0 && sensitiveLeaves[path[len(path)-1]]
}

// lookup returns the value at a CUE path in a subject decoded from JSON.
func lookup(v any, path []string) (any, bool) {
	for _, e := range path {
		if strings.HasPrefix(e, `"`) {
			if u, err := literal.Unquote(e); err == nil {
				e = u
			}
		}
		switch node := v.(type) {
		case map[string]any:
			next, ok := node[e]
			if !ok {
				return nil, false
			}
			v = next
		case []any:
			i, err := strconv.Atoi(e)
			if err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			v = node[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// render writes a scalar the way CUE writes it in its messages: strings
// quoted, numbers and booleans bare; objects and lists elided.
func render(v any) string {
	switch x := v.(type) {
	case string:
		s := strconv.Quote(x)
		if len(s) > 80 {
			s = s[:77] + "…"
		}
		return s
	case map[string]any:
		return "{…}"
	case []any:
		return "[…]"
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}

// safeArgs renders CUE error arguments, eliding structs and lists (which
// could echo a whole subject) and long values.
func safeArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		s := fmt.Sprint(a)
		switch {
		case strings.HasPrefix(s, "{"):
			s = "{…}"
		case strings.HasPrefix(s, "["):
			s = "[…]"
		case len(s) > 80:
			s = s[:77] + "…"
		}
		out[i] = s
	}
	return out
}

// pathString joins CUE path elements with dots, unquoting labels CUE
// quotes (remote.headers.X-Api-Key rather than remote.headers."X-Api-Key").
func pathString(p []string) string {
	parts := make([]string, len(p))
	for i, e := range p {
		parts[i] = e
		if strings.HasPrefix(e, `"`) {
			if u, err := literal.Unquote(e); err == nil {
				parts[i] = u
			}
		}
	}
	return strings.Join(parts, ".")
}

// failing renders the distinct failing paths for a message, naming a
// classified value rather than its classification fields.
func failing(rs []Reason) string {
	var paths []string
	for _, r := range rs {
		p := r.Path
		if i := strings.LastIndexByte(p, '.'); i > 0 && valueLeaves[p[i+1:]] {
			p = p[:i]
		}
		if p == "" {
			continue
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return strings.Join(slices.Compact(paths), ", ")
}
