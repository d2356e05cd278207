package assess

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeFile writes body to dir/name, creating folders.
func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExpiryOutsideOSCALYears guards that a waiver or attestation whose
// expiry OSCAL cannot record (its dates hold years 1900 to 2999 only) is
// rejected when the file is loaded, at the line of the expiry, instead of
// loading and then breaking every OSCAL report.
func TestExpiryOutsideOSCALYears(t *testing.T) {
	tests := []struct {
		expires string
		ok      bool
	}{
		{"9999-12-31", false},
		{"3000-01-01", false},
		{"1899-12-31", false},
		{"0001-01-01", false},
		{"2999-12-31T23:00:00-05:00", false}, // 3000-01-01 in UTC
		{"2999-12-31", true},
		{"1900-01-01", true},
		{"2027-06-30T12:00:00+02:00", true},
	}
	for _, tt := range tests {
		t.Run(tt.expires, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "evidence.txt", "reviewed\n")
			w := writeFile(t, dir, "w.hcl", `waiver "W-1" {
  control       = "T-SECRETS-01"
  subjects      = ["*"]
  justification = "j"
  owner         = "o"
  approved_by   = "a"
  expires       = "`+tt.expires+`"
}
`)
			a := writeFile(t, dir, "a.hcl", `attestation "A-1" {
  control     = "T-GOV-01"
  statement   = "s"
  attested_by = "a"
  evidence    = "evidence.txt"
  expires     = "`+tt.expires+`"
}
`)
			_, werr := LoadWaivers(w)
			_, aerr := LoadAttestations(a)
			for _, c := range []struct {
				file string
				line int
				err  error
			}{{w, 7, werr}, {a, 6, aerr}} {
				if tt.ok {
					if c.err != nil {
						t.Errorf("%s: %v", filepath.Base(c.file), c.err)
					}
					continue
				}
				if c.err == nil {
					t.Fatalf("%s with expires %q loaded", filepath.Base(c.file), tt.expires)
				}
				msg := c.err.Error()
				if want := fmt.Sprintf("%s:%d: ", c.file, c.line); !strings.HasPrefix(msg, want) || !strings.Contains(msg, "1900 to 2999") {
					t.Errorf("error %q does not start with %q and name the years OSCAL accepts", msg, want)
				}
				if len(msg) > 300 {
					t.Errorf("error is %d bytes long", len(msg))
				}
			}
		})
	}
}

// TestAttestationEvidenceConfined guards that attestation evidence is read
// only from the attestation file's folder and below, only from regular
// files, and never blocks: escapes, absolute paths, folders, devices and
// links out of the folder are problems at the evidence line.
func TestAttestationEvidenceConfined(t *testing.T) {
	base := t.TempDir()
	outside := writeFile(t, base, "outside.txt", "not yours\n")
	dir := filepath.Join(base, "policy")
	writeFile(t, dir, "sub/ok.txt", "reviewed\n")
	if err := os.MkdirAll(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustSymlink(t, outside, filepath.Join(dir, "out-link.txt"))
	mustSymlink(t, "../outside.txt", filepath.Join(dir, "rel-out-link.txt"))
	mustSymlink(t, "sub/ok.txt", filepath.Join(dir, "in-link.txt"))
	mustSymlink(t, "/dev/zero", filepath.Join(dir, "zero"))
	mustSymlink(t, "..", filepath.Join(dir, "sub", "up"))
	haveFIFO := makeFIFO(filepath.Join(dir, "fifo"))

	tests := []struct {
		evidence string
		want     string // "" = loads and is hashed
	}{
		{"sub/ok.txt", ""},
		{"./sub/ok.txt", ""},
		{"in-link.txt", ""},
		{"sub/up/sub/ok.txt", ""},
		{"../outside.txt", "outside the attestation file's folder"},
		{"sub/../../outside.txt", "outside the attestation file's folder"},
		{"../../../../../../dev/zero", "outside the attestation file's folder"},
		{outside, "must be a path relative to the attestation file's folder"},
		{"/etc/passwd", "must be a path relative to the attestation file's folder"},
		{"out-link.txt", "outside the attestation file's folder"},
		{"rel-out-link.txt", "outside the attestation file's folder"},
		{"zero", "outside the attestation file's folder"},
		{"folder", "is not a regular file"},
		{"fifo", "is not a regular file"},
		{"missing.txt", "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.evidence, func(t *testing.T) {
			if tt.evidence == "fifo" && !haveFIFO {
				t.Skip("no FIFOs on this system")
			}
			a := writeFile(t, dir, "a.hcl", `attestation "A-1" {
  control     = "T-GOV-01"
  statement   = "s"
  attested_by = "a"
  evidence    = "`+tt.evidence+`"
  expires     = "2027-06-30"
}
`)
			type result struct {
				as  []Attestation
				err error
			}
			done := make(chan result, 1)
			go func() {
				as, err := LoadAttestations(a)
				done <- result{as, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("loading evidence %q did not return", tt.evidence)
			}
			if tt.want == "" {
				if r.err != nil {
					t.Fatal(r.err)
				}
				sum := sha256.Sum256([]byte("reviewed\n"))
				if len(r.as) != 1 || r.as[0].EvidenceSHA256 != hex.EncodeToString(sum[:]) {
					t.Fatalf("attestations = %+v", r.as)
				}
				return
			}
			if r.err == nil {
				t.Fatalf("evidence %q was read (sha256 %s)", tt.evidence, r.as[0].EvidenceSHA256)
			}
			msg := r.err.Error()
			if !strings.HasPrefix(msg, a+":5: ") || !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want it at %s:5 and to say %q", msg, a, tt.want)
			}
		})
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
}
