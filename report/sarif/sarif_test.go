package sarif

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func render(t *testing.T, r *assess.Results) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, Options{Category: "tollgate"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	got := render(t, fixture.Results())
	if !bytes.Equal(got, render(t, fixture.Results())) {
		t.Fatal("two renders differ")
	}
	fixture.Golden(t, "tollgate.sarif", got, *update)
}

type sarifDoc struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID         string `json:"id"`
					Properties struct {
						Tags         []string `json:"tags"`
						Severity     string   `json:"security-severity"`
						Requirements []string `json:"requirements"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			Notifications []struct {
				// SARIF §3.58.7: a notification names the rule it concerns
				// in associatedRule; descriptor is for notification descriptors.
				Rule *struct {
					ID    string `json:"id"`
					Index int    `json:"index"`
				} `json:"associatedRule"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Locations []struct {
				Physical *struct {
					Artifact struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
				Logical []struct {
					Name string `json:"name"`
				} `json:"logicalLocations"`
			} `json:"locations"`
			Fingerprints map[string]string `json:"partialFingerprints"`
			Suppressions []struct {
				Status        string `json:"status"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

func decode(t *testing.T, data []byte) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestContent(t *testing.T) {
	r := fixture.Results()
	d := decode(t, render(t, r))
	run := d.Runs[0]
	if d.Version != "2.1.0" || len(run.Tool.Driver.Rules) != len(r.Controls) {
		t.Fatalf("version %s, rules %d (want 2.1.0, %d)", d.Version, len(run.Tool.Driver.Rules), len(r.Controls))
	}
	var fails, waived int
	for _, cr := range r.Controls {
		fails += cr.Counts.Fail
		waived += cr.Counts.Waived
	}
	var suppressed int
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d", res.RuleID, res.RuleIndex)
		}
		if len(res.Fingerprints[assess.FingerprintRecipe]) != 32 {
			t.Errorf("%s: fingerprint %v", res.RuleID, res.Fingerprints)
		}
		if len(res.Suppressions) > 0 {
			suppressed++
			if !strings.Contains(res.Suppressions[0].Justification, "decommissioned") {
				t.Errorf("suppression justification = %q", res.Suppressions[0].Justification)
			}
		}
		loc := res.Locations[0]
		if loc.Physical == nil && len(loc.Logical) == 0 {
			t.Errorf("%s has no location", res.RuleID)
		}
	}
	if got := len(run.Results) - suppressed; got != fails {
		t.Errorf("unsuppressed results = %d, want %d failures", got, fails)
	}
	if suppressed != waived {
		t.Errorf("suppressed results = %d, want %d waived", suppressed, waived)
	}
	// The GitHub finding is at repo-a/.cursor/mcp.json:4 with level error (high).
	var found bool
	for _, res := range run.Results {
		if res.RuleID == "MCP-SECRETS-01" && res.Locations[0].Physical != nil &&
			res.Locations[0].Physical.Artifact.URI == "repo-a/.cursor/mcp.json" && res.Locations[0].Physical.Region.StartLine == 4 {
			found = true
			if res.Level != "error" {
				t.Errorf("high severity level = %s, want error", res.Level)
			}
		}
	}
	if !found {
		t.Error("no MCP-SECRETS-01 result at repo-a/.cursor/mcp.json:4")
	}
	// The evaluation error is a notification, not a result.
	if n := run.Invocations[0].Notifications; len(n) != 1 || n[0].Rule == nil || n[0].Rule.ID != "MCP-AUTH-01" ||
		run.Tool.Driver.Rules[n[0].Rule.Index].ID != "MCP-AUTH-01" {
		t.Errorf("notifications = %+v, want the MCP-AUTH-01 error with its rule", n)
	}
	// Rules carry risk tags, the framework requirements and a
	// security-severity.
	for _, rule := range run.Tool.Driver.Rules {
		if rule.ID == "MCP-SECRETS-01" {
			if tags := strings.Join(rule.Properties.Tags, ","); !strings.Contains(tags, "risk:token-mismanagement") {
				t.Errorf("tags %s lack risk:token-mismanagement", tags)
			}
			reqs := strings.Join(rule.Properties.Requirements, ",")
			for _, want := range []string{"nist-800-53-rev5:IA-5", "iso-27001-2022:A.5.17"} {
				if !strings.Contains(reqs, want) {
					t.Errorf("requirements %s lack %s", reqs, want)
				}
			}
			if rule.Properties.Severity != "8.0" {
				t.Errorf("security-severity = %s, want 8.0", rule.Properties.Severity)
			}
		}
	}
}

func TestFingerprintsStable(t *testing.T) {
	// A finding keeps its fingerprint when other findings come and go.
	a := decode(t, render(t, fixture.Results()))
	r := fixture.Results()
	r.Controls[0].Evaluations = r.Controls[0].Evaluations[1:] // drop the MCP-AUTH-01 failure
	b := decode(t, render(t, r))
	prints := map[string]bool{}
	for _, res := range a.Runs[0].Results {
		prints[res.Fingerprints[assess.FingerprintRecipe]] = true
	}
	for _, res := range b.Runs[0].Results {
		if !prints[res.Fingerprints[assess.FingerprintRecipe]] {
			t.Errorf("%s fingerprint changed", res.RuleID)
		}
	}
	if len(b.Runs[0].Results) != len(a.Runs[0].Results)-1 {
		t.Errorf("results = %d, want %d", len(b.Runs[0].Results), len(a.Runs[0].Results)-1)
	}
}

func TestNoPassResults(t *testing.T) {
	r := fixture.Results()
	for i := range r.Controls {
		for j := range r.Controls[i].Evaluations {
			r.Controls[i].Evaluations[j].Verdict = assess.VerdictPass
		}
	}
	d := decode(t, render(t, r))
	if n := len(d.Runs[0].Results); n != 0 {
		t.Errorf("results = %d for an all-pass run, want 0", n)
	}
	if !bytes.Contains(render(t, r), []byte(`"results": []`)) {
		t.Error("an all-pass run must still carry an empty results array")
	}
}

func TestFileURIIsAURIReference(t *testing.T) {
	for in, want := range map[string]string{
		"repo-a/.cursor/mcp.json":         "repo-a/.cursor/mcp.json",
		"my repo/.vscode/mcp.json":        "my%20repo/.vscode/mcp.json",
		"odd#name/100%/mcp.json":          "odd%23name/100%25/mcp.json",
		"c:drive/claude_desktop.json":     "c%3Adrive/claude_desktop.json",
		"workstations/bob/cline?x=1.json": "workstations/bob/cline%3Fx=1.json",
	} {
		if got := fileURI(in); got != want {
			t.Errorf("fileURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRulesFitCodeScanning: GitHub code scanning shows ten tags per rule
// and rejects a file above twenty, so a rule mapped to many requirements
// keeps at most ten tags (the requirements go to a property); an
// informational rule carries no security-severity of 0.0.
func TestRulesFitCodeScanning(t *testing.T) {
	r := fixture.Results()
	c := r.Controls[0].Control
	c.Risks = []string{"a", "b", "c", "d", "e"}
	fw := &r.Frameworks[0]
	for i := range 25 {
		req := mappings.Requirement{ID: fmt.Sprintf("R-%d", i), Title: "R"}
		fw.Framework.Requirements = append(fw.Framework.Requirements, req)
		fw.Requirements = append(fw.Requirements, assess.RequirementResult{Requirement: req, Status: assess.StatusSatisfied,
			Links: []mappings.Link{{Control: c.ID, Framework: fw.Framework.ID, Requirement: req.ID, Provenance: "asserted", Rationale: "x"}}})
	}
	info := false
	for i := range r.Controls {
		info = info || r.Controls[i].Control.Severity == "info"
	}
	if !info {
		t.Fatal("the fixture has no informational control")
	}
	var doc sarifDoc
	if err := json.Unmarshal(renderWith(t, r, Options{}), &doc); err != nil {
		t.Fatal(err)
	}
	for _, rule := range doc.Runs[0].Tool.Driver.Rules {
		if n := len(rule.Properties.Tags); n > 10 {
			t.Errorf("rule %s has %d tags, more than the 10 code scanning shows", rule.ID, n)
		}
		if rule.ID == c.ID && len(rule.Properties.Requirements) < 25 {
			t.Errorf("rule %s lists %d requirements, want all of them", rule.ID, len(rule.Properties.Requirements))
		}
		if rule.Properties.Severity == "0.0" {
			t.Errorf("rule %s has security-severity 0.0", rule.ID)
		}
	}
}

// TestRootMakesPathsRepositoryRelative: with Root, every artifact and
// result URI is the scan root's path in the repository joined to the file's
// path, so code scanning finds the file.
func TestRootMakesPathsRepositoryRelative(t *testing.T) {
	var doc struct {
		Runs []struct {
			Artifacts []struct {
				Location struct {
					URI string `json:"uri"`
				} `json:"location"`
			} `json:"artifacts"`
			Results []struct {
				Locations []struct {
					Physical *struct {
						Artifact struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(renderWith(t, fixture.Results(), Options{Root: "examples/acme"}), &doc); err != nil {
		t.Fatal(err)
	}
	run := doc.Runs[0]
	if len(run.Artifacts) == 0 {
		t.Fatal("no artifacts")
	}
	for _, a := range run.Artifacts {
		if !strings.HasPrefix(a.Location.URI, "examples/acme/repo-") {
			t.Errorf("artifact URI %q is not under examples/acme/", a.Location.URI)
		}
	}
	for _, res := range run.Results {
		if p := res.Locations[0].Physical; p != nil && !strings.HasPrefix(p.Artifact.URI, "examples/acme/") {
			t.Errorf("result URI %q is not under examples/acme/", p.Artifact.URI)
		}
	}
}

func renderWith(t *testing.T, r *assess.Results, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
