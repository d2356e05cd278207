//go:build !unix

package files

// openNonBlocking is zero where opening a file cannot block on a pipe.
const openNonBlocking = 0
