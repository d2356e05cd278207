package controls

import (
	"cmp"
	"slices"

	"github.com/tollgate-dev/tollgate/internal/diag"
)

// Catalog is a validated set of controls and the risks they refer to.
type Catalog struct {
	// Controls are sorted by ID.
	Controls []*Control `json:"controls"`
	// Risks are sorted by ID.
	Risks []Risk `json:"risks"`
}

// Control returns the control with the given ID, or nil.
func (c *Catalog) Control(id string) *Control {
	i, ok := slices.BinarySearchFunc(c.Controls, id, func(ctl *Control, id string) int { return cmp.Compare(ctl.ID, id) })
	if !ok {
		return nil
	}
	return c.Controls[i]
}

// Risk returns the risk with the given ID.
func (c *Catalog) Risk(id string) (Risk, bool) {
	i, ok := slices.BinarySearchFunc(c.Risks, id, func(r Risk, id string) int { return cmp.Compare(r.ID, id) })
	if !ok {
		return Risk{}, false
	}
	return c.Risks[i], true
}

// Families returns the distinct control families, sorted.
func (c *Catalog) Families() []string {
	var out []string
	for _, ctl := range c.Controls {
		out = append(out, ctl.Family)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sortCatalog orders controls and risks by ID.
func (c *Catalog) sort() {
	slices.SortFunc(c.Controls, func(a, b *Control) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Risks, func(a, b Risk) int { return cmp.Compare(a.ID, b.ID) })
}

// Merge combines catalogs (the built-in one and users' own) into one, in
// which built-in and custom controls are equal. It rejects control or risk
// IDs defined twice and controls that name a risk no catalog defines.
func Merge(cats ...*Catalog) (*Catalog, error) {
	var ps diag.Collector
	out := &Catalog{}
	controlAt := map[string]*Control{}
	riskAt := map[string]Risk{}
	for _, cat := range cats {
		if cat == nil {
			continue
		}
		for _, r := range cat.Risks {
			if prev, dup := riskAt[r.ID]; dup {
				ps.Addf(r.File, r.Line, "risk %q is already defined at %s:%d", r.ID, prev.File, prev.Line)
				continue
			}
			riskAt[r.ID] = r
			out.Risks = append(out.Risks, r)
		}
		for _, c := range cat.Controls {
			if prev, dup := controlAt[c.ID]; dup {
				ps.Addf(c.File, c.Line, "control %q is already defined at %s:%d", c.ID, prev.File, prev.Line)
				continue
			}
			controlAt[c.ID] = c
			out.Controls = append(out.Controls, c)
		}
	}
	for _, c := range out.Controls {
		for _, r := range c.Risks {
			if _, ok := riskAt[r]; !ok {
				ps.Addf(c.File, c.Line, "control %q: unknown risk %q", c.ID, r)
			}
		}
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	out.sort()
	return out, nil
}
