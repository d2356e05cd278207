package mappings

import (
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tollgate-dev/tollgate/internal/diag"
	"github.com/zclconf/go-cty/cty"
)

//go:embed *.hcl
var builtinFS embed.FS

// Builtin loads the frameworks and links shipped with Tollgate.
func Builtin() (*Set, error) {
	set, err := load(builtinFS, "mappings")
	if err != nil {
		return nil, fmt.Errorf("built-in mappings: %w", err)
	}
	return set, nil
}

// LoadDir loads every *.hcl file under dir (recursively) as one set of
// frameworks and links. Problems name files by their path joined to dir.
func LoadDir(dir string) (*Set, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("mappings: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("mappings %s: not a directory", dir)
	}
	return load(os.DirFS(dir), filepath.ToSlash(filepath.Clean(dir)))
}

// Load loads every *.hcl file in fsys (recursively). Each file declares one
// framework and the links of controls into it.
func Load(fsys fs.FS) (*Set, error) {
	return load(fsys, "")
}

func load(fsys fs.FS, prefix string) (*Set, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".hcl") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("mappings: %w", err)
	}
	sort.Strings(names)
	ps := &diag.Collector{}
	set := &Set{}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("mappings: %w", err)
		}
		display := name
		if prefix != "" {
			display = path.Join(prefix, name)
		}
		fw, links, excl := parseFile(display, src, ps)
		if fw != nil {
			set.Frameworks = append(set.Frameworks, fw)
		}
		set.Links = append(set.Links, links...)
		set.Exclusions = append(set.Exclusions, excl...)
	}
	if len(names) == 0 {
		ps.Addf(prefix, 0, "no *.hcl mapping files")
	}
	set.validate(ps)
	if err := ps.Err(); err != nil {
		return nil, err
	}
	set.sort()
	return set, nil
}

var (
	fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "framework", LabelNames: []string{"id"}},
		{Type: "control", LabelNames: []string{"id"}},
		{Type: "none", LabelNames: []string{"control"}},
	}}
	frameworkSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "title", Required: true},
			{Name: "version", Required: true},
			{Name: "main"},
			{Name: "source"},
			{Name: "catalog"},
		},
		Blocks: []hcl.BlockHeaderSchema{
			{Type: "group", LabelNames: []string{"id"}},
			{Type: "requirement", LabelNames: []string{"id"}},
			{Type: "crosswalk"},
		},
	}
	crosswalkSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "title", Required: true},
		{Name: "source", Required: true},
	}}
	groupSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "requirement", LabelNames: []string{"id"}},
	}}
	requirementSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "title", Required: true},
	}}
	controlSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "maps", LabelNames: []string{"requirement"}},
	}}
	mapsSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "provenance", Required: true},
		{Name: "rationale", Required: true},
		{Name: "via"},
		{Name: "objectives"},
	}}
	noneSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "reason", Required: true},
	}}
)

// parseFile reads one mapping file: its framework, the links of controls
// into it, and the declared absences of links.
func parseFile(name string, src []byte, ps *diag.Collector) (*Framework, []Link, []Exclusion) {
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if ps.AddDiags("", diags) {
		return nil, nil, nil
	}
	content, diags := f.Body.Content(fileSchema)
	ps.AddDiags("", diags)

	var fw *Framework
	for _, b := range content.Blocks {
		if b.Type != "framework" {
			continue
		}
		if fw != nil {
			ps.Addf(name, line(b), "second framework %q in one file (the first is %q at line %d)", b.Labels[0], fw.ID, fw.Line)
			continue
		}
		fw = parseFramework(name, b, ps)
	}
	if fw == nil {
		ps.Addf(name, 1, "no framework block: every mapping file declares the framework its links belong to")
		return nil, nil, nil
	}

	var links []Link
	var excl []Exclusion
	seenControl := map[string]int{}
	for _, b := range content.Blocks {
		if b.Type == "framework" {
			continue
		}
		id := b.Labels[0]
		if id == "" {
			ps.Addf(name, line(b), "%s block with an empty control id", b.Type)
			continue
		}
		if prev, dup := seenControl[id]; dup {
			ps.Addf(name, line(b), "control %s is already mapped or excluded at line %d", id, prev)
			continue
		}
		seenControl[id] = line(b)
		switch b.Type {
		case "control":
			links = append(links, parseControl(name, fw, b, ps)...)
		case "none":
			body, diags := b.Body.Content(noneSchema)
			if ps.AddDiags("", diags) {
				continue
			}
			reason := stringAttr(name, body.Attributes["reason"], ps)
			if strings.TrimSpace(reason) == "" {
				ps.Addf(name, line(b), "none %q: reason must say why the control maps to nothing in %s", id, fw.ID)
			}
			excl = append(excl, Exclusion{Control: id, Framework: fw.ID, Reason: reason, File: name, Line: line(b)})
		}
	}
	return fw, links, excl
}

