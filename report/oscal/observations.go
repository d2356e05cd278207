package oscal

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// SP 800-53A assessment methods.
const (
	methodExamine   = "EXAMINE"   // reviewing specifications and configuration settings
	methodTest      = "TEST"      // exercising a mechanism under specified conditions
	methodInterview = "INTERVIEW" // holding discussions with people
)

// observationUUID is the UUID of a control's observation in one assessment:
// it differs between assessment times and stays equal for the same time.
func (b *builder) observationUUID(controlID string) string {
	return id("observation", b.run, controlID)
}

// relatedObservation is the reference to the observation of a control,
// built once per control and shared by the risks and items that cite it.
func (b *builder) relatedObservation(controlID string) *[]oscalTypes.RelatedObservation {
	ref, ok := b.observations[controlID]
	if !ok {
		ref = &[]oscalTypes.RelatedObservation{{ObservationUuid: b.observationUUID(controlID)}}
		b.observations[controlID] = ref
	}
	return ref
}

// methodOf is how a subject was assessed: reading a configuration file,
// manifest or cluster object is an examination of configuration settings
// (EXAMINE); what a live probe of an endpoint saw was obtained by
// exercising it (TEST).
func methodOf(m evidence.Meta) string {
	if m.Kind == evidence.KindEndpoint || m.Provenance.URL != "" || strings.HasPrefix(m.Provenance.Collector, "probe") {
		return methodTest
	}
	return methodExamine
}

// observation records one control judged against every applicable subject.
// Every subject judged is listed, each with its verdict (passing ones
// included, so a reader can re-perform the check on any of them); the
// subject references name inventory items of the assessment plan, which
// describe each subject once and link its artifact. The relevant evidence
// names the artifacts behind the subjects that did not pass and the bundle
// manifest (with its hash), which accounts for every artifact. A manual
// control is judged once for the deployment by an attestation: its
// observation is an interview, with the attestor among its origins and the
// attestation's evidence (its copy in the bundle, with its hash) as
// relevant evidence.
func (b *builder) observation(cr *assess.ControlResult) oscalTypes.Observation {
	o, refs := b.observationParts(cr)
	if refs.n > 0 {
		subjects := make([]oscalTypes.SubjectReference, refs.n)
		for j := range subjects {
			subjects[j] = refs.ref(j, nil)
		}
		o.Subjects = &subjects
	}
	return o
}

// subjectRefs are the subject references of an observation, built one at
// a time: a control judged on every subject of a fleet lists them all.
type subjectRefs struct {
	n int
	// ref builds reference j. With scratch, its properties are built in
	// *scratch, which the next call reuses: for a reference encoded before
	// the next is built.
	ref func(j int, scratch *[]oscalTypes.Property) oscalTypes.SubjectReference
	// shared returns reference j encoded once for every observation that
	// holds it, or nil when it is encoded each time. A subject passes most
	// controls that judge it, and the reference to a subject that passed
	// (without a waiver) is the same in each of their observations: it
	// names the subject and its verdict alone.
	shared func(j int) *sharedPart
}

