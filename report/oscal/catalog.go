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
			Title:    familyTitle(fam),
			Props:    props("family", fam),
			Controls: &ctl,
		})
	}
	cat := &oscalTypes.Catalog{
		Metadata:   exportMetadata(orDefault(opts.Title, "Tollgate MCP security controls"), opts.Version, ts),
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
	parts = append(parts, assessmentParts(c)...)
	add("check", NS, checkProse(c))
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
	case "assessment-objective":
		return "obj"
	}
	return name
}

// assessmentParts are the control's SP 800-53A-style assessment objective
// ("Determine if …") and assessment method: EXAMINE for a check of
// configuration settings, INTERVIEW for a control satisfied by attestation,
// each with the assessment objects it examines.
func assessmentParts(c *controls.Control) []oscalTypes.Part {
	cid := tokenize(c.ID)
	subject := orDefault(string(c.Subject), "applicable")
	objective := fmt.Sprintf("Determine if, for every applicable %s subject: %s.", subject, strings.TrimSuffix(lowerFirst(c.Title), "."))
	method, how, objects := "EXAMINE", "", ""
	if c.Manual {
		objective = fmt.Sprintf("Determine if a valid, unexpired attestation states that %s.", strings.TrimSuffix(lowerFirst(c.Title), "."))
		method = "INTERVIEW"
		how = "Review the attestation of the person responsible and the evidence it cites; the control is satisfied only while a valid attestation stands."
		objects = "The attestation (statement, attestor, expiry) and the evidence file it cites, copied into the evidence bundle with its SHA-256."
		if g := strings.TrimSpace(c.Guidance); g != "" {
			objects += " The evidence must show: " + g
		}
	} else {
		how = fmt.Sprintf("Examine the configuration of every %s subject Tollgate collects: the control's check (the check part) is applied to each subject the control applies to, "+
			"and a subject that does not satisfy it fails, with the failing field and the value found.", subject)
		objects = fmt.Sprintf("The %s subjects collected from MCP client configuration files, registry and bundle manifests (and, where collected, gateway, cluster and endpoint evidence), "+
			"as recorded in the evidence bundle with each file's SHA-256.", subject)
	}
	return []oscalTypes.Part{
		{ID: cid + "_obj", Name: "assessment-objective", Prose: objective,
			Props: &[]oscalTypes.Property{{Name: "label", Value: c.ID}, {Name: "method-id", Value: cid + "_asm-" + strings.ToLower(method)}}},
		{ID: cid + "_asm-" + strings.ToLower(method), Name: "assessment-method", Prose: how,
			Props: &[]oscalTypes.Property{{Name: "method", Value: method}},
			Parts: &[]oscalTypes.Part{{ID: cid + "_asm-" + strings.ToLower(method) + "_obj", Name: "assessment-objects", Prose: objects}}},
	}
}

// checkProse shows the control's CUE, for those who maintain or reproduce
// it; the assessment method states it in words.
func checkProse(c *controls.Control) string {
	if c.Manual || strings.TrimSpace(c.Check) == "" {
		return ""
	}
	var b strings.Builder
	if w := strings.TrimSpace(c.When); w != "" {
		fmt.Fprintf(&b, "Applies to a %s subject that unifies with\n\n```cue\n%s\n```\n\n", c.Subject, w)
	}
	fmt.Fprintf(&b, "Passes when the subject unifies with\n\n```cue\n%s\n```\n", strings.TrimSpace(c.Check))
	return b.String()
}

// lowerFirst lower-cases the first letter of a title used inside a sentence
// ("Remote servers require authentication" → "remote servers …"), unless
// the first word is an acronym (MCP, TLS, OAuth).
func lowerFirst(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if len(first) > 1 && strings.ToUpper(first[:2]) == first[:2] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// familyTitles are the titles of the control families in the catalog.
var familyTitles = map[string]string{
	"auth":         "Authentication",
	"config":       "Configuration hygiene",
	"consent":      "Consent and tool approval",
	"gateway":      "Gateways",
	"governance":   "Governance (attested)",
	"registry":     "Registry and bundle manifests",
	"sandbox":      "Sandboxing and isolation",
	"secrets":      "Secrets",
	"supply-chain": "Supply chain",
	"tool":         "Tool definitions",
	"transport":    "Transport security",
}

// familyTitle is a family's title: a known one, or the slug in words.
func familyTitle(fam string) string {
	if t, ok := familyTitles[fam]; ok {
		return t
	}
	if fam == "" {
		return "Other"
	}
	words := strings.FieldsFunc(fam, func(r rune) bool { return r == '-' || r == '_' })
	out := strings.Join(words, " ")
	return strings.ToUpper(out[:1]) + out[1:]
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
