package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/policy"
)

// TestPolicyOnTheCorpus judges the corpus of real configuration files
// against organisation policies. A policy written by Init from the corpus
// approves every server it holds at the versions found, so nothing fails the
// allowlist, the version or the image controls; with the most used npm
// package outside the reference servers' scope taken off it and that scope
// denied, exactly the servers running that package become shadow servers
// and exactly the servers of the scope are denied, as counted from the
// evidence itself.
func TestPolicyOnTheCorpus(t *testing.T) {
	if _, err := os.Stat(filepath.Join(corpusDir, "INDEX.md")); err != nil {
		t.Skipf("corpus not present at %s", corpusDir)
	}
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b, err := Collect(ctx, collectors.Request{Paths: []string{corpusDir}, Now: now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "policy.cue"), policy.Init(b.Subjects), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Evaluate(ctx, b, EvaluateOptions{Now: now, Policy: dir})
	if err != nil {
		t.Fatalf("the starting policy of the corpus: %v", err)
	}
	judged := map[string]int{}
	for _, cr := range res.Controls {
		switch cr.Control.ID {
		case policy.ControlApproved, policy.ControlVersion, policy.ControlDenied, policy.ControlImages:
			for _, e := range cr.Evaluations {
				judged[cr.Control.ID]++
				if e.Verdict != assess.VerdictPass {
					t.Errorf("%s %s: %s: %s %v", cr.Control.ID, e.SubjectID, e.Verdict, e.Message, e.Reasons)
				}
			}
		}
	}
	live := 0
	scoped := map[string]bool{}        // servers of the @modelcontextprotocol npm scope
	byPackage := map[string][]string{} // other npm packages' servers
	for _, s := range b.Subjects {
		srv, ok := s.(*evidence.Server)
		if !ok || srv.Ignored {
			continue
		}
		live++
		if srv.Remote == nil && srv.Launch != nil && srv.Launch.Package != nil && srv.Launch.Package.Ecosystem == "npm" &&
			srv.Launch.Package.Pinning != evidence.PinLocal {
			name := srv.Launch.Package.Name
			if strings.HasPrefix(name, "@modelcontextprotocol/") {
				scoped[srv.ID] = true
			} else {
				byPackage[name] = append(byPackage[name], srv.ID)
			}
		}
	}
	if judged[policy.ControlApproved] != live || live < 50 {
		t.Errorf("%d servers judged by %s, want every live server (%d)", judged[policy.ControlApproved], policy.ControlApproved, live)
	}
	// The npm package outside the scope that the most servers run.
	removed := ""
	for name, ids := range byPackage {
		if removed == "" || len(ids) > len(byPackage[removed]) || len(ids) == len(byPackage[removed]) && name < removed {
			removed = name
		}
	}
	if len(scoped) < 2 || len(byPackage[removed]) < 2 {
		t.Fatalf("the corpus has %d servers of the scope and %d of %q: the test needs more", len(scoped), len(byPackage[removed]), removed)
	}

	// Take that package off the list and deny the scope.
	p, err := policy.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var stricter strings.Builder
	stricter.WriteString("package policy\n")
	stricter.WriteString("denied: reference: {package: {ecosystem: \"npm\", name: \"@modelcontextprotocol/*\"}, reason: \"reference servers are examples\"}\n")
	kept := 0
	for _, a := range p.Approved {
		if a.Package != nil && a.Package.Ecosystem == "npm" && a.Package.Name == removed {
			continue
		}
		kept++
		entry, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&stricter, "approved: %q: %s\n", a.Key, entry)
	}
	if kept != len(p.Approved)-1 {
		t.Fatalf("%d of %d entries kept: want all but the one of %s", kept, len(p.Approved), removed)
	}
	strict := filepath.Join(t.TempDir(), "policy.cue")
	if err := os.WriteFile(strict, []byte(stricter.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Evaluate(ctx, b, EvaluateOptions{Now: now, Policy: strict})
	if err != nil {
		t.Fatalf("the stricter policy: %v", err)
	}
	var denied, shadow []string
	for _, cr := range res.Controls {
		for _, e := range cr.Evaluations {
			switch {
			case cr.Control.ID == policy.ControlDenied && e.Verdict == assess.VerdictFail:
				denied = append(denied, e.SubjectID)
			case cr.Control.ID == policy.ControlApproved && e.Verdict == assess.VerdictFail:
				shadow = append(shadow, e.SubjectID)
			}
		}
	}
	if want := slices.Sorted(keysOf(scoped)); !slices.Equal(denied, want) {
		t.Errorf("denied servers:\n got %q\nwant %q", denied, want)
	}
	if want := slices.Sorted(slices.Values(byPackage[removed])); !slices.Equal(shadow, want) {
		t.Errorf("shadow servers once %s is off the list:\n got %q\nwant %q", removed, shadow, want)
	}
}

func keysOf(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
