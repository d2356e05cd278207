package probe

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence/secrets"
	"github.com/tollgate-dev/tollgate/internal/mcptest"
)

// BenchmarkErrorLeaks measures the search of the largest error text the
// error probe reads (maxLeakText): a leaky error padded with log lines that
// look like frames, paths and addresses without being them.
func BenchmarkErrorLeaks(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("internal error: cannot open " + mcptest.LeakedConnectionString + "\n" + mcptest.LeakedTrace + "\n")
	for sb.Len() < maxLeakText {
		sb.WriteString(`worker 12 at step File "report" line 7: fetched /reports/2026 from 10.0.0 build 172.16 id=postgres ok` + "\n")
	}
	text := sb.String()[:maxLeakText]
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if leaks := errorLeaks("error.message", text, "orders.mcp.test", secrets.NewRedactor()); len(leaks) == 0 {
			b.Fatal("no leak found")
		}
	}
}
