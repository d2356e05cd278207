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
	// The engine fingerprints every failure: the hashed text is gathered
	// in one buffer (on the stack when it is short) and only the 32 digits
	// kept are encoded.
	var stack [256]byte
	b := append(stack[:0], FingerprintRecipe...)
	for _, part := range [...]string{controlID, subjectID} {
		b = append(b, 0)
		b = append(b, part...)
	}
	var facts [8]string
	for _, f := range appendFailingFacts(facts[:0], reasons) {
		b = append(b, 0)
		b = append(b, f...)
	}
	sum := sha256.Sum256(b)
	var digits [32]byte
	hex.Encode(digits[:], sum[:len(digits)/2])
	return string(digits[:])
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
	return appendFailingFacts(nil, reasons)
}

// appendFailingFacts appends the FailingFacts of reasons to facts, which
// must be empty, and returns the result.
func appendFailingFacts(facts []string, reasons []Reason) []string {
	for _, r := range reasons {
		if r.Path != "" {
			facts = append(facts, foldIndexes(r.Path))
		}
	}
	slices.Sort(facts)
	return slices.Compact(facts)
}

// foldIndexes returns a reason's path with every list index replaced by
// "*", and the path itself when it has none.
func foldIndexes(path string) string {
	if !strings.ContainsAny(path, "0123456789") {
		return path
	}
	segs := strings.Split(path, ".")
	for i, s := range segs {
		if isIndex(s) {
			segs[i] = "*"
		}
	}
	return strings.Join(segs, ".")
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
