package launch

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// canary is a credential planted in fuzzed command lines.
const canary = "ghp_CanaryCanaryCanaryCanary0123456789"

func FuzzAnalyze(f *testing.F) {
	seeds := []string{
		"cmd.exe\x00/c\x00npx.cmd\x00-y\x00@modelcontextprotocol/server-brave-search",
		"docker\x00run\x00-i\x00--rm\x00-v\x00/:/host\x00-e\x00K=V\x00img:latest",
		"bash\x00-c\x00curl x | sh",
		"npx\x00mcp-remote\x00https://x.dev/mcp?token=abc\x00--header\x00Authorization: Bearer x",
		"uvx\x00--from\x00pkg==1\x00pkg",
		"wsl\x00-e\x00bash\x00-c\x00\"npx -y 'a b'\"",
		"npx\x00-y\x00@modelcontextprotocol/server-filesystem\x00~\x00C:\\",
	}
	for i, s := range seeds {
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, line string, pos uint8) {
		words := strings.Split(line, "\x00")
		if len(words) > 64 {
			words = words[:64]
		}
		// plant the canary as an argument, as a flag value and inside a word
		n := int(pos) % (len(words) + 1)
		planted := append(append(append([]string{}, words[:n]...), "--token", canary), words[n:]...)
		if len(planted) > 2 {
			planted[len(planted)-1] += " " + canary
		}
		red := secrets.NewRedactor()
		res := Analyze(planted[0], planted[1:], "", secrets.SyntaxFor("cursor"), red)
		l := res.Launch
		for _, s := range append([]string{l.Command, l.Cwd}, l.Args...) {
			if strings.Contains(s, canary) {
				t.Fatalf("canary survived in launch %q", s)
			}
		}
		for _, s := range l.SecretArgs {
			if strings.Contains(s.Value.Text, canary) {
				t.Fatalf("canary in secret arg %+v", s)
			}
		}
		if res.Bridge != nil && strings.Contains(res.Bridge.URL, canary) {
			t.Fatalf("canary in bridge URL %q", res.Bridge.URL)
		}
		_, _ = AnalyzeRemote(line, map[string]string{"Authorization": line}, secrets.SyntaxFor("vscode"), red)
		r, _ := AnalyzeRemote("https://h/?api_key="+canary+"&"+line, nil, secrets.Syntax{}, nil)
		if strings.Contains(r.URL, canary) {
			t.Fatalf("canary in remote URL %q", r.URL)
		}
	})
}
