package files

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/tollgate-dev/tollgate/evidence"
)

// binarySniff is how much of a file is searched for NUL bytes.
const binarySniff = 8 << 10

// readOutcome is the result of reading one file.
type readOutcome struct {
	data   []byte
	size   int64
	status string // "" when data was read and is text
	detail string
}

// readFile reads at most limit bytes of name. Problems are returned as a
// status (unreadable, not-regular, too-large, binary, empty, symlink-loop),
// never as an error: they are evidence about the file. The file is opened
// without blocking, so a named pipe put where a file was expected is
// reported instead of hanging the read.
func readFile(name string, limit int64) readOutcome {
	f, err := os.OpenFile(name, os.O_RDONLY|openNonBlocking, 0)
	if err != nil {
		return readOutcome{status: openStatus(err), detail: describeOpenError(err)}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return readOutcome{status: evidence.StatusUnreadable, detail: describeOpenError(err)}
	}
	if !info.Mode().IsRegular() {
		return readOutcome{status: evidence.StatusNotRegular, detail: describeMode(info.Mode()) + ", not a regular file; not read"}
	}
	size := info.Size()
	if size > limit {
		return readOutcome{size: size, status: evidence.StatusTooLarge,
			detail: fmt.Sprintf("file is %d bytes, over the %d-byte limit; not read", size, limit)}
	}
	data, err := readAll(io.LimitReader(f, limit+1), size)
	if err != nil {
		return readOutcome{size: size, status: evidence.StatusUnreadable, detail: describeOpenError(err)}
	}
	if int64(len(data)) > limit {
		return readOutcome{size: int64(len(data)), status: evidence.StatusTooLarge,
			detail: fmt.Sprintf("file grew past the %d-byte limit while being read; not read", limit)}
	}
	out := readOutcome{data: data, size: int64(len(data))}
	sniff := data
	if len(sniff) > binarySniff {
		sniff = sniff[:binarySniff]
	}
	switch {
	case bytes.IndexByte(sniff, 0) >= 0:
		out.status, out.detail = evidence.StatusBinary, "file contains NUL bytes; not a text configuration"
		out.data = nil
	case len(bytes.TrimSpace(data)) == 0:
		out.status, out.detail = evidence.StatusEmpty, "file is empty"
	}
	return out
}

// readAll is io.ReadAll for a file expected to hold size bytes: the
// buffer starts at that size, and one byte more, so that a file that does
// not change is read into it without growing it.
func readAll(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, max(size, 0)+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow: the file is longer than it was
		}
	}
}

// openStatus classifies an open error.
func openStatus(err error) string {
	if errors.Is(err, syscall.ELOOP) {
		return evidence.StatusSymlinkLoop
	}
	return evidence.StatusUnreadable
}

// describeOpenError words an I/O error without the absolute path (which may
// name another user's home directory).
func describeOpenError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, syscall.ELOOP):
		return "too many levels of symbolic links"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return "file does not exist (broken symbolic link?)"
	}
	return "cannot read: " + err.Error()
}
