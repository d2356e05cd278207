package assess

import "github.com/tollgate-dev/tollgate/policy"

// exceptionWaivers turns what a policy's exceptions excuse into waivers:
// one per exception and control, selecting the subjects the exception
// selects and limited to the facts it excuses.
func exceptionWaivers(covers []policy.Cover) []Waiver {
	out := make([]Waiver, 0, len(covers))
	for _, c := range covers {
		x := c.Exception
		selected := c.Selected
		out = append(out, Waiver{
			ID: c.ID, Control: c.Control, Subjects: x.Describe(), Justification: x.Justification,
			Owner: x.Owner, ApprovedBy: x.ApprovedBy, Expires: c.Expires, dateOnly: true,
			File: x.File, Line: x.Line, Reasons: c.Reasons,
			Select: func(id string) bool { return selected[id] },
		})
	}
	return out
}

// policyRecord describes the policy for the reports.
func policyRecord(p *policy.Policy) *PolicyRecord {
	if p == nil {
		return nil
	}
	r := &PolicyRecord{Owner: p.Owner, Reviewed: p.Reviewed, Approved: len(p.Approved), Denied: len(p.Denied),
		Required: len(p.Required), Exceptions: len(p.Exceptions), Files: []PolicyFile{}}
	for _, f := range p.Files {
		r.Files = append(r.Files, PolicyFile{Path: f.Path, Artifact: p.ArtifactPath(f), SHA256: f.SHA256, Size: f.Size})
	}
	return r
}
