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

	"github.com/tollgate-dev/tollgate/internal/mcptest"
	"github.com/tollgate-dev/tollgate/report/reporttest"
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
	out, summary := assessInto(t, exampleDir)
	if summary.Policy == nil || len(summary.Policy.Files) != 1 || !strings.HasPrefix(summary.Policy.Files[0], filepath.ToSlash(filepath.Join(exampleDir, "policy", "servers.cue"))+" (sha256 ") {
		t.Errorf("the console summary names the policy: %+v", summary.Policy)
	}
	doc := readResults(t, out)
	if status, manual := doc.status("MCP-GOV-01"); status != "not-satisfied" || manual {
		t.Errorf("MCP-GOV-01: status %q, manual %v; want automated and not satisfied", status, manual)
	}
	want := []string{
		"MCP-GOV-01 crm waived",
		"MCP-GOV-01 docs-search fail",
		"MCP-GOV-01 notebooks fail",
		"MCP-GOV-01 playwright fail",
		"MCP-POLICY-01 context7 fail",
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
	att := writeTree(t, map[string]string{"a.hcl": `attestation "A-1" {
  control     = "MCP-GOV-01"
  statement   = "We keep a list."
  attested_by = "sec"
  evidence    = "https://wiki.example/allowlist"
  expires     = "2099-01-01"
}
`})
	out, _ = assessInto(t, tree, "--policy", pol, "--attestations", filepath.Join(att, "a.hcl"))
	doc := readResults(t, out)
	if status, manual := doc.status("MCP-GOV-01"); status != "satisfied" || manual {
		t.Errorf("with the policy MCP-GOV-01 is %q (manual %v)", status, manual)
	}
	if len(doc.Attestations) != 1 || doc.Attestations[0].Status != "superseded" {
		t.Errorf("an attestation of the allowlist is superseded by the policy: %+v", doc.Attestations)
	}
	reporttest.ValidateOutputDir(t, out)
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

// TestPolicyInitThenAssess: a policy written by 'policy init' from an
// estate approves the estate as it is — assessing it passes the allowlist,
// version and image controls — and a server added afterwards is a shadow
// server.
func TestPolicyInitThenAssess(t *testing.T) {
	acme := copyExample(t)
	pol := filepath.Join(t.TempDir(), "policy")
	run := runTollgate(t, "policy", "init", acme, "-o", pol, "--timestamp", fixedTimestamp)
	if run.code != 0 || !strings.Contains(run.stdout, "approved entries, owners TODO") {
		t.Fatalf("policy init: exit %d: %v\n%s", run.code, run.err, run.stdout)
	}
	check := runTollgate(t, "policy", "check", pol)
	if check.code != 0 || !strings.Contains(check.stderr, "owner is TODO") {
		t.Errorf("policy check of the starting policy: exit %d, stderr:\n%s", check.code, check.stderr)
	}
	if again := runTollgate(t, "policy", "init", acme, "-o", pol); again.code != 2 || !strings.Contains(again.err.Error(), "already exists") {
		t.Errorf("init over an existing policy: exit %d, %v", again.code, again.err)
	}

	out, _ := assessInto(t, acme, "--policy", pol)
	doc := readResults(t, out)
	for _, id := range []string{"MCP-GOV-01", "MCP-POLICY-01", "MCP-POLICY-05"} {
		if status, manual := doc.status(id); status != "satisfied" || manual {
			t.Errorf("%s on the estate its policy was written from: %s (manual %v)", id, status, manual)
		}
	}
	if f := doc.findingsOf("MCP-GOV-01", "MCP-POLICY-01", "MCP-POLICY-02", "MCP-POLICY-05"); len(f) != 0 {
		t.Errorf("findings: %q", f)
	}

	fixAliceAddAnalytics(t, acme)
	out, _ = assessInto(t, acme, "--policy", pol)
	doc = readResults(t, out)
	if got := doc.findingsOf("MCP-GOV-01"); !slices.Equal(got, []string{"MCP-GOV-01 analytics fail"}) {
		t.Errorf("after adding a server: %q", got)
	}
	// alice's filesystem server now runs a version the starting policy does
	// not know.
	if got := doc.findingsOf("MCP-POLICY-01"); len(got) != 0 {
		t.Errorf("alice's unpinned server was approved for every version: %q", got)
	}
}

func TestPolicyCheck(t *testing.T) {
	good := writeTree(t, map[string]string{"p.cue": "package p\nowner: \"sec\"\napproved: time: {package: {ecosystem: \"pypi\", name: \"mcp-server-time\", versions: [\"0.6.2\"]}, owner: \"it\", reviewed: \"2020-01-01\"}\n" +
		"exceptions: old: {allow: [\"version\"], servers: [\"time\"], justification: \"j\", owner: \"o\", approved_by: \"a\", expires: \"2021-01-01\"}\n"})
	run := runTollgate(t, "policy", "check", good, "--timestamp", fixedTimestamp)
	if run.code != 0 || !strings.Contains(run.stdout, "is valid: 1 file(s): 1 approved, 0 denied, 0 required, 1 exception(s)") {
		t.Errorf("exit %d: %v\n%s", run.code, run.err, run.stdout)
	}
	for _, want := range []string{"approved.time: last reviewed on 2020-01-01, more than a year ago", "exceptions.old expired on 2021-01-01"} {
		if !strings.Contains(run.stderr, want) {
			t.Errorf("warnings lack %q:\n%s", want, run.stderr)
		}
	}
	bad := writeTree(t, map[string]string{"p.cue": "package p\napproved: time: {pakage: {}}\n"})
	run = runTollgate(t, "policy", "check", bad)
	if run.code != 1 || !strings.Contains(run.stderr, "p.cue:2: approved.time.pakage: unknown field (did you mean approved.time.package?)") ||
		!strings.Contains(run.stderr, "p.cue:2: approved.time.owner: missing") {
		t.Errorf("exit %d, stderr:\n%s", run.code, run.stderr)
	}
	if run := runTollgate(t, "policy", "check", filepath.Join(t.TempDir(), "nope")); run.code != 2 {
		t.Errorf("a missing policy: exit %d", run.code)
	}
}

func TestPolicyExport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "enforce")
	run := runTollgate(t, "policy", "export", filepath.Join(exampleDir, "policy"), "-o", out)
	if run.code != 0 {
		t.Fatalf("exit %d: %v", run.code, run.err)
	}
	for _, f := range []string{"claude-code/managed-mcp.json", "claude-code/managed-settings.json", "docker/docker-mcp-catalog.yaml", "agentgateway/agentgateway.yaml"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if !strings.Contains(run.stderr, "note: claude-code: approved.warehouse left out: approved only for some folders") {
		t.Errorf("what a product cannot express is listed:\n%s", run.stderr)
	}
	only := runTollgate(t, "policy", "export", filepath.Join(exampleDir, "policy"), "-o", filepath.Join(t.TempDir(), "o"), "--to", "claude-code")
	if only.code != 0 || strings.Contains(only.stdout, "agentgateway") {
		t.Errorf("--to claude-code: exit %d\n%s", only.code, only.stdout)
	}
	if bad := runTollgate(t, "policy", "export", filepath.Join(exampleDir, "policy"), "--to", "vscode", "-o", t.TempDir()); bad.code != 2 {
		t.Errorf("--to vscode: exit %d", bad.code)
	}
}

// TestToolsOutsideThePolicyFromAProbe: the tools a live probe lists for a
// configured server are judged against the tools its approval allows.
func TestToolsOutsideThePolicyFromAProbe(t *testing.T) {
	srv := mcptest.Benign(t)
	tree := writeTree(t, map[string]string{".mcp.json": `{"mcpServers": {"team": {"type": "http", "url": "` + srv.URL + `"}}}`})
	pol := writeTree(t, map[string]string{"p.cue": "package p\napproved: team: {url: \"" + srv.URL + "\", owner: \"team\", tools: [\"add\", \"read_*\"]}\n"})
	out, _ := assessInto(t, tree, "--probe", "--policy", pol)
	doc := readResults(t, out)
	if got := doc.findingsOf("MCP-POLICY-04"); !slices.Equal(got, []string{"MCP-POLICY-04 send_message fail"}) {
		t.Errorf("tools outside the approval: %q", got)
	}
	if status, _ := doc.status("MCP-GOV-01"); status != "satisfied" {
		t.Errorf("MCP-GOV-01: %s", status)
	}
}
