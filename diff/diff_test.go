package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	resultsjson "github.com/tollgate-dev/tollgate/report/json"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func finding(fp, control, severity, verdict, waiver string) resultsjson.Finding {
	return resultsjson.Finding{
		ID: "TG-" + fp, Fingerprint: fp, Control: control, Title: control + " title", Severity: severity, Verdict: verdict,
		Subject: "server:a/.mcp.json#" + fp, SubjectName: fp, Location: resultsjson.Location{Text: "a/.mcp.json:3"},
		Message: fp + " fails " + control, Waiver: waiver,
	}
}

func framework(statuses ...string) resultsjson.Framework {
	fw := resultsjson.Framework{ID: "nist-800-53-rev5", Title: "NIST SP 800-53 Rev. 5"}
	for i, s := range statuses {
		fw.Requirements = append(fw.Requirements, resultsjson.Requirement{ID: []string{"AC-3", "IA-5", "SC-8"}[i], Title: "t", Status: s})
		switch s {
		case "satisfied":
			fw.Tally.Satisfied++
		case "not-satisfied":
			fw.Tally.NotSatisfied++
		}
	}
	return fw
}

// pair is an earlier and a later run with one finding of every kind of change.
func pair() (*resultsjson.Document, *resultsjson.Document) {
	from := &resultsjson.Document{
		Timestamp: "2026-01-01T00:00:00Z", Tool: resultsjson.Tool{Version: "1.0.0"},
		Findings: []resultsjson.Finding{
			finding("aaaa", "MCP-SECRETS-01", "high", "fail", ""),
			finding("bbbb", "MCP-SUPPLY-01", "medium", "fail", ""),
			finding("cccc", "MCP-SUPPLY-03", "low", "fail", ""),
			finding("dddd", "MCP-AUTH-02", "low", "waived", "W-1"),
			finding("eeee", "MCP-AUTH-02", "low", "waived", "W-2"),
			finding("ffff", "MCP-TRANSPORT-02", "medium", "waived", "W-3"),
			finding("gggg", "MCP-SUPPLY-02", "medium", "fail", ""),
		},
		Controls: []resultsjson.Control{
			{ID: "MCP-SANDBOX-01", Status: "satisfied"}, {ID: "MCP-OLD-01", Status: "not-satisfied"}, {ID: "MCP-SUPPLY-01", Status: "not-satisfied"},
		},
		Frameworks: []resultsjson.Framework{framework("satisfied", "not-satisfied", "satisfied")},
	}
	to := &resultsjson.Document{
		Timestamp: "2026-02-01T00:00:00Z", Tool: resultsjson.Tool{Version: "1.1.0"},
		Findings: []resultsjson.Finding{
			finding("aaaa", "MCP-SECRETS-01", "high", "fail", ""),
			finding("cccc", "MCP-SUPPLY-03", "low", "waived", "W-4"),
			finding("dddd", "MCP-AUTH-02", "low", "fail", ""),
			finding("eeee", "MCP-AUTH-02", "low", "fail", ""),
			finding("ffff", "MCP-TRANSPORT-02", "medium", "waived", "W-3"),
			finding("gggg", "MCP-SUPPLY-02", "high", "fail", ""),
			finding("hhhh", "MCP-SANDBOX-01", "critical", "fail", ""),
			finding("iiii", "MCP-CONSENT-02", "medium", "waived", "W-4"),
		},
		Waivers: []resultsjson.Waiver{{ID: "W-1", Status: "expired"}, {ID: "W-3", Status: "active"}, {ID: "W-4", Status: "active"}},
		Controls: []resultsjson.Control{
			{ID: "MCP-NEW-01", Status: "satisfied"}, {ID: "MCP-SANDBOX-01", Status: "not-satisfied"}, {ID: "MCP-SUPPLY-01", Status: "satisfied"},
		},
		Frameworks: []resultsjson.Framework{framework("not-satisfied", "not-satisfied", "satisfied")},
	}
	return from, to
}

func fingerprints(es []Entry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Fingerprint)
	}
	return out
}

