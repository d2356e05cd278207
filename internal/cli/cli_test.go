package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/spf13/cobra"

	"github.com/tollgate-dev/tollgate/report/oscal"
	"github.com/tollgate-dev/tollgate/report/reporttest"
)

// Trees the integration tests run the real command tree over, relative to
// this package's folder. The corpus is shared test data that may be absent.
var (
	exampleDir = filepath.Join("..", "..", "examples", "acme")
	corpusDir  = filepath.Join("..", "..", "..", "shared", "corpus")
)

// fixedTimestamp pins every output of a run.
const fixedTimestamp = "2026-11-21T00:00:00Z"

// cliRun is what one in-process invocation of tollgate produced.
type cliRun struct {
	stdout, stderr string
	err            error
	code           int
}

// runTollgate runs the full command tree, as the tollgate binary does, with
// the given arguments.
func runTollgate(t *testing.T, args ...string) cliRun {
	t.Helper()
	return runCommandTree(t, NewRootCommand, args...)
}

// runCommandTree builds a command with build and runs it with args, in
// process, capturing its output and exit code.
func runCommandTree(t *testing.T, build func(*App) *cobra.Command, args ...string) cliRun {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &App{Out: &out, Err: &errOut, Version: "test"}
	cmd := build(app)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	if code := ExitCode(err); code == 0 || code == 1 {
		validateResultsWritten(t, args)
	}
	return cliRun{stdout: out.String(), stderr: errOut.String(), err: err, code: ExitCode(err)}
}

// validateResultsWritten checks the results.json a run wrote (in the folder
// -o names, else tollgate-out) against the published schema (a run that
// failed with exit code 2 wrote nothing), so that every
// results.json the tests produce is held to it.
func validateResultsWritten(t *testing.T, args []string) {
	t.Helper()
	dir := "tollgate-out"
	for i, a := range args {
		switch {
		case (a == "-o" || a == "--output") && i+1 < len(args):
			dir = args[i+1]
		case strings.HasPrefix(a, "--output="):
			dir = strings.TrimPrefix(a, "--output=")
		case strings.HasPrefix(a, "-o="):
			dir = strings.TrimPrefix(a, "-o=")
		}
	}
	reporttest.ValidateOutputDir(t, dir)
}

// requireTree skips the test when dir (shared data) is absent.
func requireTree(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s absent: %v", dir, err)
	}
}

// writeTree creates files (slash-separated path → content) under a new
// temporary folder and returns the folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// listFiles returns every regular file under dir, relative and
// slash-separated, sorted.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", dir, err)
	}
	return out
}

// oscalSchemaDir holds NIST's OSCAL 1.1.3 schemas where the shared data is
// present.
var oscalSchemaDir = filepath.Join("..", "..", "..", "shared", "data", "oscal-schemas", "1.1.3")

// validateAgainstNIST validates an OSCAL document with NIST's own schema,
// independently of go-oscal, when the schemas are present.
func validateAgainstNIST(t *testing.T, schemaFile string, data []byte) {
	t.Helper()
	path, err := filepath.Abs(filepath.Join(oscalSchemaDir, schemaFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Logf("NIST schema %s absent; validated with go-oscal only", schemaFile)
		return
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compile %s: %v", schemaFile, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("not valid against NIST's %s: %v", schemaFile, err)
	}
}

// extraCatalog is a catalog folder with one organisation control, ACME-01.
var extraCatalog = filepath.Join("testdata", "catalog")

// TestExport exports the catalog and the component definition, to standard
// output and to a file, with and without an extra catalog, and checks that
// each document is valid OSCAL, reproducible and written atomically.
func TestExport(t *testing.T) {
	tests := []struct {
		doc, schema, model string
		extra              []string
		want, wantNot      []string
	}{
		{doc: "catalog", schema: "oscal_catalog_schema.json", model: "catalog",
			want: []string{`"id": "MCP-AUTH-01"`, `"class": "family"`}, wantNot: []string{"ACME-01"}},
		{doc: "catalog", schema: "oscal_catalog_schema.json", model: "catalog", extra: []string{"--catalog", extraCatalog},
			want: []string{`"id": "ACME-01"`, "https://wiki.acme.example/MCP%20server%20rules"}},
		{doc: "component-definition", schema: "oscal_component_schema.json", model: "component-definition",
			want: []string{`"control-id": "ac-6"`, `"value": "MCP-AUTH-01"`}},
		{doc: "component-definition", schema: "oscal_component_schema.json", model: "component-definition", extra: []string{"--catalog", extraCatalog},
			want: []string{"Tollgate MCP security controls"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(append([]string{tt.doc}, tt.extra...), " "), func(t *testing.T) {
			args := append([]string{tt.doc, "--timestamp", fixedTimestamp}, tt.extra...)
			stdout := runCommandTree(t, newExportCommand, args...)
			if stdout.code != 0 {
				t.Fatalf("export %s: exit %d: %v", tt.doc, stdout.code, stdout.err)
			}
			data := []byte(stdout.stdout)
			if err := oscal.Validate(data); err != nil {
				t.Fatal(err)
			}
			validateAgainstNIST(t, tt.schema, data)
			var doc map[string]json.RawMessage
			if err := json.Unmarshal(data, &doc); err != nil || doc[tt.model] == nil {
				t.Fatalf("not an OSCAL %s document (err %v)", tt.model, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout.stdout, w) {
					t.Errorf("export lacks %s", w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(stdout.stdout, w) {
					t.Errorf("export contains %s", w)
				}
			}

			dir := t.TempDir()
			file := filepath.Join(dir, "sub", tt.doc+".json")
			toFile := runCommandTree(t, newExportCommand, append(args, "-o", file)...)
			if toFile.code != 0 {
				t.Fatalf("export -o: exit %d: %v", toFile.code, toFile.err)
			}
			if toFile.stdout != "" || !strings.Contains(toFile.stderr, file) {
				t.Errorf("export -o: stdout %q, stderr %q; want the document in the file and its path on stderr", toFile.stdout, toFile.stderr)
			}
			written, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(written, data) {
				t.Error("the file differs from standard output of the same export")
			}
			if files := listFiles(t, dir); len(files) != 1 {
				t.Errorf("export left other files behind: %v", files)
			}
		})
	}
}

// TestExportErrors checks the usage and write errors of export: exit 2, a
// message naming the problem, and no file written.
func TestExportErrors(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		wantMsg string
	}{
		{name: "bad timestamp", args: []string{"catalog", "--timestamp", "soon"}, wantMsg: "RFC 3339"},
		{name: "missing catalog folder", args: []string{"catalog", "--catalog", filepath.Join(dir, "none")}, wantMsg: "none"},
		{name: "output under a file", args: []string{"component-definition", "-o", filepath.Join(blocker, "cd.json")}, wantMsg: "not a directory"},
		{name: "output is a folder", args: []string{"catalog", "-o", dir}, wantMsg: dir},
		{name: "stray argument", args: []string{"catalog", "extra"}, wantMsg: "extra"},
		{name: "unknown document", args: []string{"profile"}, wantMsg: "profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := listFiles(t, dir)
			run := runCommandTree(t, newExportCommand, tt.args...)
			if run.code != 2 {
				t.Fatalf("exit %d, want 2 (err %v)", run.code, run.err)
			}
			if run.err == nil || !strings.Contains(run.err.Error(), tt.wantMsg) {
				t.Errorf("error %v does not contain %q", run.err, tt.wantMsg)
			}
			if after := listFiles(t, dir); strings.Join(after, ",") != strings.Join(before, ",") {
				t.Errorf("files changed: %v → %v", before, after)
			}
		})
	}
}
