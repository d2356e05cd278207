package mappings_test

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/mappings"
)

// enterpriseServer is the framework of the ten enterprise MCP server requirements.
const enterpriseServer = "mcp-enterprise-server"

// TestEnterpriseServerRequirements: each of the ten requirements is judged
// by at least one control, the checks built for a requirement judge it, and
// requirements that nothing outside a server can show rest on an
// attestation.
func TestEnterpriseServerRequirements(t *testing.T) {
	set := builtin(t)
	fw := set.Framework(enterpriseServer)
	if fw == nil {
		t.Fatal("framework missing")
	}
	if len(fw.Requirements) != 10 {
		t.Fatalf("%d requirements, want 10", len(fw.Requirements))
	}
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	manual := map[string]bool{}
	for _, c := range cat.Controls {
		manual[c.ID] = c.Manual
	}
	view := requirementView(set.Links)
	for i, r := range fw.Requirements {
		if want := "ESR-" + []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10"}[i]; r.ID != want {
			t.Errorf("requirement %d is %s, want %s", i+1, r.ID, want)
		}
		if len(view[r.ID]) == 0 {
			t.Errorf("%s %s is judged by no control", r.ID, r.Title)
		}
	}
	for req, want := range map[string][]string{
		"ESR-01": {"MCP-ENDPOINT-01"},
		"ESR-02": {"MCP-ENDPOINT-06"},
		"ESR-03": {"MCP-ENDPOINT-11"},
		"ESR-04": {"MCP-SANDBOX-01", "MCP-WORKLOAD-01", "MCP-RBAC-01"},
		"ESR-05": {"MCP-TOOL-13", "MCP-TOOL-14"},
		"ESR-06": {"MCP-TOOL-12"},
		"ESR-07": {"MCP-GATEWAY-33"},
		"ESR-08": {"MCP-GOV-09"},
		"ESR-09": {"MCP-ENDPOINT-12", "MCP-ENDPOINT-13"},
		"ESR-10": {"MCP-GATEWAY-34"},
	} {
		for _, c := range want {
			if !slices.Contains(view[req], c) {
				t.Errorf("%s is not judged by %s (it has %v)", req, c, view[req])
			}
		}
	}
	if !manual["MCP-GOV-09"] {
		t.Error("resource leaks are judged by attestation: MCP-GOV-09 must be manual")
	}
}

// TestReadmeListsRequirements: the README's table of the ten requirements
// names exactly the controls the mappings link to each.
func TestReadmeListsRequirements(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	set := builtin(t)
	view := requirementView(set.Links)
	row := regexp.MustCompile(`(?m)^\| (ESR-\d\d) \|.*\|([^|]*)\|[ \t]*$`) // the last column lists the controls
	rows := row.FindAllStringSubmatch(string(data), -1)
	if len(rows) != 10 {
		t.Fatalf("README lists %d requirements, want a table of 10", len(rows))
	}
	for _, m := range rows {
		got := regexp.MustCompile(`MCP-[A-Z]+-\d\d`).FindAllString(m[2], -1)
		slices.Sort(got)
		if !slices.Equal(got, view[m[1]]) {
			t.Errorf("README row %s lists %v, the mappings link %v", m[1], got, view[m[1]])
		}
	}
}

// requirementView lists, per requirement of the enterprise server
// framework, the controls linked to it, sorted.
func requirementView(links []mappings.Link) map[string][]string {
	view := map[string][]string{}
	for _, l := range links {
		if l.Framework == enterpriseServer {
			view[l.Requirement] = append(view[l.Requirement], l.Control)
		}
	}
	for _, cs := range view {
		slices.Sort(cs)
	}
	return view
}