// observationParts is observation with its subject references left out of
// it, to be built by refs.
func (b *builder) observationParts(cr *assess.ControlResult) (oscalTypes.Observation, subjectRefs) {
	c := cr.Control
	var judged []int
	methods := map[string]bool{}
	origins := []oscalTypes.Origin{toolOrigin()}
	var remarks []string
	var orgProps []string
	collected := time.Time{}
	finding := false
	for i := range cr.Evaluations {
		e := &cr.Evaluations[i]
		if e.Verdict == assess.VerdictFail || e.Verdict == assess.VerdictWaived {
			finding = true
		}
		if blank(e.SubjectID) {
			// Judged once for the deployment (a manual control): an
			// attestation is an interview; without one, only the
			// attestations supplied were examined.
			orgProps = append(orgProps, "verdict", string(e.Verdict), "attestation", e.Attestation)
			methods[methodExamine] = true
			if a := b.attestation(e.Attestation); a != nil {
				delete(methods, methodExamine)
				methods[methodInterview] = true
				if u := b.parties.addText(a.AttestedBy, roleAttestor); u != "" {
					origins = append(origins, oscalTypes.Origin{Actors: []oscalTypes.OriginActor{{Type: "party", ActorUuid: u, RoleId: roleAttestor}}})
				}
			}
			if r := evaluationRemarks(*e); r != "" {
				remarks = append(remarks, r)
			}
			continue
		}
		sr := b.subjectRef(e)
		methods[sr.method] = true
		if sr.collected.After(collected) {
			collected = sr.collected
		}
		judged = append(judged, i)
	}
	refs := subjectRefs{n: len(judged), ref: func(j int, scratch *[]oscalTypes.Property) oscalTypes.SubjectReference {
		e := &cr.Evaluations[judged[j]]
		sr := b.subjectRef(e)
		pairs := [...]string{"verdict", string(e.Verdict), "finding-id", findingID(*e), "waiver", e.Waiver,
			"baseline", b.x.R.Baseline.State(*e), "first-seen", firstSeen(b.x.R.History, *e)}
		ref := oscalTypes.SubjectReference{
			SubjectUuid: sr.uuid,
			Type:        "inventory-item",
			Title:       sr.title,
		}
		if scratch == nil {
			ref.Props = props(pairs[:]...)
		} else if *scratch = appendProps((*scratch)[:0], pairs[:]...); len(*scratch) > 0 {
			ref.Props = scratch
		}
		if e.Verdict != assess.VerdictPass {
			ref.Remarks = evaluationRemarks(*e)
		}
		return ref
	}}
	refs.shared = func(j int) *sharedPart {
		e := &cr.Evaluations[judged[j]]
		if e.Verdict != assess.VerdictPass || e.Waiver != "" {
			return nil
		}
		sr := b.subjectRef(e)
		if sr.passed == nil {
			ref := refs.ref(j, nil)
			compact, ok := appendSubjectRef(nil, &ref)
			if !ok {
				return nil
			}
			sr.passed = &sharedPart{compact: compact}
		}
		return sr.passed
	}
	if len(methods) == 0 {
		methods[methodExamine] = true
	}
	types := []string{"control-objective"}
	if finding {
		types = append(types, "finding")
	}
	n := cr.Counts
	pairs := append([]string{"control-id", c.ID, "status", string(cr.Status), "severity", c.Severity, "family", c.Family,
		"pass", fmt.Sprint(n.Pass), "fail", fmt.Sprint(n.Fail), "waived", fmt.Sprint(n.Waived),
		"error", fmt.Sprint(n.Error), "manual", fmt.Sprint(n.Manual), "not-applicable", fmt.Sprint(n.NotApplicable)}, orgProps...)
	o := oscalTypes.Observation{
		UUID:             b.observationUUID(c.ID),
		Title:            clean(c.ID + ": " + c.Title),
		Description:      b.observationDescription(cr, refs.n),
		Methods:          slices.Sorted(maps.Keys(methods)),
		Types:            &types,
		Origins:          &origins,
		Collected:        b.collected(collected),
		Props:            props(pairs...),
		RelevantEvidence: b.relevantEvidence(cr),
		Remarks:          strings.Join(remarks, "\n\n"),
	}
	return o, refs
}

// collected is when the observed evidence was collected: the latest
// collection time of its subjects, or the start of the assessment.
func (b *builder) collected(t time.Time) time.Time {
	if t.IsZero() {
		return b.start
	}
	if s, err := stamp(t); err == nil {
		return s
	}
	return b.start
}

// observationDescription says what was judged and how many of each verdict.
func (b *builder) observationDescription(cr *assess.ControlResult, listed int) string {
	c := cr.Control
	n := cr.Counts
	switch {
	case c.Manual:
		return fmt.Sprintf("%s (%s) is checked by attestation, once for the deployment: %s.", c.ID, c.Title, view.StatusLabel(cr.Status))
	case listed == 0:
		return fmt.Sprintf("%s (%s) found no applicable %s subject among those collected (%d not applicable); the bundle manifest lists them.",
			c.ID, c.Title, c.Subject, n.NotApplicable)
	}
	verb := "were"
	if n.NotApplicable == 1 {
		verb = "was"
	}
	return fmt.Sprintf("%s (%s) was judged against %s: %d pass, %d fail, %d waived, %d error. Every subject judged is listed with its verdict; %s %s not applicable.",
		c.ID, c.Title, words.Count(listed, "applicable "+string(c.Subject)+" subject"), n.Pass, n.Fail, n.Waived, n.Error,
		words.Count(n.NotApplicable, string(c.Subject)+" subject"), verb)
}

// subjectTitle names a subject with its location.
func subjectTitle(m evidence.Meta) string {
	name := orDefault(m.Name, m.ID)
	if loc := m.Provenance.Location(); loc != "" && loc != name {
		name += " (" + loc + ")"
	}
	return clean(name)
}

// findingID is the Tollgate finding id (TG-…) of a failing or waived
// evaluation, which SARIF, the workbook and results.json also carry; "" for
// any other verdict.
func findingID(e assess.Evaluation) string {
	if e.Verdict != assess.VerdictFail && e.Verdict != assess.VerdictWaived {
		return ""
	}
	return e.FindingID()
}

// evaluationRemarks explains a verdict: the message and, in words, what
// failed.
func evaluationRemarks(e assess.Evaluation) string {
	return view.ReasonLines(e.Message, "- ", e.Reasons)
}

