package assess

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tollgate-dev/tollgate/internal/diag"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// parseBlocks reads an HCL file holding blocks of one type, each with one label.
func parseBlocks(path, blockType string, ps *diag.Collector) ([]*hcl.Block, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %ss: %w", blockType, err)
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		ps.AddDiags("", diags)
		return nil, nil
	}
	content, diags := f.Body.Content(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: blockType, LabelNames: []string{"id"}}}})
	ps.AddDiags("", diags)
	return content.Blocks, nil
}

// blockAttrs decodes a block's attributes, all of them required strings
// except those listed in lists (lists of strings).
type blockAttrs struct {
	strings map[string]string
	lists   map[string][]string
	lines   map[string]int
}

// decodeBlock decodes the named attributes of b (every one required).
func decodeBlock(b *hcl.Block, ctx string, names, lists []string, ps *diag.Collector) (blockAttrs, bool) {
	schema := &hcl.BodySchema{}
	for _, n := range append(append([]string(nil), names...), lists...) {
		schema.Attributes = append(schema.Attributes, hcl.AttributeSchema{Name: n, Required: true})
	}
	out := blockAttrs{strings: map[string]string{}, lists: map[string][]string{}, lines: map[string]int{}}
	content, diags := b.Body.Content(schema)
	ps.AddDiags(ctx, diags)
	ok := !diags.HasErrors()
	for name, a := range content.Attributes {
		out.lines[name] = a.Expr.Range().Start.Line
		v, d := a.Expr.Value(nil)
		if d.HasErrors() {
			ps.AddDiags(ctx, d)
			ok = false
			continue
		}
		isList := false
		for _, l := range lists {
			isList = isList || l == name
		}
		if isList {
			l, err := convert.Convert(v, cty.List(cty.String))
			if err != nil || l.IsNull() || !l.IsWhollyKnown() || l.LengthInt() == 0 {
				ps.Addf(b.DefRange.Filename, out.lines[name], "%s: %s must be a non-empty list of strings", ctx, name)
				ok = false
				continue
			}
			for it := l.ElementIterator(); it.Next(); {
				_, e := it.Element()
				if e.IsNull() || strings.TrimSpace(e.AsString()) == "" {
					ps.Addf(b.DefRange.Filename, out.lines[name], "%s: %s must not contain empty entries", ctx, name)
					ok = false
					break
				}
				out.lists[name] = append(out.lists[name], e.AsString())
			}
			continue
		}
		s, err := convert.Convert(v, cty.String)
		if err != nil || s.IsNull() || !s.IsKnown() || strings.TrimSpace(s.AsString()) == "" {
			ps.Addf(b.DefRange.Filename, out.lines[name], "%s: %s must be a non-empty string", ctx, name)
			ok = false
			continue
		}
		out.strings[name] = s.AsString()
	}
	return out, ok
}

// Expiry years OSCAL can record: its date and date-time types accept only
// years 1900 to 2999, and an expiry becomes a risk deadline there.
const (
	minExpiryYear = 1900
	maxExpiryYear = 2999
)

// parseExpiry reads an expiry date (2026-12-31, valid through that day UTC)
// or an RFC 3339 timestamp, in the years OSCAL can record.
func parseExpiry(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		if t, err = time.Parse(time.RFC3339, s); err != nil {
			return time.Time{}, fmt.Errorf("expires %q is not a date (2026-12-31) or an RFC 3339 time", s)
		}
	}
	t = t.UTC()
	if y := t.Year(); y < minExpiryYear || y > maxExpiryYear {
		return time.Time{}, fmt.Errorf("expires %q is outside the years %d to %d that OSCAL reports can record", s, minExpiryYear, maxExpiryYear)
	}
	return t, nil
}

// expired reports whether an expiry has passed at now. A bare date is valid
// through the end of that day.
func expired(expires time.Time, dateOnly bool, now time.Time) bool {
	end := expires
	if dateOnly {
		end = expires.AddDate(0, 0, 1)
	}
	return !now.Before(end)
}
