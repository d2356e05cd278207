package tooldef

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// BenchmarkSubjectAndCorrelate judges 50 servers × 20 tools: every
// heuristic on every text, then the cross-server pass.
func BenchmarkSubjectAndCorrelate(b *testing.B) {
	desc := "Searches issues in the given repository and returns their titles, labels and state. " + strings.Repeat("Results are paginated. ", 10)
	var defs []Definition
	for i := range 20 {
		defs = append(defs, Definition{Type: evidence.DefinitionTool, Raw: map[string]any{
			"name": fmt.Sprintf("search_issues_%d", i), "description": desc,
			"inputSchema": map[string]any{"type": "object", "properties": map[string]any{
				"repo":  map[string]any{"type": "string", "description": "owner/name of the repository"},
				"query": map[string]any{"type": "string", "description": "search terms", "default": "is:open"},
			}},
		}})
	}
	b.ReportAllocs()
	for b.Loop() {
		tools := make([]*evidence.Tool, 0, 1000)
		for s := range 50 {
			o := Origin{Server: fmt.Sprintf("server-%d", s), Endpoint: fmt.Sprintf("https://s%d.example/mcp", s)}
			for _, d := range defs {
				tools = append(tools, Subject(d, o, nil))
			}
		}
		Correlate(tools)
	}
}
