package ci_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/tollgate-dev/tollgate/internal/cli"
	"github.com/tollgate-dev/tollgate/report"
)

// readYAML decodes a YAML file of the repository.
func readYAML(t *testing.T, path string, v any) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return data
}

// command returns the tollgate subcommand with the given name.
func command(t *testing.T, name string) *cobra.Command {
	t.Helper()
	root := cli.NewRootCommand(&cli.App{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, Version: "test"})
	cmd, _, err := root.Find([]string{name})
	if err != nil || cmd == root {
		t.Fatalf("tollgate has no %s command: %v", name, err)
	}
	return cmd
}

// flagsIn returns the long and short flags written in a command line.
var flagPattern = regexp.MustCompile(`(?:^|[\s"(])(--[a-z][a-z0-9-]*|-[a-zA-Z])\b`)

func checkFlags(t *testing.T, where string, cmd *cobra.Command, text string) {
	t.Helper()
	for _, m := range flagPattern.FindAllStringSubmatch(text, -1) {
		name := m[1]
		var ok bool
		if strings.HasPrefix(name, "--") {
			ok = cmd.Flags().Lookup(name[2:]) != nil || cmd.InheritedFlags().Lookup(name[2:]) != nil
		} else {
			ok = cmd.Flags().ShorthandLookup(name[1:]) != nil
		}
		if !ok {
			t.Errorf("%s: tollgate %s has no flag %s", where, cmd.Name(), name)
		}
	}
}

// action is the part of action.yml the test reads; unknown keys are errors.
type action struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Author      string `yaml:"author"`
	Branding    struct {
		Icon  string `yaml:"icon"`
		Color string `yaml:"color"`
	} `yaml:"branding"`
	Inputs map[string]struct {
		Description string `yaml:"description"`
		Required    bool   `yaml:"required"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []step `yaml:"steps"`
	} `yaml:"runs"`
}

type step struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	Run   string            `yaml:"run"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
	With  map[string]string `yaml:"with"`
}

var (
	expression = regexp.MustCompile(`\$\{\{(.*?)\}\}`)
	inputRef   = regexp.MustCompile(`\binputs\.([A-Za-z0-9_-]+)`)
	stepRef    = regexp.MustCompile(`\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)`)
	pinned     = regexp.MustCompile(`^[A-Za-z0-9-]+/[A-Za-z0-9._/-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$`)
	outputSet  = regexp.MustCompile(`(?m)echo "([a-z-]+)=`)
	argsArray  = regexp.MustCompile(`\bargs\+?=\(([^)]*)\)`)
)

