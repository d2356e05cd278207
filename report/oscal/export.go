package oscal

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// ExportOptions configure the catalog and component-definition exports.
type ExportOptions struct {
	// Title overrides the document title.
	Title string
	// Version is the Tollgate version that wrote the document.
	Version string
	// Timestamp becomes metadata.last-modified; pin it for reproducible files.
	Timestamp time.Time
}

// contentUUID derives a document's UUID from the document itself (built
// with an empty UUID), so the UUID changes exactly when the content does.
func contentUUID(kind string, doc any) (string, error) {
	data, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("digest %s: %w", kind, err)
	}
	sum := sha256.Sum256(data)
	return id(kind, hex.EncodeToString(sum[:])), nil
}
