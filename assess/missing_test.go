package assess

import (
	"context"
	"testing"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
)

// TestMissingEvidenceOnlyWhenNothingWasRead checks that a source that could
// not be read gets error verdicts for the controls of the kind it declares,
// unless subjects of that kind were read from it anyway (a file its product
// rejects, read as written): those subjects are judged instead.
func TestMissingEvidenceOnlyWhenNothingWasRead(t *testing.T) {
	cat := &controls.Catalog{Controls: []*controls.Control{{
		ID: "T-GW-01", Subject: evidence.KindGateway, Family: "gateway",
		Check:   `authentication: mode: "required"`,
		Message: "{{.name}} does not authenticate",
	}}}
	src := func(id, status string) *evidence.Source {
		return &evidence.Source{Meta: evidence.Meta{Kind: evidence.KindSource, ID: id, Name: id},
			Format: "agentgateway/config", Status: status}
	}
	gw := &evidence.Gateway{Meta: evidence.Meta{Kind: evidence.KindGateway, ID: "gateway:rejected.yaml#gw", Name: "gw",
		Links: []string{"source:rejected.yaml"}}, Authentication: evidence.GatewayAuthentication{Mode: "none"}}
	in := Input{Catalog: cat, Now: now, Subjects: []evidence.Subject{
		src("source:rejected.yaml", evidence.StatusSchemaError), gw,
		src("source:broken.yaml", evidence.StatusParseError),
	}}
	res, err := Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Verdict{}
	for _, e := range res.Controls[0].Evaluations {
		got[e.SubjectID] = e.Verdict
	}
	want := map[string]Verdict{"gateway:rejected.yaml#gw": VerdictFail, "source:broken.yaml": VerdictError}
	for id, v := range want {
		if got[id] != v {
			t.Errorf("%s: %q, want %q", id, got[id], v)
		}
	}
	if v, ok := got["source:rejected.yaml"]; ok {
		t.Errorf("source:rejected.yaml: %q; its gateway was read and judged, so no evidence is missing", v)
	}
}
