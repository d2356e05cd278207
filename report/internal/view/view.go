// Package view derives what every report format shows from one
// assess.Results value: lookups by ID, the list of findings (failing and
// waived control × subject pairs) and the non-secret facts of each subject.
// Formats share it so they count the same things the same way.
package view

import (
	"slices"
	"sort"
	"sync"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
)

// ReqRef names one framework requirement a control is linked to.
type ReqRef struct {
	Framework   string
	Requirement string
	Provenance  string
	// Basis says what the link rests on (see mappings.Link.Basis).
	Basis string
}

// String renders the reference as framework:requirement.
func (r ReqRef) String() string { return r.Framework + ":" + r.Requirement }

// Index holds lookups over one Results value, and what the reports derive
// from it, each derived once, when first asked for. Any number of
// goroutines may read one Index at once (see Share); what it returns is
// shared by them all and must not be changed.
type Index struct {
	R        *assess.Results
	subjects map[string]*subjectEntry
	// entries are the results' subjects, in their order.
	entries   []subjectEntry
	artifacts map[string]*evidence.Artifact
	waivers   map[string]*assess.WaiverRecord
	risks     map[string]controls.Risk
	controls  map[string]*assess.ControlResult
	reqs      map[string][]ReqRef

	// located guards every subject entry's location and artifact, found
	// for all at once.
	located sync.Once
	// found guards findings and errs, and failed guards failures: see
	// Findings, Errors and Failures.
	found, failed            sync.Once
	findings, errs, failures []Finding
	// packaged guards each subject entry's pkg.
	packaged sync.Once
}

// subjectEntry is a subject with what the reports derive from it, so that
// one lookup of its ID serves every evaluation of it.
type subjectEntry struct {
	s evidence.Subject
	// m and id are s's common fields and ID, read here without reaching s.
	m  *evidence.Meta
	id string
	// n is the subject's position among the results' subjects.
	n int
	// shadowed marks a subject whose ID a later subject has too: the ID
	// names the later one.
	shadowed bool
	// location and art are the subject's location and the artifact it
	// was read from, set by Index.locate.
	location string
	art      *evidence.Artifact
	// pkg is the package the subject launches (Facts.Package), set by
	// Index.Facts.
	pkg string
}

// New indexes r. r must not be nil.
func New(r *assess.Results) *Index {
	x := &Index{
		R:         r,
		subjects:  make(map[string]*subjectEntry, len(r.Subjects)),
		artifacts: make(map[string]*evidence.Artifact, len(r.Artifacts)),
		waivers:   make(map[string]*assess.WaiverRecord, len(r.Waivers)),
		risks:     make(map[string]controls.Risk, len(r.Risks)),
		controls:  make(map[string]*assess.ControlResult, len(r.Controls)),
		reqs:      make(map[string][]ReqRef),
	}
	x.entries = make([]subjectEntry, len(r.Subjects))
	for i, s := range r.Subjects {
		if s == nil || s.Metadata() == nil {
			continue
		}
		x.entries[i] = subjectEntry{s: s, m: s.Metadata(), id: s.Metadata().ID, n: i}
		if old := x.subjects[s.Metadata().ID]; old != nil {
			old.shadowed = true
		}
		x.subjects[s.Metadata().ID] = &x.entries[i]
	}
	for i := range r.Artifacts {
		x.artifacts[r.Artifacts[i].Path] = &r.Artifacts[i]
	}
	for i := range r.Waivers {
		x.waivers[r.Waivers[i].ID] = &r.Waivers[i]
	}
	for _, risk := range r.Risks {
		x.risks[risk.ID] = risk
	}
	for i := range r.Controls {
		if c := r.Controls[i].Control; c != nil {
			x.controls[c.ID] = &r.Controls[i]
		}
	}
	for _, fw := range r.Frameworks {
		if fw.Framework == nil {
			continue
		}
		for _, req := range fw.Requirements {
			for _, l := range req.Links {
				x.reqs[l.Control] = append(x.reqs[l.Control], ReqRef{Framework: fw.Framework.ID, Requirement: req.Requirement.ID, Provenance: l.Provenance, Basis: l.Basis(fw.Framework)})
			}
		}
	}
	for _, refs := range x.reqs {
		sort.Slice(refs, func(i, j int) bool {
			if refs[i].Framework != refs[j].Framework {
				return refs[i].Framework < refs[j].Framework
			}
			return refs[i].Requirement < refs[j].Requirement
		})
	}
	return x
}

