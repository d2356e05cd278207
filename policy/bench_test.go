package policy

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
)

// BenchmarkJudge judges 50,000 generated servers against a starting policy
// written from half of them: matching every server with the approved and
// denied entries, before any control runs.
func BenchmarkJudge(b *testing.B) {
	fleet := assesstest.Fleet(50000, 1)
	p, err := Parse([]File{{Path: "policy.cue", Data: Init(fleet[:len(fleet)/2])}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Judge(fleet); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(p.Approved)), "approved")
}

// BenchmarkParseRequirements loads a policy of 24 requirements over the
// three subject kinds a requirement judges: compiling, checking field names
// and structure against the evidence schema.
func BenchmarkParseRequirements(b *testing.B) {
	checks := map[string]string{
		"server":   `when: {scope: "project", remote: url: string}, check: auth: kind: "oauth" | "oauth-capable"`,
		"gateway":  `check: listeners: [...{tls: true}]`,
		"workload": `check: images: [...{registry: "registry.acme.internal"}]`,
	}
	var src strings.Builder
	src.WriteString("package policy\n")
	for i := range 24 {
		kind := []string{"server", "gateway", "workload"}[i%3]
		fmt.Fprintf(&src, "required: r%d: {description: \"d\", subject: %q, %s}\n", i, kind, checks[kind])
	}
	files := []File{{Path: "policy.cue", Data: []byte(src.String())}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(files); err != nil {
			b.Fatal(err)
		}
	}
}
