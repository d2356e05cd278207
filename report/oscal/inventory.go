package oscal

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// planResourceID is the back-matter resource describing what was assessed.
func planResourceID() string { return id("resource", "assessment-plan") }

// localDefinitions describes, as inventory items, the subjects the result's
// observations list (those that did not pass a control; see observation),
// and as components the MCP clients they were declared for. Subjects that
// passed every control of the result are counted by its observations and
// described in results.json and the evidence bundle, not here: a result
// describes what it refers to, and OSCAL gives a result no way to share
// inventory with the others.
func (b *arBuilder) localDefinitions(key string, controlIDs []string) *oscalTypes.LocalDefinitions {
	subjects := map[string]bool{}
	for _, cid := range controlIDs {
		if cr := b.x.Control(cid); cr != nil {
			for _, e := range cr.Evaluations {
				if !orgWide(e) && listed(e) {
					subjects[e.SubjectID] = true
				}
			}
		}
	}
	return b.inventory(key, subjects)
}

// inventory describes the given subjects as inventory items, and the MCP
// clients they were declared for as components; it returns nil when there
// is no subject.
func (b *arBuilder) inventory(key string, subjects map[string]bool) *oscalTypes.LocalDefinitions {
	var items []oscalTypes.InventoryItem
	clients := map[string]int{}
	for _, sid := range slices.Sorted(maps.Keys(subjects)) {
		f := view.Facts{ID: sid, Name: sid}
		if s := b.x.Subject(sid); s != nil {
			f = view.SubjectFacts(s)
		}
		item := b.inventoryItem(key, f, b.x.SubjectArtifact(sid))
		if f.Client != "" {
			clients[f.Client]++
			item.ImplementedComponents = &[]oscalTypes.ImplementedComponent{{ComponentUuid: id("component", key, f.Client)}}
		}
		items = append(items, item)
	}
	var components []oscalTypes.SystemComponent
	for _, client := range slices.Sorted(maps.Keys(clients)) {
		components = append(components, oscalTypes.SystemComponent{
			UUID:        id("component", key, client),
			Type:        "software",
			Title:       client,
			Description: fmt.Sprintf("MCP client %s: %d of the subjects described here were declared for it.", client, clients[client]),
			Props:       props("client", client),
			Status:      oscalTypes.SystemComponentStatus{State: "operational"},
		})
	}
	if len(items) == 0 {
		return nil
	}
	return &oscalTypes.LocalDefinitions{InventoryItems: &items, Components: list(components)}
}

// inventoryItem describes one subject. An item is repeated in every result
// whose observations list the subject, so it stays short: the subject's ID
// is its OSCAL asset-id, its kind and file:line are props, its client is
// the implemented component, its artifact a link, and the other facts an
// auditor reads (scope, transport, package or endpoint, a source's parse
// status) are stated in its description. results.json and the evidence
// bundle's manifest hold every subject in full (redacted).
func (b *arBuilder) inventoryItem(key string, f view.Facts, a *evidence.Artifact) oscalTypes.InventoryItem {
	desc := strings.TrimSpace(fmt.Sprintf("MCP %s %s", orDefault(f.Kind, "subject"), f.Name))
	if f.Location != "" {
		desc += " at " + f.Location
	}
	var facts []string
	for _, fact := range [][2]string{{"client", f.Client}, {"scope", f.Scope}, {"transport", f.Transport},
		{"package", f.Package}, {"endpoint", f.Endpoint}, {"parse status", f.Status}} {
		if v := clean(fact[1]); v != "" {
			facts = append(facts, fact[0]+" "+v)
		}
	}
	if len(facts) > 0 {
		desc += " (" + strings.Join(facts, ", ") + ")"
	}
	var p []oscalTypes.Property
	if asset, ok := prop("asset-id", f.ID); ok {
		asset.Ns = "" // asset-id is an OSCAL core property
		p = append(p, asset)
	}
	if more := props("kind", f.Kind, "location", f.Location); more != nil {
		p = append(p, *more...)
	}
	item := oscalTypes.InventoryItem{UUID: subjectUUID(key, f.ID), Description: desc + ".", Props: list(p)}
	if a != nil {
		item.Links = &[]oscalTypes.Link{{Href: "#" + artifactResourceID(a), Rel: "evidence"}}
	}
	return item
}

// backMatter holds the resource describing the assessment's scope and one
// resource per artifact, with its hash.
func (b *arBuilder) backMatter() *oscalTypes.BackMatter {
	r := b.x.R
	var fws []string
	for _, fw := range r.Frameworks {
		if fw.Framework != nil {
			fws = append(fws, fmt.Sprintf("%s %s", fw.Framework.Title, fw.Framework.Version))
		}
	}
	scope := "none"
	if len(fws) > 0 {
		scope = strings.Join(fws, "; ")
	}
	resources := []oscalTypes.Resource{{
		UUID:  planResourceID(),
		Title: "Tollgate control catalog and framework mappings",
		Description: fmt.Sprintf("%d MCP controls judged against %d subjects from %d artifacts. Frameworks: %s.",
			len(r.Controls), len(r.Subjects), len(r.Artifacts), scope),
		Props: props("tool", orDefault(r.Tool, "tollgate"), "tool-version", r.Version),
	}}
	for i := range r.Artifacts {
		resources = append(resources, artifactResource(b.opts.EvidenceBase, &r.Artifacts[i]))
	}
	return &oscalTypes.BackMatter{Resources: &resources}
}
