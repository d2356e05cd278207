package oscal

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// observation records one control judged against its applicable subjects.
//
// Only the subjects that need attention are listed: those that failed, were
// waived, could not be evaluated or await a manual attestation, each subject
// reference carrying the pair's verdict (prop "verdict") and message. Those
// that passed are counted (props "pass" and "not-applicable", next to the
// other verdicts), not listed: a passing pair says nothing an auditor acts
// on, and listing it would make the document grow with the fleet times the
// catalog times the frameworks assessed. Relevant evidence names the
// artifacts behind the listed subjects, with their hashes, and the evidence
// bundle's manifest, which lists every artifact collected, those of passing
// subjects included; results.json keeps every pair's verdict.
func (b *arBuilder) observation(key string, cr *assess.ControlResult) oscalTypes.Observation {
	c := cr.Control
	method := "TEST"
	if c.Manual {
		method = "EXAMINE"
	}
	var subjects []oscalTypes.SubjectReference
	var orgProps []string
	var orgRemarks []string
	for _, e := range cr.Evaluations {
		if orgWide(e) {
			// Judged once for the deployment as a whole (a manual control
			// and its attestation): there is no inventory item to refer to,
			// so the verdict is recorded on the observation itself.
			orgProps = append(orgProps, "verdict", string(e.Verdict), "attestation", e.Attestation, "waiver", e.Waiver)
			if r := evaluationRemarks(e); r != "" {
				orgRemarks = append(orgRemarks, r)
			}
			continue
		}
		if !listed(e) {
			continue
		}
		meta := b.x.Meta(e.SubjectID)
		subjects = append(subjects, oscalTypes.SubjectReference{
			SubjectUuid: subjectUUID(key, e.SubjectID),
			Type:        "inventory-item",
			Title:       orDefault(meta.Name, e.SubjectID),
			Props: props("verdict", string(e.Verdict), "waiver", e.Waiver, "attestation", e.Attestation,
				"baseline", b.x.R.Baseline.State(e), "first-seen", firstSeen(b.x.R.History, e)),
			Remarks: evaluationRemarks(e),
		})
	}
	n := cr.Counts
	noun := "subjects"
	if len(cr.Evaluations) == 1 {
		noun = "subject"
	}
	desc := fmt.Sprintf("%s (%s) was judged against %d applicable %s: %d pass, %d fail, %d waived, %d error, %d manual.",
		c.ID, c.Title, len(cr.Evaluations), noun, n.Pass, n.Fail, n.Waived, n.Error, n.Manual)
	switch {
	case len(cr.Evaluations) == 0:
		desc = fmt.Sprintf("%s (%s) found no applicable subject.", c.ID, c.Title)
	case len(subjects) == 0 && len(orgProps) > 0:
		desc = fmt.Sprintf("%s (%s) was judged for the deployment as a whole: %s.", c.ID, c.Title, view.StatusLabel(cr.Status))
	case len(subjects) > 0 && n.Pass > 0:
		desc += fmt.Sprintf(" The %d that did not pass are listed as subjects; the %d that passed are counted, with their evidence in the bundle manifest.",
			len(subjects), n.Pass)
	case len(subjects) > 0:
		desc += " Each is listed as a subject."
	case n.Pass > 0:
		desc += " All passed: they are counted, with their evidence in the bundle manifest."
	}
	pairs := append([]string{"control-id", c.ID, "status", string(cr.Status), "severity", c.Severity, "family", c.Family,
		"pass", fmt.Sprint(n.Pass), "fail", fmt.Sprint(n.Fail), "waived", fmt.Sprint(n.Waived),
		"error", fmt.Sprint(n.Error), "manual", fmt.Sprint(n.Manual), "not-applicable", fmt.Sprint(n.NotApplicable),
		"listed-subjects", fmt.Sprint(len(subjects))}, orgProps...)
	return oscalTypes.Observation{
		UUID:             id("observation", key, c.ID),
		Title:            c.ID + ": " + c.Title,
		Description:      desc,
		Methods:          []string{method},
		Collected:        b.ts,
		Props:            props(pairs...),
		Subjects:         list(subjects),
		RelevantEvidence: b.evidence(cr),
		Remarks:          strings.Join(orgRemarks, "\n\n"),
	}
}

