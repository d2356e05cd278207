package evidence

import (
	"bytes"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/internal/jsontest"
)

// TestManifestStreamIsTheWhole checks that the manifest written subject by
// subject is byte for byte the manifest encoded and indented whole, for
// bundles of random subjects (tricky strings, empty and nested values),
// none, and one whose values contain the stand-in for the subjects.
func TestManifestStreamIsTheWhole(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	created := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	server := func(i int, name string) Subject {
		s := &Server{Meta: Meta{Kind: KindServer, ID: "server:" + jsontest.String(r), Name: name,
			Provenance: Provenance{Collector: "clientconfig/cursor", File: jsontest.String(r), Line: i, Collected: created}},
			Client: "cursor", Transport: TransportStdio}
		switch r.IntN(3) {
		case 1:
			s.Env = map[string]Value{}
		case 2:
			s.Env = map[string]Value{jsontest.String(r): {Kind: "literal", Secret: r.IntN(2) == 0}, "B": {Kind: "reference"}}
		}
		if r.IntN(2) == 0 {
			s.Launch = &Launch{Command: jsontest.String(r), Args: []string{jsontest.String(r), "<&>"}, Runner: "npx"}
		}
		return s
	}
	bundles := map[string]*Bundle{"none": {Created: created}}
	many := &Bundle{Tool: "tollgate", ToolVersion: "1", Origin: "laptop", Scope: []string{"a", "b"}, Created: created}
	for i := range 300 {
		many.Subjects = append(many.Subjects, server(i, jsontest.String(r)))
		many.Subjects = append(many.Subjects, &Source{Meta: Meta{Kind: KindSource, ID: "source:" + jsontest.String(r)}, Servers: i})
	}
	bundles["many"] = many
	bundles["one"] = &Bundle{Subjects: []Subject{server(1, "one")}, Created: created}
	bundles["stand-in in a value"] = &Bundle{Subjects: []Subject{server(1, strings.Trim(string(subjectsSentinel), `"`)), server(2, "x")}, Created: created}
	for name, b := range bundles {
		t.Run(name, func(t *testing.T) {
			artifacts := []Artifact{{Path: "a.json", BundlePath: "artifacts/a.json", SHA256: strings.Repeat("0", 64)}}
			var streamed, whole bytes.Buffer
			if err := writeManifest(&streamed, b, artifacts); err != nil {
				t.Fatal(err)
			}
			m := manifest{FormatVersion: BundleFormatVersion, Tool: "tollgate", ToolVersion: b.ToolVersion, Origin: b.Origin,
				Scope: b.Scope, Created: b.Created.UTC(), Artifacts: artifacts}
			if b.Tool != "" {
				m.Tool = b.Tool
			}
			subjects := append([]Subject(nil), b.Subjects...)
			sortSubjects(subjects)
			if err := writeManifestWhole(&whole, m, subjects); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(streamed.Bytes(), whole.Bytes()) {
				t.Fatalf("streamed manifest differs from the whole one:\n%s\n---\n%s", streamed.Bytes(), whole.Bytes())
			}
		})
	}
}

// TestSortSubjectsIsStableByKindAndID compares sortSubjects with a stable
// sort by kind (known kinds in their order, others last) then ID, on
// subjects whose IDs and kinds repeat.
func TestSortSubjectsIsStableByKindAndID(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	kinds := append(append([]Kind(nil), Kinds...), "unknown", "other")
	for range 200 {
		subjects := make([]Subject, r.IntN(60))
		for i := range subjects {
			subjects[i] = &Server{Meta: Meta{Kind: kinds[r.IntN(len(kinds))], ID: string(rune('a' + r.IntN(5))), Name: jsontest.String(r)}}
		}
		want := append([]Subject(nil), subjects...)
		sort.SliceStable(want, func(i, j int) bool {
			mi, mj := want[i].Metadata(), want[j].Metadata()
			if ki, kj := kindOrder(mi.Kind), kindOrder(mj.Kind); ki != kj {
				return ki < kj
			}
			return mi.ID < mj.ID
		})
		sortSubjects(subjects)
		for i := range want {
			if subjects[i] != want[i] {
				t.Fatalf("subject %d: got %+v, want %+v", i, subjects[i].Metadata(), want[i].Metadata())
			}
		}
	}
}
