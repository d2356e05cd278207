package evidence_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

const canary = "ghp_BundleCanaryBundleCanary0123456789ab"

func sampleBundle(t *testing.T, red *secrets.Redactor) *evidence.Bundle {
	t.Helper()
	raw := []byte(`{"mcpServers": {"gh": {"command": "npx", "env": {"GITHUB_TOKEN": "` + canary + `"}}}}`)
	red.Add(canary)
	val := secrets.ClassifyInto("GITHUB_TOKEN", canary, secrets.SyntaxFor("cursor"), red)
	created := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	src := &evidence.Source{Meta: evidence.Meta{Kind: evidence.KindSource, ID: "source:repo/.cursor/mcp.json", Name: "repo/.cursor/mcp.json",
		Provenance: evidence.Provenance{Collector: "clientconfig/cursor", File: "repo/.cursor/mcp.json", Collected: created}},
		Format: "cursor/mcp.json", Client: "cursor", Status: evidence.StatusOK, Servers: 1, Size: int64(len(raw))}
	srv := &evidence.Server{Meta: evidence.Meta{Kind: evidence.KindServer, ID: "server:repo/.cursor/mcp.json#gh", Name: "gh",
		Provenance: evidence.Provenance{Collector: "clientconfig/cursor", File: "repo/.cursor/mcp.json", Line: 1, Collected: created}},
		Client: "cursor", Format: "cursor/mcp.json", Scope: evidence.ScopeProject, Transport: evidence.TransportStdio,
		Env: map[string]evidence.Value{"GITHUB_TOKEN": val}, Auth: evidence.Auth{Kind: evidence.AuthLocal},
		Launch: &evidence.Launch{Command: "npx", Runner: "npx"}}
	redacted := red.Redact(raw)
	return &evidence.Bundle{
		FormatVersion: evidence.BundleFormatVersion, Tool: "tollgate", ToolVersion: "0.0.0-test", Created: created,
		Subjects:  []evidence.Subject{srv, src},
		Artifacts: []evidence.Artifact{{Path: "repo/.cursor/mcp.json", BundlePath: "artifacts/repo/.cursor/mcp.json", SHA256: strings.Repeat("0", 64), Format: "cursor/mcp.json", Size: int64(len(raw))}},
		Files:     map[string][]byte{"artifacts/repo/.cursor/mcp.json": redacted},
		Redact:    red.Redact,
	}
}

func TestBundleRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	b := sampleBundle(t, secrets.NewRedactor())
	if err := evidence.WriteBundle(dir, b); err != nil {
		t.Fatal(err)
	}
	got, err := evidence.ReadBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Tool != "tollgate" || got.ToolVersion != "0.0.0-test" || !got.Created.Equal(b.Created) {
		t.Errorf("header = %+v", got)
	}
	if len(got.Subjects) != 2 || got.Subjects[0].Metadata().Kind != evidence.KindServer || got.Subjects[1].Metadata().Kind != evidence.KindSource {
		t.Fatalf("subjects = %+v", got.Subjects)
	}
	if !reflect.DeepEqual(got.Subjects[0], b.Subjects[0]) {
		t.Errorf("server changed in round trip:\n%+v\n%+v", got.Subjects[0], b.Subjects[0])
	}
	for _, s := range got.Subjects {
		if err := evidence.ValidateSubject(s); err != nil {
			t.Errorf("read subject does not validate: %v", err)
		}
	}
	if len(got.Artifacts) != 1 || got.Artifacts[0].RedactedSHA256 == "" {
		t.Fatalf("artifacts = %+v", got.Artifacts)
	}
	if !bytes.Equal(got.Files["artifacts/repo/.cursor/mcp.json"], b.Files["artifacts/repo/.cursor/mcp.json"]) {
		t.Errorf("artifact content changed")
	}
}

func TestBundleDeterministicAndReplace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	for i := 0; i < 2; i++ {
		if err := evidence.WriteBundle(dir, sampleBundle(t, secrets.NewRedactor())); err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
	}
	first, _ := os.ReadFile(filepath.Join(dir, evidence.ManifestFile))
	other := filepath.Join(t.TempDir(), "b2")
	b := sampleBundle(t, secrets.NewRedactor())
	b.Subjects[0], b.Subjects[1] = b.Subjects[1], b.Subjects[0]
	if err := evidence.WriteBundle(other, b); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(filepath.Join(other, evidence.ManifestFile))
	if !bytes.Equal(first, second) {
		t.Errorf("manifest depends on subject order")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".tollgate-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary directories left behind: %v", leftovers)
	}
}

func TestBundleRefusesNonBundleDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "precious.txt"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := evidence.WriteBundle(dir, sampleBundle(t, secrets.NewRedactor()))
	if err == nil || !strings.Contains(err.Error(), "not an evidence bundle") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "precious.txt")); err != nil {
		t.Fatalf("existing file touched: %v", err)
	}
}

func TestBundleRejectsBadPaths(t *testing.T) {
	for _, p := range []string{"../escape", "artifacts/../../x", "/abs", "manifest.json", `artifacts\x`} {
		b := sampleBundle(t, secrets.NewRedactor())
		b.Files[p] = []byte("x")
		if err := evidence.WriteBundle(filepath.Join(t.TempDir(), "b"), b); err == nil {
			t.Errorf("path %q accepted", p)
		}
	}
}

