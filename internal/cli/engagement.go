package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tollgate-dev/tollgate/internal/config"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report/engagement"
)

// maxSSPSize bounds the system security plan file read to hash it.
const maxSSPSize = 256 << 20

// engagementFrom states what the reports say about the assessment: the
// parties, system and remediation policy from the configuration, the scope
// the command assessed, the gate's verdict, and the system security plan,
// given as a path (hashed, and written relative to the output folder, where
// the OSCAL documents sit) or a URL.
func engagementFrom(loaded *config.Loaded, outDir string, gate pipeline.Gate, verdict pipeline.GateVerdict) (engagement.Engagement, error) {
	a := loaded.Config.Assessment
	party := func(p config.Party) (engagement.Party, error) {
		if p.Type != "" && p.Type != "person" && p.Type != "organization" {
			return engagement.Party{}, usageError("party type %q: want person or organization", p.Type)
		}
		return engagement.Party{Name: strings.TrimSpace(p.Name), Email: strings.TrimSpace(p.Email), Type: p.Type}, nil
	}
	var eng engagement.Engagement
	var err error
	if eng.Organization, err = party(a.Organization); err != nil {
		return eng, err
	}
	if eng.Assessor, err = party(a.Assessor); err != nil {
		return eng, err
	}
	eng.System = engagement.System{ID: strings.TrimSpace(a.System.ID), Name: strings.TrimSpace(a.System.Name)}
	eng.DocumentVersion = strings.TrimSpace(a.DocumentVersion)
	eng.Scope = loaded.Scope
	failOn := gate.FailOn
	if failOn == "" {
		failOn = pipeline.FailOnNone
	}
	eng.Gate = &engagement.Gate{Passed: verdict.Passed, Reasons: verdict.Reasons, FailOn: failOn}
	d := loaded.Config.Remediation.Deadlines
	eng.Remediation = engagement.Policy{Days: map[string]int{
		"critical": d.Critical, "high": d.High, "medium": d.Medium, "low": d.Low, "info": d.Info,
	}}
	if eng.Remediation.PointOfContact, err = party(loaded.Config.Remediation.PointOfContact); err != nil {
		return eng, err
	}
	if eng.SSP, err = sspDocument(a.SSP, outDir); err != nil {
		return eng, err
	}
	return eng, nil
}

// sspDocument resolves the system security plan: a URL is kept as it is; a
// file is hashed and named relative to the output folder.
func sspDocument(ssp, outDir string) (engagement.Document, error) {
	ssp = strings.TrimSpace(ssp)
	if ssp == "" {
		return engagement.Document{}, nil
	}
	if strings.HasPrefix(ssp, "https://") || strings.HasPrefix(ssp, "http://") {
		return engagement.Document{Href: ssp}, nil
	}
	f, err := os.Open(ssp)
	if err != nil {
		return engagement.Document{}, usageError("--ssp: %v", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return engagement.Document{}, usageError("--ssp %s: not a regular file", ssp)
	}
	if info.Size() > maxSSPSize {
		return engagement.Document{}, usageError("--ssp %s: larger than %d MiB", ssp, maxSSPSize>>20)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return engagement.Document{}, fmt.Errorf("read --ssp %s: %w", ssp, err)
	}
	href := filepath.ToSlash(ssp)
	if abs, err := filepath.Abs(ssp); err == nil {
		if out, err := filepath.Abs(outDir); err == nil {
			if rel, err := filepath.Rel(out, abs); err == nil {
				href = filepath.ToSlash(rel)
			}
		}
	}
	return engagement.Document{Href: href, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
