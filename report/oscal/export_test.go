package oscal

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

func exportOpts() ExportOptions {
	return ExportOptions{Version: "0.4.0", Timestamp: fixture.Timestamp}
}

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
	validateNIST(t, "oscal_catalog_schema.json", first)

	var doc struct {
		Catalog struct {
			Groups []struct {
				ID       string `json:"id"`
				Controls []struct {
					ID    string  `json:"id"`
					Props []tprop `json:"props"`
					Parts []struct {
						Name string `json:"name"`
					} `json:"parts"`
				} `json:"controls"`
			} `json:"groups"`
			BackMatter struct {
				Resources []any `json:"resources"`
			} `json:"back-matter"`
		} `json:"catalog"`
	}
	if err := json.Unmarshal(first, &doc); err != nil {
		t.Fatal(err)
	}
	families := map[string]bool{}
	n := 0
	for _, c := range ctrls {
		families[c.Family] = true
	}
	if len(doc.Catalog.Groups) != len(families) {
		t.Errorf("groups = %d, want one per family (%d)", len(doc.Catalog.Groups), len(families))
	}
	for _, g := range doc.Catalog.Groups {
		for _, c := range g.Controls {
			n++
			if propValue(c.Props, "severity") == "" {
				t.Errorf("%s has no severity prop", c.ID)
			}
			var names []string
			for _, p := range c.Parts {
				names = append(names, p.Name)
			}
			if got := strings.Join(names, ","); got != "statement,guidance,remediation,assessment-method" {
				t.Errorf("%s parts = %s", c.ID, got)
			}
		}
	}
	if n != len(ctrls) {
		t.Errorf("controls = %d, want %d", n, len(ctrls))
	}
	if len(doc.Catalog.BackMatter.Resources) != len(risks) {
		t.Errorf("risk resources = %d, want %d", len(doc.Catalog.BackMatter.Resources), len(risks))
	}
}

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
	validateNIST(t, "oscal_component_schema.json", first)

	var doc struct {
		CD struct {
			Components []struct {
				Impls []struct {
					Source string  `json:"source"`
					Props  []tprop `json:"props"`
					Reqs   []struct {
						ControlID string  `json:"control-id"`
						Props     []tprop `json:"props"`
					} `json:"implemented-requirements"`
				} `json:"control-implementations"`
			} `json:"components"`
		} `json:"component-definition"`
	}
	if err := json.Unmarshal(first, &doc); err != nil {
		t.Fatal(err)
	}
	impls := doc.CD.Components[0].Impls
	// gdpr, iso-27001-2022, nist-800-53-rev5: each has at least one link.
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
		fw := propValue(im.Props, "framework")
		if !strings.HasPrefix(im.Source, "#") {
			t.Errorf("%s source = %q, want a back-matter reference", fw, im.Source)
		}
		if len(im.Reqs) != len(linked[fw]) {
			t.Errorf("%s implemented requirements = %d, want %d", fw, len(im.Reqs), len(linked[fw]))
		}
		for _, r := range im.Reqs {
			var prov []string
			for _, p := range r.Props {
				if p.Name == "mcp-control" {
					prov = append(prov, p.Class)
				}
			}
			if len(prov) == 0 {
				t.Errorf("%s %s has no mcp-control prop", fw, r.ControlID)
			}
			for _, p := range prov {
				if p != mappings.ProvenanceOfficial && p != mappings.ProvenanceAsserted {
					t.Errorf("%s %s provenance class = %q", fw, r.ControlID, p)
				}
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
