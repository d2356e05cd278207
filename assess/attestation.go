package assess

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/internal/diag"
)

// Attestation is a person's statement that a manual control is in place,
// with the evidence for it. Declared in HCL:
//
//	attestation "A-001" {
//	  control     = "MCP-GOV-01"
//	  statement   = "The approved-server allowlist was reviewed on 2026-03-02."
//	  attested_by = "security-lead@example.com"
//	  evidence    = "evidence/allowlist-review.pdf"  # a file (hashed) or a URL
//	  expires     = "2026-09-30"
//	}
//
// A relative evidence path is read from the attestation file's directory.
type Attestation struct {
	ID         string
	Control    string
	Statement  string
	AttestedBy string
	Evidence   string
	// EvidenceSHA256 is the hex sha256 of the evidence file (empty for URLs).
	EvidenceSHA256 string
	// EvidencePath is where the evidence file was read, as a path the
	// process can open (empty for URLs); reports copy it into the bundle.
	EvidencePath string
	Expires      time.Time
	dateOnly     bool
	File         string
	Line         int
}

// Expired reports whether the attestation has expired at now.
func (a Attestation) Expired(now time.Time) bool { return expired(a.Expires, a.dateOnly, now) }

// LoadAttestations reads attestation blocks from HCL files and hashes the
// evidence files they name. All problems are returned together, each with
// file:line.
func LoadAttestations(paths ...string) ([]Attestation, error) {
	var (
		ps   diag.Collector
		out  []Attestation
		seen = map[string]Attestation{}
	)
	for _, path := range paths {
		blocks, err := parseBlocks(path, "attestation", &ps)
		if err != nil {
			return nil, err
		}
		for _, b := range blocks {
			a := Attestation{ID: b.Labels[0], File: b.DefRange.Filename, Line: b.DefRange.Start.Line}
			ctx := fmt.Sprintf("attestation %q", a.ID)
			attrs, ok := decodeBlock(b, ctx, []string{"control", "statement", "attested_by", "evidence", "expires"}, nil, &ps)
			if prev, dup := seen[a.ID]; dup {
				ps.Addf(a.File, a.Line, "%s is already defined at %s:%d", ctx, prev.File, prev.Line)
				continue
			}
			seen[a.ID] = a
			exp, expErr := time.Time{}, error(nil)
			if raw, has := attrs.strings["expires"]; has {
				if exp, expErr = parseExpiry(raw); expErr != nil {
					ps.Addf(a.File, attrs.lines["expires"], "%s: %v", ctx, expErr)
				}
			}
			if !ok || expErr != nil {
				continue
			}
			a.Control, a.Statement = attrs.strings["control"], attrs.strings["statement"]
			a.AttestedBy, a.Evidence = attrs.strings["attested_by"], attrs.strings["evidence"]
			a.Expires, a.dateOnly = exp, len(attrs.strings["expires"]) == len(time.DateOnly)
			if !isURL(a.Evidence) {
				sum, err := hashEvidence(filepath.Dir(path), a.Evidence)
				if err != nil {
					ps.Addf(a.File, attrs.lines["evidence"], "%s: %v", ctx, err)
					continue
				}
				a.EvidenceSHA256 = sum
				a.EvidencePath = filepath.Join(filepath.Dir(path), filepath.FromSlash(a.Evidence))
			}
			out = append(out, a)
		}
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Attestation) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// isURL reports whether evidence names a web resource rather than a file.
func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// MaxEvidenceSize is the largest attestation evidence file that is hashed.
const MaxEvidenceSize = 256 << 20

// hashEvidence returns the hex sha256 of an attestation's evidence file,
// named relative to the attestation file's folder dir. The file must lie in
// that folder or below it (no absolute path, no ".." or symbolic link
// leading out of it), be a regular file (a FIFO or device could block or
// never end) and be at most MaxEvidenceSize bytes.
func hashEvidence(dir, name string) (string, error) {
	rel := filepath.FromSlash(name)
	if filepath.IsAbs(rel) || filepath.VolumeName(rel) != "" || strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) {
		return "", fmt.Errorf("evidence %q must be a path relative to the attestation file's folder, or an http(s) URL", name)
	}
	if !filepath.IsLocal(rel) {
		return "", fmt.Errorf("evidence %q is outside the attestation file's folder", name)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return "", fmt.Errorf("evidence %q: %w", name, err)
	}
	defer root.Close()
	info, err := root.Stat(rel)
	if err != nil {
		return "", evidenceError(name, err)
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("evidence %q is not a regular file", name)
	}
	if info.Size() > MaxEvidenceSize {
		return "", fmt.Errorf("evidence %q is larger than %d MiB", name, MaxEvidenceSize>>20)
	}
	f, err := root.Open(rel)
	if err != nil {
		return "", evidenceError(name, err)
	}
	defer f.Close()
	// The file may have been replaced since it was checked.
	if now, err := f.Stat(); err != nil || !os.SameFile(info, now) {
		return "", fmt.Errorf("evidence %q changed while it was read", name)
	}
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(f, MaxEvidenceSize+1))
	if err != nil {
		return "", fmt.Errorf("evidence %q: %w", name, err)
	}
	if n > MaxEvidenceSize {
		return "", fmt.Errorf("evidence %q is larger than %d MiB", name, MaxEvidenceSize>>20)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// evidenceError words an error opening an evidence file: a symbolic link
// out of the folder is an escape, anything else keeps its cause.
func evidenceError(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("evidence %q: no such file next to the attestation file", name)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "escapes") {
		return fmt.Errorf("evidence %q is outside the attestation file's folder (through a symbolic link)", name)
	}
	return fmt.Errorf("evidence %q: %w", name, err)
}
