package mappings_test

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/mappings"
)

// dataDir is the shared framework reference data, next to the repository.
const dataDir = "../../shared/data"

var mainFrameworks = []string{"gdpr", "iso-27001-2022", "nist-800-53-rev5", "nist-ssdf-1.1"}

func builtin(t *testing.T) *mappings.Set {
	t.Helper()
	set, err := mappings.Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	return set
}

func TestBuiltinShape(t *testing.T) {
	set := builtin(t)
	var ids, mains []string
	for _, fw := range set.Frameworks {
		ids = append(ids, fw.ID)
		if fw.Main {
			mains = append(mains, fw.ID)
		}
		if fw.Title == "" || fw.Version == "" || len(fw.Requirements) == 0 {
			t.Errorf("framework %s: title %q, version %q, %d requirements", fw.ID, fw.Title, fw.Version, len(fw.Requirements))
		}
	}
	want := []string{"cosai-mcp", "gdpr", "iso-27001-2022", "mcp-enterprise-server", "nist-800-53-rev5", "nist-ssdf-1.1", "owasp-mcp-top10"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("frameworks = %v, want %v", ids, want)
	}
	if !reflect.DeepEqual(mains, mainFrameworks) {
		t.Errorf("main frameworks = %v, want %v", mains, mainFrameworks)
	}
	again := builtin(t)
	if !reflect.DeepEqual(set, again) {
		t.Error("two loads of the built-in mappings differ")
	}
	links := set.LinksFor("MCP-SECRETS-01")
	var got []string
	for _, l := range links {
		if l.Framework == "nist-800-53-rev5" {
			got = append(got, l.Requirement)
		}
	}
	if !contains(got, "IA-5(7)") {
		t.Errorf("MCP-SECRETS-01 800-53 links = %v, want IA-5(7) among them", got)
	}
	if fw := set.Framework("iso-27001-2022"); fw == nil || fw.Requirement("A.5.17") == nil {
		t.Error("Framework(iso-27001-2022).Requirement(A.5.17) not found")
	}
	if set.Framework("nope") != nil {
		t.Error("Framework(nope) should be nil")
	}
}

// TestEveryControlAccountedFor: every built-in control maps into each main
// framework or says explicitly why not, and every link names a real control.
func TestEveryControlAccountedFor(t *testing.T) {
	set := builtin(t)
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatalf("controls.Builtin: %v", err)
	}
	known := map[string]bool{}
	var ids []string
	for _, c := range cat.Controls {
		known[c.ID] = true
		ids = append(ids, c.ID)
	}
	if err := set.Check(known); err != nil {
		t.Errorf("links to unknown controls:\n%v", err)
	}
	for fw, missing := range set.Unmapped(ids) {
		t.Errorf("%s: controls neither mapped nor excluded: %v", fw, missing)
	}
	// Each control must reach at least one main framework with a real link:
	// a control that maps nowhere is not worth reporting against frameworks.
	for _, id := range ids {
		mapped := false
		for _, l := range set.LinksFor(id) {
			if contains(mainFrameworks, l.Framework) {
				mapped = true
			}
		}
		if !mapped {
			t.Errorf("%s maps into no main framework", id)
		}
	}
}

