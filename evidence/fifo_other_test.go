//go:build !unix

package evidence_test

// makeFIFO reports that named pipes are not available here.
func makeFIFO(string) bool { return false }
