package assess

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode/utf8"
)

// FingerprintRecipe names the recipe Fingerprint follows. It is hashed into
// every fingerprint, so a change of recipe can never be mistaken for a
// change of findings, and it is what SARIF's partialFingerprints key says.
const FingerprintRecipe = "tollgateFinding/v2"

// Fingerprint is the stable identity of a finding: 32 hex digits of the
// sha256 of the recipe name, the control ID, the subject ID (which is the
// subject's kind, origin and name: evidence.MakeID) and the failing facts
// (FailingFacts of the reasons). Line and column numbers, messages, the
// order of entries in a file and the values that failed never enter it, so
// a finding keeps its fingerprint when lines move or unrelated entries
// change, and gets a new one when a different fact fails.
func Fingerprint(controlID, subjectID string, reasons []Reason) string {
	h := sha256.New()
	h.Write([]byte(FingerprintRecipe))
	for _, part := range append([]string{controlID, subjectID}, FailingFacts(reasons)...) {
		h.Write([]byte{0})
		h.Write([]byte(part))
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// FindingID is the short, human-quotable form of a fingerprint:
// "TG-" and its first ten hex digits in upper case, e.g. TG-3F2A9C01B7.
func FindingID(fingerprint string) string {
	if len(fingerprint) > 10 {
		fingerprint = fingerprint[:10]
	}
	// Every report quotes it for every finding: one allocation, and
	// strings.ToUpper only for what is not ASCII.
	var id [3 + 10]byte
	n := copy(id[:], "TG-")
	for i := 0; i < len(fingerprint); i++ {
		c := fingerprint[i]
		if c >= utf8.RuneSelf {
			return "TG-" + strings.ToUpper(fingerprint)
		}
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		id[n] = c
		n++
	}
	return string(id[:n])
}

// FailingFacts are the subject fields a failure is about: the paths of its
// reasons with every list index replaced by "*" (a list's order is not a
// fact: `launch.container.mounts.1.read_only` becomes
// `launch.container.mounts.*.read_only`), sorted, without repeats. Map keys
// stay, because they are names (`env.GITHUB_TOKEN.kind`).
func FailingFacts(reasons []Reason) []string {
	var facts []string
	for _, r := range reasons {
		if r.Path == "" {
			continue
		}
		segs := strings.Split(r.Path, ".")
		for i, s := range segs {
			if isIndex(s) {
				segs[i] = "*"
			}
		}
		facts = append(facts, strings.Join(segs, "."))
	}
	slices.Sort(facts)
	return slices.Compact(facts)
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Fingerprint is the evaluation's finding fingerprint (see Fingerprint).
func (e Evaluation) Fingerprint() string {
	if e.fingerprint != "" {
		return e.fingerprint
	}
	return Fingerprint(e.ControlID, e.SubjectID, e.Reasons)
}

// withFingerprint returns e with its fingerprint computed, for an
// evaluation whose control, subject and reasons are final.
func (e Evaluation) withFingerprint() Evaluation {
	e.fingerprint = Fingerprint(e.ControlID, e.SubjectID, e.Reasons)
	return e
}

// FindingID is the evaluation's short finding ID (see FindingID).
func (e Evaluation) FindingID() string { return FindingID(e.Fingerprint()) }
