package view

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// FindingKey is a stable digest of a control × subject pair: the same pair
// gets the same key in every run and in every format.
func FindingKey(controlID, subjectID string) string {
	sum := sha256.Sum256([]byte(controlID + "\x00" + subjectID))
	return hex.EncodeToString(sum[:])
}

// FindingID is a short, human-quotable form of FindingKey, e.g. TG-3F2A9C01B7.
func FindingID(controlID, subjectID string) string {
	return "TG-" + strings.ToUpper(FindingKey(controlID, subjectID)[:10])
}
