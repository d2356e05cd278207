package evidence

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Part is one bundle of a fleet, with the path it was read from.
type Part struct {
	// Path names the bundle in messages.
	Path   string
	Bundle *Bundle
}

// Merge joins the bundles of a fleet (collected on many machines or in many
// repositories) into one. Every subject, artifact and file is qualified by
// its bundle's origin (Qualify), as if each bundle's scan root were a folder
// named after it: the merged evidence is what collecting all of those folders
// at once would give. Bundles of the same origin may overlap (a host
// collected twice): a file, with the subjects read from it, is taken from
// the bundle collected last, and a subject that has no file is taken from
// the last bundle that has it; notes say where overlapping copies of a file
// differed. A single bundle is returned unchanged. Merge rewrites the
// subjects of the bundles it is given.
func Merge(parts []Part) (*Bundle, []string, error) {
	if len(parts) == 1 {
		return parts[0].Bundle, nil, nil
	}
	if len(parts) == 0 {
		return nil, nil, fmt.Errorf("merge: no bundles")
	}
	for _, p := range parts {
		if p.Bundle.Origin == "" {
			return nil, nil, fmt.Errorf("merge: bundle %s records no origin (bundles merged from several origins, and those of older versions, have none); collect it again with --origin NAME", p.Path)
		}
		if err := ValidOrigin(p.Bundle.Origin); err != nil {
			return nil, nil, fmt.Errorf("merge: bundle %s: %w", p.Path, err)
		}
	}
	ordered := slices.Clone(parts)
	digests := make(map[*Bundle]string, len(parts))
	for _, p := range ordered {
		d, err := digest(p.Bundle)
		if err != nil {
			return nil, nil, fmt.Errorf("merge: bundle %s: %w", p.Path, err)
		}
		digests[p.Bundle] = d
	}
	// Later collections override earlier ones; ties are broken by content,
	// so the order of the arguments never matters.
	slices.SortStableFunc(ordered, func(a, b Part) int {
		return cmp.Or(a.Bundle.Created.Compare(b.Bundle.Created), cmp.Compare(a.Bundle.Origin, b.Bundle.Origin),
			cmp.Compare(digests[a.Bundle], digests[b.Bundle]))
	})

	type fileCopy struct {
		part     int
		artifact Artifact
	}
	owner := map[string]fileCopy{} // qualified file path → the copy that is used
	var notes []string
	for i, p := range ordered {
		origin := p.Bundle.Origin
		for _, a := range p.Bundle.Artifacts {
			q := a
			q.Path = QualifyPath(origin, a.Path)
			if a.BundlePath != "" {
				q.BundlePath = qualifyBundlePath(origin, a.BundlePath)
			}
			if prev, ok := owner[q.Path]; ok && prev.artifact.SHA256 != q.SHA256 {
				notes = append(notes, fmt.Sprintf("%s differs between bundles %s (%s) and %s (%s); using %s, collected later",
					q.Path, ordered[prev.part].Path, stamp(ordered[prev.part].Bundle.Created), p.Path, stamp(p.Bundle.Created), p.Path))
			}
			owner[q.Path] = fileCopy{part: i, artifact: q}
		}
		for _, s := range p.Bundle.Subjects {
			Qualify(s, origin)
			if f := s.Metadata().Provenance.File; f != "" {
				if prev, ok := owner[f]; !ok || prev.part < i {
					owner[f] = fileCopy{part: i, artifact: Artifact{Path: f}}
				}
			}
		}
	}

	merged := &Bundle{FormatVersion: BundleFormatVersion, Tool: ordered[0].Bundle.Tool, Files: map[string][]byte{}}
	subjects := map[string]Subject{}
	for i, p := range ordered {
		b := p.Bundle
		if b.Created.After(merged.Created) {
			merged.Created = b.Created
		}
		if merged.ToolVersion == "" || b.ToolVersion != "" {
			merged.ToolVersion = b.ToolVersion
		}
		for _, s := range b.Subjects {
			if f := s.Metadata().Provenance.File; f != "" && owner[f].part != i {
				continue
			}
			subjects[s.Metadata().ID] = s
		}
		for _, a := range b.Artifacts {
			q := owner[QualifyPath(b.Origin, a.Path)]
			if q.part != i {
				continue
			}
			merged.Artifacts = append(merged.Artifacts, q.artifact)
			if a.BundlePath != "" {
				content, ok := b.Files[a.BundlePath]
				if !ok {
					return nil, nil, fmt.Errorf("merge: bundle %s: no content for %s", p.Path, a.BundlePath)
				}
				merged.Files[q.artifact.BundlePath] = content
			}
		}
	}
	for _, s := range subjects {
		merged.Subjects = append(merged.Subjects, s)
	}
	// Each origin stands for the tree its bundle was collected from.
	for _, p := range ordered {
		merged.Scope = append(merged.Scope, p.Bundle.Origin)
	}
	slices.Sort(merged.Scope)
	merged.Scope = slices.Compact(merged.Scope)
	slices.SortFunc(merged.Subjects, func(a, b Subject) int { return cmp.Compare(a.Metadata().ID, b.Metadata().ID) })
	slices.SortFunc(merged.Artifacts, func(a, b Artifact) int { return cmp.Compare(a.Path, b.Path) })
	return merged, notes, nil
}

// digest identifies a bundle's evidence, to order bundles collected at the
// same time deterministically.
func digest(b *Bundle) (string, error) {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, s := range b.Subjects {
		if err := enc.Encode(s); err != nil {
			return "", err
		}
	}
	if err := enc.Encode(b.Artifacts); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