func parseFramework(name string, b *hcl.Block, ps *diag.Collector) *Framework {
	fw := &Framework{ID: b.Labels[0], File: name, Line: line(b)}
	if fw.ID == "" {
		ps.Addf(name, line(b), "framework with an empty id")
	}
	body, diags := b.Body.Content(frameworkSchema)
	ps.AddDiags("", diags)
	fw.Title = stringAttr(name, body.Attributes["title"], ps)
	fw.Version = stringAttr(name, body.Attributes["version"], ps)
	if a := body.Attributes["main"]; a != nil {
		fw.Main = boolAttr(name, a, ps)
	}
	fw.Source = urlAttr(name, body.Attributes["source"], ps)
	fw.Catalog = urlAttr(name, body.Attributes["catalog"], ps)
	seen := map[string]int{}
	addReq := func(rb *hcl.Block, group string) {
		rbody, diags := rb.Body.Content(requirementSchema)
		if ps.AddDiags("", diags) {
			return
		}
		r := Requirement{ID: rb.Labels[0], Group: group, Line: line(rb)}
		r.Title = stringAttr(name, rbody.Attributes["title"], ps)
		switch {
		case r.ID == "":
			ps.Addf(name, r.Line, "framework %s: requirement with an empty id", fw.ID)
			return
		case strings.TrimSpace(r.Title) == "":
			ps.Addf(name, r.Line, "framework %s: requirement %s has an empty title", fw.ID, r.ID)
		}
		if prev, dup := seen[r.ID]; dup {
			ps.Addf(name, r.Line, "framework %s: requirement %s is already declared at line %d", fw.ID, r.ID, prev)
			return
		}
		seen[r.ID] = r.Line
		fw.Requirements = append(fw.Requirements, r)
	}
	for _, blk := range body.Blocks {
		switch blk.Type {
		case "crosswalk":
			cbody, diags := blk.Body.Content(crosswalkSchema)
			if ps.AddDiags("", diags) {
				continue
			}
			if fw.Crosswalk != nil {
				ps.Addf(name, line(blk), "framework %s: a second crosswalk block", fw.ID)
				continue
			}
			fw.Crosswalk = &Crosswalk{Title: stringAttr(name, cbody.Attributes["title"], ps), Source: urlAttr(name, cbody.Attributes["source"], ps)}
		case "requirement":
			addReq(blk, "")
		case "group":
			gbody, diags := blk.Body.Content(groupSchema)
			if ps.AddDiags("", diags) {
				continue
			}
			for _, rb := range gbody.Blocks {
				addReq(rb, blk.Labels[0])
			}
		}
	}
	if len(fw.Requirements) == 0 {
		ps.Addf(name, fw.Line, "framework %s declares no requirements", fw.ID)
	}
	return fw
}

func parseControl(name string, fw *Framework, b *hcl.Block, ps *diag.Collector) []Link {
	id := b.Labels[0]
	body, diags := b.Body.Content(controlSchema)
	if ps.AddDiags("", diags) {
		return nil
	}
	if len(body.Blocks) == 0 {
		ps.Addf(name, line(b), "control %s maps nothing: add a maps block, or use `none %q { reason = \"…\" }`", id, id)
	}
	var links []Link
	seen := map[string]int{}
	for _, mb := range body.Blocks {
		l := Link{Control: id, Framework: fw.ID, Requirement: mb.Labels[0], File: name, Line: line(mb)}
		mbody, diags := mb.Body.Content(mapsSchema)
		if ps.AddDiags("", diags) {
			continue
		}
		l.Provenance = stringAttr(name, mbody.Attributes["provenance"], ps)
		l.Rationale = stringAttr(name, mbody.Attributes["rationale"], ps)
		if a := mbody.Attributes["via"]; a != nil {
			l.Via = stringAttr(name, a, ps)
		}
		if a := mbody.Attributes["objectives"]; a != nil {
			l.Objectives = objectivesAttr(name, a, ps)
		}
		if fw.Requirement(l.Requirement) == nil {
			ps.Addf(name, l.Line, "control %s maps to %q, which framework %s does not declare", id, l.Requirement, fw.ID)
		}
		if prev, dup := seen[l.Requirement]; dup {
			ps.Addf(name, l.Line, "control %s maps to %s twice (first at line %d)", id, l.Requirement, prev)
			continue
		}
		seen[l.Requirement] = l.Line
		switch l.Provenance {
		case ProvenanceOfficial:
			if l.Via == "" {
				ps.Addf(name, l.Line, "control %s → %s: an official link must name the crosswalked requirement it rests on with via", id, l.Requirement)
			}
			if fw.Crosswalk == nil {
				ps.Addf(name, l.Line, "control %s → %s is official, but framework %s names no crosswalk block for it to rest on", id, l.Requirement, fw.ID)
			}
		case ProvenanceAsserted:
			if l.Via != "" {
				ps.Addf(name, l.Line, "control %s → %s: via is only meaningful for official links", id, l.Requirement)
			}
		default:
			ps.Addf(name, l.Line, "control %s → %s: provenance %q is neither %q nor %q", id, l.Requirement, l.Provenance, ProvenanceOfficial, ProvenanceAsserted)
		}
		if strings.TrimSpace(l.Rationale) == "" {
			ps.Addf(name, l.Line, "control %s → %s: empty rationale", id, l.Requirement)
		}
		links = append(links, l)
	}
	return links
}

