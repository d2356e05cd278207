package policy

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
)

// Field is the subject field the policy's facts are added as.
const Field = "policy"

// Judge holds what a policy says about the subjects of one assessment:
// the facts of every server, tool and workload, and the requirements,
// prepared for evaluation. Make one with Policy.Judge; evaluate the
// requirements with one Evaluator per goroutine.
type Judge struct {
	policy *Policy
	facts  map[string]*evidence.PolicyFacts
	// plan holds the requirements as controls, in Policy.Required order.
	plan *controls.Plan
	// kinds are the subject kinds some requirement judges.
	kinds  map[evidence.Kind]bool
	covers []Cover
}

// Judge judges the subjects against the approved and denied servers and
// prepares the requirements. Subjects are matched by what they run (see
// Identity); tools take their server's approval, linked by the collector
// (a probed server) or by endpoint URL and server name.
func (p *Policy) Judge(subjects []evidence.Subject) (*Judge, error) {
	j := &Judge{policy: p, facts: map[string]*evidence.PolicyFacts{}, kinds: map[evidence.Kind]bool{}}
	servers := map[string]*evidence.Server{}
	for _, s := range subjects {
		if srv, ok := s.(*evidence.Server); ok {
			servers[srv.ID] = srv
			j.facts[srv.ID] = p.judgeServer(srv)
		}
	}
	for _, s := range subjects {
		switch x := s.(type) {
		case *evidence.Tool:
			if f := p.judgeTool(x, servers, j.facts); f != nil {
				j.facts[x.ID] = f
			}
		case *evidence.Workload:
			j.facts[x.ID] = p.judgeWorkload(x)
		}
	}
	cat := &controls.Catalog{}
	for _, r := range p.Required {
		cat.Controls = append(cat.Controls, r.control())
		j.kinds[evidence.Kind(r.Subject)] = true
	}
	plan, err := controls.NewPlan(cat)
	if err != nil {
		return nil, fmt.Errorf("policy requirements: %w", err)
	}
	j.plan = plan
	j.covers = p.cover(subjects, servers)
	return j, nil
}

// Facts returns the facts of a subject before requirements, or nil.
func (j *Judge) Facts(id string) *evidence.PolicyFacts { return j.facts[id] }

// ObservesLinked reports whether a requirement reads the subjects a subject
// links to (the engine then adds them, as for controls).
func (j *Judge) ObservesLinked(field string) bool {
	for i := range j.plan.Len() {
		if j.plan.ObservesField(i, field) {
			return true
		}
	}
	return false
}

// judgeServer judges one server against the denied and approved entries.
func (p *Policy) judgeServer(s *evidence.Server) *evidence.PolicyFacts {
	id := serverIdentity(s)
	f := &evidence.PolicyFacts{Identity: id.String()}
	if d := p.denial(id); d != nil {
		f.Approval, f.DeniedBy = evidence.PolicyDenied, d.Key
		f.Detail = d.Reason
		return f
	}
	a, detail := p.approval(id)
	if a == nil {
		f.Approval, f.Detail = evidence.PolicyUnapproved, detail
		return f
	}
	f.Approval, f.Entry = evidence.PolicyApproved, a.Key
	f.Version, f.VersionFound, f.VersionsAllowed = a.m.version(id)
	f.Transport = allowedOf(a.Transports, s.Transport)
	f.Auth = allowedOf(a.Auth, s.Auth.Kind)
	return f
}

// allowedOf says whether value is among those allowed (any when the entry
// lists none).
func allowedOf(allowed []string, value string) string {
	switch {
	case len(allowed) == 0:
		return evidence.PolicyAny
	case slices.Contains(allowed, value):
		return evidence.PolicyAllowed
	}
	return evidence.PolicyOther
}

