package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestParseTargets(t *testing.T) {
	got, err := ParseTargets("linux/amd64, windows/arm64,linux/amd64")
	if err != nil || len(got) != 2 || got[1] != (Target{"windows", "arm64"}) {
		t.Fatalf("ParseTargets = %v, %v", got, err)
	}
	for _, bad := range []string{"", "linux", "linux/amd64/v3", "Linux/AMD64"} {
		if _, err := ParseTargets(bad); err == nil {
			t.Errorf("ParseTargets(%q) accepted", bad)
		}
	}
	if len(DefaultTargets) != 6 {
		t.Errorf("default targets %v: want linux, darwin and windows on amd64 and arm64", DefaultTargets)
	}
}

// hello is a small main package printing the stamped version: building it
// exercises the real build flags without compiling all of Tollgate.
const hello = "./testdata/hello"

// TestRelease builds and packs the host platform, and checks that the
// version is stamped, the archive holds the binary and README, the checksum
// list verifies, leftovers of an earlier release go and nothing else does;
// then that packing (tar.gz and, for windows, zip) gives the same bytes
// twice. CI cross-compiles every target with the same flags.
func TestRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries")
	}
	out := t.TempDir()
	readme := filepath.Join(t.TempDir(), "README.md")
	if err := os.WriteFile(readme, []byte("# hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Leftovers of an earlier release are removed; other files stay.
	for name, content := range map[string]string{"hello_old_linux_amd64.tar.gz": "old", "SHA256SUMS": "old", "notes.txt": "mine"} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	host := Target{runtime.GOOS, runtime.GOARCH}
	targets := []Target{host}
	files, err := Run(context.Background(), Options{Version: "v9.8.7-test", Out: out, Targets: targets, Package: hello, Extra: []string{readme}})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(targets)+1 || files[len(files)-1] != ChecksumFile {
		t.Fatalf("files = %v", files)
	}
	if _, err := os.Stat(filepath.Join(out, "hello_old_linux_amd64.tar.gz")); !os.IsNotExist(err) {
		t.Error("an earlier release's archive is left")
	}
	if data, err := os.ReadFile(filepath.Join(out, "notes.txt")); err != nil || string(data) != "mine" {
		t.Error("a file of the user's in the output folder was touched")
	}

	sums, err := os.ReadFile(filepath.Join(out, ChecksumFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		data, err := os.ReadFile(filepath.Join(out, name))
		if !ok || err != nil {
			t.Fatalf("checksum line %q: %v", line, err)
		}
		got := sha256.Sum256(data)
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: checksum does not match", name)
		}
	}
	if sha := "sha256sum"; hasCommand(sha) {
		cmd := exec.Command(sha, "-c", ChecksumFile)
		cmd.Dir = out
		if o, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, o)
		}
	}

	for _, tg := range targets {
		name := ArchiveName(hello, "v9.8.7-test", tg)
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		members := unpack(t, tg, data)
		bin := binaryName(hello, tg)
		if string(members["README.md"]) != "# hello\n" || len(members[bin]) == 0 {
			t.Fatalf("%s holds %d members, not %s and README.md", name, len(members), bin)
		}
		if tg == host {
			exe := filepath.Join(t.TempDir(), bin)
			if err := os.WriteFile(exe, members[bin], 0o755); err != nil {
				t.Fatal(err)
			}
			got, err := exec.Command(exe).Output()
			if err != nil || strings.TrimSpace(string(got)) != "v9.8.7-test" {
				t.Errorf("the binary prints %q (%v), want the stamped version", got, err)
			}
		}
	}

	// Packing is reproducible, for tar.gz and zip alike.
	bin := filepath.Join(t.TempDir(), "hello")
	if err := os.WriteFile(bin, []byte("binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tg := range []Target{{"linux", "arm64"}, {"windows", "amd64"}} {
		a, err1 := Archive(tg, bin, []string{readme})
		b, err2 := Archive(tg, bin, []string{readme})
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: two archives of the same files differ (%v, %v)", tg, err1, err2)
		}
		if m := unpack(t, tg, a); string(m["hello"]) != "binary" || string(m["README.md"]) != "# hello\n" {
			t.Errorf("%s: archive members %v", tg, m)
		}
	}
}

func hasCommand(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

// unpack returns the members of an archive by name.
func unpack(t *testing.T, tg Target, data []byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	if tg.OS == "windows" {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			out[f.Name], _ = io.ReadAll(rc)
			rc.Close()
		}
		return out
	}
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Name == "hello" && h.Mode&0o111 == 0 {
			t.Errorf("the binary is not executable in the archive (mode %o)", h.Mode)
		}
		out[h.Name], _ = io.ReadAll(tr)
	}
	return out
}
