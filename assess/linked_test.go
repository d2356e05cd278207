package assess

import (
	"context"
	"testing"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
)

// TestLinkedSubjects checks that a control sees the subjects a subject links
// to under LinkedField, grouped by kind.
func TestLinkedSubjects(t *testing.T) {
	cat := &controls.Catalog{Controls: []*controls.Control{{
		ID: "T-LINK-01", Subject: evidence.KindServer, Family: "auth",
		When:    "remote: url: string",
		Check:   `linked!: gateway!: [...{authentication: mode: "required"}]`,
		Message: "{{.name}} is not fronted by an authenticating gateway",
	}}}
	gw := func(id, auth string) *evidence.Gateway {
		return &evidence.Gateway{Meta: evidence.Meta{Kind: evidence.KindGateway, ID: id, Name: id}, Authentication: evidence.GatewayAuthentication{Mode: auth}}
	}
	srv := func(name string, links ...string) *evidence.Server {
		return &evidence.Server{Meta: evidence.Meta{Kind: evidence.KindServer, ID: "server:" + name, Name: name, Links: links},
			Remote: &evidence.Remote{URL: "https://" + name}}
	}
	in := Input{Catalog: cat, Now: now, Subjects: []evidence.Subject{
		gw("gateway:strict", "required"), gw("gateway:open", "none"),
		srv("behind-strict", "gateway:strict", "source:unknown"), srv("behind-open", "gateway:open"), srv("direct"),
	}}
	res, err := Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Verdict{}
	for _, e := range res.Controls[0].Evaluations {
		got[e.SubjectID] = e.Verdict
	}
	want := map[string]Verdict{"server:behind-strict": VerdictPass, "server:behind-open": VerdictFail, "server:direct": VerdictFail}
	for id, v := range want {
		if got[id] != v {
			t.Errorf("%s: %s, want %s", id, got[id], v)
		}
	}
}
