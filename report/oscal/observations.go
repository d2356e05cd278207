package oscal

import (
	"fmt"
	"sort"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// observation records one control judged against every applicable subject.
// Each subject reference carries the pair's verdict; relevant evidence
// points at the artifacts the subjects were read from.
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
		meta := b.x.Meta(e.SubjectID)
		subjects = append(subjects, oscalTypes.SubjectReference{
			SubjectUuid: subjectUUID(key, e.SubjectID),
			Type:        "inventory-item",
			Title:       orDefault(meta.Name, e.SubjectID),
			Props: props("verdict", string(e.Verdict), "subject-id", e.SubjectID,
				"location", meta.Provenance.Location(), "waiver", e.Waiver, "attestation", e.Attestation),
			Remarks: evaluationRemarks(e),
		})
	}
	n := cr.Counts
	desc := fmt.Sprintf("%s (%s) was judged against %d applicable subjects: %d pass, %d fail, %d waived, %d error, %d manual.",
		c.ID, c.Title, len(cr.Evaluations), n.Pass, n.Fail, n.Waived, n.Error, n.Manual)
	if len(cr.Evaluations) == 0 {
		desc = fmt.Sprintf("%s (%s) found no applicable subject.", c.ID, c.Title)
	}
	if len(subjects) == 0 && len(orgProps) > 0 {
		desc = fmt.Sprintf("%s (%s) was judged for the deployment as a whole: %s.", c.ID, c.Title, view.StatusLabel(cr.Status))
	}
	pairs := append([]string{"control-id", c.ID, "status", string(cr.Status), "severity", c.Severity, "family", c.Family,
		"pass", fmt.Sprint(n.Pass), "fail", fmt.Sprint(n.Fail), "waived", fmt.Sprint(n.Waived),
		"error", fmt.Sprint(n.Error), "manual", fmt.Sprint(n.Manual)}, orgProps...)
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

// orgWide reports whether e judged the deployment as a whole rather than one
// subject (manual controls are evaluated once, with no subject).
func orgWide(e assess.Evaluation) bool { return strings.TrimSpace(e.SubjectID) == "" }

// evaluationRemarks explains a verdict: the message and CUE's reasons.
func evaluationRemarks(e assess.Evaluation) string {
	var lines []string
	if e.Message != "" {
		lines = append(lines, e.Message)
	}
	for _, r := range e.Reasons {
		lines = append(lines, fmt.Sprintf("- %s: %s", r.Path, r.Detail))
	}
	return strings.Join(lines, "\n")
}

// evidence lists, once each, the artifacts behind the evaluated subjects
// (with hashes), and the origin of subjects that have no artifact.
func (b *arBuilder) evidence(cr *assess.ControlResult) *[]oscalTypes.RelevantEvidence {
	artifacts := map[string]*evidence.Artifact{}
	origins := map[string]bool{}
	for _, e := range cr.Evaluations {
		if orgWide(e) {
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
	for _, p := range sortedKeys(artifacts) {
		a := artifacts[p]
		out = append(out, oscalTypes.RelevantEvidence{
			Description: fmt.Sprintf("Artifact %s (redacted copy in the evidence bundle).", a.Path),
			Href:        artifactHref(b.opts.EvidenceBase, a),
			Props:       props("sha256", a.SHA256, "redacted-sha256", a.RedactedSHA256, "artifact-path", a.Path),
			Links:       &[]oscalTypes.Link{{Href: "#" + artifactResourceID(a), Rel: "evidence"}},
		})
	}
	for _, loc := range sortedKeys(origins) {
		out = append(out, oscalTypes.RelevantEvidence{
			Description: fmt.Sprintf("Collected from %s.", loc),
			Props:       props("location", loc),
		})
	}
	return list(out)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// subjectUUID is the UUID of a subject's inventory item in one result.
func subjectUUID(key, subjectID string) string { return id("subject", key, subjectID) }
