package evidence

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
