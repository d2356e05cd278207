package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// resultsDoc is the part of results.json the policy tests read.
type resultsDoc struct {
	Controls []struct {
		ID     string `json:"id"`
		Status string `json:"status"`
		Manual bool   `json:"manual"`
	} `json:"controls"`
	Findings []struct {
		Control     string `json:"control"`
		SubjectName string `json:"subject_name"`
		Verdict     string `json:"verdict"`
		Waiver      string `json:"waiver"`
	} `json:"findings"`
	Attestations []struct {
		ID, Control, Status string
	} `json:"attestations"`
	Policy *struct {
		Files []struct {
			Path, Artifact, SHA256 string
		} `json:"files"`
		Approved int `json:"approved"`
	} `json:"policy"`
}

func readResults(t *testing.T, out string) resultsDoc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc resultsDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// findingsOf lists "control name verdict" for the findings of the given
// controls, sorted.
func (d resultsDoc) findingsOf(controls ...string) []string {
	var out []string
	for _, f := range d.Findings {
		if slices.Contains(controls, f.Control) {
			out = append(out, f.Control+" "+f.SubjectName+" "+f.Verdict)
		}
	}
	slices.Sort(out)
	return out
}

func (d resultsDoc) status(id string) (string, bool) {
	for _, c := range d.Controls {
		if c.ID == id {
			return c.Status, c.Manual
		}
	}
	return "", false
}

// TestExampleIsJudgedAgainstItsPolicy: the README's command judges the
// example organisation against the policy its tollgate.yaml names: the
// allowlist control is automated, and the unapproved, off-version and
// denied servers are reported; the policy's file is evidence, with its hash,
// in the bundle the reports point to.
func TestExampleIsJudgedAgainstItsPolicy(t *testing.T) {
	out, _ := assessInto(t, exampleDir)
	doc := readResults(t, out)
	if status, manual := doc.status("MCP-GOV-01"); status != "not-satisfied" || manual {
		t.Errorf("MCP-GOV-01: status %q, manual %v; want automated and not satisfied", status, manual)
	}
	want := []string{
		"MCP-GOV-01 crm waived",
		"MCP-GOV-01 docs-search fail",
		"MCP-GOV-01 notebooks fail",
		"MCP-GOV-01 playwright fail",
		"MCP-POLICY-01 filesystem fail",
		"MCP-POLICY-01 kubernetes fail",
		"MCP-POLICY-02 brave-search fail",
		"MCP-POLICY-05 kubernetes-mcp fail",
		"MCP-POLICY-06 payments-docs fail",
	}
	if got := doc.findingsOf("MCP-GOV-01", "MCP-POLICY-01", "MCP-POLICY-02", "MCP-POLICY-03", "MCP-POLICY-05", "MCP-POLICY-06"); !slices.Equal(got, want) {
		t.Errorf("policy findings:\n got %q\nwant %q", got, want)
	}
	if doc.Policy == nil || len(doc.Policy.Files) != 1 || doc.Policy.Approved == 0 {
		t.Fatalf("results.json policy = %+v", doc.Policy)
	}
	pf := doc.Policy.Files[0]
	data, err := os.ReadFile(filepath.Join(exampleDir, "policy", "servers.cue"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if pf.SHA256 != hex.EncodeToString(sum[:]) || pf.Artifact != "tollgate-policy/servers.cue" {
		t.Errorf("policy file %+v", pf)
	}
	stored, err := os.ReadFile(filepath.Join(out, "evidence", "artifacts", "tollgate-policy", "servers.cue"))
	if err != nil || string(stored) != string(data) {
		t.Errorf("the evidence bundle must hold the policy as read: %v", err)
	}
	if cited := policyCitations(t, out); cited["MCP-GOV-01"] != pf.SHA256 || cited["MCP-POLICY-02"] != pf.SHA256 || cited["MCP-SUPPLY-01"] != "" {
		t.Errorf("observations citing the policy: %v; want MCP-GOV-01 and the policy controls, with the file's hash", cited)
	}
	for _, a := range doc.Attestations {
		if a.Status != "valid" {
			t.Errorf("attestation %s of %s: %s", a.ID, a.Control, a.Status)
		}
	}
}

// TestPolicyFlag: --policy judges an estate against a policy of the
// operator's choosing; without one the allowlist control stays manual.
func TestPolicyFlag(t *testing.T) {
	tree := writeTree(t, map[string]string{
		".mcp.json": `{"mcpServers": {"time": {"command": "uvx", "args": ["mcp-server-time==0.6.2"]}}}`,
	})
	out, _ := assessInto(t, tree)
	if status, manual := readResults(t, out).status("MCP-GOV-01"); status != "manual" || !manual {
		t.Errorf("without a policy MCP-GOV-01 is %q (manual %v)", status, manual)
	}
	pol := writeTree(t, map[string]string{"p.cue": "package p\napproved: time: {package: {ecosystem: \"pypi\", name: \"mcp-server-time\"}, owner: \"it\"}\n"})
	out, _ = assessInto(t, tree, "--policy", pol)
	if status, manual := readResults(t, out).status("MCP-GOV-01"); status != "satisfied" || manual {
		t.Errorf("with the policy MCP-GOV-01 is %q (manual %v)", status, manual)
	}
	bad := writeTree(t, map[string]string{"p.cue": "package p\napproved: time: {owner: \"it\", pakage: {}}\n"})
	run := runTollgate(t, "assess", tree, "--policy", bad, "-o", filepath.Join(t.TempDir(), "o"))
	if run.code != 2 || run.err == nil || !strings.Contains(run.err.Error(), "p.cue:2: approved.time.pakage: unknown field (did you mean approved.time.package?)") {
		t.Errorf("a bad policy is a usage error naming the line: exit %d, %v", run.code, run.err)
	}
}

// policyCitations returns, per control, the sha256 of the policy file its
// OSCAL observation cites as relevant evidence.
func policyCitations(t *testing.T, out string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "assessment-results.json"))
	if err != nil {
		t.Fatal(err)
	}
	type prop struct{ Name, Value string }
	var doc struct {
		AR struct {
			Results []struct {
				Observations []struct {
					Props            []prop `json:"props"`
					RelevantEvidence []struct {
						Href  string `json:"href"`
						Props []prop `json:"props"`
					} `json:"relevant-evidence"`
				} `json:"observations"`
			} `json:"results"`
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	cited := map[string]string{}
	for _, r := range doc.AR.Results {
		for _, o := range r.Observations {
			control := ""
			for _, p := range o.Props {
				if p.Name == "control-id" {
					control = p.Value
				}
			}
			for _, e := range o.RelevantEvidence {
				kind, sum := "", ""
				for _, p := range e.Props {
					switch p.Name {
					case "evidence-kind":
						kind = p.Value
					case "sha256":
						sum = p.Value
					}
				}
				if kind == "policy" && e.Href != "" {
					cited[control] = sum
				}
			}
		}
	}
	return cited
}
