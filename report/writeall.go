package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/internal/staging"
	"github.com/tollgate-dev/tollgate/report/oscal"
)

// Output is one rendered report.
type Output struct {
	Format Format
	Data   []byte
}

// RenderAll renders r in the given formats (the default ones when formats is
// empty), in registry order, entirely in memory.
func RenderAll(r *assess.Results, formats []string, opts Options) ([]Output, error) {
	fs, err := resolve(formats)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, fmt.Errorf("write reports: no results")
	}
	opts = opts.withEngagement()
	out := make([]Output, len(fs))
	for i, f := range fs {
		var buf bytes.Buffer
		if err := f.write(&buf, r, opts); err != nil {
			return nil, fmt.Errorf("render %s report: %w", f.Name, err)
		}
		out[i] = Output{Format: f, Data: buf.Bytes()}
		if f.File == oscal.PlanFile {
			// The assessment results cite the plan with its hash.
			sum := sha256.Sum256(out[i].Data)
			opts.OSCAL.PlanSHA256 = hex.EncodeToString(sum[:])
		}
	}
	return out, nil
}

// WriteAll renders r in the given formats (the default ones when formats is
// empty) and writes them into dir, returning the paths written in format
// order. Every format is rendered in memory first; only when all succeeded
// are the files written, all or nothing (see internal/staging): a rendering
// error, an unwritable folder or a full disk leaves the folder as it was.
func WriteAll(dir string, r *assess.Results, formats []string, opts Options) ([]string, error) {
	outs, err := RenderAll(r, formats, opts)
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(outs))
	for _, o := range outs {
		files[o.Format.File] = o.Data
	}
	if err := staging.Write(dir, staging.Set{Files: files}); err != nil {
		return nil, fmt.Errorf("write reports: %w", err)
	}
	written := make([]string, len(outs))
	for i, o := range outs {
		written[i] = filepath.Join(dir, o.Format.File)
	}
	return written, nil
}
