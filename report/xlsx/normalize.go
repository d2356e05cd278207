package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
)

// contentTypeDefault matches one <Default> entry of [Content_Types].xml.
var contentTypeDefault = regexp.MustCompile(`<Default [^>]*?(?:/>|></Default>)`)

// normalize rewrites the package so that equal workbooks are equal bytes:
// excelize writes the <Default> entries of [Content_Types].xml in map
// order, so they are sorted here; every other part is copied unchanged, in
// the same order, with the same (zero) timestamps.
func normalize(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("normalize workbook: %w", err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		content, err := readPart(zf)
		if err != nil {
			return nil, err
		}
		if zf.Name == "[Content_Types].xml" {
			content = sortDefaults(content)
		}
		hdr := &zip.FileHeader{Name: zf.Name, Method: zip.Deflate}
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, fmt.Errorf("normalize workbook: %s: %w", zf.Name, err)
		}
		if _, err := w.Write(content); err != nil {
			return nil, fmt.Errorf("normalize workbook: %s: %w", zf.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("normalize workbook: %w", err)
	}
	return out.Bytes(), nil
}

func readPart(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("normalize workbook: %s: %w", zf.Name, err)
	}
	defer rc.Close()
	content, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("normalize workbook: %s: %w", zf.Name, err)
	}
	return content, nil
}

// sortDefaults sorts the <Default> entries in place of the first one.
func sortDefaults(xml []byte) []byte {
	locs := contentTypeDefault.FindAllIndex(xml, -1)
	if len(locs) < 2 {
		return xml
	}
	entries := make([]string, len(locs))
	for i, l := range locs {
		entries[i] = string(xml[l[0]:l[1]])
	}
	sort.Strings(entries)
	var b bytes.Buffer
	prev := 0
	for i, l := range locs {
		b.Write(xml[prev:l[0]])
		b.WriteString(entries[i])
		prev = l[1]
	}
	b.Write(xml[prev:])
	return b.Bytes()
}
