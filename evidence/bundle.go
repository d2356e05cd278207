package evidence

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/internal/jsonindent"
	"github.com/tollgate-dev/tollgate/internal/staging"
)

// Artifact is one raw input file stored (redacted) in an evidence bundle.
type Artifact struct {
	// Path is the file's path relative to the scan root (slash-separated).
	Path string `json:"path"`
	// BundlePath is where the redacted copy sits inside the bundle.
	BundlePath string `json:"bundle_path,omitempty"`
	// SHA256 is the hex sha256 of the original (unredacted) artifact.
	SHA256 string `json:"sha256"`
	// RedactedSHA256 is the hex sha256 of the redacted copy in the bundle.
	RedactedSHA256 string `json:"redacted_sha256,omitempty"`
	// Format is the recognised format id.
	Format string `json:"format,omitempty"`
	Size   int64  `json:"size"`
}

// BundleFormatVersion is the version of the bundle layout WriteBundle writes.
const BundleFormatVersion = "1"

// Bundle file names.
const (
	// ManifestFile is the bundle's manifest, at the bundle root.
	ManifestFile = "manifest.json"
	// ArtifactsDir holds the redacted artifacts.
	ArtifactsDir = "artifacts"
	// OutputFolder is the folder of an assessment's output folder that
	// holds its evidence bundle, where the reports point.
	OutputFolder = "evidence"
)

// Bundle is an evidence bundle: the subjects collected, the artifacts they
// were read from, and the redacted copies of those artifacts.
type Bundle struct {
	// FormatVersion is the bundle layout version (BundleFormatVersion).
	FormatVersion string `json:"format_version"`
	// Tool is the program that wrote the bundle ("tollgate").
	Tool string `json:"tool"`
	// ToolVersion is its version.
	ToolVersion string `json:"tool_version,omitempty"`
	// Created is when the bundle was written (UTC).
	Created time.Time `json:"created"`
	// Origin labels where the evidence was collected: a host name or a
	// repository (see ValidOrigin). Evaluating several bundles together
	// qualifies each bundle's subjects by it (see Merge).
	Origin string `json:"origin,omitempty"`
	// Scope names what was collected, for reports: the paths given to the
	// collector, relative to the working directory where they lie under
	// it; for bundles merged from several origins, those origins.
	Scope []string `json:"scope,omitempty"`
	// Subjects are the collected subjects.
	Subjects []Subject `json:"subjects"`
	// Artifacts describe the raw inputs; those with a BundlePath have a
	// redacted copy in Files.
	Artifacts []Artifact `json:"artifacts"`
	// Files maps bundle-relative paths (artifacts/…) to REDACTED content.
	// It is not part of the manifest.
	Files map[string][]byte `json:"-"`
	// Redact, when set, is applied to every file before it is written, as a
	// last line of defence (e.g. a secrets Redactor's Redact method).
	Redact func([]byte) []byte `json:"-"`
}

// manifest is the on-disk form of a bundle's manifest.
type manifest struct {
	FormatVersion string            `json:"format_version"`
	Tool          string            `json:"tool"`
	ToolVersion   string            `json:"tool_version,omitempty"`
	Created       time.Time         `json:"created"`
	Origin        string            `json:"origin,omitempty"`
	Scope         []string          `json:"scope,omitempty"`
	Subjects      []json.RawMessage `json:"subjects"`
	Artifacts     []Artifact        `json:"artifacts"`
}

// WriteBundle writes b to dir as manifest.json plus artifacts/<path>, all
// or nothing: everything is staged beside dir and swapped in by renames, so
// a reader never sees half a bundle and a failure leaves the previous bundle
// as it was. It refuses to write into an existing directory that is neither
// empty nor a bundle. Output is deterministic: subjects sorted by kind and
// ID, artifacts by path, indented JSON.
func WriteBundle(dir string, b *Bundle) error {
	if err := CheckBundleDir(dir); err != nil {
		return err
	}
	files, err := EncodeBundle(b)
	if err != nil {
		return fmt.Errorf("write bundle %s: %w", dir, err)
	}
	if err := staging.Write(dir, staging.Set{Files: files, Folders: []string{ArtifactsDir}}); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	return nil
}

