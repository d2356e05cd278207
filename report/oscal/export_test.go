package oscal

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/oscal/oscaltest"
)

func exportOpts() ExportOptions {
	return ExportOptions{Version: "0.4.0", Timestamp: fixture.Timestamp}
}

// TestExportCatalog: the catalog groups controls by family under readable
// titles; every control states its statement, guidance, remediation, an
// SP 800-53A-style assessment objective, an assessment method (EXAMINE or
// INTERVIEW) with its assessment objects, in words, and its CUE check apart;
// Tollgate is its creator, not an assessor.
func TestExportCatalog(t *testing.T) {
	ctrls, risks, _ := fixture.Catalog(fixture.Results())
	first, err := ExportCatalog(ctrls, risks, exportOpts())
	if err != nil {
		t.Fatal(err)
	}
	second, err := ExportCatalog(ctrls, risks, exportOpts())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatal("two exports differ")
	}
	golden(t, "catalog.json", first)
	validateNIST(t, oscaltest.Catalog, first)

	cat := decode(t, first).Catalog
	families := map[string]bool{}
	for _, c := range ctrls {
		families[c.Family] = true
	}
	groups := deref(cat.Groups)
	if len(groups) != len(families) {
		t.Errorf("groups = %d, want one per family (%d)", len(groups), len(families))
	}
	n := 0
	for _, g := range groups {
		if families[g.Title] {
			t.Errorf("group %s is titled with its slug %q", g.ID, g.Title)
		}
		for _, c := range deref(g.Controls) {
			n++
			if propOf(c.Props, "severity") == "" {
				t.Errorf("%s has no severity prop", c.ID)
			}
			var names []string
			for _, p := range deref(c.Parts) {
				names = append(names, p.Name)
				switch p.Name {
				case "assessment-objective":
					if p.ID != c.ID+"_obj" || !strings.HasPrefix(p.Prose, "Determine if") {
						t.Errorf("%s objective %s: %q", c.ID, p.ID, p.Prose)
					}
				case "assessment-method":
					method := propOf(p.Props, "method")
					if method != "EXAMINE" && method != "INTERVIEW" {
						t.Errorf("%s assessment method %q", c.ID, method)
					}
					sub := deref(p.Parts)
					if len(sub) != 1 || sub[0].Name != "assessment-objects" || sub[0].Prose == "" {
						t.Errorf("%s assessment method has no assessment-objects part", c.ID)
					}
					if strings.Contains(p.Prose, "```") {
						t.Errorf("%s assessment method is CUE, not words: %s", c.ID, p.Prose)
					}
				}
			}
			got := strings.Join(names, ",")
			if !strings.HasPrefix(got, "statement,guidance,remediation,assessment-objective,assessment-method") {
				t.Errorf("%s parts = %s", c.ID, got)
			}
		}
	}
	if n != len(ctrls) {
		t.Errorf("controls = %d, want %d", n, len(ctrls))
	}
	if len(deref(cat.BackMatter.Resources)) != len(risks) {
		t.Errorf("risk resources = %d, want %d", len(deref(cat.BackMatter.Resources)), len(risks))
	}
	for _, r := range deref(cat.Metadata.Roles) {
		if r.ID == "assessor" {
			t.Error("the catalog names an assessor role")
		}
	}
}

// TestExportComponentDefinition: one control implementation per framework,
// whose source resolves: NIST's OSCAL catalog for SP 800-53, a back-matter
// resource linking the framework's publication otherwise; each implemented
// requirement names its MCP controls with their provenance and basis.
func TestExportComponentDefinition(t *testing.T) {
	ctrls, _, set := fixture.Catalog(fixture.Results())
	first, err := ExportComponentDefinition(ctrls, set, exportOpts())
	if err != nil {
		t.Fatal(err)
	}
	second, err := ExportComponentDefinition(ctrls, set, exportOpts())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatal("two exports differ")
	}
	golden(t, "component-definition.json", first)
	validateNIST(t, oscaltest.ComponentDefinition, first)

	cd := decode(t, first).ComponentDefinition
	resources := map[string]bool{}
	for _, res := range deref(cd.BackMatter.Resources) {
		if res.Rlinks != nil {
			resources["#"+res.UUID] = true
		}
	}
	impls := deref(deref(cd.Components)[0].ControlImplementations)
	if len(impls) != 3 {
		t.Fatalf("control implementations = %d, want 3", len(impls))
	}
	linked := map[string]map[string]bool{}
	for _, l := range set.Links {
		if linked[l.Framework] == nil {
			linked[l.Framework] = map[string]bool{}
		}
		linked[l.Framework][l.Requirement] = true
	}
	for _, im := range impls {
		fw := propOf(im.Props, "framework")
		switch {
		case fw == "nist-800-53-rev5":
			if !strings.HasPrefix(im.Source, "https://") {
				t.Errorf("%s source = %q, want NIST's OSCAL catalog", fw, im.Source)
			}
		case !resources[im.Source]:
			t.Errorf("%s source = %q, want a back-matter resource with a link", fw, im.Source)
		}
		if len(im.ImplementedRequirements) != len(linked[fw]) {
			t.Errorf("%s implemented requirements = %d, want %d", fw, len(im.ImplementedRequirements), len(linked[fw]))
		}
		for _, r := range im.ImplementedRequirements {
			controls := propsNamed(r.Props, "mcp-control")
			if len(controls) == 0 {
				t.Errorf("%s %s has no mcp-control prop", fw, r.ControlId)
			}
			for _, p := range controls {
				if p.Class != mappings.ProvenanceOfficial && p.Class != mappings.ProvenanceAsserted || !strings.Contains(p.Remarks, "Basis: ") {
					t.Errorf("%s %s control %s: class %q remarks %q", fw, r.ControlId, p.Value, p.Class, p.Remarks)
				}
			}
			if rid := propsNamed(r.Props, "requirement-id"); len(rid) != 1 || rid[0].Class != fw {
				t.Errorf("%s %s requirement-id props %+v", fw, r.ControlId, rid)
			}
		}
	}
}

func TestExportEdgeCases(t *testing.T) {
	tests := []struct {
		name    string
		run     func() ([]byte, error)
		wantErr string
	}{
		{"empty catalog", func() ([]byte, error) { return ExportCatalog(nil, nil, exportOpts()) }, ""},
		{"catalog without timestamp", func() ([]byte, error) {
			return ExportCatalog(nil, nil, ExportOptions{})
		}, "no timestamp"},
		{"control with no optional text", func() ([]byte, error) {
			return ExportCatalog([]*controls.Control{{ID: "X 1", Title: "Bare"}}, nil, exportOpts())
		}, ""},
		{"nil mapping set", func() ([]byte, error) { return ExportComponentDefinition(nil, nil, exportOpts()) }, ""},
		{"link to an undeclared requirement", func() ([]byte, error) {
			set := &mappings.Set{
				Frameworks: []*mappings.Framework{{ID: "gdpr", Title: "GDPR"}},
				Links:      []mappings.Link{{Control: "MCP-X", Framework: "gdpr", Requirement: "5(1)(f)"}},
			}
			return ExportComponentDefinition(nil, set, ExportOptions{Timestamp: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.run()
			if tt.wantErr == "" && err != nil {
				t.Fatal(err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}
