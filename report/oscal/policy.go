package oscal

import (
	"fmt"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/policy"
)

// policyEvidence cites the organisation policy's files, with their hashes,
// for a control whose checks read what the policy says about each subject
// (MCP-GOV-01 with a policy, the MCP-POLICY controls): the verdicts rest on
// that policy as much as on the subjects.
func (b *builder) policyEvidence(cr *assess.ControlResult) []oscalTypes.RelevantEvidence {
	p := b.r.Policy
	if p == nil || cr.Control == nil || !cr.Control.ReadsField(policy.Field) {
		return nil
	}
	var out []oscalTypes.RelevantEvidence
	for _, f := range p.Files {
		re := oscalTypes.RelevantEvidence{
			Description: fmt.Sprintf("The organisation policy %s (sha256 %s) that every subject was judged against.", f.Path, f.SHA256),
			Props:       props("evidence-kind", "policy", "sha256", f.SHA256),
		}
		if a := b.x.Artifact(f.Artifact); a != nil {
			re.Href = "#" + artifactResourceID(a)
		}
		out = append(out, re)
	}
	return out
}