// EncodeBundle returns the files of b's on-disk form by bundle-relative
// path: manifest.json and the redacted artifacts under artifacts/.
func EncodeBundle(b *Bundle) (map[string][]byte, error) {
	if b == nil {
		return nil, fmt.Errorf("nil bundle")
	}
	files, artifacts, err := bundleFiles(b)
	if err != nil {
		return nil, err
	}
	data, err := encodeManifest(b, artifacts)
	if err != nil {
		return nil, err
	}
	files[ManifestFile] = data
	return files, nil
}

// EncodeBundleFiles returns the redacted artifacts of b's on-disk form by
// bundle-relative path, as EncodeBundle does, and a function that writes
// its manifest.json, the costly part, as it is encoded, so that a caller
// can stream it and do other work meanwhile. Every check of the bundle is
// made before it returns.
func EncodeBundleFiles(b *Bundle) (map[string][]byte, func(io.Writer) error, error) {
	if b == nil {
		return nil, nil, fmt.Errorf("nil bundle")
	}
	files, artifacts, err := bundleFiles(b)
	if err != nil {
		return nil, nil, err
	}
	return files, func(w io.Writer) error { return writeManifest(w, b, artifacts) }, nil
}

// CheckBundleDir returns an error when dir exists and is not a folder that
// a bundle may be written into: an empty one or an earlier bundle.
func CheckBundleDir(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("write bundle %s: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("write bundle %s: exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("write bundle %s: %w", dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if info, err := os.Lstat(filepath.Join(dir, ManifestFile)); err != nil || !info.Mode().IsRegular() {
		return fmt.Errorf("write bundle %s: refusing to replace a directory that is not an evidence bundle (no %s); move its files away or choose another folder", dir, ManifestFile)
	}
	return nil
}

// bundleFiles checks the bundle's files against its artifacts and returns
// the (redacted) files and the artifacts with RedactedSHA256 filled in.
func bundleFiles(b *Bundle) (map[string][]byte, []Artifact, error) {
	files := map[string][]byte{}
	for p, data := range b.Files {
		if err := checkBundlePath(p); err != nil {
			return nil, nil, err
		}
		if b.Redact != nil {
			data = b.Redact(data)
		}
		files[p] = data
	}
	artifacts := append([]Artifact(nil), b.Artifacts...)
	referenced := map[string]bool{}
	for i, a := range artifacts {
		if a.BundlePath == "" {
			continue
		}
		data, ok := files[a.BundlePath]
		if !ok {
			return nil, nil, fmt.Errorf("artifact %s: no content for %s", a.Path, a.BundlePath)
		}
		sum := hashHex(data)
		if a.RedactedSHA256 != "" && a.RedactedSHA256 != sum && b.Redact == nil {
			return nil, nil, fmt.Errorf("artifact %s: redacted_sha256 does not match the content of %s", a.Path, a.BundlePath)
		}
		artifacts[i].RedactedSHA256 = sum
		referenced[a.BundlePath] = true
	}
	for p := range files {
		if !referenced[p] {
			return nil, nil, fmt.Errorf("file %s is not referenced by any artifact", p)
		}
	}
	sort.SliceStable(artifacts, func(i, j int) bool { return artifacts[i].Path < artifacts[j].Path })
	return files, artifacts, nil
}

// checkBundlePath accepts only clean, relative paths under artifacts/.
func checkBundlePath(p string) error {
	clean := path.Clean(p)
	if clean != p || path.IsAbs(p) || strings.Contains(p, `\`) || !strings.HasPrefix(p, ArtifactsDir+"/") ||
		strings.HasPrefix(clean, "../") || strings.Contains(clean, "/../") {
		return fmt.Errorf("bundle path %q must be a clean relative path under %s/", p, ArtifactsDir)
	}
	return nil
}

// encodeManifest renders the manifest deterministically.
func encodeManifest(b *Bundle, artifacts []Artifact) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeManifest(&buf, b, artifacts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// subjectsSentinel stands for the subjects in the manifest's skeleton,
// which writeManifest encodes without them.
var subjectsSentinel = json.RawMessage(`"tollgate-streamed-manifest-subjects-2f6c1a"`)

// writeManifest writes the manifest to w: indented JSON, the subjects
// sorted by kind and ID. The subjects, most of it, are encoded and written
// one at a time, into the skeleton encoded without them, to the bytes
// indenting the whole would give.
func writeManifest(w io.Writer, b *Bundle, artifacts []Artifact) error {
	subjects := append([]Subject(nil), b.Subjects...)
	sortSubjects(subjects)
	m := manifest{FormatVersion: b.FormatVersion, Tool: b.Tool, ToolVersion: b.ToolVersion, Origin: b.Origin, Scope: b.Scope,
		Created: b.Created.UTC(), Subjects: []json.RawMessage{}, Artifacts: artifacts}
	if m.FormatVersion == "" {
		m.FormatVersion = BundleFormatVersion
	}
	if m.Tool == "" {
		m.Tool = "tollgate"
	}
	if m.Artifacts == nil {
		m.Artifacts = []Artifact{}
	}
	if len(subjects) > 0 {
		m.Subjects = []json.RawMessage{subjectsSentinel}
	}
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	skel := append(jsonindent.Append(make([]byte, 0, len(data)*3/2), data, "", "  "), '\n')
	at := bytes.Index(skel, subjectsSentinel)
	if len(subjects) == 0 || at < 0 || bytes.Contains(skel[at+len(subjectsSentinel):], subjectsSentinel) {
		if len(subjects) > 0 {
			// The sentinel is also in a value: encode the subjects in place.
			return writeManifestWhole(w, m, subjects)
		}
		_, err := w.Write(skel)
		return err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.Write(skel[:at])
	// The subjects are elements of a member of the top-level object: each
	// line of theirs starts with two levels of indent.
	const elemPrefix = "    "
	var indented []byte
	// One encoder and buffer for every subject: an Encoder writes what
	// json.Marshal returns, plus a newline.
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	for i, s := range subjects {
		raw.Reset()
		if err := enc.Encode(s); err != nil {
			return fmt.Errorf("encode subject %s: %w", s.Metadata().ID, err)
		}
		if i > 0 {
			bw.WriteString(",\n" + elemPrefix)
		}
		indented = jsonindent.Append(indented[:0], bytes.TrimSuffix(raw.Bytes(), []byte("\n")), elemPrefix, "  ")
		bw.Write(indented)
	}
	bw.Write(skel[at+len(subjectsSentinel):])
	return bw.Flush()
}

// writeManifestWhole encodes the manifest m with the subjects in one piece.
func writeManifestWhole(w io.Writer, m manifest, subjects []Subject) error {
	m.Subjects = make([]json.RawMessage, 0, len(subjects))
	for _, s := range subjects {
		raw, err := json.Marshal(s)
		if err != nil {
			return fmt.Errorf("encode subject %s: %w", s.Metadata().ID, err)
		}
		m.Subjects = append(m.Subjects, raw)
	}
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	_, err = w.Write(append(jsonindent.Append(make([]byte, 0, len(data)*3/2), data, "", "  "), '\n'))
	return err
}

// sortSubjects sorts subjects by kind, then ID, as the manifest lists them;
// subjects equal in both keep their order. Each subject's keys are read
// once.
func sortSubjects(subjects []Subject) {
	type keyed struct {
		kind int
		id   string
		at   int // the subject's place before sorting
		s    Subject
	}
	keys := make([]keyed, len(subjects))
	for i, s := range subjects {
		m := s.Metadata()
		keys[i] = keyed{kind: kindOrder(m.Kind), id: m.ID, at: i, s: s}
	}
	slices.SortFunc(keys, func(a, b keyed) int {
		if a.kind != b.kind {
			return cmp.Compare(a.kind, b.kind)
		}
		if c := strings.Compare(a.id, b.id); c != 0 {
			return c
		}
		return cmp.Compare(a.at, b.at)
	})
	for i := range keys {
		subjects[i] = keys[i].s
	}
}

func kindOrder(k Kind) int {
	for i, known := range Kinds {
		if k == known {
			return i
		}
	}
	return len(Kinds)
}

func hashHex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ReadBundle reads a bundle written by WriteBundle: it decodes every subject
// by its kind and checks each artifact's redacted copy against its recorded
// hash. A bundle holds only regular files and folders: one with a symbolic
// link or any other kind of entry is refused before anything in it is read,
// and no path in the manifest can lead out of the bundle. Errors name the
// file at fault and never print anything read from it.
func ReadBundle(dir string) (*Bundle, error) {
	mpath := filepath.Join(dir, ManifestFile)
	info, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read bundle %s: no such folder", dir)
		}
		return nil, fmt.Errorf("read bundle %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("read bundle %s: not an evidence bundle (not a folder); write one with 'tollgate collect PATH -o DIR'", dir)
	}
	if err := checkBundleEntries(dir); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("read bundle %s: %w", dir, err)
	}
	defer root.Close()
	data, err := readRegular(root, ManifestFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read bundle %s: not an evidence bundle (no %s); write one with 'tollgate collect PATH -o DIR'", dir, ManifestFile)
	}
	if err != nil {
		return nil, fmt.Errorf("read bundle: %s: %w", mpath, err)
	}
	var m manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("read bundle: %s: %w", mpath, err)
	}
	if m.FormatVersion != BundleFormatVersion {
		return nil, fmt.Errorf("read bundle: %s: unsupported format_version %q (want %q)", mpath, m.FormatVersion, BundleFormatVersion)
	}
	if m.Origin != "" {
		if err := ValidOrigin(m.Origin); err != nil {
			return nil, fmt.Errorf("read bundle: %s: %w", mpath, err)
		}
	}
	b := &Bundle{FormatVersion: m.FormatVersion, Tool: m.Tool, ToolVersion: m.ToolVersion, Created: m.Created, Origin: m.Origin, Scope: m.Scope,
		Artifacts: m.Artifacts, Files: map[string][]byte{}}
	for i, raw := range m.Subjects {
		s, err := DecodeSubject(raw)
		if err != nil {
			return nil, fmt.Errorf("read bundle: %s: subjects[%d]: %w", mpath, i, err)
		}
		b.Subjects = append(b.Subjects, s)
	}
	for _, a := range m.Artifacts {
		if a.BundlePath == "" {
			continue
		}
		if err := checkBundlePath(a.BundlePath); err != nil {
			return nil, fmt.Errorf("read bundle: %s: artifact %s: %w", mpath, a.Path, err)
		}
		fpath := filepath.Join(dir, filepath.FromSlash(a.BundlePath))
		content, err := readRegular(root, filepath.FromSlash(a.BundlePath))
		if err != nil {
			return nil, fmt.Errorf("read bundle: artifact %s: %s: %w", a.Path, fpath, err)
		}
		if got := hashHex(content); got != a.RedactedSHA256 {
			return nil, fmt.Errorf("read bundle: %s: its content does not match the manifest's sha256 %s (modified or corrupted)", fpath, shortHash(a.RedactedSHA256))
		}
		b.Files[a.BundlePath] = content
	}
	return b, nil
}

// checkBundleEntries refuses a bundle folder holding anything other than
// regular files and folders (a symbolic link could lead reads out of it, a
// FIFO or device could block them), naming the first such entry.
func checkBundleEntries(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read bundle %s: %w", dir, err)
		}
		if p == dir {
			return nil
		}
		switch t := d.Type(); {
		case t.IsDir() || t.IsRegular():
			return nil
		case t&fs.ModeSymlink != 0:
			return fmt.Errorf("read bundle %s: %s is a symbolic link; an evidence bundle holds only regular files and folders", dir, p)
		default:
			return fmt.Errorf("read bundle %s: %s is not a regular file or folder; an evidence bundle holds only regular files and folders", dir, p)
		}
	})
}

// readRegular reads a regular file inside root, refusing anything else.
func readRegular(root *os.Root, name string) ([]byte, error) {
	info, err := root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(info, now) {
		return nil, errors.New("changed while it was read")
	}
	return io.ReadAll(f)
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
