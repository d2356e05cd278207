package report

import (
	"fmt"
	"path"
	"path/filepath"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/staging"
)

// EvidenceDir is the folder inside the output folder that holds the evidence
// bundle the reports point into.
const EvidenceDir = evidence.OutputFolder

// OutputFile is one report file or folder WriteOutputs wrote.
type OutputFile struct {
	Path string
	// Description says what it is.
	Description string
}

// WriteOutputs renders the reports in the given formats (the default ones when empty) and
// writes them, together with the evidence bundle, into dir, all or nothing:
// everything is rendered in memory, written to a staging folder beside dir,
// and swapped in by renames. A failure at any point (a report that cannot be
// rendered, an evidence folder that is not a bundle, a file that cannot be
// written, a full disk) leaves every previous output in dir as it was.
// Only the files of the reports written and the bundle's manifest.json and
// artifacts/ are replaced; nothing else in dir is touched.
func WriteOutputs(dir string, r *assess.Results, b *evidence.Bundle, formats []string, opts Options) ([]OutputFile, error) {
	evDir := filepath.Join(dir, EvidenceDir)
	if err := evidence.CheckBundleDir(evDir); err != nil {
		return nil, err
	}
	opts.OSCAL.EvidenceBase = EvidenceDir + "/"
	opts.HTML.EvidenceBase = EvidenceDir + "/"
	outs, err := RenderAll(r, formats, opts)
	if err != nil {
		return nil, fmt.Errorf("write reports to %s: %w", dir, err)
	}
	bundleFiles, err := evidence.EncodeBundle(b)
	if err != nil {
		return nil, fmt.Errorf("write evidence to %s: %w", evDir, err)
	}
	files := make(map[string][]byte, len(outs)+len(bundleFiles))
	for _, o := range outs {
		files[o.Format.File] = o.Data
	}
	for p, data := range bundleFiles {
		files[path.Join(EvidenceDir, p)] = data
	}
	set := staging.Set{Files: files, Folders: []string{path.Join(EvidenceDir, evidence.ArtifactsDir)}}
	if err := staging.Write(dir, set); err != nil {
		return nil, fmt.Errorf("write outputs: %w", err)
	}
	written := make([]OutputFile, 0, len(outs)+1)
	for _, o := range outs {
		written = append(written, OutputFile{Path: filepath.Join(dir, o.Format.File), Description: o.Format.Description})
	}
	written = append(written, OutputFile{Path: evDir + string(filepath.Separator), Description: "evidence bundle the reports point into"})
	return written, nil
}
