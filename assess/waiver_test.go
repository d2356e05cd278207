package assess

import (
	"testing"
	"time"
)

func TestLoadWaivers(t *testing.T) {
	ws, err := LoadWaivers("testdata/waivers/waivers.hcl")
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 3 || ws[0].ID != "W-001" || ws[0].Line != 1 || ws[0].Subjects[0] != "*#legacy-*" {
		t.Fatalf("waivers = %+v", ws)
	}
	tests := []struct {
		name    string
		now     time.Time
		expired bool
	}{
		{"before", time.Date(2026, 12, 30, 0, 0, 0, 0, time.UTC), false},
		{"on the last day", time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC), false},
		{"the day after", time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		if got := ws[0].Expired(tt.now); got != tt.expired {
			t.Errorf("%s: Expired = %v, want %v", tt.name, got, tt.expired)
		}
	}
}

func TestLoadWaiversBroken(t *testing.T) {
	_, err := LoadWaivers("testdata/waivers/broken.hcl")
	if err == nil {
		t.Fatal("broken waivers loaded")
	}
	golden(t, "waivers/broken.golden", []byte(err.Error()+"\n"))
	if _, err := LoadWaivers("testdata/waivers/missing.hcl"); err == nil {
		t.Error("missing waiver file loaded")
	}
}

func TestLoadAttestations(t *testing.T) {
	as, err := LoadAttestations("testdata/attestations/attestations.hcl")
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 {
		t.Fatalf("attestations = %+v", as)
	}
	if as[0].EvidenceSHA256 != "5146f1ba86e6e01192ce5b0414cc49a7298d2ac1b18d4ce3e63d0dc151291c0c" {
		t.Errorf("evidence hash = %s", as[0].EvidenceSHA256)
	}
	if as[1].EvidenceSHA256 != "" {
		t.Errorf("a URL was hashed: %s", as[1].EvidenceSHA256)
	}
	_, err = LoadAttestations("testdata/attestations/broken.hcl")
	if err == nil {
		t.Fatal("broken attestations loaded")
	}
	golden(t, "attestations/broken.golden", []byte(err.Error()+"\n"))
}

func TestSelector(t *testing.T) {
	tests := []struct {
		pattern, id, name string
		want              bool
	}{
		{"*#legacy-*", "server:repo/a/.mcp.json#legacy-db", "legacy-db", true},
		{"legacy-*", "server:repo/a/.mcp.json#legacy-db", "legacy-db", true},
		{"server:repo/*", "server:repo/a/b/.mcp.json#x", "x", true},
		{"github", "server:x#github-2", "github-2", false},
		{"git?ub", "server:x#github", "github", true},
		{"a.b", "server:x#axb", "axb", false},
	}
	for _, tt := range tests {
		if got := newSelector(tt.pattern).match(tt.id, tt.name); got != tt.want {
			t.Errorf("%q on %s: %v, want %v", tt.pattern, tt.id, got, tt.want)
		}
	}
}
