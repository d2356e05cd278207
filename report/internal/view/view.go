// Package view derives what every report format shows from one
// assess.Results value: lookups by ID, the list of findings (failing and
// waived control × subject pairs) and the non-secret facts of each subject.
// Formats share it so they count the same things the same way.
package view

import (
	"sort"

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

// Index holds lookups over one Results value.
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
	// location caches Location once located.
	location string
	located  bool
	// art caches artifact once found.
	art      *evidence.Artifact
	artFound bool
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
func (x *Index) Location(id string) string { return x.subjects[id].loc() }

// LocateAll finds every subject's location now instead of when it is first
// asked for, so that Location and Judged.Location only read the index
// afterwards and several goroutines may call them at once.
func (x *Index) LocateAll() {
	for i := range x.entries {
		if x.entries[i].m != nil {
			x.entries[i].loc()
		}
	}
}

// loc is the subject's location, "" for no subject.
func (e *subjectEntry) loc() string {
	if e == nil {
		return ""
	}
	if !e.located {
		e.location, e.located = e.m.Provenance.Location(), true
	}
	return e.location
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
func (j Judged) Location() string { return j.e.loc() }

// Artifact is what Index.SubjectArtifact returns for the subject.
func (j Judged) Artifact() *evidence.Artifact { return j.e.artifact(j.x) }

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
	return x.subjects[id].artifact(x)
}

// artifact is the artifact the subject was read from, or nil.
func (e *subjectEntry) artifact(x *Index) *evidence.Artifact {
	if e == nil {
		return nil
	}
	if !e.artFound {
		e.art, e.artFound = x.Artifact(e.m.Provenance.File), true
	}
	return e.art
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
// sorted by framework and requirement.
func (x *Index) Requirements(controlID string) []ReqRef { return x.reqs[controlID] }
