package sarif

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
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
						Tags     []string `json:"tags"`
						Severity string   `json:"security-severity"`
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
	// Rules carry framework tags and a security-severity.
	for _, rule := range run.Tool.Driver.Rules {
		if rule.ID == "MCP-SECRETS-01" {
			tags := strings.Join(rule.Properties.Tags, ",")
			for _, want := range []string{"nist-800-53-rev5:IA-5", "iso-27001-2022:A.5.17", "risk:token-mismanagement"} {
				if !strings.Contains(tags, want) {
					t.Errorf("tags %s lack %s", tags, want)
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
