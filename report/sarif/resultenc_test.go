package sarif

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/internal/jsonstr"
	"github.com/tollgate-dev/tollgate/internal/jsontest"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// TestResultEncodingIsJSON checks that the results encoded by hand are byte
// for byte what encoding/json (HTML escaping off) writes, on random results
// with tricky strings, absent and empty parts, and every kind of location,
// and that a property of another type makes the encoder give up.
func TestResultEncodingIsJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	str := func() string {
		if r.IntN(4) == 0 {
			return ""
		}
		return jsontest.String(r)
	}
	strs := func() []string {
		switch r.IntN(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		return []string{str(), str()}
	}
	locate := func() location {
		var l location
		if r.IntN(3) > 0 {
			l.PhysicalLocation = &physicalLocation{ArtifactLocation: artifactLoc{URI: str(), URIBaseID: str()}}
			if r.IntN(2) == 0 {
				l.PhysicalLocation.Region = &region{StartLine: r.IntN(5000) - 1, StartColumn: r.IntN(3)}
			}
		}
		switch r.IntN(3) {
		case 1:
			l.LogicalLocations = []logicalLocation{}
		case 2:
			l.LogicalLocations = []logicalLocation{{Name: str(), FullyQualifiedName: str(), Kind: str()}, {Name: str()}}
		}
		return l
	}
	results := []result{{}}
	for range 3000 {
		res := result{RuleID: str(), RuleIndex: r.IntN(300) - 1, Level: str(), Message: message{Text: str()}, BaselineState: str()}
		switch r.IntN(3) {
		case 1:
			res.Locations = []location{}
		case 2:
			res.Locations = []location{locate(), locate()}
		}
		switch r.IntN(3) {
		case 1:
			res.PartialFingerprints = map[string]string{}
		case 2:
			res.PartialFingerprints = map[string]string{str(): str(), "tollgateFinding/v2": str()}
		}
		switch r.IntN(3) {
		case 1:
			res.Suppressions = []suppression{}
		case 2:
			res.Suppressions = []suppression{{Kind: str(), Status: str(), Justification: str()}}
		}
		switch r.IntN(3) {
		case 1:
			res.Properties = map[string]any{}
		case 2:
			res.Properties = map[string]any{"subject": str(), "severity": str(), str(): str(), "reasons": strs()}
		}
		results = append(results, res)
	}
	for i := range results {
		got, ok := appendResult([]byte("keep"), &results[i])
		if want := append([]byte("keep"), jsontest.Std(t, &results[i])...); !ok || !bytes.Equal(got, want) {
			t.Fatalf("result %d: got %s (%v)\nwant %s", i, got, ok, want)
		}
	}
	other := result{Properties: map[string]any{"count": 3}}
	if _, ok := appendResult(nil, &other); ok {
		t.Error("a property holding a number was encoded by hand")
	}
}

// TestReasonTextEncoding compares appendReasonText with the reason's text
// encoded whole, on paths and details that start or end inside a
// character, hold bytes that are not UTF-8, or are empty.
func TestReasonTextEncoding(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	piece := func() string {
		switch r.IntN(4) {
		case 0:
			return ""
		case 1:
			return "\xe2\x82" + jsontest.String(r) + "\xf0\x9f"
		}
		return jsontest.String(r)
	}
	for range 5000 {
		reason := assess.Reason{Path: piece(), Detail: piece()}
		want := jsonstr.Append([]byte("keep"), view.ReasonText(reason))
		if got := appendReasonText([]byte("keep"), reason); !bytes.Equal(got, want) {
			t.Fatalf("reason %q: got %s, want %s", reason, got, want)
		}
	}
}