// denial returns the first denied entry (by name) that names the subject,
// at a denied version when the entry lists versions.
func (p *Policy) denial(id subjectIdentity) *Denied {
	for _, d := range p.Denied {
		if !d.m.identifies(id) {
			continue
		}
		if d.m.versioned() {
			if v, _, _ := d.m.version(id); v != evidence.PolicyApproved {
				continue
			}
		}
		return d
	}
	return nil
}

// approval returns the approved entry for the subject: among the entries
// that identify it and whose paths cover its file, the first (by name) at
// an allowed version, else the first. With none, it says why.
func (p *Policy) approval(id subjectIdentity) (*Approved, string) {
	var (
		first     *Approved
		elsewhere []string
	)
	for _, a := range p.Approved {
		if !a.m.identifies(id) {
			continue
		}
		if !a.m.inPaths(id.file) {
			elsewhere = append(elsewhere, fmt.Sprintf("%s (only in %s)", a.Key, strings.Join(a.Paths, ", ")))
			continue
		}
		if v, _, _ := a.m.version(id); v == evidence.PolicyApproved || v == evidence.PolicyAny {
			return a, ""
		}
		if first == nil {
			first = a
		}
	}
	if first != nil {
		return first, ""
	}
	if len(elsewhere) > 0 {
		return nil, "approved for other folders: " + strings.Join(elsewhere, "; ")
	}
	return nil, "not on the approved list"
}

// judgeTool gives a tool its server's approval and says whether the tool is
// one the server's entry allows. Only tools (not prompts, templates or
// instructions) are judged. A tool whose server is unknown to the
// assessment is matched by its endpoint URL and server name.
func (p *Policy) judgeTool(t *evidence.Tool, servers map[string]*evidence.Server, facts map[string]*evidence.PolicyFacts) *evidence.PolicyFacts {
	if t.Type != evidence.DefinitionTool {
		return nil
	}
	var sf *evidence.PolicyFacts
	for _, l := range t.Links {
		if _, ok := servers[l]; ok {
			if f := facts[l]; f != nil && (sf == nil || f.Approval == evidence.PolicyApproved) {
				sf = f
			}
		}
	}
	if sf == nil {
		id := subjectIdentity{name: t.Server, file: t.Provenance.File}
		if strings.HasPrefix(t.Endpoint, "http://") || strings.HasPrefix(t.Endpoint, "https://") {
			id.url = normalURL(t.Endpoint)
		}
		sf = &evidence.PolicyFacts{Identity: id.String()}
		if d := p.denial(id); d != nil {
			sf.Approval, sf.DeniedBy = evidence.PolicyDenied, d.Key
		} else if a, detail := p.approval(id); a != nil {
			sf.Approval, sf.Entry = evidence.PolicyApproved, a.Key
		} else {
			sf.Approval, sf.Detail = evidence.PolicyUnapproved, detail
		}
	}
	f := &evidence.PolicyFacts{Approval: sf.Approval, Identity: sf.Identity, Entry: sf.Entry, DeniedBy: sf.DeniedBy}
	if a := p.approvedEntry(sf.Entry); a != nil && sf.Approval == evidence.PolicyApproved {
		f.Tool = evidence.PolicyAny
		if len(a.Tools) > 0 {
			f.Tool = evidence.PolicyNotAllowed
			if anyMatch(patterns(a.Tools), t.Name) {
				f.Tool = evidence.PolicyAllowed
			}
		}
	}
	return f
}

// approvedEntry returns the approved entry named key, or nil.
func (p *Policy) approvedEntry(key string) *Approved {
	for _, a := range p.Approved {
		if a.Key == key {
			return a
		}
	}
	return nil
}

