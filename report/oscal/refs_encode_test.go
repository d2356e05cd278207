package oscal

import (
	"bytes"
	"math/rand/v2"
	"testing"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/internal/jsontest"
)

func TestSubjectRefIsEncoded(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 13))
	str := func() string {
		if r.IntN(3) == 0 {
			return ""
		}
		return jsontest.String(r)
	}
	refs := []oscalTypes.SubjectReference{
		{SubjectUuid: "u", Type: "inventory-item"},
		{SubjectUuid: "u", Type: "t", Props: &[]oscalTypes.Property{}},
		{SubjectUuid: "", Type: ""},
	}
	for range 2000 {
		ref := oscalTypes.SubjectReference{SubjectUuid: str(), Type: str(), Title: str(), Remarks: str()}
		if n := r.IntN(4); n > 0 {
			ps := make([]oscalTypes.Property, n)
			for i := range ps {
				ps[i] = oscalTypes.Property{Class: str(), Group: str(), Name: str(), Ns: str(), Remarks: str(), UUID: str(), Value: str()}
			}
			ref.Props = &ps
		}
		refs = append(refs, ref)
	}
	for i, ref := range refs {
		got, ok := appendSubjectRef([]byte("keep"), &ref)
		if want := append([]byte("keep"), jsontest.Std(t, &ref)...); !ok || !bytes.Equal(got, want) {
			t.Fatalf("reference %d: got %s (%v)\nwant %s", i, got, ok, want)
		}
	}
	withLinks := oscalTypes.SubjectReference{SubjectUuid: "u", Type: "t", Links: &[]oscalTypes.Link{{Href: "#x"}}}
	if _, ok := appendSubjectRef(nil, &withLinks); ok {
		t.Error("a reference with links was encoded by hand")
	}
}