// TestBuiltinCatalog runs every example of the built-in catalog through the
// engine's evaluator and checks the catalog's size and shape.
func TestBuiltinCatalog(t *testing.T) {
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatalf("controls.Builtin: %v", err)
	}
	automated, manual := 0, 0
	risksUsed := map[string]bool{}
	for _, c := range cat.Controls {
		if c.Manual {
			manual++
		} else {
			automated++
		}
		for _, r := range c.Risks {
			risksUsed[r] = true
		}
		if !regexp.MustCompile(`^MCP-[A-Z]+-\d\d$`).MatchString(c.ID) {
			t.Errorf("control id %q does not read like MCP-FAMILY-NN", c.ID)
		}
	}
	if automated < 30 || manual < 5 {
		t.Errorf("catalog has %d automated and %d manual controls, want at least 30 and 5", automated, manual)
	}
	for _, r := range cat.Risks {
		if !risksUsed[r.ID] {
			t.Errorf("risk %s is reduced by no control", r.ID)
		}
	}
	results, err := controls.RunExamples(cat)
	if err != nil {
		t.Fatalf("RunExamples: %v", err)
	}
	seen := map[string]map[string]bool{}
	for _, r := range results {
		if seen[r.Control] == nil {
			seen[r.Control] = map[string]bool{}
		}
		seen[r.Control][r.Got] = true
		if !r.OK() {
			t.Errorf("%s:%d %s %q: expected %s, got %s %v", r.File, r.Line, r.Control, r.Example, r.Expect, r.Got, r.Reasons)
		}
		if r.Got == "fail" && (r.Message == "" || strings.Contains(r.Message, "<no value>")) {
			t.Errorf("%s %q: message %q is empty or names a missing field", r.Control, r.Example, r.Message)
		}
	}
	for _, c := range cat.Controls {
		if !c.Manual && (!seen[c.ID]["pass"] || !seen[c.ID]["fail"]) {
			t.Errorf("%s: needs at least one passing and one failing example, got %v", c.ID, seen[c.ID])
		}
	}
}

// readCSV reads a reference CSV into rows keyed by header name, skipping the
// test when the shared data folder is absent.
func readCSV(t *testing.T, rel string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dataDir, rel))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("reference data %s not present", rel)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func index(rows []map[string]string, key string) map[string]map[string]string {
	m := map[string]map[string]string{}
	for _, r := range rows {
		m[r[key]] = r
	}
	return m
}

func TestRequirementsExistInReferenceData(t *testing.T) {
	set := builtin(t)
	check := func(fwID string, fn func(r mappings.Requirement) string) {
		fw := set.Framework(fwID)
		if fw == nil {
			t.Fatalf("framework %s missing", fwID)
		}
		for _, r := range fw.Requirements {
			if msg := fn(r); msg != "" {
				t.Errorf("%s:%d %s %s: %s", fw.File, r.Line, fwID, r.ID, msg)
			}
		}
	}
	t.Run("nist-800-53-rev5", func(t *testing.T) {
		ref := index(readCSV(t, "nist-800-53-rev5/controls-index.csv"), "label")
		check("nist-800-53-rev5", func(r mappings.Requirement) string {
			row, ok := ref[r.ID]
			switch {
			case !ok:
				return "not in the 800-53 catalog"
			case row["status"] == "withdrawn":
				return "withdrawn"
			case r.Title != row["title_5.1.1"] && r.Title != row["title_5.0.1"]:
				return "title " + r.Title + " does not match " + row["title_5.1.1"]
			case r.Group != row["family"]:
				return "group " + r.Group + " is not the family " + row["family"]
			}
			return ""
		})
	})
	t.Run("iso-27001-2022", func(t *testing.T) {
		ref := index(readCSV(t, "iso27001-2022/iso27001-2022-outline.csv"), "id")
		check("iso-27001-2022", func(r mappings.Requirement) string {
			row, ok := ref[r.ID]
			switch {
			case !ok:
				return "not an ISO/IEC 27001:2022 clause or Annex A control"
			case row["assessable"] != "yes":
				return "a heading, not an assessable requirement"
			case r.Title != row["title"]:
				return "title " + r.Title + " does not match " + row["title"]
			case r.Group != row["parent_id"]:
				return "group " + r.Group + " is not " + row["parent_id"]
			}
			return ""
		})
	})
	t.Run("nist-ssdf-1.1", func(t *testing.T) {
		ref := index(readCSV(t, "nist-ssdf/ssdf-1.1-tasks.csv"), "task_id")
		check("nist-ssdf-1.1", func(r mappings.Requirement) string {
			row, ok := ref[r.ID]
			switch {
			case !ok:
				return "not an SSDF 1.1 task"
			case r.Group != row["practice_id"]:
				return "group " + r.Group + " is not the practice " + row["practice_id"]
			}
			return ""
		})
	})
	t.Run("gdpr", func(t *testing.T) {
		ref := index(readCSV(t, "gdpr/gdpr-articles.csv"), "article")
		check("gdpr", func(r mappings.Requirement) string {
			num, ok := strings.CutPrefix(r.ID, "Art. ")
			if !ok {
				return `id is not of the form "Art. N"`
			}
			row, ok := ref[num]
			switch {
			case !ok:
				return "not a GDPR article"
			case r.Title != row["title"]:
				return "title " + r.Title + " does not match " + row["title"]
			case r.Group != "Chapter "+row["chapter"]:
				return "group " + r.Group + " is not Chapter " + row["chapter"]
			}
			return ""
		})
	})
	t.Run("owasp-mcp-top10", func(t *testing.T) {
		ref := index(readCSV(t, "ai-risk/owasp/owasp-mcp-top10-2025-beta.csv"), "id")
		check("owasp-mcp-top10", func(r mappings.Requirement) string {
			row, ok := ref[r.ID]
			switch {
			case !ok:
				return "not an OWASP MCP Top 10 id"
			case r.Title != row["title"]:
				return "title " + r.Title + " does not match " + row["title"]
			}
			return ""
		})
	})
	t.Run("cosai-mcp", func(t *testing.T) {
		// The CoSAI MCP white paper is not in the reference data; check the id form.
		re := regexp.MustCompile(`^MCP-T([1-9]|1[0-2])$`)
		check("cosai-mcp", func(r mappings.Requirement) string {
			if !re.MatchString(r.ID) {
				return "not a CoSAI MCP threat category MCP-T1…MCP-T12"
			}
			return ""
		})
	})
}

