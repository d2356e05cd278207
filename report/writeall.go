package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
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
// order. The reports are written all or nothing (see internal/staging): a
// rendering error, an unwritable folder or a full disk leaves the folder as
// it was.
func WriteAll(dir string, r *assess.Results, formats []string, opts Options) ([]string, error) {
	fs, err := resolve(formats)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, fmt.Errorf("write reports: no results")
	}
	set, err := stagedReports(r, fs, opts.withEngagement())
	if err != nil {
		return nil, err
	}
	if err := staging.Write(dir, set); err != nil {
		return nil, fmt.Errorf("write reports: %w", err)
	}
	written := make([]string, len(fs))
	for i, f := range fs {
		written[i] = filepath.Join(dir, f.File)
	}
	return written, nil
}

// stagedReports prepares the reports of the formats for staging.Write. The
// assessment plan, which the assessment results and the POA&M cite with
// its hash, is rendered first, in memory; every other report is streamed
// into its file, the formats concurrently (each reads r and writes only its
// own file, so the bytes do not depend on the order they run in). They
// start in the registry's order, which lists the costliest formats (the
// OSCAL documents, then the workbook) first, so that the workers finish
// together.
func stagedReports(r *assess.Results, fs []Format, opts Options) (staging.Set, error) {
	set := staging.Set{Files: map[string][]byte{}, Streams: map[string]func(io.Writer) error{}}
	for _, f := range fs {
		if f.File != oscal.PlanFile {
			continue
		}
		var buf bytes.Buffer
		if err := f.write(&buf, r, opts); err != nil {
			return set, fmt.Errorf("render %s report: %w", f.Name, err)
		}
		sum := sha256.Sum256(buf.Bytes())
		opts.OSCAL.PlanSHA256 = hex.EncodeToString(sum[:])
		set.Files[f.File] = buf.Bytes()
	}
	for _, f := range fs {
		if f.File == oscal.PlanFile {
			continue
		}
		set.Order = append(set.Order, f.File)
		set.Streams[f.File] = func(w io.Writer) error {
			if err := f.write(w, r, opts); err != nil {
				return fmt.Errorf("render %s report: %w", f.Name, err)
			}
			return nil
		}
	}
	return set, nil
}
