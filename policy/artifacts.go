package policy

import (
	"path"

	"github.com/tollgate-dev/tollgate/evidence"
)

// ArtifactDir is the folder of artifact paths under which an assessment
// stores its policy's files in the evidence bundle, beside the collected
// files: the policy a verdict was reached under is evidence too.
const ArtifactDir = "tollgate-policy"

// Format is the artifact format of a policy file.
const Format = "tollgate/policy"

// ArtifactPath is the artifact path of one of the policy's files.
func (p *Policy) ArtifactPath(f File) string { return ArtifactDir + "/" + path.Base(f.Path) }

// AddToBundle stores the policy's files in b as artifacts (replacing those
// of an earlier policy, when b comes from an earlier assessment), so the
// reports can cite them with their hashes.
func (p *Policy) AddToBundle(b *evidence.Bundle) {
	kept := b.Artifacts[:0:0]
	for _, a := range b.Artifacts {
		if a.Format == Format {
			delete(b.Files, a.BundlePath)
			continue
		}
		kept = append(kept, a)
	}
	if b.Files == nil {
		b.Files = map[string][]byte{}
	}
	for _, f := range p.Files {
		rel := p.ArtifactPath(f)
		bp := evidence.ArtifactsDir + "/" + rel
		kept = append(kept, evidence.Artifact{Path: rel, BundlePath: bp, SHA256: f.SHA256, RedactedSHA256: f.SHA256, Format: Format, Size: f.Size})
		b.Files[bp] = f.Data
	}
	b.Artifacts = kept
}
