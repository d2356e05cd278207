package report

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/internal/staging"
	"github.com/tollgate-dev/tollgate/report/internal/view"
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
	// The reports share one index of r (see view.Share).
	defer view.Share(r)()
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
	// The reports share one index of r (see view.Share).
	defer view.Share(r)()
	set := stagedReports(r, fs, opts.withEngagement(), "", nil)
	if err := staging.Write(dir, set); err != nil {
		return nil, fmt.Errorf("write reports: %w", err)
	}
	written := make([]string, len(fs))
	for i, f := range fs {
		written[i] = filepath.Join(dir, f.File)
	}
	return written, nil
}

// stagedReports prepares the reports of the formats for staging.Write,
// each streamed into its file, concurrently (each reads r and writes only
// its own file, so the bytes do not depend on the order they run in).
//
// Some reports cite others by their SHA-256: the OSCAL documents and the
// workbook cite the evidence manifest, and the assessment results cite the
// assessment plan. When manifest is not nil, the set also streams the
// evidence manifest, which manifest writes, into manifestPath. A citing report waits
// for the digest of what it cites, taken of the bytes written; the others
// do not wait. The streams start with the manifest, then one report that
// cites nothing for each other worker, then the plan, then the rest, the
// costliest first, so that the reports that can start while the manifest
// and the plan are rendered do, and the workers finish together. Every
// stream starts after those it waits for, so none waits for a stream that
// has not started.
func stagedReports(r *assess.Results, fs []Format, opts Options, manifestPath string, manifest func(io.Writer) error) staging.Set {
	set := staging.Set{Files: map[string][]byte{}, Streams: map[string]func(io.Writer) error{}}
	if len(fs) > 1 && opts.JSON.Encoders == 0 {
		// The reports keep every worker busy: results.json takes one.
		opts.JSON.Encoders = 1
	}
	var manifestSum, planSum *digest
	var lead []string // the manifest and the plan, in that order
	if manifest != nil {
		manifestSum = newDigest("evidence manifest")
		lead = append(lead, manifestPath)
		set.Streams[manifestPath] = func(w io.Writer) (err error) {
			h := sha256.New()
			defer func() { manifestSum.set(hex.EncodeToString(h.Sum(nil)), err) }()
			return manifest(io.MultiWriter(w, h))
		}
	}
	for _, f := range fs {
		if f.File == oscal.PlanFile {
			planSum = newDigest(f.Name + " report")
			lead = append(lead, f.File)
		}
	}
	for _, f := range fs {
		set.Streams[f.File] = func(w io.Writer) (err error) {
			if f.File == oscal.PlanFile {
				h := sha256.New()
				defer func() { planSum.set(hex.EncodeToString(h.Sum(nil)), err) }()
				w = io.MultiWriter(w, h)
			}
			o := opts
			if f.citesManifest && manifestSum != nil {
				sum, err := manifestSum.wait()
				if err != nil {
					return err
				}
				o.OSCAL.ManifestSHA256, o.XLSX.ManifestSHA256 = sum, sum
			}
			if f.citesPlan && planSum != nil {
				sum, err := planSum.wait()
				if err != nil {
					return err
				}
				o.OSCAL.PlanSHA256 = sum
			}
			if err := f.write(w, r, o); err != nil {
				return fmt.Errorf("render %s report: %w", f.Name, err)
			}
			return nil
		}
	}
	set.Order = startOrder(fs, lead, runtime.GOMAXPROCS(0))
	return set
}

// startOrder is the order stagedReports's streams start in: the first of
// lead, then one report that cites nothing for each of the other workers,
// then the rest of lead, then the other reports, the costliest first.
func startOrder(fs []Format, lead []string, workers int) []string {
	byCost := slices.Clone(fs)
	slices.SortStableFunc(byCost, func(a, b Format) int { return cmp.Compare(b.cost, a.cost) })
	order := slices.Clone(lead[:min(1, len(lead))])
	started := map[string]bool{}
	for _, f := range byCost {
		if len(order) >= workers || len(lead) == 0 {
			break
		}
		if !f.citesManifest && !f.citesPlan && !slices.Contains(lead, f.File) {
			order = append(order, f.File)
			started[f.File] = true
		}
	}
	order = append(order, lead[min(1, len(lead)):]...)
	for _, f := range byCost {
		if !started[f.File] && !slices.Contains(lead, f.File) {
			order = append(order, f.File)
		}
	}
	return order
}

// digest is the SHA-256 of a report that others cite, known once that
// report is rendered.
type digest struct {
	what string
	done chan struct{}
	sum  string
	err  error
}

func newDigest(what string) *digest { return &digest{what: what, done: make(chan struct{})} }

// set records the digest, or the error that kept it from being taken, and
// releases every waiter. It is called once.
func (d *digest) set(sum string, err error) {
	d.sum, d.err = sum, err
	close(d.done)
}

// wait returns the digest once it is set.
func (d *digest) wait() (string, error) {
	<-d.done
	if d.err != nil {
		return "", fmt.Errorf("%s not written: %w", d.what, d.err)
	}
	return d.sum, nil
}
