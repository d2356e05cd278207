package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tollgate-dev/tollgate/evidence"
	resultsjson "github.com/tollgate-dev/tollgate/report/json"
)

// ResultsFile is the name of results.json inside an output folder.
const ResultsFile = "results.json"

// EvidenceDir is the folder inside an output folder that holds the evidence
// bundle the reports point into.
const EvidenceDir = evidence.OutputFolder

// LoadResults reads the results of an earlier run from path, which is a
// results.json file, an output folder holding one, or an evidence bundle (or
// an output folder holding only its evidence), which is then evaluated with
// opts. It returns the results as results.json describes them.
func LoadResults(ctx context.Context, path string, opts EvaluateOptions) (*resultsjson.Document, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such file or folder", path)
	}
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return resultsjson.ReadFile(path)
	}
	if exists(filepath.Join(path, ResultsFile)) {
		return resultsjson.ReadFile(filepath.Join(path, ResultsFile))
	}
	bundleDir := path
	if !exists(filepath.Join(path, evidence.ManifestFile)) && exists(filepath.Join(path, EvidenceDir, evidence.ManifestFile)) {
		bundleDir = filepath.Join(path, EvidenceDir)
	}
	if !exists(filepath.Join(bundleDir, evidence.ManifestFile)) {
		return nil, fmt.Errorf("%s: not a results.json, an output folder or an evidence bundle (no %s, %s or %s inside)",
			path, ResultsFile, evidence.ManifestFile, filepath.Join(EvidenceDir, evidence.ManifestFile))
	}
	b, err := evidence.ReadBundle(bundleDir)
	if err != nil {
		return nil, err
	}
	r, err := Evaluate(ctx, b, opts)
	if err != nil {
		return nil, fmt.Errorf("evaluate %s: %w", bundleDir, err)
	}
	return resultsjson.Build(r), nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
