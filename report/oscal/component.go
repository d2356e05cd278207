package oscal

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/mappings"
)

// ExportComponentDefinition renders a validated OSCAL 1.1.3 component
// definition: one component (the MCP controls Tollgate enforces) with one
// control implementation per framework whose source is that framework, and
// per requirement the MCP controls that implement it, each with its
// provenance and rationale.
func ExportComponentDefinition(ctrls []*controls.Control, set *mappings.Set, opts ExportOptions) ([]byte, error) {
	ts, err := stamp(opts.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("export component definition: %w", err)
	}
	if set == nil {
		set = &mappings.Set{}
	}
	byID := map[string]*controls.Control{}
	for _, c := range ctrls {
		if c != nil {
			byID[c.ID] = c
		}
	}
	frameworks := append([]*mappings.Framework(nil), set.Frameworks...)
	sort.SliceStable(frameworks, func(i, j int) bool { return frameworks[i].ID < frameworks[j].ID })
	var impls []oscalTypes.ControlImplementationSet
	var resources []oscalTypes.Resource
	for _, fw := range frameworks {
		if fw == nil {
			continue
		}
		reqs := implementedRequirements(fw, set.Links, byID)
		if len(reqs) == 0 {
			continue
		}
		res := frameworkResource(fw)
		resources = append(resources, res)
		// NIST publishes an OSCAL catalog of SP 800-53, which the
		// requirement ids resolve against; other frameworks are named by
		// the resource pointing at their publication.
		source := "#" + res.UUID
		if fw.Catalog != "" {
			source = fw.Catalog
		}
		impls = append(impls, oscalTypes.ControlImplementationSet{
			UUID:                    id("control-implementation", fw.ID),
			Source:                  source,
			Description:             fmt.Sprintf("MCP controls that implement requirements of %s %s.", fw.Title, fw.Version),
			Props:                   props("framework", fw.ID, "framework-version", fw.Version),
			ImplementedRequirements: reqs,
		})
	}
	component := oscalTypes.DefinedComponent{
		UUID:                   id("component", "tollgate-mcp-controls"),
		Type:                   "software",
		Title:                  "Tollgate MCP security controls",
		Description:            fmt.Sprintf("The %d MCP security controls Tollgate checks in MCP client configurations, manifests, gateways, clusters and live endpoints.", len(byID)),
		Purpose:                "Assess Model Context Protocol deployments against security controls mapped to compliance frameworks.",
		Props:                  props("tool", "tollgate", "tool-version", opts.Version),
		ControlImplementations: list(impls),
	}
	cd := &oscalTypes.ComponentDefinition{
		Metadata:   exportMetadata(orDefault(opts.Title, "Tollgate MCP controls: framework implementation"), opts.Version, ts),
		Components: &[]oscalTypes.DefinedComponent{component},
		BackMatter: backMatter(resources...),
	}
	if cd.UUID, err = contentUUID("component-definition", cd); err != nil {
		return nil, fmt.Errorf("export component definition: %w", err)
	}
	data, err := encode(oscalTypes.OscalModels{ComponentDefinition: cd})
	if err != nil {
		return nil, fmt.Errorf("export component definition: %w", err)
	}
	return data, nil
}

// implementedRequirements lists, in the framework's requirement order, the
// requirements linked to at least one control; links to requirements the
// framework does not declare follow, sorted.
func implementedRequirements(fw *mappings.Framework, links []mappings.Link, ctrls map[string]*controls.Control) []oscalTypes.ImplementedRequirementControlImplementation {
	byReq := map[string][]mappings.Link{}
	for _, l := range links {
		if l.Framework == fw.ID {
			byReq[l.Requirement] = append(byReq[l.Requirement], l)
		}
	}
	var order []string
	known := map[string]bool{}
	for _, r := range fw.Requirements {
		known[r.ID] = true
		if len(byReq[r.ID]) > 0 {
			order = append(order, r.ID)
		}
	}
	for _, rid := range slices.Sorted(maps.Keys(byReq)) {
		if !known[rid] {
			order = append(order, rid)
		}
	}
	var out []oscalTypes.ImplementedRequirementControlImplementation
	for _, rid := range order {
		ls := byReq[rid]
		sort.SliceStable(ls, func(i, j int) bool { return ls[i].Control < ls[j].Control })
		var p []oscalTypes.Property
		if pp, ok := prop("requirement-id", rid); ok {
			pp.Class = tokenize(fw.ID)
			p = append(p, pp)
		}
		var names []string
		for _, l := range ls {
			pp, ok := prop("mcp-control", l.Control)
			if !ok {
				continue
			}
			pp.Class = tokenize(orDefault(l.Provenance, mappings.ProvenanceAsserted))
			pp.Remarks = clean(l.Rationale + " Basis: " + l.Basis(fw) + ".")
			p = append(p, pp)
			name := l.Control
			if c := ctrls[l.Control]; c != nil {
				name += " (" + c.Title + ")"
			}
			names = append(names, fmt.Sprintf("%s, %s: %s", name, l.Basis(fw), orDefault(l.Rationale, "no rationale recorded")))
		}
		out = append(out, oscalTypes.ImplementedRequirementControlImplementation{
			UUID:        id("implemented-requirement", fw.ID, rid),
			ControlId:   Token(fw.ID, rid),
			Description: "For its MCP scope, by:\n\n- " + strings.Join(names, "\n- "),
			Props:       list(p),
		})
	}
	return out
}
