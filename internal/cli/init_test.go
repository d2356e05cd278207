package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/ci"
	"github.com/tollgate-dev/tollgate/internal/config"
	"github.com/tollgate-dev/tollgate/templates/scaffold"
)

// TestInit sets a repository up and uses what init wrote: the
// configuration loads with its strict keys, the example waiver loads and
// is valid, the workflow calls the action with inputs it declares, and
// assess picks the configuration up and applies the waiver.
func TestInit(t *testing.T) {
	repo := writeTree(t, map[string]string{
		".vscode/mcp.json": `{"servers": {"legacy-sse-server": {"type": "sse", "url": "https://mcp.example.com/sse"}}}`,
	})
	run := runTollgate(t, "init", repo, "--timestamp", fixedTimestamp)
	if run.code != 0 {
		t.Fatalf("init: exit %d: %v", run.code, run.err)
	}
	for _, p := range []string{scaffold.ConfigPath, scaffold.WaiversPath, scaffold.GitHubWorkflowPath} {
		if !strings.Contains(run.stdout, filepath.Join(repo, filepath.FromSlash(p))) {
			t.Errorf("init does not say it wrote %s:\n%s", p, run.stdout)
		}
	}

	cfgPath := filepath.Join(repo, scaffold.ConfigPath)
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := config.CheckKeys(cfgPath, data); err != nil {
		t.Fatalf("the configuration init writes has unknown keys: %v", err)
	}
	loaded, err := config.Load(cfgPath, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Config.Gate.FailOn != "high" || len(loaded.Config.Waivers) != 1 {
		t.Errorf("configuration = %+v", loaded.Config)
	}

	waivers, err := assess.LoadWaivers(filepath.Join(repo, filepath.FromSlash(scaffold.WaiversPath)))
	if err != nil {
		t.Fatal(err)
	}
	now, _ := time.Parse(time.RFC3339, fixedTimestamp)
	if len(waivers) != 1 || waivers[0].Expired(now) || waivers[0].Expired(now.Add(80*24*time.Hour)) {
		t.Fatalf("the example waiver: %+v", waivers)
	}

	checkWorkflow(t, filepath.Join(repo, filepath.FromSlash(scaffold.GitHubWorkflowPath)))

	// assess finds the configuration in the folder it assesses, writes into
	// its output.dir and applies the example waiver to the server it names.
	run = runTollgate(t, "assess", repo, "--timestamp", fixedTimestamp, "-q")
	if run.code == 2 {
		t.Fatalf("assess with the configuration init wrote: %v\n%s", run.err, run.stderr)
	}
	out := filepath.Join(repo, "tollgate-out")
	results, err := os.ReadFile(filepath.Join(out, "results.json"))
	if err != nil {
		t.Fatalf("assess did not write into the configured output folder: %v", err)
	}
	var doc struct {
		Waivers []struct {
			ID      string `json:"id"`
			Status  string `json:"status"`
			Matched int    `json:"matched"`
		} `json:"waivers"`
	}
	if err := json.Unmarshal(results, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Waivers) != 1 || doc.Waivers[0].Status != assess.WaiverActive || doc.Waivers[0].Matched != 1 {
		t.Errorf("the example waiver in results.json: %+v", doc.Waivers)
	}
}

// checkWorkflow checks that a workflow uses the repository's action with
// inputs action.yml declares.
func checkWorkflow(t *testing.T, path string) {
	t.Helper()
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var action struct {
		Inputs map[string]any `yaml:"inputs"`
	}
	actionData, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(actionData, &action); err != nil {
		t.Fatal(err)
	}
	used := false
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if !strings.HasPrefix(s.Uses, "tollgate-dev/tollgate@") {
				continue
			}
			used = true
			for in := range s.With {
				if _, ok := action.Inputs[in]; !ok {
					t.Errorf("the workflow passes input %q, which action.yml does not declare", in)
				}
			}
		}
	}
	if !used {
		t.Error("the workflow does not use the Tollgate action")
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), string(data)) {
		t.Error("README.md does not show the workflow init writes")
	}
}

// TestInitNeverOverwrites: a second init writes nothing and names what is
// there; --force overwrites; --ci gitlab writes the GitLab job; an unknown
// CI is a usage error.
func TestInitNeverOverwrites(t *testing.T) {
	repo := t.TempDir()
	if run := runTollgate(t, "init", repo); run.code != 0 {
		t.Fatalf("init: %v", run.err)
	}
	cfg := filepath.Join(repo, scaffold.ConfigPath)
	if err := os.WriteFile(cfg, []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := runTollgate(t, "init", repo, "--ci", "gitlab")
	if run.code != 2 || run.err == nil || !strings.Contains(run.err.Error(), scaffold.ConfigPath) || !strings.Contains(run.err.Error(), "--force") {
		t.Fatalf("init over an existing setup: exit %d, %v", run.code, run.err)
	}
	if data, _ := os.ReadFile(cfg); string(data) != "# mine\n" {
		t.Error("init overwrote tollgate.yaml without --force")
	}
	if _, err := os.Stat(filepath.Join(repo, filepath.FromSlash(scaffold.GitLabJobPath))); !os.IsNotExist(err) {
		t.Error("a refused init wrote some of its files")
	}
	if run := runTollgate(t, "init", repo, "--ci", "gitlab", "--force"); run.code != 0 {
		t.Fatalf("init --force: %v", run.err)
	}
	if data, _ := os.ReadFile(cfg); string(data) == "# mine\n" {
		t.Error("init --force did not overwrite tollgate.yaml")
	}
	job, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(scaffold.GitLabJobPath)))
	if err != nil || string(job) != string(ci.GitLabJob) {
		t.Errorf("--ci gitlab did not write the GitLab job (%v)", err)
	}
	if run := runTollgate(t, "init", t.TempDir(), "--ci", "jenkins"); run.code != 2 || !strings.Contains(run.err.Error(), "jenkins") {
		t.Errorf("--ci jenkins: exit %d, %v", run.code, run.err)
	}
}