// TestOfficialLinksBackedByCrosswalks: an official link rests on a row of a
// published crosswalk relating its requirement to the 800-53 control named by
// via; and where such a row exists the link must say official.
func TestOfficialLinksBackedByCrosswalks(t *testing.T) {
	set := builtin(t)
	isoRows := map[[2]string]bool{}
	for _, r := range readCSV(t, "mappings/nist-800-53-rev5_to_iso27001-2022.csv") {
		isoRows[[2]string{r["nist_800_53_id"], r["iso27001_2022_id"]}] = true
	}
	ssdfRows := map[[2]string]bool{}
	for _, r := range readCSV(t, "mappings/nist-ssdf-1.1_to_nist-800-53-rev5.csv") {
		if r["reference_source"] == "SP80053" {
			ssdfRows[[2]string{r["nist_800_53_id"], r["ssdf_task_id"]}] = true
		}
	}
	crosswalk := map[string]map[[2]string]bool{"iso-27001-2022": isoRows, "nist-ssdf-1.1": ssdfRows}
	nist := map[string][]string{} // control → its 800-53 requirements
	for _, l := range set.Links {
		if l.Framework == "nist-800-53-rev5" {
			nist[l.Control] = append(nist[l.Control], l.Requirement)
		}
	}
	official := 0
	for _, l := range set.Links {
		rows, crosswalked := crosswalk[l.Framework]
		if l.Provenance == mappings.ProvenanceOfficial {
			official++
			switch {
			case !crosswalked:
				t.Errorf("%s:%d %s → %s %s is official, but no published crosswalk covers %s", l.File, l.Line, l.Control, l.Framework, l.Requirement, l.Framework)
			case !rows[[2]string{l.Via, l.Requirement}]:
				t.Errorf("%s:%d %s → %s is official via %s, but the crosswalk has no row %s–%s", l.File, l.Line, l.Control, l.Requirement, l.Via, l.Via, l.Requirement)
			case !contains(nist[l.Control], l.Via):
				t.Errorf("%s:%d %s → %s is official via %s, which the control does not map to", l.File, l.Line, l.Control, l.Requirement, l.Via)
			}
			continue
		}
		if crosswalked {
			for _, n := range nist[l.Control] {
				if rows[[2]string{n, l.Requirement}] {
					t.Errorf("%s:%d %s → %s is asserted, but the crosswalk backs it via %s: mark it official", l.File, l.Line, l.Control, l.Requirement, n)
				}
			}
		}
	}
	if official == 0 {
		t.Error("no official links at all")
	}
}