// judgeWorkload judges each image of a workload.
func (p *Policy) judgeWorkload(w *evidence.Workload) *evidence.PolicyFacts {
	f := &evidence.PolicyFacts{}
	for i := range w.Images {
		img := &w.Images[i]
		id := imageIdentity(img, w.Name, w.Provenance.File)
		pi := evidence.PolicyImage{Image: imageRef(img), Version: evidence.PolicyAny}
		if d := p.denial(id); d != nil {
			pi.Denied, pi.DeniedBy = true, d.Key
		}
		if a, _ := p.approval(id); a != nil {
			pi.Approved, pi.Entry = true, a.Key
			pi.Version, pi.VersionFound, pi.VersionsAllowed = a.m.version(id)
		}
		f.Images = append(f.Images, pi)
	}
	return f
}

// imageRef renders an image reference as deployed.
func imageRef(img *evidence.Package) string {
	s := img.Name
	if img.Version != "" {
		s += ":" + img.Version
	}
	if img.Digest != "" {
		s += "@" + img.Digest
	}
	return s
}

// Evaluator evaluates the policy's requirements for one goroutine and adds
// the facts to subjects.
type Evaluator struct {
	j  *Judge
	ev *controls.Evaluator
}

// NewEvaluator returns an evaluator of the requirements; each goroutine
// needs its own.
func (j *Judge) NewEvaluator() *Evaluator {
	return &Evaluator{j: j, ev: j.plan.NewEvaluator()}
}

// Attach adds the policy's facts to subject (its JSON decoded, as controls
// see it) as the field Field: the facts Judge found, and each requirement
// that applies, met or unmet. A requirement whose CUE exceeds the bounds of
// custom CUE is an error, and the run must stop.
func (e *Evaluator) Attach(subject map[string]any, meta *evidence.Meta) error {
	base := e.j.facts[meta.ID]
	if base == nil && !e.j.kinds[meta.Kind] {
		return nil
	}
	f := &evidence.PolicyFacts{}
	if base != nil {
		*f = *base
	}
	if e.j.kinds[meta.Kind] {
		if err := setFacts(subject, f); err != nil {
			return err
		}
		for i, r := range e.j.policy.Required {
			if evidence.Kind(r.Subject) != meta.Kind || (len(r.paths) > 0 && !r.paths.match(meta.Provenance.File)) {
				continue
			}
			out := e.ev.Evaluate(i, subject)
			if err := e.ev.Err(); err != nil {
				return fmt.Errorf("policy requirement %s (%s:%d): %w", r.ID, r.File, r.Line, err)
			}
			switch out.Result {
			case controls.ResultPass:
				setRequirementFacts(f, r.ID, evidence.PolicyMet, "")
			case controls.ResultFail, controls.ResultError:
				setRequirementFacts(f, r.ID, evidence.PolicyUnmet, r.Description+": "+reasonText(out.Reasons))
			}
		}
	}
	if base == nil && len(f.Requirements) == 0 {
		delete(subject, Field)
		return nil
	}
	return setFacts(subject, f)
}

// setRequirementFacts records one requirement's outcome.
func setRequirementFacts(f *evidence.PolicyFacts, id, outcome, why string) {
	if f.Requirements == nil {
		f.Requirements = map[string]string{}
	}
	f.Requirements[id] = outcome
	if why != "" {
		if f.Unmet == nil {
			f.Unmet = map[string]string{}
		}
		f.Unmet[id] = why
	}
}

// reasonText words a requirement's failure.
func reasonText(rs []controls.Reason) string {
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		switch {
		case r.Path == "":
			parts = append(parts, r.Detail)
		case r.Detail == "":
			parts = append(parts, r.Path)
		default:
			parts = append(parts, r.Path+" "+r.Detail)
		}
	}
	if len(parts) == 0 {
		return "not met"
	}
	return strings.Join(parts, "; ")
}

// setFacts adds f to subject as controls see it (JSON decoded).
func setFacts(subject map[string]any, f *evidence.PolicyFacts) error {
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("policy facts: %w", err)
	}
	m, err := controls.DecodeJSON(data)
	if err != nil {
		return fmt.Errorf("policy facts: %w", err)
	}
	subject[Field] = m
	return nil
}
