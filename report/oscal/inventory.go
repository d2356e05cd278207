package oscal

import (
	"fmt"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// planResourceID is the back-matter resource describing what was assessed.
func planResourceID() string { return id("resource", "assessment-plan") }

// localDefinitions describes every subject the result's controls judged as
// an inventory item, and every MCP client those subjects were declared for
// as a component.
func (b *arBuilder) localDefinitions(key string, controlIDs []string) *oscalTypes.LocalDefinitions {
	subjects := map[string]bool{}
	for _, cid := range controlIDs {
		if cr := b.x.Control(cid); cr != nil {
			for _, e := range cr.Evaluations {
				if !orgWide(e) {
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
	for _, sid := range sortedKeys(subjects) {
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
	for _, client := range sortedKeys(clients) {
		components = append(components, oscalTypes.SystemComponent{
			UUID:        id("component", key, client),
			Type:        "software",
			Title:       client,
			Description: fmt.Sprintf("MCP client %s: %d assessed subjects were declared for it.", client, clients[client]),
			Props:       props("client", client),
			Status:      oscalTypes.SystemComponentStatus{State: "operational"},
		})
	}
	if len(items) == 0 {
		return nil
	}
	return &oscalTypes.LocalDefinitions{InventoryItems: &items, Components: list(components)}
}

func (b *arBuilder) inventoryItem(key string, f view.Facts, a *evidence.Artifact) oscalTypes.InventoryItem {
	desc := strings.TrimSpace(fmt.Sprintf("MCP %s %s", orDefault(f.Kind, "subject"), f.Name))
	if f.Location != "" {
		desc += " at " + f.Location
	}
	var p []oscalTypes.Property
	if asset, ok := prop("asset-id", f.ID); ok {
		asset.Ns = "" // asset-id is an OSCAL core property
		p = append(p, asset)
	}
	if more := props("subject-id", f.ID, "kind", f.Kind, "name", f.Name, "client", f.Client, "format", f.Format,
		"scope", f.Scope, "transport", f.Transport, "location", f.Location, "collector", f.Collector,
		"package", f.Package, "endpoint", f.Endpoint, "source-status", f.Status); more != nil {
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