func TestCoverage(t *testing.T) {
	set := builtin(t)
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatalf("controls.Builtin: %v", err)
	}
	manual := map[string]bool{}
	for _, c := range cat.Controls {
		manual[c.ID] = c.Manual
	}
	cov := mappings.Coverage(set, manual)
	if len(cov) != len(set.Frameworks) {
		t.Fatalf("coverage for %d frameworks, want %d", len(cov), len(set.Frameworks))
	}
	byID := map[string]mappings.FrameworkCoverage{}
	for _, fc := range cov {
		byID[fc.Framework.ID] = fc
		if fc.Total() != len(fc.Framework.Requirements) {
			t.Errorf("%s: totals %d != %d requirements", fc.Framework.ID, fc.Total(), len(fc.Framework.Requirements))
		}
	}
	status := func(fw, req string) string {
		for _, rc := range byID[fw].Requirements {
			if rc.Requirement.ID == req {
				return rc.Status
			}
		}
		return "absent"
	}
	for _, tc := range []struct{ fw, req, want string }{
		{"nist-800-53-rev5", "IA-5(7)", mappings.CoverageAutomated},
		{"nist-800-53-rev5", "CA-8", mappings.CoverageManual},     // penetration testing: attested only
		{"nist-800-53-rev5", "SI-4", mappings.CoverageAutomated},  // system monitoring: gateways exporting traces
		{"nist-800-53-rev5", "SC-10", mappings.CoverageUncovered}, // network disconnect: in scope, no control yet
		{"gdpr", "Art. 35", mappings.CoverageManual},
		{"gdpr", "Art. 6", mappings.CoverageUncovered},
	} {
		if got := status(tc.fw, tc.req); got != tc.want {
			t.Errorf("%s %s: coverage %s, want %s", tc.fw, tc.req, got, tc.want)
		}
	}

	// With a manual control removed from the catalog, what only it covered
	// becomes uncovered.
	delete(manual, "MCP-GOV-03")
	for _, fc := range mappings.Coverage(set, manual) {
		if fc.Framework.ID != "nist-800-53-rev5" {
			continue
		}
		for _, rc := range fc.Requirements {
			if rc.Requirement.ID == "CA-8" && rc.Status != mappings.CoverageUncovered {
				t.Errorf("CA-8 without MCP-GOV-03: %s, want uncovered", rc.Status)
			}
		}
	}
}