// listed reports whether an observation names the subject of e: every
// verdict but pass (not-applicable pairs are not evaluations at all).
func listed(e assess.Evaluation) bool { return e.Verdict != assess.VerdictPass }

// orgWide reports whether e judged the deployment as a whole rather than one
// subject (manual controls are evaluated once, with no subject).
func orgWide(e assess.Evaluation) bool { return strings.TrimSpace(e.SubjectID) == "" }

// evaluationRemarks explains a verdict: the message and CUE's reasons.
func evaluationRemarks(e assess.Evaluation) string {
	var lines []string
	if e.Message != "" {
		lines = append(lines, e.Message)
	}
	for _, r := range view.ReasonTexts(e.Reasons) {
		lines = append(lines, "- "+r)
	}
	return strings.Join(lines, "\n")
}

// evidence lists, once each, the artifacts behind the listed subjects (with
// hashes) and the origin of listed subjects that have no artifact, then the
// evidence bundle's manifest, which accounts for every artifact and so for
// the subjects that passed. It returns nil when the control judged no
// subject.
func (b *arBuilder) evidence(cr *assess.ControlResult) *[]oscalTypes.RelevantEvidence {
	artifacts := map[string]*evidence.Artifact{}
	origins := map[string]bool{}
	judged := 0
	for _, e := range cr.Evaluations {
		if orgWide(e) {
			continue
		}
		judged++
		if !listed(e) {
			continue
		}
		if a := b.x.SubjectArtifact(e.SubjectID); a != nil {
			artifacts[a.Path] = a
			continue
		}
		if loc := b.x.Meta(e.SubjectID).Provenance.Location(); loc != "" {
			origins[loc] = true
		}
	}
	var out []oscalTypes.RelevantEvidence
	for _, p := range slices.Sorted(maps.Keys(artifacts)) {
		a := artifacts[p]
		out = append(out, b.artifactEvidence(a))
	}
	for _, loc := range slices.Sorted(maps.Keys(origins)) {
		out = append(out, oscalTypes.RelevantEvidence{
			Description: fmt.Sprintf("Collected from %s.", loc),
			Props:       props("location", loc),
		})
	}
	if judged > 0 {
		out = append(out, b.manifestEvidence(cr.Counts.Pass))
	}
	return list(out)
}

// artifactEvidence points at one artifact, with the hash of the file the
// href names (the redacted copy in the bundle, or the original). Its
// back-matter resource, which the subjects' inventory items link to,
// carries both hashes and the rest of its description.
func (b *arBuilder) artifactEvidence(a *evidence.Artifact) oscalTypes.RelevantEvidence {
	name := "sha256"
	if a.BundlePath != "" {
		name = "redacted-sha256"
	}
	return oscalTypes.RelevantEvidence{
		Description: "Artifact " + a.Path + ".",
		Href:        artifactHref(b.opts.EvidenceBase, a),
		Props:       props(name, artifactDigest(a)),
	}
}

// manifestEvidence points at the evidence bundle's manifest, which lists
// every subject and artifact collected, with hashes: those behind the
// subjects that passed, which the observation counts rather than lists,
// included.
func (b *arBuilder) manifestEvidence(passed int) oscalTypes.RelevantEvidence {
	desc := "The evidence bundle manifest: every subject and artifact collected, with the artifacts' hashes."
	if passed > 0 {
		desc = fmt.Sprintf("The evidence bundle manifest: every subject and artifact collected, with the artifacts' hashes, "+
			"those behind the %d subjects that passed (counted here, not listed) included.", passed)
	}
	return oscalTypes.RelevantEvidence{
		Description: desc,
		Href:        manifestHref(b.opts.EvidenceBase),
		Props:       props("evidence-kind", "bundle-manifest"),
	}
}

// manifestHref is where the evidence bundle's manifest sits, relative to the
// OSCAL file.
func manifestHref(base string) string {
	return pathHref(path.Join(base, evidence.ManifestFile))
}

// subjectUUID is the UUID of a subject's inventory item in one result.
func subjectUUID(key, subjectID string) string { return id("subject", key, subjectID) }
