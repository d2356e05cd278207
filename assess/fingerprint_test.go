package assess

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestFailingFacts(t *testing.T) {
	tests := []struct {
		name    string
		reasons []Reason
		want    []string
	}{
		{"none", nil, nil},
		{"map keys stay", []Reason{{Path: "env.GITHUB_TOKEN.kind", Detail: "x"}}, []string{"env.GITHUB_TOKEN.kind"}},
		{"list indices fold", []Reason{
			{Path: "launch.container.mounts.1.read_only"}, {Path: "launch.container.mounts.0.read_only"},
			{Path: "launch.container.mounts.0.host_path"},
		}, []string{"launch.container.mounts.*.host_path", "launch.container.mounts.*.read_only"}},
		{"repeats and empty paths drop", []Reason{{Path: "launch.package.pinning"}, {Path: ""}, {Path: "launch.package.pinning"}},
			[]string{"launch.package.pinning"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FailingFacts(tt.reasons); !slices.Equal(got, tt.want) {
				t.Errorf("FailingFacts = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFingerprint(t *testing.T) {
	base := Fingerprint("MCP-SECRETS-01", "server:a/.mcp.json#github", []Reason{{Path: "env.GITHUB_TOKEN.kind", Detail: `conflicting values "literal-secret" and "env-reference"`}})
	if len(base) != 32 {
		t.Fatalf("fingerprint %q: want 32 hex digits", base)
	}
	same := []struct {
		name    string
		reasons []Reason
	}{
		{"details and values do not count", []Reason{{Path: "env.GITHUB_TOKEN.kind", Detail: "something else"}}},
		{"repeated reasons do not count", []Reason{{Path: "env.GITHUB_TOKEN.kind"}, {Path: "env.GITHUB_TOKEN.kind"}}},
	}
	for _, tt := range same {
		if got := Fingerprint("MCP-SECRETS-01", "server:a/.mcp.json#github", tt.reasons); got != base {
			t.Errorf("%s: fingerprint changed", tt.name)
		}
	}
	differ := map[string]string{
		"another control": Fingerprint("MCP-SECRETS-02", "server:a/.mcp.json#github", []Reason{{Path: "env.GITHUB_TOKEN.kind"}}),
		"another subject": Fingerprint("MCP-SECRETS-01", "server:b/.mcp.json#github", []Reason{{Path: "env.GITHUB_TOKEN.kind"}}),
		"another fact":    Fingerprint("MCP-SECRETS-01", "server:a/.mcp.json#github", []Reason{{Path: "env.SLACK_TOKEN.kind"}}),
	}
	for name, fp := range differ {
		if fp == base {
			t.Errorf("%s: same fingerprint", name)
		}
	}
	if id := FindingID(base); len(id) != 13 || id[:3] != "TG-" {
		t.Errorf("FindingID = %q", id)
	}
}

// TestRecordedFingerprintsFollowTheRecipe checks that the fingerprint the
// engine records with each failure, waived failure and error is the one
// Fingerprint derives from the evaluation's control, subject and reasons.
func TestRecordedFingerprintsFollowTheRecipe(t *testing.T) {
	res, err := Run(context.Background(), testInput(t))
	if err != nil {
		t.Fatal(err)
	}
	recorded := 0
	for _, cr := range res.Controls {
		for _, e := range cr.Evaluations {
			if e.Verdict == VerdictPass || e.Verdict == VerdictManual {
				continue
			}
			if e.fingerprint == "" {
				t.Errorf("%s %s (%s): no fingerprint recorded", e.ControlID, e.SubjectID, e.Verdict)
				continue
			}
			recorded++
			if want := Fingerprint(e.ControlID, e.SubjectID, e.Reasons); e.Fingerprint() != want {
				t.Errorf("%s %s: recorded fingerprint %s, recipe gives %s", e.ControlID, e.SubjectID, e.Fingerprint(), want)
			}
		}
	}
	if recorded == 0 {
		t.Fatal("no failure or error was judged: the input no longer exercises the engine")
	}
}

// TestFindingIDIsUpperPrefix checks FindingID against its definition, "TG-"
// and the first ten bytes of the fingerprint in upper case, also for
// fingerprints that are short, empty, mixed case or not ASCII.
func TestFindingIDIsUpperPrefix(t *testing.T) {
	for _, fp := range []string{
		"3f2a9c01b7e4d5c6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4", "3F2A9C01B7", "abc", "", "zyx-._~{}[]",
		"ééééééé", "abcdefghi\u00e9", "0123456789abcdef", "ß", "\xff\xfe",
	} {
		want := fp
		if len(want) > 10 {
			want = want[:10]
		}
		want = "TG-" + strings.ToUpper(want)
		if got := FindingID(fp); got != want {
			t.Errorf("FindingID(%q) = %q, want %q", fp, got, want)
		}
	}
}

// TestFingerprintRecipe checks Fingerprint against its recipe written out:
// the first 32 hex digits of the sha256 of the recipe name, then the
// control ID, the subject ID and each failing fact, each after a zero byte.
// Fingerprints are compared across runs and stored in baselines, so they
// may never change for the same finding. Long IDs and many reasons cover
// the buffers that outgrow their first size.
func TestFingerprintRecipe(t *testing.T) {
	long := strings.Repeat("server:some/deeply/nested/path/.mcp.json#", 10)
	var many []Reason
	for i := range 12 {
		many = append(many, Reason{Path: fmt.Sprintf("launch.args.%d.value%d", i%3, i%5)})
	}
	cases := []struct {
		control, subject string
		reasons          []Reason
	}{
		{"MCP-AUTH-01", "server:a/.mcp.json#github", nil},
		{"MCP-SECRETS-01", "server:a/.mcp.json#github", []Reason{{Path: "env.GITHUB_TOKEN.kind"}, {Path: ""}}},
		{"MCP-SANDBOX-02", long, []Reason{{Path: "launch.container.mounts.1.read_only"}, {Path: "launch.container.mounts.0.host_path"}}},
		{"MCP-SUPPLY-01", "server:b#x", many},
		{"", "", []Reason{{Path: "a.0"}, {Path: "a.1"}, {Path: "x2.y"}}},
	}
	for _, c := range cases {
		h := sha256.New()
		h.Write([]byte(FingerprintRecipe))
		for _, part := range append([]string{c.control, c.subject}, FailingFacts(c.reasons)...) {
			h.Write([]byte{0})
			h.Write([]byte(part))
		}
		want := hex.EncodeToString(h.Sum(nil))[:32]
		if got := Fingerprint(c.control, c.subject, c.reasons); got != want {
			t.Errorf("Fingerprint(%q, %q, %v) = %s, want %s", c.control, c.subject, c.reasons, got, want)
		}
	}
}
