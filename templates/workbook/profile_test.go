package workbook

import (
	"strings"
	"testing"
)

func TestEmbeddedProfilesLoad(t *testing.T) {
	names := Names()
	if strings.Join(names, ",") != "default,poam" {
		t.Fatalf("profiles = %v, want default and poam", names)
	}
	for _, name := range names {
		p, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != name || p.Version < 1 {
			t.Errorf("%s: name/version = %s/%d", name, p.Name, p.Version)
		}
	}
	if _, err := Load(""); err != nil {
		t.Errorf("default profile by empty name: %v", err)
	}
}

func TestPOAMProfileColumns(t *testing.T) {
	p, err := Load("poam")
	if err != nil {
		t.Fatal(err)
	}
	var headers []string
	for _, s := range p.Sheets {
		if s.Kind == KindFindings {
			for _, c := range s.Columns {
				headers = append(headers, c.Header)
			}
		}
	}
	got := strings.Join(headers, "|")
	for _, want := range []string{"Weakness Name", "Weakness Detector Source", "Asset Identifier", "Scheduled Completion Date", "Planned Milestones", "Original Risk Rating", "Status", "Comments"} {
		if !strings.Contains(got, want) {
			t.Errorf("POA&M findings sheet lacks %q (has %s)", want, got)
		}
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "name: x\nversion: 1\ncolour: red\nsheets: []\n", "colour"},
		{"no sheets", "name: x\nversion: 1\n", "no sheets"},
		{"no version", "name: x\nsheets: [{kind: summary, name: S, columns: [{header: A, field: b}]}]\n", "version"},
		{"unknown kind", "name: x\nversion: 1\nsheets: [{kind: charts, name: S, columns: [{header: A, field: b}]}]\n", "unknown kind"},
		{"long sheet name", "name: x\nversion: 1\nsheets: [{kind: summary, name: An exceedingly long sheet name here, columns: [{header: A, field: b}]}]\n", "longer than 31"},
		{"bad character", "name: x\nversion: 1\nsheets: [{kind: summary, name: 'A/B', columns: [{header: A, field: b}]}]\n", "contains"},
		{"duplicate kind", "name: x\nversion: 1\nsheets: [{kind: summary, name: A, columns: [{header: A, field: b}]}, {kind: summary, name: B, columns: [{header: A, field: b}]}]\n", "twice"},
		{"duplicate name", "name: x\nversion: 1\nsheets: [{kind: summary, name: A, columns: [{header: A, field: b}]}, {kind: waivers, name: a, columns: [{header: A, field: b}]}]\n", "twice"},
		{"column without field", "name: x\nversion: 1\nsheets: [{kind: summary, name: A, columns: [{header: A}]}]\n", "needs a header and a field"},
		{"no columns", "name: x\nversion: 1\nsheets: [{kind: summary, name: A}]\n", "no columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