// TestAction validates action.yml as GitHub reads a composite action: the
// required keys, every input described, every ${{ inputs.x }} declared,
// every steps.x.outputs.y set by an earlier step, each step either a pinned
// action or a bash script that parses, and the tollgate flags it passes
// known to tollgate.
func TestAction(t *testing.T) {
	var a action
	data := readYAML(t, filepath.Join("..", "action.yml"), &a)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("action.yml lacks a name, a description or composite steps: %+v", a)
	}
	for name, in := range a.Inputs {
		if in.Description == "" {
			t.Errorf("input %s has no description", name)
		}
	}
	for _, m := range expression.FindAllSubmatch(data, -1) {
		for _, ref := range inputRef.FindAllStringSubmatch(string(m[1]), -1) {
			if _, ok := a.Inputs[ref[1]]; !ok {
				t.Errorf("${{%s}} uses input %q, which action.yml does not declare", m[1], ref[1])
			}
		}
	}
	sets := map[string][]string{} // step id → outputs it sets
	assess := command(t, "assess")
	var assessed bool
	for i, s := range a.Runs.Steps {
		where := s.Name
		if where == "" {
			t.Errorf("step %d has no name", i)
		}
		texts := []string{s.If, s.Run, s.Uses}
		for _, v := range s.Env {
			texts = append(texts, v)
		}
		for _, v := range s.With {
			texts = append(texts, v)
		}
		for _, text := range texts {
			for _, ref := range stepRef.FindAllStringSubmatch(text, -1) {
				if !slices.Contains(sets[ref[1]], ref[2]) {
					t.Errorf("%s: uses steps.%s.outputs.%s, which no earlier step sets", where, ref[1], ref[2])
				}
			}
		}
		switch {
		case (s.Uses == "") == (s.Run == ""):
			t.Errorf("%s: a step has exactly one of uses and run", where)
		case s.Uses != "":
			if !pinned.MatchString(s.Uses) {
				t.Errorf("%s: %s is not pinned to a version", where, s.Uses)
			}
			if s.Shell != "" {
				t.Errorf("%s: shell with uses", where)
			}
		default:
			if s.Shell != "bash" {
				t.Errorf("%s: a composite run step needs shell: bash (got %q)", where, s.Shell)
			}
			if expression.MatchString(s.Run) {
				t.Errorf("%s: the script interpolates ${{ }}; pass values through env", where)
			}
			checkBash(t, where, s.Run)
			if strings.Contains(s.Run, "tollgate \"${args[@]}\"") {
				assessed = true
				var argv []string
				for _, m := range argsArray.FindAllStringSubmatch(s.Run, -1) {
					argv = append(argv, m[1])
				}
				checkFlags(t, where, assess, strings.Join(argv, " "))
			}
		}
		if s.ID != "" {
			for _, m := range outputSet.FindAllStringSubmatch(s.Run, -1) {
				sets[s.ID] = append(sets[s.ID], m[1])
			}
		}
	}
	if !assessed {
		t.Error("no step runs tollgate assess")
	}
	for name, out := range a.Outputs {
		refs := stepRef.FindAllStringSubmatch(out.Value, -1)
		if out.Description == "" || len(refs) == 0 {
			t.Errorf("output %s needs a description and a step output as its value", name)
		}
		for _, ref := range refs {
			if !slices.Contains(sets[ref[1]], ref[2]) {
				t.Errorf("output %s: no step sets steps.%s.outputs.%s", name, ref[1], ref[2])
			}
		}
	}
}

// checkBash parses a script with bash -n.
func checkBash(t *testing.T, where, script string) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		return
	}
	cmd := exec.Command(bash, "-n")
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s: the script does not parse: %v\n%s", where, err, out)
	}
}

// TestGitLabTemplate: the job writes the GitLab reports under the names its
// artifacts:reports name, with formats and flags tollgate knows.
func TestGitLabTemplate(t *testing.T) {
	var doc struct {
		Variables map[string]string `yaml:"variables"`
		Job       struct {
			Stage     string            `yaml:"stage"`
			Image     string            `yaml:"image"`
			Variables map[string]string `yaml:"variables"`
			Script    []string          `yaml:"script"`
			Artifacts struct {
				When     string            `yaml:"when"`
				ExpireIn string            `yaml:"expire_in"`
				ExposeAs string            `yaml:"expose_as"`
				Paths    []string          `yaml:"paths"`
				Reports  map[string]string `yaml:"reports"`
			} `yaml:"artifacts"`
		} `yaml:"tollgate"`
	}
	readYAML(t, filepath.Join("gitlab", "tollgate.yml"), &doc)
	job := doc.Job
	if job.Image == "" || len(job.Script) == 0 || job.Artifacts.When != "always" {
		t.Fatalf("the tollgate job needs an image, a script and artifacts kept always: %+v", job)
	}
	var run string
	for _, line := range job.Script {
		if strings.HasPrefix(line, "tollgate assess") {
			run = line
		}
	}
	if run == "" {
		t.Fatal("the job does not run tollgate assess")
	}
	checkFlags(t, "gitlab/tollgate.yml", command(t, "assess"), run)
	fields := strings.Fields(run)
	i := slices.Index(fields, "--format")
	formats := strings.Split(fields[i+1], ",")
	out := fields[slices.Index(fields, "--output")+1]
	for _, f := range formats {
		if _, ok := report.Lookup(f); !ok {
			t.Errorf("format %s is unknown", f)
		}
	}
	for kind, name := range map[string]string{"codequality": "codequality", "sast": "gitlab-sast", "junit": "junit"} {
		f, _ := report.Lookup(name)
		if !slices.Contains(formats, name) {
			t.Errorf("the job does not write the %s report", name)
		}
		if got, want := job.Artifacts.Reports[kind], out+"/"+f.File; got != want {
			t.Errorf("artifacts:reports:%s = %q, want %q", kind, got, want)
		}
	}
	for name := range doc.Variables {
		if !strings.HasPrefix(name, "TOLLGATE_") {
			t.Errorf("variable %s is not namespaced", name)
		}
	}
}

