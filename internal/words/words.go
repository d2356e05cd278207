// Package words writes counts for people: "1 file", "3 files".
package words

import "strconv"

// Count writes n with a noun whose plural adds "s": "1 subject",
// "3 subjects", "0 subjects".
func Count(n int, noun string) string { return Counted(n, noun, noun+"s") }

// Counted writes n with the noun's singular or plural: "1 entry",
// "2 entries".
func Counted(n int, one, many string) string {
	return strconv.Itoa(n) + " " + Plural(n, one, many)
}

// Plural chooses the word for a count of n: one when n is 1, many
// otherwise.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
