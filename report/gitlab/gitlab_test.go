package gitlab

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func render(t *testing.T, write func(w *bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func codeQuality(t *testing.T, r *assess.Results, opts Options) []byte {
	return render(t, func(w *bytes.Buffer) error { return WriteCodeQuality(w, r, opts) })
}

func sast(t *testing.T, r *assess.Results, opts Options) []byte {
	return render(t, func(w *bytes.Buffer) error { return WriteSAST(w, r, opts) })
}

// validate checks data against a schema under testdata/.
func validate(t *testing.T, schemaFile string, data []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(filepath.Join("testdata", schemaFile))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(doc); err != nil {
		t.Errorf("not valid against %s: %v", schemaFile, err)
	}
}

func failures(r *assess.Results) int {
	n := 0
	for _, cr := range r.Controls {
		n += cr.Counts.Fail
	}
	return n
}

func TestCodeQuality(t *testing.T) {
	r := fixture.Results()
	out := codeQuality(t, r, Options{})
	if !bytes.Equal(out, codeQuality(t, fixture.Results(), Options{})) {
		t.Fatal("two renders differ")
	}
	validate(t, "codequality.schema.json", out)
	fixture.Golden(t, "gl-code-quality-report.json", out, *update)
	var issues []Issue
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != failures(r) || len(issues) == 0 {
		t.Fatalf("%d issues, want one per unwaived failure (%d)", len(issues), failures(r))
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s repeats: GitLab would merge two issues", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
		if is.Location.Lines.Begin < 1 {
			t.Errorf("%s at %s has no line", is.CheckName, is.Location.Path)
		}
	}
	if strings.Contains(string(out), fixture.Canary) {
		t.Error("the report contains the canary secret")
	}
}

func TestSAST(t *testing.T) {
	r := fixture.Results()
	out := sast(t, r, Options{})
	if !bytes.Equal(out, sast(t, fixture.Results(), Options{})) {
		t.Fatal("two renders differ")
	}
	validate(t, "sast.schema.json", out)
	fixture.Golden(t, "gl-sast-report.json", out, *update)
	var rep SASTReport
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Vulnerabilities) != failures(r) || len(rep.Vulnerabilities) == 0 {
		t.Fatalf("%d vulnerabilities, want one per unwaived failure (%d)", len(rep.Vulnerabilities), failures(r))
	}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	primary := map[string]bool{}
	for _, v := range rep.Vulnerabilities {
		if !uuid.MatchString(v.ID) {
			t.Errorf("id %q is not a UUID", v.ID)
		}
		id := v.Identifiers[0]
		if id.Type != "tollgate_finding" || primary[id.Value] {
			t.Errorf("primary identifier %+v is not the finding's own", id)
		}
		primary[id.Value] = true
	}
	if strings.Contains(string(out), fixture.Canary) {
		t.Error("the report contains the canary secret")
	}
}

// TestSchemasReject: the test schemas catch what GitLab rejects, so the
// tests above could fail.
func TestSchemasReject(t *testing.T) {
	r := fixture.Results()
	bad := []struct {
		schema string
		data   []byte
		change func(v any)
	}{
		{"codequality.schema.json", codeQuality(t, r, Options{}), func(v any) { v.([]any)[0].(map[string]any)["severity"] = "high" }},
		{"codequality.schema.json", codeQuality(t, r, Options{}), func(v any) { delete(v.([]any)[0].(map[string]any)["location"].(map[string]any), "lines") }},
		{"sast.schema.json", sast(t, r, Options{}), func(v any) {
			v.(map[string]any)["vulnerabilities"].([]any)[0].(map[string]any)["category"] = "sast"
		}},
		{"sast.schema.json", sast(t, r, Options{}), func(v any) { v.(map[string]any)["scan"].(map[string]any)["start_time"] = "2026-03-14T09:26:53Z" }},
	}
	for i, b := range bad {
		var v any
		if err := json.Unmarshal(b.data, &v); err != nil {
			t.Fatal(err)
		}
		b.change(v)
		data, _ := json.Marshal(v)
		c := jsonschema.NewCompiler()
		s, err := c.Compile(filepath.Join("testdata", b.schema))
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if s.Validate(doc) == nil {
			t.Errorf("case %d: %s accepts a broken report", i, b.schema)
		}
	}
}

// TestRoot: with a root, file paths are given from the repository root;
// locations that are not files are left as they are.
func TestRoot(t *testing.T) {
	r := fixture.Results()
	var issues []Issue
	if err := json.Unmarshal(codeQuality(t, r, Options{Root: "deploy/mcp/"}), &issues); err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, is := range issues {
		if strings.HasPrefix(is.Location.Path, "repo-") {
			t.Errorf("path %s lacks the root", is.Location.Path)
		}
		if strings.HasPrefix(is.Location.Path, "deploy/mcp/repo-") {
			files++
		}
	}
	if files == 0 {
		t.Error("no file path got the root")
	}
}
