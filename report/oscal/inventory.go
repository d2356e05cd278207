package oscal

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// The inventory: one inventory item per subject, defined once in the
// assessment plan (and, for the subjects its items concern, in the POA&M),
// with a UUID that depends on the subject alone, so the assessment results
// refer to it from every observation without copying it.

// subjectUUID is the UUID of a subject's inventory item in every document.
func subjectUUID(subjectID string) string { return id("subject", subjectID) }

// clientComponentUUID is the component standing for an MCP client.
func clientComponentUUID(client string) string { return id("component", "client", client) }

// lazyInventory describes the subjects whose IDs are given (all subjects
// when ids is nil) as inventory items, and the MCP clients they were
// declared for as components. The items are built as they are encoded, one
// at a time: at fleet scale the inventory is the largest part of a
// document outside its findings. The components are built at once.
func (b *builder) lazyInventory(ids map[string]bool) (*lazyArray[oscalTypes.InventoryItem], []oscalTypes.SystemComponent) {
	var subjects []int
	clients := map[string]int{}
	for i, s := range b.r.Subjects {
		m := s.Metadata()
		if ids != nil && !ids[m.ID] {
			continue
		}
		subjects = append(subjects, i)
		if client := b.x.Facts(s).Client; client != "" {
			clients[client]++
		}
	}
	var components []oscalTypes.SystemComponent
	for _, client := range slices.Sorted(maps.Keys(clients)) {
		components = append(components, oscalTypes.SystemComponent{
			UUID:        clientComponentUUID(client),
			Type:        "software",
			Title:       client,
			Description: fmt.Sprintf("MCP client %s: %s described here were declared for it.", client, words.Count(clients[client], "subject")),
			Props:       props("client", client),
			Status:      oscalTypes.SystemComponentStatus{State: "operational"},
		})
	}
	items := &lazyArray[oscalTypes.InventoryItem]{s: new([]oscalTypes.InventoryItem), n: len(subjects), appendElem: (*objectWriter).inventoryItem,
		gen: func(i int) oscalTypes.InventoryItem {
			f := b.x.Facts(b.r.Subjects[subjects[i]])
			item := b.inventoryItem(f)
			if f.Client != "" {
				item.ImplementedComponents = &[]oscalTypes.ImplementedComponent{{ComponentUuid: clientComponentUUID(f.Client)}}
			}
			return item
		},
		setUUID: func(it *oscalTypes.InventoryItem, id string) { it.UUID = id }}
	return items, components
}

// inventoryItem describes one subject: its ID is the OSCAL asset-id, its
// kind and file:line are props, its artifact a link to the back-matter
// resource (with the hash of the stored copy), and the facts an auditor
// reads (client, scope, transport, package or endpoint, a source's parse
// status) are stated in its description. results.json and the bundle
// manifest hold every subject in full (redacted).
func (b *builder) inventoryItem(f view.Facts) oscalTypes.InventoryItem {
	// "MCP <kind> <name> at <location> (<fact>, <fact>).", in one allocation.
	head := strings.TrimSpace("MCP " + orDefault(f.Kind, "subject") + " " + f.Name)
	facts := [...][2]string{{"client", clean(f.Client)}, {"scope", clean(f.Scope)}, {"transport", clean(f.Transport)},
		{"package", clean(f.Package)}, {"endpoint", clean(f.Endpoint)}, {"parse status", clean(f.Status)}}
	n := len(head) + len(" at ") + len(f.Location) + len(" ().")
	for _, fact := range facts {
		n += len(fact[0]) + len(fact[1]) + len(", ")
	}
	var desc strings.Builder
	desc.Grow(n)
	desc.WriteString(head)
	if f.Location != "" {
		desc.WriteString(" at ")
		desc.WriteString(f.Location)
	}
	sep := " ("
	for _, fact := range facts {
		if fact[1] == "" {
			continue
		}
		desc.WriteString(sep)
		desc.WriteString(fact[0])
		desc.WriteByte(' ')
		desc.WriteString(fact[1])
		sep = ", "
	}
	if sep == ", " {
		desc.WriteByte(')')
	}
	desc.WriteByte('.')
	var p []oscalTypes.Property
	if asset, ok := propNoNS("asset-id", f.ID); ok {
		p = append(p, asset)
	}
	if more := props("kind", f.Kind, "location", f.Location); more != nil {
		p = append(p, *more...)
	}
	item := oscalTypes.InventoryItem{UUID: subjectUUID(f.ID), Description: desc.String(), Props: list(p)}
	if a := b.x.SubjectArtifact(f.ID); a != nil {
		item.Links = &[]oscalTypes.Link{{Href: b.artifactLink(a), Rel: "evidence", Text: a.Path}}
	}
	return item
}
