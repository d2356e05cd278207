package oscal

import (
	"encoding/json"
	"flag"
	"testing"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/report/engagement"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/oscal/oscaltest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	fixture.Golden(t, name, got, *update)
}

// validateNIST validates data against NIST's own OSCAL 1.1.3 schema for its
// model, where the shared reference data is present.
func validateNIST(t *testing.T, schemaFile string, data []byte) {
	t.Helper()
	oscaltest.Validate(t, schemaFile, data)
}

// testEngagement names the parties, system and policy a real run would.
func testEngagement() engagement.Engagement {
	return engagement.Engagement{
		Organization: engagement.Party{Name: "Example Corp", Email: "security@example.com"},
		Assessor:     engagement.Party{Name: "Jane Auditor", Email: "jane@audit.example", Type: "person"},
		System:       engagement.System{ID: "EX-MCP-1", Name: "Example MCP estate"},
		Scope:        []string{"repos", "workstations"},
		Remediation:  engagement.Policy{Days: map[string]int{"critical": 15, "high": 30, "medium": 90, "low": 180}, PointOfContact: engagement.Party{Name: "Platform Security"}},
	}
}

// testOptions are the options WriteOutputs would pass.
func testOptions() Options {
	return Options{EvidenceBase: "evidence/", ManifestSHA256: fixture.Hash("manifest"), Engagement: testEngagement()}
}

// decode reads an OSCAL document into the go-oscal model.
func decode(t *testing.T, data []byte) oscalTypes.OscalModels {
	t.Helper()
	var m oscalTypes.OscalModels
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// prop returns the value of the first property with the given name.
func propOf(ps *[]oscalTypes.Property, name string) string { return propValue(ps, name) }

// propsNamed returns every property with the given name.
func propsNamed(ps *[]oscalTypes.Property, name string) []oscalTypes.Property {
	if ps == nil {
		return nil
	}
	var out []oscalTypes.Property
	for _, p := range *ps {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

// deref returns the slice a pointer names, or nil.
func deref[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}

// at is a UTC time for tests.
func at(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// propValue returns the value of the first property with the given name.
func propValue(ps *[]oscalTypes.Property, name string) string {
	if ps == nil {
		return ""
	}
	for _, p := range *ps {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}
