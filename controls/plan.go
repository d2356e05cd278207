package controls

import (
	"fmt"
	"text/template"
)

// Plan is a catalog prepared for evaluation: for each control, the subject
// paths its CUE can observe and its parsed message template. A Plan is
// immutable and shared; each goroutine evaluates with its own Evaluator.
type Plan struct {
	catalog *Catalog
	entries []planEntry
	// limits bound the evaluation of custom controls (CustomLimits when
	// the plan was made).
	limits Limits
}

// planEntry is one prepared control.
type planEntry struct {
	control *Control
	// paths is what when and check observe; nil means the whole subject.
	paths *pathNode
	tmpl  *template.Template
	// credit is the parsed credit template (nil when the control has none).
	credit *template.Template
	// direct and creditDirect render tmpl and credit without text/template
	// where they can (nil where they cannot at all).
	direct, creditDirect *directTemplate
}

// NewPlan prepares every control of a catalog for evaluation.
func NewPlan(cat *Catalog) (*Plan, error) {
	p := &Plan{catalog: cat, entries: make([]planEntry, len(cat.Controls)), limits: CustomLimits}
	for i, c := range cat.Controls {
		e := planEntry{control: c}
		if c.Evaluable() {
			whenPaths, err := whenSnippetPaths(c.When)
			if err != nil {
				return nil, fmt.Errorf("control %s: when: %w", c.ID, err)
			}
			checkPaths, err := snippetPaths(c.Check)
			if err != nil {
				return nil, fmt.Errorf("control %s: check: %w", c.ID, err)
			}
			if whenPaths != nil && checkPaths != nil {
				e.paths = normalize(union(whenPaths, checkPaths))
			}
			tmpl, err := newTemplate(c.ID, c.Message)
			if err != nil {
				return nil, fmt.Errorf("control %s: message: %w", c.ID, err)
			}
			e.tmpl, e.direct = tmpl, newDirectTemplate(tmpl)
			if c.Credit != "" {
				if e.credit, err = newTemplate(c.ID, c.Credit); err != nil {
					return nil, fmt.Errorf("control %s: credit: %w", c.ID, err)
				}
				e.creditDirect = newDirectTemplate(e.credit)
			}
		}
		p.entries[i] = e
	}
	return p, nil
}

// snippetPaths is observedPaths, with an empty snippet observing nothing.
func snippetPaths(src string) (*pathNode, error) {
	if src == "" {
		return &pathNode{}, nil
	}
	return observedPaths(src, false)
}

// whenSnippetPaths is snippetPaths for a when, whose paths constrained by
// a type alone observe only the value's kind.
func whenSnippetPaths(src string) (*pathNode, error) {
	if src == "" {
		return &pathNode{}, nil
	}
	return observedPaths(src, true)
}

// Catalog returns the catalog the plan was made from.
func (p *Plan) Catalog() *Catalog { return p.catalog }

// Len is the number of controls.
func (p *Plan) Len() int { return len(p.entries) }

// Control returns the i-th control (in catalog order).
func (p *Plan) Control(i int) *Control { return p.entries[i].control }

// Observes describes the subject paths control i can observe, e.g.
// {env:{[_]:{secret:*}}}; "<subject>" means the whole subject.
func (p *Plan) Observes(i int) string { return p.entries[i].paths.String() }

// ObservesField reports whether control i can observe the top-level subject
// field name (always true for controls that observe the whole subject).
func (p *Plan) ObservesField(i int, name string) bool {
	n := p.entries[i].paths
	if !p.entries[i].control.Evaluable() {
		return false
	}
	if n == nil || n.all {
		return true
	}
	_, ok := n.fields[name]
	return ok || n.pattern != nil
}

// ReadsField reports whether the control's CUE can observe the top-level
// subject field name (a control that observes the whole subject reads
// every field; a manual control reads none). Reports use it to cite what a
// verdict rests on, such as the organisation policy for controls reading
// its facts.
func (c *Control) ReadsField(name string) bool {
	if c.Manual {
		return false
	}
	for _, src := range []string{c.When, c.Check} {
		n, err := snippetPaths(src)
		if err != nil || n == nil || n.all || n.pattern != nil {
			return true
		}
		if _, ok := n.fields[name]; ok {
			return true
		}
	}
	return false
}
