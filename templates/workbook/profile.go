// Package workbook holds the versioned column profiles of the auditor
// workbook: which sheets it has, in which order, and per sheet the columns
// (header, field, width). Profiles are YAML files embedded in the binary; a
// user may also supply their own file in the same format.
package workbook

import (
	"bytes"
	"embed"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed *.yaml
var files embed.FS

// Sheet kinds.
const (
	KindCover     = "cover"     // what was assessed, when, by whom, how, with what verdict, and a legend
	KindSummary   = "summary"   // one row per framework, with a chart
	KindFramework = "framework" // one sheet per framework, one row per requirement
	KindFindings  = "findings"  // one row per failing or waived control × subject
	KindEvidence  = "evidence"  // one row per artifact
	KindInventory = "inventory" // one row per subject
	KindWaivers   = "waivers"   // one row per waiver
)

// Kinds lists the sheet kinds a profile may use.
var Kinds = []string{KindCover, KindSummary, KindFramework, KindFindings, KindEvidence, KindInventory, KindWaivers}

// FieldBlank leaves a column empty, for people to fill in.
const FieldBlank = "blank"

// MaxSheetName is the longest sheet name a spreadsheet accepts.
const MaxSheetName = 31

// Profile is one workbook layout.
type Profile struct {
	Name        string  `yaml:"name"`
	Version     int     `yaml:"version"`
	Description string  `yaml:"description"`
	Sheets      []Sheet `yaml:"sheets"`
}

// Sheet is one sheet (or, for the framework kind, one sheet per framework).
type Sheet struct {
	Kind string `yaml:"kind"`
	// Name is the sheet name; framework sheets are named after the framework.
	Name    string   `yaml:"name"`
	Columns []Column `yaml:"columns"`
}

// Column is one column of a sheet.
type Column struct {
	Header string `yaml:"header"`
	// Field names the value shown; the fields of each kind are listed by the
	// workbook writer. FieldBlank leaves the column empty.
	Field string `yaml:"field"`
	// Width is the column width in characters (0 = a default).
	Width float64 `yaml:"width"`
	// Input restricts what people may type into a column they fill in
	// (one of the Input* constants); empty allows anything.
	Input string `yaml:"input"`
}

// Inputs a column people fill in may be restricted to.
const (
	InputDate       = "date"       // a date on or after the assessment date
	InputOwner      = "owner"      // a name, offered from the owners the assessment knows
	InputConclusion = "conclusion" // an auditor's conclusion: Agree, Disagree, Evidence requested, Not tested
	InputText       = "text"       // free text of at most 1,000 characters
)

// Inputs lists the input restrictions a column may name.
var Inputs = []string{InputDate, InputOwner, InputConclusion, InputText}

// Names returns the names of the embedded profiles, sorted.
func Names() []string {
	entries, err := files.ReadDir(".")
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
	}
	sort.Strings(names)
	return names
}

// Load returns the embedded profile with the given name ("" = "default").
func Load(name string) (*Profile, error) {
	if name == "" {
		name = "default"
	}
	data, err := files.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("workbook profile %q: not found (known: %s)", name, strings.Join(Names(), ", "))
	}
	p, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("workbook profile %q: %w", name, err)
	}
	return p, nil
}

// Parse reads and checks a profile. Unknown keys are errors.
func Parse(data []byte) (*Profile, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var p Profile
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("parse profile: %w", err)
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return &p, nil
}

func (p *Profile) check() error {
	if p.Name == "" {
		return fmt.Errorf("profile has no name")
	}
	if p.Version < 1 {
		return fmt.Errorf("profile %s: version must be 1 or more", p.Name)
	}
	if len(p.Sheets) == 0 {
		return fmt.Errorf("profile %s: no sheets", p.Name)
	}
	kinds := map[string]bool{}
	names := map[string]bool{}
	for i, s := range p.Sheets {
		where := fmt.Sprintf("profile %s: sheet %d (%s)", p.Name, i+1, s.Kind)
		if !known(s.Kind) {
			return fmt.Errorf("%s: unknown kind (want one of %s)", where, strings.Join(Kinds, ", "))
		}
		if kinds[s.Kind] {
			return fmt.Errorf("%s: kind used twice", where)
		}
		kinds[s.Kind] = true
		if s.Kind != KindFramework {
			if err := CheckSheetName(s.Name); err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			if names[strings.ToLower(s.Name)] {
				return fmt.Errorf("%s: sheet name %q used twice", where, s.Name)
			}
			names[strings.ToLower(s.Name)] = true
		}
		if len(s.Columns) == 0 {
			return fmt.Errorf("%s: no columns", where)
		}
		for j, c := range s.Columns {
			if strings.TrimSpace(c.Header) == "" || strings.TrimSpace(c.Field) == "" {
				return fmt.Errorf("%s: column %d needs a header and a field", where, j+1)
			}
			if c.Width < 0 || c.Width > 255 {
				return fmt.Errorf("%s: column %q: width %v is outside 0–255", where, c.Header, c.Width)
			}
			if c.Input != "" && !slices.Contains(Inputs, c.Input) {
				return fmt.Errorf("%s: column %q: input %q is not one of %s", where, c.Header, c.Input, strings.Join(Inputs, ", "))
			}
		}
	}
	return nil
}

// CheckSheetName reports whether a spreadsheet accepts name as a sheet name.
func CheckSheetName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("sheet name is empty")
	case len([]rune(name)) > MaxSheetName:
		return fmt.Errorf("sheet name %q is longer than %d characters", name, MaxSheetName)
	case strings.ContainsAny(name, `[]:*?/\`):
		return fmt.Errorf("sheet name %q contains one of []:*?/\\", name)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("sheet name %q starts or ends with an apostrophe", name)
	}
	return nil
}

func known(kind string) bool {
	for _, k := range Kinds {
		if k == kind {
			return true
		}
	}
	return false
}
