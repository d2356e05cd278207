package launch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// corpusClients maps corpus folders to the client whose syntax applies.
var corpusClients = map[string]string{
	"claude-desktop": "claude-desktop", "claude-code": "claude-code", "cursor": "cursor", "vscode": "vscode",
	"windsurf": "windsurf", "cline": "cline", "gemini-cli": "gemini-cli",
}

// corpusServer is the part of a JSON server entry Analyze needs.
type corpusServer struct {
	Command   string            `json:"command"`
	Args      []string          `json:"args"`
	Cwd       string            `json:"cwd"`
	URL       string            `json:"url"`
	HTTPURL   string            `json:"httpUrl"`
	ServerURL string            `json:"serverUrl"`
	Headers   map[string]string `json:"headers"`
}

// TestCorpusLaunches analyses every stdio command line and remote URL in the
// strict-JSON client configs of ../shared/corpus, validates the result
// against the evidence schema, and checks the replaced secrets never survive.
func TestCorpusLaunches(t *testing.T) {
	root := "../../../shared/corpus"
	if _, err := os.Stat(root); err != nil {
		t.Skip("shared corpus not present")
	}
	planted := []string{"BSAFk3eXmpl0Dummy00KeyNotReal12", "FakeP4sswordNotReal0000"}
	dirs := make([]string, 0, len(corpusClients))
	for d := range corpusClients {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	analysed := 0
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*.json"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var top map[string]json.RawMessage
			if json.Unmarshal(data, &top) != nil {
				continue // JSONC: the client-config parsers handle it
			}
			for _, key := range []string{"mcpServers", "servers", "context_servers"} {
				var servers map[string]corpusServer
				if json.Unmarshal(top[key], &servers) != nil {
					continue
				}
				for name, s := range servers {
					syn := secrets.SyntaxFor(corpusClients[dir])
					srv := &evidence.Server{Meta: evidence.Meta{Kind: evidence.KindServer, ID: "server:" + f + "#" + name, Name: name,
						Provenance: evidence.Provenance{Collector: "test", Collected: time.Unix(0, 0).UTC()}},
						Client: corpusClients[dir], Format: dir, Scope: evidence.ScopeProject, Transport: evidence.TransportStdio,
						Auth: evidence.Auth{Kind: evidence.AuthLocal}}
					switch {
					case s.Command != "":
						res := Analyze(s.Command, s.Args, s.Cwd, syn, secrets.NewRedactor())
						srv.Launch, srv.FilesystemRoots, srv.Archived = res.Launch, res.Roots, res.Archived
					case s.URL+s.HTTPURL+s.ServerURL != "":
						srv.Transport = evidence.TransportStreamableHTTP
						srv.Launch = nil
						srv.Remote, srv.Auth = AnalyzeRemote(s.URL+s.HTTPURL+s.ServerURL, s.Headers, syn, nil)
					default:
						continue
					}
					analysed++
					if err := evidence.ValidateSubject(srv); err != nil {
						t.Errorf("%s %s: %v", filepath.Base(f), name, err)
					}
					out, _ := json.Marshal(srv)
					for _, p := range planted {
						if strings.Contains(string(out), p) {
							t.Errorf("%s %s: output holds %q", filepath.Base(f), name, p)
						}
					}
				}
			}
		}
	}
	if analysed < 20 {
		t.Errorf("analysed only %d corpus servers", analysed)
	}
	t.Logf("analysed %d corpus servers", analysed)
}