// validate checks what spans files: unique framework ids, and that every
// official link's via is a requirement the same control also maps to.
func (s *Set) validate(ps *diag.Collector) {
	seen := map[string]*Framework{}
	for _, fw := range s.Frameworks {
		if prev, dup := seen[fw.ID]; dup {
			ps.Addf(fw.File, fw.Line, "framework %s is already declared in %s:%d", fw.ID, prev.File, prev.Line)
			continue
		}
		seen[fw.ID] = fw
	}
	mapped := map[[2]string]bool{}
	for _, l := range s.Links {
		mapped[[2]string{l.Control, l.Requirement}] = true
	}
	for _, l := range s.Links {
		if l.Provenance == ProvenanceOfficial && l.Via != "" && !mapped[[2]string{l.Control, l.Via}] {
			ps.Addf(l.File, l.Line, "control %s → %s is official via %s, but %s does not map to %s", l.Control, l.Requirement, l.Via, l.Control, l.Via)
		}
	}
	for _, e := range s.Exclusions {
		for _, l := range s.Links {
			if l.Control == e.Control && l.Framework == e.Framework {
				ps.Addf(e.File, e.Line, "control %s is excluded from %s but also mapped at %s:%d", e.Control, e.Framework, l.File, l.Line)
				break
			}
		}
	}
}

func (s *Set) sort() {
	sort.SliceStable(s.Frameworks, func(i, j int) bool { return s.Frameworks[i].ID < s.Frameworks[j].ID })
	sort.SliceStable(s.Links, func(i, j int) bool {
		a, b := s.Links[i], s.Links[j]
		if a.Framework != b.Framework {
			return a.Framework < b.Framework
		}
		if a.Control != b.Control {
			return a.Control < b.Control
		}
		return a.Line < b.Line
	})
	sort.SliceStable(s.Exclusions, func(i, j int) bool {
		a, b := s.Exclusions[i], s.Exclusions[j]
		if a.Framework != b.Framework {
			return a.Framework < b.Framework
		}
		return a.Control < b.Control
	})
}

func line(b *hcl.Block) int { return b.DefRange.Start.Line }

func stringAttr(file string, a *hcl.Attribute, ps *diag.Collector) string {
	if a == nil {
		return ""
	}
	v, diags := a.Expr.Value(nil)
	if ps.AddDiags("", diags) {
		return ""
	}
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		ps.Addf(file, a.Range.Start.Line, "%s must be a string", a.Name)
		return ""
	}
	return v.AsString()
}

// urlAttr reads an optional attribute holding an absolute http(s) URL.
func urlAttr(file string, a *hcl.Attribute, ps *diag.Collector) string {
	if a == nil {
		return ""
	}
	s := stringAttr(file, a, ps)
	u, err := url.Parse(s)
	if s != "" && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "") {
		ps.Addf(file, a.Range.Start.Line, "%s %q is not an http(s) URL", a.Name, s)
		return ""
	}
	return s
}

// objectivesAttr reads a list of assessment objective ids; each must be an
// OSCAL token (letters, digits, '.', '-', '_').
func objectivesAttr(file string, a *hcl.Attribute, ps *diag.Collector) []string {
	v, diags := a.Expr.Value(nil)
	if ps.AddDiags("", diags) {
		return nil
	}
	if v.IsNull() || !v.IsKnown() || !(v.Type().IsTupleType() || v.Type().IsListType()) {
		ps.Addf(file, a.Range.Start.Line, "objectives must be a list of strings")
		return nil
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		if ev.IsNull() || !ev.IsKnown() || ev.Type() != cty.String || !isToken(ev.AsString()) {
			ps.Addf(file, a.Range.Start.Line, "objectives must be a list of objective ids such as \"sc-8.1_obj\"")
			return nil
		}
		out = append(out, ev.AsString())
	}
	return out
}

// isToken reports whether s is an OSCAL token: a letter or '_' followed by
// letters, digits, '.', '-' or '_'.
func isToken(s string) bool {
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (unicode.IsDigit(r) || r == '.' || r == '-'):
		default:
			return false
		}
	}
	return s != ""
}

func boolAttr(file string, a *hcl.Attribute, ps *diag.Collector) bool {
	v, diags := a.Expr.Value(nil)
	if ps.AddDiags("", diags) {
		return false
	}
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.Bool {
		ps.Addf(file, a.Range.Start.Line, "%s must be true or false", a.Name)
		return false
	}
	return v.True()
}