func TestReadBundleErrors(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(dir string) error
		want    string
	}{
		{"corrupted manifest", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, evidence.ManifestFile), []byte(`{"format_version": "1", "subjects": [`), 0o644)
		}, "manifest.json"},
		{"unknown kind", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, evidence.ManifestFile), []byte(`{"format_version":"1","tool":"tollgate","created":"2025-01-01T00:00:00Z","subjects":[{"kind":"spaceship"}],"artifacts":[]}`), 0o644)
		}, "subjects[0]"},
		{"wrong version", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, evidence.ManifestFile), []byte(`{"format_version":"99","tool":"tollgate","created":"2025-01-01T00:00:00Z","subjects":[],"artifacts":[]}`), 0o644)
		}, "format_version"},
		{"tampered artifact", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "artifacts/repo/.cursor/mcp.json"), []byte(`{"mcpServers": {}}`), 0o644)
		}, "mcp.json: its content does not match the manifest"},
		{"missing artifact", func(dir string) error {
			return os.Remove(filepath.Join(dir, "artifacts/repo/.cursor/mcp.json"))
		}, "artifact repo/.cursor/mcp.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "bundle")
			if err := evidence.WriteBundle(dir, sampleBundle(t, secrets.NewRedactor())); err != nil {
				t.Fatal(err)
			}
			if err := tt.corrupt(dir); err != nil {
				t.Fatal(err)
			}
			_, err := evidence.ReadBundle(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v; want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestBundleNeverHoldsCanary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	red := secrets.NewRedactor()
	b := sampleBundle(t, red)
	// even an unredacted file is caught by the bundle's Redact hook
	b.Files["artifacts/repo/.cursor/mcp.json"] = []byte(`{"env": {"GITHUB_TOKEN": "` + canary + `"}}`)
	if err := evidence.WriteBundle(dir, b); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte(canary)) || bytes.Contains(data, []byte("BundleCanary")) {
			t.Errorf("%s holds the canary", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := evidence.ReadBundle(dir); err != nil {
		t.Fatalf("bundle written through Redact does not read back: %v", err)
	}
}

// TestReadBundleRefusesLinks guards that reading a bundle never follows a
// symbolic link (to a folder or a file, even one whose content matches the
// manifest) and never opens a FIFO, and that a hash mismatch does not
// reveal the hash of what was read.
func TestReadBundleRefusesLinks(t *testing.T) {
	const artifact = "artifacts/repo/.cursor/mcp.json"
	tests := []struct {
		name    string
		corrupt func(t *testing.T, dir, outside string)
		want    string
	}{
		{"artifacts folder is a link out of the bundle", func(t *testing.T, dir, outside string) {
			moveOut(t, filepath.Join(dir, "artifacts"), filepath.Join(outside, "artifacts"))
			symlink(t, filepath.Join(outside, "artifacts"), filepath.Join(dir, "artifacts"))
		}, "is a symbolic link"},
		{"artifact is a link out of the bundle", func(t *testing.T, dir, outside string) {
			moveOut(t, filepath.Join(dir, filepath.FromSlash(artifact)), filepath.Join(outside, "mcp.json"))
			symlink(t, filepath.Join(outside, "mcp.json"), filepath.Join(dir, filepath.FromSlash(artifact)))
		}, "is a symbolic link"},
		{"artifact is a link inside the bundle", func(t *testing.T, dir, _ string) {
			p := filepath.Join(dir, filepath.FromSlash(artifact))
			moveOut(t, p, filepath.Join(dir, "artifacts", "copy.json"))
			symlink(t, "../copy.json", p)
		}, "is a symbolic link"},
		{"manifest is a link", func(t *testing.T, dir, outside string) {
			moveOut(t, filepath.Join(dir, evidence.ManifestFile), filepath.Join(outside, "m.json"))
			symlink(t, filepath.Join(outside, "m.json"), filepath.Join(dir, evidence.ManifestFile))
		}, "is a symbolic link"},
		{"FIFO in the bundle", func(t *testing.T, dir, _ string) {
			p := filepath.Join(dir, filepath.FromSlash(artifact))
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if !makeFIFO(p) {
				t.Skip("no FIFOs on this system")
			}
		}, "not a regular file or folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "bundle")
			outside := t.TempDir()
			if err := evidence.WriteBundle(dir, sampleBundle(t, secrets.NewRedactor())); err != nil {
				t.Fatal(err)
			}
			tt.corrupt(t, dir, outside)
			done := make(chan error, 1)
			go func() {
				_, err := evidence.ReadBundle(dir)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("err = %v; want one saying %q", err, tt.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("reading the bundle did not return")
			}
		})
	}

	t.Run("mismatch names no hash of the content read", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "bundle")
		if err := evidence.WriteBundle(dir, sampleBundle(t, secrets.NewRedactor())); err != nil {
			t.Fatal(err)
		}
		altered := []byte("root:*:20228:0:99999:7:::\n")
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(artifact)), altered, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := evidence.ReadBundle(dir)
		if err == nil {
			t.Fatal("altered artifact accepted")
		}
		sum := sha256.Sum256(altered)
		if got := hex.EncodeToString(sum[:]); strings.Contains(err.Error(), got[:8]) {
			t.Errorf("error %q reveals the altered file's sha256 %s", err, got[:12])
		}
	})
}

func moveOut(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
}