// TestPreCommitHooks: each hook runs a command tollgate has, with flags it
// knows, built from this module's cmd/tollgate, on the files that matter.
func TestPreCommitHooks(t *testing.T) {
	var hooks []struct {
		ID            string   `yaml:"id"`
		Name          string   `yaml:"name"`
		Description   string   `yaml:"description"`
		Entry         string   `yaml:"entry"`
		Args          []string `yaml:"args"`
		Language      string   `yaml:"language"`
		PassFilenames *bool    `yaml:"pass_filenames"`
		RequireSerial bool     `yaml:"require_serial"`
		Files         string   `yaml:"files"`
	}
	readYAML(t, filepath.Join("..", ".pre-commit-hooks.yaml"), &hooks)
	if len(hooks) == 0 {
		t.Fatal("no hook")
	}
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Language == "" {
			t.Errorf("hook %+v lacks id, name, entry or language", h)
			continue
		}
		entry := strings.Fields(h.Entry)
		// language golang installs the module's commands: the entry's
		// program must be one of them.
		main, err := os.ReadFile(filepath.Join("..", "cmd", entry[0], "main.go"))
		if h.Language != "golang" || err != nil || !bytes.Contains(main, []byte("package main")) {
			t.Errorf("hook %s: %s is not a command of this module built by language golang (%v)", h.ID, entry[0], err)
		}
		if len(entry) < 2 {
			t.Errorf("hook %s: no subcommand", h.ID)
			continue
		}
		cmd := command(t, entry[1])
		if err := cmd.ParseFlags(h.Args); err != nil {
			t.Errorf("hook %s: args %v: %v", h.ID, h.Args, err)
		}
		if h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("hook %s passes file names, which assess would take as separate scan roots", h.ID)
		}
		checkHookRuns(t, h.ID, append(entry[1:], h.Args...))
		files, err := regexp.Compile(h.Files)
		if err != nil {
			t.Fatalf("hook %s: files: %v", h.ID, err)
		}
		for _, p := range []string{".cursor/mcp.json", ".mcp.json", "repo/.vscode/mcp.json", "claude_desktop_config.json",
			"cline_mcp_settings.json", ".codex/config.toml", "tollgate.yaml", "policy/waivers.hcl", "deploy/mcp-server.yaml",
			"tools.json", "tollgate.lock", "server.json"} {
			if !files.MatchString(p) {
				t.Errorf("hook %s does not run when %s changes", h.ID, p)
			}
		}
		for _, p := range []string{"main.go", "README.md", "src/app.ts"} {
			if files.MatchString(p) {
				t.Errorf("hook %s runs when %s changes", h.ID, p)
			}
		}
	}
}

// checkHookRuns runs a hook's command, as pre-commit does, in a repository
// without MCP configuration (it must let the commit through) and in one
// with a failing server (it must block it), and checks that it writes
// nothing into the repository.
func checkHookRuns(t *testing.T, id string, args []string) {
	t.Helper()
	for _, tt := range []struct {
		name  string
		files map[string]string
		code  int
	}{
		{"nothing to assess", map[string]string{"main.go": "package main\n"}, 0},
		{"a privileged server", map[string]string{".mcp.json": `{"mcpServers": {"k8s": {"command": "docker", "args": ["run", "--privileged", "mcp/kubernetes"]}}}`}, 1},
	} {
		repo := t.TempDir()
		for name, content := range tt.files {
			if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Chdir(repo)
		var out, errOut bytes.Buffer
		root := cli.NewRootCommand(&cli.App{Out: &out, Err: &errOut, Version: "test"})
		root.SetArgs(args)
		code := cli.ExitCode(root.Execute())
		if code != tt.code {
			t.Errorf("hook %s, %s: exit %d, want %d\n%s%s", id, tt.name, code, tt.code, out.String(), errOut.String())
		}
		entries, _ := os.ReadDir(repo)
		if len(entries) != len(tt.files) {
			t.Errorf("hook %s, %s: wrote into the repository (%d entries)", id, tt.name, len(entries))
		}
	}
}
