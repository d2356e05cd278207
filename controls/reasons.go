package controls

import (
	"cmp"
	"fmt"
	"slices"
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
// that carry no secret value.
func reasons(err error) []Reason {
	errs := cueerrors.Errors(err)
	var out []Reason
	var summaries []Reason
	for _, e := range errs {
		format, args := e.Msg()
		r := Reason{Path: pathString(e.Path()), Detail: detail(e.Path(), format, args)}
		if strings.Contains(format, "errors in empty disjunction") {
			summaries = append(summaries, r)
			continue
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		out = summaries
	}
	slices.SortFunc(out, compareReasons)
	return slices.Compact(out)
}

// compareReasons orders reasons by path, then detail.
func compareReasons(a, b Reason) int {
	return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Detail, b.Detail))
}

// detail words one CUE error without secret or bulky values.
func detail(path []string, format string, args []any) string {
	if len(path) > 0 && sensitiveLeaves[path[len(path)-1]] {
		return "the value does not satisfy the check (value not shown)"
	}
	switch {
	case strings.HasPrefix(format, "incomplete value"):
		return fmt.Sprintf("missing: the check requires %s", safeArgs(args)...)
	case format == "field is required but not present":
		return "missing: the check requires this field"
	case format == "field not allowed":
		return "not allowed by the check"
	}
	return fmt.Sprintf(format, safeArgs(args)...)
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