// Subject returns the subject with the given ID, or nil.
func (x *Index) Subject(id string) evidence.Subject {
	if e := x.subjects[id]; e != nil {
		return e.s
	}
	return nil
}

// Meta returns the common fields of the subject with the given ID; for an
// unknown ID it returns a Meta holding only the ID.
func (x *Index) Meta(id string) evidence.Meta {
	return *x.metaRef(id)
}

// Location is the location of the subject with the given ID (its
// provenance's Location; "" for an unknown ID), derived once per subject:
// every evaluation of a subject names it.
func (x *Index) Location(id string) string { return x.loc(x.subjects[id]) }

// locate finds every subject's location and artifact, the first time one
// is asked for: reports name them for nearly every subject, and once they
// are all found the index is only read, by any number of goroutines.
func (x *Index) locate() {
	x.located.Do(func() {
		for i := range x.entries {
			if e := &x.entries[i]; e.m != nil {
				e.location = e.m.Provenance.Location()
				e.art = x.Artifact(e.m.Provenance.File)
			}
		}
	})
}

// loc is the location of e's subject, "" for no subject.
func (x *Index) loc(e *subjectEntry) string {
	if e == nil {
		return ""
	}
	x.locate()
	return e.location
}

// artifact is the artifact e's subject was read from, or nil.
func (x *Index) artifact(e *subjectEntry) *evidence.Artifact {
	if e == nil {
		return nil
	}
	x.locate()
	return e.art
}

// Judged is the subject an evaluation judged, found once for all that a
// report reads of it.
type Judged struct {
	x  *Index
	e  *subjectEntry // nil for a subject the results do not hold
	id string
}

// Judged finds the subject e judged: where e records it among the results'
// subjects (see assess.Evaluation.SubjectIndex), without looking its ID
// up, or else by its ID.
func (x *Index) Judged(e *assess.Evaluation) Judged {
	return Judged{x: x, e: x.entryOf(e), id: e.SubjectID}
}

// entryOf is the entry of the subject e judged, nil for none.
func (x *Index) entryOf(e *assess.Evaluation) *subjectEntry {
	if i := e.SubjectIndex(); i >= 0 && i < len(x.entries) {
		if en := &x.entries[i]; en.s != nil && !en.shadowed && en.id == e.SubjectID {
			return en
		}
	}
	return x.subjects[e.SubjectID]
}

// Meta is what Index.Meta returns for the subject, as a pointer at the
// subject's own fields, which callers must not change.
func (j Judged) Meta() *evidence.Meta { return j.e.meta(j.id) }

// Location is what Index.Location returns for the subject.
func (j Judged) Location() string { return j.x.loc(j.e) }

// Artifact is what Index.SubjectArtifact returns for the subject.
func (j Judged) Artifact() *evidence.Artifact { return j.x.artifact(j.e) }

// Ordinal is the subject's position among the results' subjects, or -1
// for a subject they do not hold.
func (j Judged) Ordinal() int {
	if j.e == nil {
		return -1
	}
	return j.e.n
}

// metaRef is Meta, pointing at the subject's own fields (which callers
// must not change) instead of copying them.
func (x *Index) metaRef(id string) *evidence.Meta {
	return x.subjects[id].meta(id)
}

// meta is the subject's common fields, or a Meta holding only id for no
// subject.
func (e *subjectEntry) meta(id string) *evidence.Meta {
	if e == nil {
		return &evidence.Meta{ID: id, Name: id}
	}
	return e.m
}

// Artifact returns the artifact stored for a scan-root path, or nil.
func (x *Index) Artifact(path string) *evidence.Artifact {
	if path == "" {
		return nil
	}
	return x.artifacts[path]
}

// SubjectArtifact returns the artifact the subject was read from, or nil.
func (x *Index) SubjectArtifact(id string) *evidence.Artifact {
	return x.artifact(x.subjects[id])
}

// Waiver returns the waiver with the given ID, or nil.
func (x *Index) Waiver(id string) *assess.WaiverRecord {
	if id == "" {
		return nil
	}
	return x.waivers[id]
}

// Risk returns the taxonomy entry for id and whether it is known.
func (x *Index) Risk(id string) (controls.Risk, bool) {
	r, ok := x.risks[id]
	return r, ok
}

// Control returns the result of the control with the given ID, or nil.
func (x *Index) Control(id string) *assess.ControlResult { return x.controls[id] }

// Requirements returns the framework requirements a control is linked to,
// sorted by framework and requirement. The list is the index's own: it
// must not be changed (appending to it copies it).
func (x *Index) Requirements(controlID string) []ReqRef {
	return slices.Clip(x.reqs[controlID])
}