// relevantEvidence names, once each, the artifacts behind the subjects that
// did not pass (as back-matter resources, which carry the hash of the
// stored copy) and the locations of those that have none, then the bundle
// manifest, which accounts for every artifact, those of passing subjects
// included (their inventory items in the plan link them too). For a manual
// control it names the attestation's evidence.
func (b *builder) relevantEvidence(cr *assess.ControlResult) *[]oscalTypes.RelevantEvidence {
	var out []oscalTypes.RelevantEvidence
	artifacts := map[string]*evidence.Artifact{}
	origins := map[string]bool{}
	for i := range cr.Evaluations {
		e := &cr.Evaluations[i]
		if blank(e.SubjectID) {
			a := b.attestation(e.Attestation)
			if a == nil {
				out = append(out, oscalTypes.RelevantEvidence{
					Description: "No valid attestation was given for this control; it awaits one (see the attestations in results.json for expired ones).",
					Props:       props("evidence-kind", "none"),
				})
				continue
			}
			if _, ok := b.attestationResource(*a); ok {
				out = append(out, oscalTypes.RelevantEvidence{
					Href:        "#" + attestationResourceID(a.ID),
					Description: fmt.Sprintf("Attestation %s by %s, valid until %s: %s", a.ID, orDefault(a.AttestedBy, "an unnamed attestor"), a.Expires.UTC().Format("2006-01-02"), clean(a.Statement)),
					Props:       props("attestation", a.ID, "evidence-kind", "attestation"),
				})
			}
			continue
		}
		if e.Verdict == assess.VerdictPass {
			continue
		}
		subject := b.x.Judged(e)
		if a := subject.Artifact(); a != nil {
			artifacts[a.Path] = a
		} else if loc := subject.Location(); loc != "" {
			origins[loc] = true
		}
	}
	for _, p := range slices.Sorted(maps.Keys(artifacts)) {
		out = append(out, oscalTypes.RelevantEvidence{
			Href:        b.artifactLink(artifacts[p]),
			Description: "Configuration file " + p + " (its copy in the evidence bundle, with secrets redacted).",
			Props:       props("evidence-kind", "artifact"),
		})
	}
	for _, loc := range slices.Sorted(maps.Keys(origins)) {
		out = append(out, oscalTypes.RelevantEvidence{
			Description: fmt.Sprintf("Collected from %s (no file is stored for it).", loc),
			Props:       props("location", loc),
		})
	}
	out = append(out, b.policyEvidence(cr)...)
	if !cr.Control.Manual {
		out = append(out, oscalTypes.RelevantEvidence{
			Href:        "#" + manifestResourceID(),
			Description: "The evidence bundle manifest: every subject and artifact collected, with hashes, those of the subjects that passed included.",
			Props:       props("evidence-kind", "bundle-manifest"),
		})
	}
	return list(out)
}

// attestation returns the attestation record with the given ID, or nil.
func (b *builder) attestation(attID string) *assess.AttestationRecord {
	if attID == "" {
		return nil
	}
	for i := range b.r.Attestations {
		if b.r.Attestations[i].ID == attID {
			return &b.r.Attestations[i]
		}
	}
	return nil
}

// observations records every control of the catalog, in ID order.
// lazyObservations is the observations of the given controls, built as
// they are encoded: each lists every subject judged, so together they grow
// with subjects × controls. The attestors they name are booked first, so
// that the metadata, written before them, lists them.
func (b *builder) lazyObservations(crs []*assess.ControlResult) *lazyArray[oscalTypes.Observation] {
	for _, cr := range crs {
		for i := range cr.Evaluations {
			e := &cr.Evaluations[i]
			if !blank(e.SubjectID) {
				continue
			}
			if a := b.attestation(e.Attestation); a != nil {
				b.parties.addText(a.AttestedBy, roleAttestor)
			}
		}
	}
	return &lazyArray[oscalTypes.Observation]{s: new([]oscalTypes.Observation), n: len(crs),
		gen: func(i int) oscalTypes.Observation { return b.observation(crs[i]) },
		parts: func(i int, o *oscalTypes.Observation) (**[]oscalTypes.SubjectReference, subjectRefs) {
			var refs subjectRefs
			*o, refs = b.observationParts(crs[i])
			return &o.Subjects, refs
		},
		setUUID: func(o *oscalTypes.Observation, id string) { o.UUID = id }}
}

// observedControls are the results of the controls the assessment results
// observe: every control of the catalog.
func (b *builder) observedControls() []*assess.ControlResult {
	out := make([]*assess.ControlResult, 0, len(b.r.Controls))
	for i := range b.r.Controls {
		if b.r.Controls[i].Control != nil {
			out = append(out, &b.r.Controls[i])
		}
	}
	return out
}
