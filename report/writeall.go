package report

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tollgate-dev/tollgate/assess"
)

// WriteAll renders r in the given formats (all of them when formats is
// empty) and writes them into dir, returning the paths written in format
// order. Every format is rendered in memory first; only when all succeeded
// are the files written, each to a temporary file in dir that is then
// renamed into place. A rendering error or an unwritable folder therefore
// leaves no partial or half-written file behind.
func WriteAll(dir string, r *assess.Results, formats []string, opts Options) ([]string, error) {
	fs, err := resolve(formats)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, fmt.Errorf("write reports: no results")
	}
	rendered := make([][]byte, len(fs))
	for i, f := range fs {
		var buf bytes.Buffer
		if err := f.write(&buf, r, opts); err != nil {
			return nil, fmt.Errorf("render %s report: %w", f.Name, err)
		}
		rendered[i] = buf.Bytes()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	temps := make([]string, 0, len(fs))
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for i, f := range fs {
		tmp, err := writeTemp(dir, f.File, rendered[i])
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("write %s report: %w", f.Name, err)
		}
	}
	var written []string
	for i, f := range fs {
		dst := filepath.Join(dir, f.File)
		if err := os.Rename(temps[i], dst); err != nil {
			cleanup()
			return written, fmt.Errorf("write %s report: %w", f.Name, err)
		}
		temps[i] = ""
		written = append(written, dst)
	}
	return written, nil
}

// writeTemp writes data to a new temporary file in dir and returns its path
// (also on error, so the caller can remove it).
func writeTemp(dir, name string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return "", fmt.Errorf("cannot write into %s: permission denied", dir)
		}
		return "", err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return f.Name(), err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return f.Name(), err
	}
	return f.Name(), nil
}
