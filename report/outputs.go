package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/staging"
	"github.com/tollgate-dev/tollgate/report/internal/view"
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
// everything is written to a staging folder beside dir (the reports
// streamed into their files, concurrently) and swapped in by renames. A failure at any point (a report that cannot be
// rendered, an evidence folder that is not a bundle, a file that cannot be
// written, a full disk) leaves every previous output in dir as it was.
// Only the files of the reports written and the bundle's manifest.json and
// artifacts/ are replaced; nothing else in dir is touched.
func WriteOutputs(dir string, r *assess.Results, b *evidence.Bundle, formats []string, opts Options) ([]OutputFile, error) {
	evDir := filepath.Join(dir, EvidenceDir)
	if err := evidence.CheckBundleDir(evDir); err != nil {
		return nil, err
	}
	bundleFiles, manifest, err := evidence.EncodeBundleFiles(b)
	if err != nil {
		return nil, fmt.Errorf("write evidence to %s: %w", evDir, err)
	}
	attFiles, err := attestationFiles(r)
	if err != nil {
		return nil, fmt.Errorf("write evidence to %s: %w", evDir, err)
	}
	for p, data := range attFiles {
		bundleFiles[p] = data
	}
	opts.OSCAL.EvidenceBase = EvidenceDir + "/"
	opts.HTML.EvidenceBase = EvidenceDir + "/"
	fs, err := resolve(formats)
	if err != nil {
		return nil, fmt.Errorf("write reports to %s: %w", dir, err)
	}
	if r == nil {
		return nil, fmt.Errorf("write reports to %s: no results", dir)
	}
	// The reports of the run share one index of r (see view.Share).
	defer view.Share(r)()
	writeManifest := func(w io.Writer) error {
		if err := manifest(w); err != nil {
			return fmt.Errorf("write evidence to %s: %w", evDir, err)
		}
		return nil
	}
	set := stagedReports(r, fs, opts.withEngagement(), path.Join(EvidenceDir, evidence.ManifestFile), writeManifest)
	for p, data := range bundleFiles {
		set.Files[path.Join(EvidenceDir, p)] = data
	}
	set.Folders = []string{path.Join(EvidenceDir, evidence.ArtifactsDir), path.Join(EvidenceDir, assess.AttestationsDir)}
	if err := staging.Write(dir, set); err != nil {
		return nil, fmt.Errorf("write outputs: %w", err)
	}
	written := make([]OutputFile, 0, len(fs)+1)
	for _, f := range fs {
		written = append(written, OutputFile{Path: filepath.Join(dir, f.File), Description: f.Description})
	}
	written = append(written, OutputFile{Path: evDir + string(filepath.Separator), Description: "evidence bundle the reports point into"})
	return written, nil
}

// attestationFiles reads the evidence files of the attestations, to be
// stored in the bundle at their BundlePath, and checks each against the
// hash taken when the attestation was loaded, so the copy is the file
// the results cite.
func attestationFiles(r *assess.Results) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, a := range r.Attestations {
		bp := a.BundlePath()
		if bp == "" || a.EvidencePath == "" {
			continue
		}
		data, err := readEvidence(a.EvidencePath)
		if err != nil {
			return nil, fmt.Errorf("attestation %s: evidence %s: %w", a.ID, a.Evidence, err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != a.EvidenceSHA256 {
			return nil, fmt.Errorf("attestation %s: evidence %s changed after it was hashed", a.ID, a.Evidence)
		}
		files[bp] = data
	}
	return files, nil
}

// readEvidence reads a regular file of at most assess.MaxEvidenceSize bytes.
func readEvidence(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, assess.MaxEvidenceSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > assess.MaxEvidenceSize {
		return nil, fmt.Errorf("larger than %d MiB", assess.MaxEvidenceSize>>20)
	}
	return data, nil
}
