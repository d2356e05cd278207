package controls_test

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/jsonvalue"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// TestDirectRenderingMatchesTextTemplate renders every built-in control's
// message and credit template over many subjects, each as the engine sees
// it (with its linked subjects), and over altered copies of them (fields
// missing, null, of another kind, or named like the fields messages add),
// and requires the text the plan renders to be exactly text/template's.
// The subjects are every control's examples and what a run collects from
// the example, the corpus (where ../shared is present), a generated fleet
// of files and generated servers.
func TestDirectRenderingMatchesTextTemplate(t *testing.T) {
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := controls.NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	subjects := renderSubjects(t, cat)
	rng := rand.New(rand.NewPCG(1, 2))
	reasons := [][]controls.Reason{
		nil,
		{{Path: "env.GITHUB_TOKEN.kind", Detail: "x"}, {Path: "remote.url", Detail: "y"}},
		{{Path: "launch.container.mounts.0.read_only"}},
	}
	var direct, rendered int
	for k, subject := range subjects {
		kind, _ := subject["kind"].(string)
		variants := []map[string]any{subject}
		for range 3 {
			variants = append(variants, altered(rng, subject, 0))
		}
		for i, c := range cat.Controls {
			if !c.Evaluable() || string(c.Subject) != kind {
				continue
			}
			for _, v := range variants {
				rs := reasons[k%len(reasons)]
				want := plan.MessageByTextTemplate(i, v, rs)
				got, ok := plan.MessageDirectly(i, v, rs)
				if got2 := plan.Message(i, v, rs); got2 != want {
					t.Errorf("%s message over %v:\nplan:          %q\ntext/template: %q", c.ID, v, got2, want)
				}
				if ok && got != want {
					t.Errorf("%s message rendered directly over %v:\ndirect:        %q\ntext/template: %q", c.ID, v, got, want)
				}
				rendered++
				if ok {
					direct++
				}
				if got, want := plan.Credit(i, v), plan.CreditByTextTemplate(i, v); got != want {
					t.Errorf("%s credit over %v:\nplan:          %q\ntext/template: %q", c.ID, v, got, want)
				}
			}
		}
	}
	t.Logf("%d subjects, %d messages, %d rendered directly", len(subjects), rendered, direct)
	if direct < rendered/2 {
		t.Errorf("only %d of %d messages were rendered directly", direct, rendered)
	}
}

// renderSubjects returns the subjects renderings are compared over.
func renderSubjects(t *testing.T, cat *controls.Catalog) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, c := range cat.Controls {
		for _, ex := range c.Examples {
			s, err := controls.ExampleSubject(c, ex)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
	}
	fleet := filepath.Join(t.TempDir(), "fleet")
	if _, err := assesstest.WriteFleetFiles(fleet, assesstest.FilesSpec{Servers: 150, Workloads: 80, Gateways: 4, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{filepath.Join("..", "examples", "acme"), filepath.Join("..", "..", "shared", "corpus"), fleet} {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("%s is absent: %v", dir, err)
			continue
		}
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		b, err := pipeline.Collect(t.Context(), collectors.Request{Paths: []string{dir}, Root: dir, Now: now, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, linkedMaps(t, b.Subjects)...)
	}
	return append(out, linkedMaps(t, assesstest.Fleet(200, 4))...)
}

// linkedMaps converts subjects to maps with their linked subjects, as the
// engine gives them to controls.
func linkedMaps(t *testing.T, subjects []evidence.Subject) []map[string]any {
	t.Helper()
	var c jsonvalue.Converter
	byID := map[string]evidence.Subject{}
	for _, s := range subjects {
		byID[s.Metadata().ID] = s
	}
	convert := func(s evidence.Subject) map[string]any {
		m, err := c.Map(s)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	out := make([]map[string]any, 0, len(subjects))
	for _, s := range subjects {
		m := convert(s)
		linked := map[string]any{}
		for _, id := range slices.Compact(slices.Sorted(slices.Values(s.Metadata().Links))) {
			if l, ok := byID[id]; ok {
				kind := string(l.Metadata().Kind)
				list, _ := linked[kind].([]any)
				linked[kind] = append(list, convert(l))
			}
		}
		if len(linked) > 0 {
			m[controls.LinkedFieldName] = linked
		}
		out = append(out, m)
	}
	return out
}

// replacements are values altered copies put in place of a field's.
var replacements = []any{
	nil, "", "none", "required", "optional", "<no value>", json.Number("0"), json.Number("443"), true, false, 1.5,
	[]any{}, []any{"a", json.Number("2"), nil}, []any{map[string]any{"name": "g", "authentication": map[string]any{"mode": "none"}}, nil},
	map[string]any{}, map[string]any{"mode": "required", "host": "h", "effect": "approve-all"},
}

// altered returns a deep copy of m in which some fields are missing, null
// or replaced; at the top level, some are named like the fields messages
// add (location, file, line, failing, control).
func altered(rng *rand.Rand, m map[string]any, depth int) map[string]any {
	out := make(map[string]any, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		switch r := rng.IntN(10); {
		case r == 0 && k != "kind":
			continue
		case r == 1 && k != "kind":
			out[k] = replacements[rng.IntN(len(replacements))]
			continue
		}
		out[k] = alteredValue(rng, v, depth+1)
	}
	if depth == 0 && rng.IntN(4) == 0 {
		for _, k := range []string{"location", "file", "line", "failing", "control"} {
			if rng.IntN(2) == 0 {
				out[k] = replacements[rng.IntN(len(replacements))]
			}
		}
	}
	return out
}

// alteredValue is altered for any value.
func alteredValue(rng *rand.Rand, v any, depth int) any {
	switch v := v.(type) {
	case map[string]any:
		return altered(rng, v, depth)
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = alteredValue(rng, e, depth)
		}
		return l
	}
	return v
}
