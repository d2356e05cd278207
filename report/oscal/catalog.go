package oscal

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/controls"
)

// ExportCatalog renders the MCP controls as a validated OSCAL 1.1.3 catalog:
// one group per family; per control a statement, guidance, remediation and
// assessment-method part, severity and risk properties, reference links; and
// the risk taxonomy as back-matter resources the controls link to.
func ExportCatalog(ctrls []*controls.Control, risks []controls.Risk, opts ExportOptions) ([]byte, error) {
	ts, err := stamp(opts.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("export catalog: %w", err)
	}
	families := map[string][]oscalTypes.Control{}
	for _, c := range sortedControls(ctrls) {
		families[c.Family] = append(families[c.Family], catalogControl(c))
	}
	var groups []oscalTypes.Group
	for _, fam := range slices.Sorted(maps.Keys(families)) {
		ctl := families[fam]
		groups = append(groups, oscalTypes.Group{
			ID:       "family-" + tokenize(orDefault(fam, "other")),
			Class:    "family",
			Title:    orDefault(fam, "other"),
			Controls: &ctl,
		})
	}
	cat := &oscalTypes.Catalog{
		Metadata:   metadata(orDefault(opts.Title, "Tollgate MCP security controls"), opts.Version, ts),
		Groups:     list(groups),
		BackMatter: riskResources(risks),
	}
	if cat.UUID, err = contentUUID("catalog", cat); err != nil {
		return nil, fmt.Errorf("export catalog: %w", err)
	}
	data, err := encode(oscalTypes.OscalModels{Catalog: cat})
	if err != nil {
		return nil, fmt.Errorf("export catalog: %w", err)
	}
	return data, nil
}

func sortedControls(ctrls []*controls.Control) []*controls.Control {
	out := make([]*controls.Control, 0, len(ctrls))
	for _, c := range ctrls {
		if c != nil {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func catalogControl(c *controls.Control) oscalTypes.Control {
	cid := tokenize(c.ID)
	p := []oscalTypes.Property{}
	if lbl, ok := propNoNS("label", c.ID); ok {
		p = append(p, lbl)
	}
	if more := props("severity", c.Severity, "subject", string(c.Subject), "manual", fmt.Sprint(c.Manual),
		"builtin", fmt.Sprint(c.Builtin), "source-file", location(c.File, c.Line)); more != nil {
		p = append(p, *more...)
	}
	var links []oscalTypes.Link
	for _, rid := range c.Risks {
		if pp, ok := prop("risk", rid); ok {
			p = append(p, pp)
			links = append(links, oscalTypes.Link{Href: "#" + riskResourceID(rid), Rel: "related", Text: rid})
		}
	}
	for _, ref := range c.References {
		if href := uriReference(ref); href != "" {
			links = append(links, oscalTypes.Link{Href: href, Rel: "reference"})
		}
	}
	var parts []oscalTypes.Part
	add := func(name, ns, prose string) {
		if strings.TrimSpace(prose) == "" {
			return
		}
		parts = append(parts, oscalTypes.Part{ID: cid + "_" + partSuffix(name), Name: name, Ns: ns, Prose: prose})
	}
	add("statement", "", c.Title+".")
	add("guidance", "", c.Description)
	add("remediation", NS, c.Remediation)
	add("assessment-method", "", assessmentMethod(c))
	return oscalTypes.Control{
		ID:    cid,
		Class: "mcp-control",
		Title: c.Title,
		Props: list(p),
		Links: list(links),
		Parts: list(parts),
	}
}

func partSuffix(name string) string {
	switch name {
	case "statement":
		return "smt"
	case "guidance":
		return "gdn"
	case "assessment-method":
		return "asm"
	}
	return name
}

// assessmentMethod describes how Tollgate judges the control.
func assessmentMethod(c *controls.Control) string {
	if c.Manual {
		m := "Manual: satisfied only by a valid, unexpired attestation."
		if strings.TrimSpace(c.Guidance) != "" {
			m += " The attestation must show: " + strings.TrimSpace(c.Guidance)
		}
		return m
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Automated: every %s subject", orDefault(string(c.Subject), "applicable"))
	if strings.TrimSpace(c.When) != "" {
		fmt.Fprintf(&b, " that unifies with\n\n```cue\n%s\n```\n\n", strings.TrimSpace(c.When))
	} else {
		b.WriteString(" ")
	}
	if strings.TrimSpace(c.Check) != "" {
		fmt.Fprintf(&b, "must unify with\n\n```cue\n%s\n```\n", strings.TrimSpace(c.Check))
	} else {
		b.WriteString("is judged by the control's check.")
	}
	return b.String()
}

func location(file string, line int) string {
	if file == "" {
		return ""
	}
	if line > 0 {
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

func propNoNS(name, value string) (oscalTypes.Property, bool) {
	p, ok := prop(name, value)
	p.Ns = ""
	return p, ok
}

func riskResourceID(riskID string) string { return id("risk-taxonomy", riskID) }

// riskResources describes the MCP risk taxonomy in the back matter.
func riskResources(risks []controls.Risk) *oscalTypes.BackMatter {
	sorted := append([]controls.Risk(nil), risks...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	var res []oscalTypes.Resource
	for _, r := range sorted {
		res = append(res, oscalTypes.Resource{
			UUID:        riskResourceID(r.ID),
			Title:       orDefault(r.Title, r.ID),
			Description: r.Description,
			Props:       props("risk-id", r.ID),
		})
	}
	if len(res) == 0 {
		return nil
	}
	return &oscalTypes.BackMatter{Resources: &res}
}