func TestCompare(t *testing.T) {
	from, to := pair()
	r := Compare(from, to, "old.json", "new.json")
	lists := []struct {
		name string
		got  []Entry
		want []string
	}{
		{"new", r.New, []string{"hhhh"}},
		{"fixed", r.Fixed, []string{"bbbb"}},
		{"still failing (most severe first)", r.StillFailing, []string{"aaaa", "gggg"}},
		{"waived", r.Waived, []string{"iiii", "cccc"}},
		{"still waived", r.StillWaived, []string{"ffff"}},
		{"unwaived", r.Unwaived, []string{"dddd", "eeee"}},
	}
	for _, l := range lists {
		if got := fingerprints(l.got); !slices.Equal(got, l.want) {
			t.Errorf("%s = %v, want %v", l.name, got, l.want)
		}
	}
	if r.Waived[0].Previous != "absent" || r.Waived[1].Previous != "fail" {
		t.Errorf("previous verdicts of newly waived: %q, %q", r.Waived[0].Previous, r.Waived[1].Previous)
	}
	if r.Unwaived[0].WaiverStatus != "expired" || r.Unwaived[0].Waiver != "W-1" || r.Unwaived[1].WaiverStatus != "removed" {
		t.Errorf("unwaived: %+v", r.Unwaived)
	}
	if len(r.SeverityChanged) != 1 || r.SeverityChanged[0].Fingerprint != "gggg" || r.SeverityChanged[0].From != "medium" || r.SeverityChanged[0].To != "high" {
		t.Errorf("severity changed: %+v", r.SeverityChanged)
	}
	wantControls := []StatusChange{
		{ID: "MCP-NEW-01", From: "absent", To: "satisfied"},
		{ID: "MCP-OLD-01", From: "not-satisfied", To: "absent"},
		{ID: "MCP-SANDBOX-01", From: "satisfied", To: "not-satisfied"},
		{ID: "MCP-SUPPLY-01", From: "not-satisfied", To: "satisfied"},
	}
	if !slices.Equal(r.Controls, wantControls) {
		t.Errorf("controls = %+v, want %+v", r.Controls, wantControls)
	}
	if len(r.Requirements) != 1 || r.Requirements[0].ID != "AC-3" || r.Requirements[0].From != "satisfied" || r.Requirements[0].To != "not-satisfied" {
		t.Errorf("requirements = %+v", r.Requirements)
	}
	if len(r.Frameworks) != 1 || r.Frameworks[0].From.Satisfied != 2 || r.Frameworks[0].To.Satisfied != 1 {
		t.Errorf("frameworks = %+v", r.Frameworks)
	}
	for sev, want := range map[string]int{"critical": 1, "high": 1, "info": 1} {
		if got := len(r.Blocking(sev)); got != want {
			t.Errorf("Blocking(%s) = %d, want %d", sev, got, want)
		}
	}
}

func TestCompareIdenticalRuns(t *testing.T) {
	_, to := pair()
	r := Compare(to, to, "a", "b")
	if len(r.New)+len(r.Fixed)+len(r.Waived)+len(r.Unwaived)+len(r.SeverityChanged)+len(r.Controls)+len(r.Requirements)+len(r.Frameworks) != 0 {
		t.Errorf("a run compared with itself changed: %s", r.Counts())
	}
	if len(r.StillFailing) != 5 || len(r.StillWaived) != 3 {
		t.Errorf("%s", r.Counts())
	}
}

func TestWriteGolden(t *testing.T) {
	from, to := pair()
	r := Compare(from, to, "old/results.json", "new/results.json")
	for _, format := range Formats {
		var buf bytes.Buffer
		if err := Write(&buf, r, format); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "diff."+format)
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs from the golden file; run go test -update and review the diff:\n%s", path, buf.Bytes())
		}
	}
}

func TestJSONHasEveryList(t *testing.T) {
	from, _ := pair()
	var buf bytes.Buffer
	if err := Write(&buf, Compare(from, from, "a", "b"), "json"); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"new", "fixed", "still_failing", "waived", "still_waived", "unwaived", "severity_changed", "controls", "requirements", "frameworks"} {
		if _, ok := doc[key].([]any); !ok {
			t.Errorf("%s: want a list (never null), got %v", key, doc[key])
		}
	}
}

func TestMarkdownCapsLongLists(t *testing.T) {
	from := &resultsjson.Document{}
	to := &resultsjson.Document{}
	for i := range 150 {
		to.Findings = append(to.Findings, finding(string(rune('a'+i%26))+string(rune('a'+i/26)), "MCP-SUPPLY-03", "low", "fail", ""))
	}
	var buf bytes.Buffer
	writeMarkdown(&buf, Compare(from, to, "a", "b"), 100)
	if n := bytes.Count(buf.Bytes(), []byte("| low |")); n != 100 {
		t.Errorf("%d rows, want 100", n)
	}
	if !bytes.Contains(buf.Bytes(), []byte("…and 50 more")) {
		t.Error("the cut must say how many rows were left out")
	}
}

// TestStatusesInWords: the text and Markdown diffs name statuses as the
// other reports do (a requirement's for its MCP scope only; a waived one
// as not met, deviation approved), never as the JSON tokens.
func TestStatusesInWords(t *testing.T) {
	r := &Result{
		Controls: []StatusChange{{ID: "MCP-A-01", From: "satisfied", To: "not-satisfied"}},
		Requirements: []StatusChange{
			{Framework: "nist-800-53-rev5", ID: "SC-8", Title: "Transmission", From: "not-satisfied", To: "waived"},
			{Framework: "nist-800-53-rev5", ID: "AC-3", Title: "Access", From: "absent", To: "manual"},
		},
	}
	tests := []struct {
		format string
		want   []string
	}{
		{"text", []string{"Satisfied → Not satisfied", "MCP scope not met → Not met, deviation approved", "absent → Awaiting attestation"}},
		{"md", []string{"| MCP scope not met | Not met, deviation approved |", "| absent | Awaiting attestation |"}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Write(&buf, r, tt.format); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%s diff lacks %q:\n%s", tt.format, w, buf.String())
			}
		}
		if strings.Contains(buf.String(), "not-satisfied") {
			t.Errorf("%s diff names a status by its JSON token:\n%s", tt.format, buf.String())
		}
	}
}
