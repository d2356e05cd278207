package probe

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// ErrorProbeTool is the tool the error probe calls: a well-formed tool name
// that no server offers, so the call takes the server's ordinary error path
// and nothing runs. The probe never calls a tool a server lists.
const ErrorProbeTool = "tollgate_probe_no_such_tool"

// errorProbeStep labels the error probe's request in the exchange record.
const errorProbeStep = "tools-call-error-probe"

// maxErrorMessage is how much of an error the endpoint subject keeps.
const maxErrorMessage = 1000

// errorPart is one piece of an error answer and where it came from.
type errorPart struct {
	field, text string
}

// rawAnswer returns the status and the start of the raw body of the error
// probe's HTTP exchange, when the transport is HTTP.
type rawAnswer func() (status int, body string, ok bool)

// probeError sends one tools/call for ErrorProbeTool in session cs and
// records what came back, and what it discloses, as ep.ErrorProbe. listed
// holds the tool names the server offers: if it somehow offers
// ErrorProbeTool, nothing is sent.
func probeError(ctx context.Context, cs *mcp.ClientSession, listed map[string]bool, ep *evidence.Endpoint, red *secrets.Redactor,
	timeout time.Duration, raw rawAnswer) {
	if listed[ErrorProbeTool] {
		return
	}
	probe := &evidence.ErrorProbe{Tool: ErrorProbeTool}
	ep.ErrorProbe = probe
	cctx, cancel := context.WithTimeout(withStep(ctx, errorProbeStep), timeout)
	defer cancel()
	res, err := cs.CallTool(cctx, &mcp.CallToolParams{Name: ErrorProbeTool})
	var parts []errorPart
	var wire *jsonrpc.Error
	switch {
	case errors.As(err, &wire):
		probe.Outcome = evidence.ErrorOutcomeError
		probe.Code = int(wire.Code)
		parts = append(parts, errorPart{"error.message", wire.Message})
		if len(wire.Data) > 0 {
			parts = append(parts, errorPart{"error.data", jsonText(wire.Data)})
		}
	case err != nil && cctx.Err() != nil:
		probe.Outcome = evidence.ErrorOutcomeNoAnswer
	case err != nil:
		probe.Outcome = evidence.ErrorOutcomeHTTP
		parts = append(parts, errorPart{"error", rootCause(err).Error()})
	case res != nil:
		probe.Outcome = evidence.ErrorOutcomeResult
		if res.IsError {
			probe.Outcome = evidence.ErrorOutcomeToolError
		}
		for i, c := range res.Content {
			if tc, ok := c.(*mcp.TextContent); ok && tc.Text != "" {
				parts = append(parts, errorPart{fmt.Sprintf("result.content[%d]", i), tc.Text})
			}
		}
		if res.StructuredContent != nil {
			if data, err := json.Marshal(res.StructuredContent); err == nil {
				parts = append(parts, errorPart{"result.structuredContent", string(data)})
			}
		}
	}
	if raw != nil && (probe.Outcome == evidence.ErrorOutcomeHTTP || probe.Outcome == evidence.ErrorOutcomeNoAnswer) {
		if status, body, ok := raw(); ok {
			if status != 0 {
				probe.Code = status
			}
			if body != "" {
				parts = append(parts, errorPart{"response.body", body})
			}
		}
	}
	// Every password of every part is remembered before any part is kept,
	// so none survives in another part, the excerpts or the exchange record.
	for _, p := range parts {
		rememberPasswords(p.text, red)
	}
	var texts []string
	for _, p := range parts {
		probe.Leaks = append(probe.Leaks, errorLeaks(p.field, p.text, ep.Host, red)...)
		texts = append(texts, p.text)
	}
	sort.SliceStable(probe.Leaks, func(i, j int) bool { return leakOrder[probe.Leaks[i].Rule] < leakOrder[probe.Leaks[j].Rule] })
	if len(probe.Leaks) > maxLeaks {
		probe.Leaks = probe.Leaks[:maxLeaks]
	}
	if len(texts) > 0 {
		probe.Message = tooldef.Cut(tooldef.Visible(red.RedactString(strings.Join(texts, "\n"))), maxErrorMessage)
	}
}

// jsonText is a JSON value as text: a string's contents, the strings of
// an object or array one per line (keyed by their path), else the JSON.
func jsonText(data json.RawMessage) string {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return string(data)
	}
	if s, ok := v.(string); ok {
		return s
	}
	var lines []string
	var walk func(path string, v any, depth int)
	walk = func(path string, v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case string:
			if path != "" {
				x = path + ": " + x
			}
			lines = append(lines, x)
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(strings.TrimPrefix(path+"."+k, "."), x[k], depth+1)
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), e, depth+1)
			}
		}
	}
	walk("", v, 0)
	if len(lines) == 0 {
		return string(data)
	}
	return strings.Join(lines, "\n")
}

// leakOrder ranks leak rules for reports: how the server is built first,
// then what it exposes.
var leakOrder = map[string]int{leakStackTrace: 0, leakFilePath: 1, leakPrivateAddress: 2, leakConnectionString: 3, leakCredential: 4}
