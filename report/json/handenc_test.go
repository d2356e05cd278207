package json

import (
	"bytes"
	stdjson "encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/jsontest"
)

// TestHandEncodingIsJSON checks that the evaluations, findings and
// subjects encoded by hand are byte for byte what encoding/json (HTML
// escaping off) writes, compact and indented, on random values with tricky
// strings, nil and empty lists, and any line and column.
func TestHandEncodingIsJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	str := func() string {
		if r.IntN(4) == 0 {
			return ""
		}
		return jsontest.String(r)
	}
	reasons := func() []Reason {
		switch r.IntN(3) {
		case 0:
			return nil
		case 1:
			return []Reason{}
		}
		rs := make([]Reason, 1+r.IntN(3))
		for i := range rs {
			rs[i] = Reason{Path: str(), Detail: str()}
		}
		return rs
	}
	number := func() int {
		return []int{0, 1, -1, 42, 1 << 40, -1 << 62}[r.IntN(6)] + r.IntN(1000)
	}
	var values []any
	for range 3000 {
		values = append(values, &Evaluation{Subject: str(), Verdict: str(), Message: str(), Reasons: reasons(),
			Waiver: str(), Attestation: str(), Location: str()})
		f := &Finding{ID: str(), Fingerprint: str(), Control: str(), Title: str(), Severity: str(), Verdict: str(),
			Subject: str(), SubjectKind: str(), SubjectName: str(),
			Location: Location{File: str(), Line: number(), Column: number(), URL: str(), Object: str(), Text: str()},
			Message:  str(), Reasons: reasons(), Remediation: str(), Waiver: str(), Baseline: str()}
		switch r.IntN(3) {
		case 1:
			f.Requirements = []string{}
		case 2:
			f.Requirements = []string{str(), str()}
		}
		values = append(values, f)
		sub := &Subject{ID: str(), Kind: str(), Name: str(), Client: str(), Format: str(), Scope: str(), Transport: str(),
			Location: str(), Collector: str(), Package: str(), Endpoint: str(), SourceStatus: str(), SHA256: str()}
		switch r.IntN(3) {
		case 1:
			sub.Links = []string{}
		case 2:
			sub.Links = []string{str(), str()}
		}
		values = append(values, sub)
	}
	values = append(values, &Evaluation{}, &Finding{}, &Subject{})
	for i, v := range values {
		got, ok := appendCompact([]byte("keep"), v)
		if want := append([]byte("keep"), jsontest.Std(t, v)...); !ok || !bytes.Equal(got, want) {
			t.Fatalf("value %d (%T): got %s (%v)\nwant %s", i, v, got, ok, want)
		}
		for _, prefix := range []string{"", "    "} {
			want := bytes.NewBufferString("keep")
			if err := stdjson.Indent(want, jsontest.Std(t, v), prefix, "  "); err != nil {
				t.Fatal(err)
			}
			var got []byte
			switch v := v.(type) {
			case *Evaluation:
				got = appendEvaluationIndented([]byte("keep"), v, prefix)
			case *Finding:
				got = appendFindingIndented([]byte("keep"), v, prefix)
			case *Subject:
				got = appendSubjectIndented([]byte("keep"), v, prefix)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("value %d, prefix %q: indented\n%s\nwant\n%s", i, prefix, got, want)
			}
		}
	}
	if _, ok := appendCompact(nil, &Location{}); ok {
		t.Error("a type not encoded by hand was")
	}
}