func TestLoadReportsProblemsWithPositions(t *testing.T) {
	const fw = `framework "f" {
  title   = "F"
  version = "1"
  requirement "R-1" { title = "One" }
}
`
	for _, tc := range []struct {
		name, src, want string
	}{
		{"unknown requirement", fw + `control "C" {
  maps "R-9" {
    provenance = "asserted"
    rationale  = "x"
  }
}`, `f.hcl:7: control C maps to "R-9", which framework f does not declare`},
		{"bad provenance", fw + `control "C" {
  maps "R-1" {
    provenance = "obvious"
    rationale  = "x"
  }
}`, `f.hcl:7: control C → R-1: provenance "obvious" is neither`},
		{"duplicate link", fw + `control "C" {
  maps "R-1" {
    provenance = "asserted"
    rationale  = "x"
  }
  maps "R-1" {
    provenance = "asserted"
    rationale  = "y"
  }
}`, `f.hcl:11: control C maps to R-1 twice (first at line 7)`},
		{"official without via", fw + `control "C" {
  maps "R-1" {
    provenance = "official"
    rationale  = "x"
  }
}`, `f.hcl:7: control C → R-1: an official link must name the crosswalked requirement`},
		{"official via an unmapped requirement", fw + `control "C" {
  maps "R-1" {
    provenance = "official"
    via        = "AC-3"
    rationale  = "x"
  }
}`, `f.hcl:7: control C → R-1 is official via AC-3, but C does not map to AC-3`},
		{"duplicate requirement", `framework "f" {
  title   = "F"
  version = "1"
  requirement "R-1" { title = "One" }
  requirement "R-1" { title = "Again" }
}`, `f.hcl:5: framework f: requirement R-1 is already declared at line 4`},
		{"unknown attribute", `framework "f" {
  title   = "F"
  version = "1"
  colour  = "red"
  requirement "R-1" { title = "One" }
}`, `f.hcl:4: Unsupported argument`},
		{"control mapped and excluded", fw + `control "C" {
  maps "R-1" {
    provenance = "asserted"
    rationale  = "x"
  }
}
none "C" { reason = "none" }`, `f.hcl:12: control C is already mapped or excluded at line 6`},
		{"empty reason", fw + `none "C" { reason = "" }`, `f.hcl:6: none "C": reason must say why`},
		{"empty rationale", fw + `control "C" {
  maps "R-1" {
    provenance = "asserted"
    rationale  = "  "
  }
}`, `f.hcl:7: control C → R-1: empty rationale`},
		{"official link without a crosswalk", fw + `control "C" {
  maps "R-1" {
    provenance = "official"
    via        = "R-1"
    rationale  = "x"
  }
}`, `f.hcl:7: control C → R-1 is official, but framework f names no crosswalk block`},
		{"objectives that are no ids", fw + `control "C" {
  maps "R-1" {
    provenance = "asserted"
    objectives = ["ac-2 obj"]
    rationale  = "x"
  }
}`, `f.hcl:9: objectives must be a list of objective ids`},
		{"source that is no URL", `framework "f" {
  title   = "F"
  version = "1"
  source  = "the standard"
  requirement "R-1" { title = "One" }
}`, `f.hcl:4: source "the standard" is not an http(s) URL`},
		{"no framework", `control "C" {}`, `f.hcl:1: no framework block`},
		{"syntax error", `framework "f" {`, `f.hcl:1:`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mappings.Load(fstest.MapFS{"f.hcl": {Data: []byte(tc.src)}})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n%v\ndoes not contain\n%s", err, tc.want)
			}
		})
	}
}

