package oscal

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/internal/jsontest"
)

// encodeStd is what the hand-written encoders must equal: encoding/json,
// HTML escaping off, without the final newline.
func encodeStd(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

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
		if want := append([]byte("keep"), encodeStd(t, &ref)...); !ok || !bytes.Equal(got, want) {
			t.Fatalf("reference %d: got %s (%v)\nwant %s", i, got, ok, want)
		}
	}
	withLinks := oscalTypes.SubjectReference{SubjectUuid: "u", Type: "t", Links: &[]oscalTypes.Link{{Href: "#x"}}}
	if _, ok := appendSubjectRef(nil, &withLinks); ok {
		t.Error("a reference with links was encoded by hand")
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "\"\\\b\f\n\r\t\x01\x1f\x7f", "<>&", "\u2028\u2029é😀", "\xff\xfe", "\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendJSONString(nil, s), encodeStd(t, s); !bytes.Equal(got, want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}