func TestLoadDirAndMerge(t *testing.T) {
	dir := t.TempDir()
	src := `framework "acme-policy" {
  title   = "ACME MCP policy"
  version = "2026-01"
  group "SEC" {
    requirement "SEC-1" { title = "No secrets in configs" }
    requirement "SEC-2" { title = "Approved servers only" }
  }
}

control "MCP-SECRETS-01" {
  maps "SEC-1" {
    provenance = "asserted"
    rationale  = "Plaintext secrets are what SEC-1 forbids."
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "acme.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	custom, err := mappings.LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if got := custom.Links[0].File; got != filepath.ToSlash(dir)+"/acme.hcl" {
		t.Errorf("link file = %q", got)
	}
	merged, err := mappings.Merge(builtin(t), custom)
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	cov := mappings.Coverage(merged, map[string]bool{"MCP-SECRETS-01": false})
	for _, fc := range cov {
		if fc.Framework.ID == "acme-policy" && (fc.Automated != 1 || fc.Uncovered != 1 || fc.Requirements[0].Requirement.Group != "SEC") {
			t.Errorf("acme coverage: %+v", fc)
		}
	}
	if _, err := mappings.Merge(custom, custom); err == nil || !strings.Contains(err.Error(), "already declared") {
		t.Errorf("merging a framework twice: %v", err)
	}
	if _, err := mappings.LoadDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("LoadDir of a missing directory succeeded")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestEveryLinkExplainsItself: every built-in link carries a rationale an
// auditor can read (a sentence, not a word), and no rationale is copied
// between different requirements of one control, which would mean it says
// nothing about either.
func TestEveryLinkExplainsItself(t *testing.T) {
	set := builtin(t)
	seen := map[string]mappings.Link{}
	for _, l := range set.Links {
		words := len(strings.Fields(l.Rationale))
		if words < 5 {
			t.Errorf("%s:%d %s → %s %s: rationale %q is not an explanation", l.File, l.Line, l.Control, l.Framework, l.Requirement, l.Rationale)
		}
		key := l.Control + "\x00" + l.Framework + "\x00" + strings.ToLower(strings.TrimSpace(l.Rationale))
		if prev, dup := seen[key]; dup {
			t.Errorf("%s:%d %s → %s repeats the rationale of %s:%d (%s)", l.File, l.Line, l.Control, l.Requirement, prev.File, prev.Line, prev.Requirement)
		}
		seen[key] = l
	}
	for _, e := range set.Exclusions {
		if len(strings.Fields(e.Reason)) < 5 {
			t.Errorf("%s:%d none %s in %s: reason %q is not an explanation", e.File, e.Line, e.Control, e.Framework, e.Reason)
		}
	}
}

// TestMappingFits pins links whose fit was judged against the text of the
// requirement: those that must not exist (the requirement is about
// something else) and the better-fitting ones that replace them.
func TestMappingFits(t *testing.T) {
	set := builtin(t)
	has := map[[3]string]bool{}
	for _, l := range set.Links {
		has[[3]string{l.Control, l.Framework, l.Requirement}] = true
	}
	for _, tc := range []struct {
		control, framework, requirement string
		want                            bool
		why                             string
	}{
		{"MCP-AUTH-02", "nist-800-53-rev5", "IA-5(13)", false, "IA-5(13) prohibits cached authenticators after a period; a static token sent to a server is not a cached authenticator"},
		{"MCP-AUTH-02", "nist-800-53-rev5", "IA-5", true, "authenticator lifetime and refresh"},
		{"MCP-AUTH-02", "nist-800-53-rev5", "AC-6", true, "token scope"},
		{"MCP-SECRETS-01", "iso-27001-2022", "A.5.33", false, "A.5.33 protects records (legal, retention); a credential in a config file is not a record"},
		{"MCP-SECRETS-01", "iso-27001-2022", "A.5.17", true, "authentication information"},
		{"MCP-SECRETS-01", "nist-ssdf-1.1", "PS.1.1", false, "PS.1.1 is access control to code storage, not secrets in code"},
		{"MCP-SECRETS-01", "nist-ssdf-1.1", "PO.5.2", true, "hardening development endpoints, data at rest"},
		{"MCP-SUPPLY-01", "nist-800-53-rev5", "CM-14", false, "CM-14 requires verifying a digital signature; a version pin verifies none"},
		{"MCP-SUPPLY-04", "nist-800-53-rev5", "CM-14", false, "a digest is no signature"},
		{"MCP-SUPPLY-04", "nist-800-53-rev5", "SR-11", false, "a digest gives integrity, not authenticity (anti-counterfeit)"},
		{"MCP-SUPPLY-04", "nist-800-53-rev5", "SR-4(3)", true, "validates the image received was not altered"},
		{"MCP-SUPPLY-04", "nist-800-53-rev5", "SI-7", true, "integrity verification"},
		{"MCP-AUTH-01", "nist-800-53-rev5", "AC-17", false, "AC-17 governs users' remote access into the system, not a client calling an external service"},
		{"MCP-TRANSPORT-01", "nist-800-53-rev5", "AC-17", false, "as above"},
		{"MCP-TRANSPORT-01", "nist-800-53-rev5", "IA-9", true, "TLS authenticates the service"},
		{"MCP-SANDBOX-07", "nist-800-53-rev5", "SC-4", false, "broad filesystem roots are access control (AC-3, AC-6), not shared system resources"},
		{"MCP-SANDBOX-07", "nist-800-53-rev5", "AC-6", true, "least privilege"},
		{"MCP-SECRETS-02", "nist-800-53-rev5", "SC-4", true, "the process table is a shared system resource"},
		{"MCP-GATEWAY-09", "gdpr", "Art. 44", false, "open egress is not a transfer to a third country"},
		{"MCP-GOV-08", "gdpr", "Art. 39", false, "Art. 39 lists the DPO's tasks, not a controller obligation"},
		{"MCP-GOV-08", "gdpr", "Art. 32", true, "Art. 32(4): people acting under the controller's authority"},
	} {
		if got := has[[3]string{tc.control, tc.framework, tc.requirement}]; got != tc.want {
			verb := "must not"
			if tc.want {
				verb = "must"
			}
			t.Errorf("%s %s map to %s %s: %s", tc.control, verb, tc.framework, tc.requirement, tc.why)
		}
	}
}

// TestFrameworksNameTheirSources: every built-in framework says where it is
// published, and every framework with official links names the crosswalk
// they rest on, so reports can show which text an id refers to and which
// crosswalk backs an official link.
func TestFrameworksNameTheirSources(t *testing.T) {
	set := builtin(t)
	official := map[string]bool{}
	for _, l := range set.Links {
		if l.Provenance == mappings.ProvenanceOfficial {
			official[l.Framework] = true
		}
	}
	for _, fw := range set.Frameworks {
		if fw.Source == "" {
			t.Errorf("framework %s names no source", fw.ID)
		}
		if official[fw.ID] && (fw.Crosswalk == nil || fw.Crosswalk.Title == "" || fw.Crosswalk.Source == "") {
			t.Errorf("framework %s has official links but no crosswalk", fw.ID)
		}
	}
}

// TestObjectivesExistInTheCatalog: every assessment objective a link names
// is an SP 800-53A objective of the requirement it maps to, in NIST's
// resolved catalogs.
func TestObjectivesExistInTheCatalog(t *testing.T) {
	set := builtin(t)
	var named int
	for _, l := range set.Links {
		named += len(l.Objectives)
	}
	if named == 0 {
		t.Fatal("no link names an objective; this test would prove nothing")
	}
	objectives := catalogObjectives(t)
	for _, l := range set.Links {
		for _, o := range l.Objectives {
			if l.Framework != "nist-800-53-rev5" {
				t.Errorf("%s:%d %s → %s %s names objective %s, but only SP 800-53 has objectives", l.File, l.Line, l.Control, l.Framework, l.Requirement, o)
				continue
			}
			ctl, ok := objectives[o]
			if !ok {
				t.Errorf("%s:%d %s → %s: objective %s is not in NIST's catalog", l.File, l.Line, l.Control, l.Requirement, o)
				continue
			}
			if want := nistID(l.Requirement); ctl != want {
				t.Errorf("%s:%d %s → %s: objective %s belongs to %s, not %s", l.File, l.Line, l.Control, l.Requirement, o, ctl, want)
			}
		}
	}
}

// nistID writes an SP 800-53 id the way NIST's OSCAL catalog does: AC-6(1)
// becomes ac-6.1.
func nistID(req string) string {
	return strings.NewReplacer("(", ".", ")", "").Replace(strings.ToLower(req))
}

// catalogObjectives maps every assessment-objective part id in NIST's
// resolved SP 800-53 catalogs to the id of its control, skipping the test
// when the reference data is absent.
func catalogObjectives(t *testing.T) map[string]string {
	t.Helper()
	dir := filepath.Join(dataDir, "nist-800-53-rev5", "resolved")
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("reference data %s not present", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	type part struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Parts []part `json:"parts"`
	}
	type control struct {
		ID       string    `json:"id"`
		Parts    []part    `json:"parts"`
		Controls []control `json:"controls"`
	}
	type group struct {
		Controls []control `json:"controls"`
		Groups   []group   `json:"groups"`
	}
	out := map[string]string{}
	var addParts func(ctl string, ps []part, inObjective bool)
	addParts = func(ctl string, ps []part, inObjective bool) {
		for _, p := range ps {
			obj := inObjective || p.Name == "assessment-objective"
			if obj && p.ID != "" {
				out[p.ID] = ctl
			}
			addParts(ctl, p.Parts, obj)
		}
	}
	var addControls func([]control)
	addControls = func(cs []control) {
		for _, c := range cs {
			addParts(c.ID, c.Parts, false)
			addControls(c.Controls)
		}
	}
	var addGroups func([]group)
	addGroups = func(gs []group) {
		for _, g := range gs {
			addControls(g.Controls)
			addGroups(g.Groups)
		}
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Catalog group `json:"catalog"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		addGroups([]group{doc.Catalog})
	}
	return out
}
