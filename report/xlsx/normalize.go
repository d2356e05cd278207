package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// contentTypeDefault matches one <Default> entry of [Content_Types].xml.
var contentTypeDefault = regexp.MustCompile(`<Default [^>]*?(?:/>|></Default>)`)

// contentTypes is the part that names the content type of every other.
const contentTypes = "[Content_Types].xml"

// normalize rewrites the package so that equal workbooks are equal bytes:
// excelize writes the <Default> entries of [Content_Types].xml and the
// sheets it streamed in map order, so the entries are sorted, and the parts
// are put in order of name ([Content_Types].xml first, as is customary);
// every other part is copied unchanged, with the same (zero) timestamps,
// its compressed bytes as excelize wrote them. The package is written to
// w as it is made.
func normalize(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("normalize workbook: %w", err)
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		if (a.Name == contentTypes) != (b.Name == contentTypes) {
			if a.Name == contentTypes {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, zf := range files {
		if err := copyPart(zw, zf); err != nil {
			return fmt.Errorf("normalize workbook: %s: %w", zf.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("normalize workbook: %w", err)
	}
	return nil
}

// copyPart copies one part of the package into zw: [Content_Types].xml
// with its defaults sorted, any other part as it is compressed.
func copyPart(zw *zip.Writer, zf *zip.File) error {
	if zf.Name == contentTypes {
		content, err := readPart(zf)
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		_, err = w.Write(sortDefaults(content))
		return err
	}
	raw, err := zf.OpenRaw()
	if err != nil {
		return err
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: zf.Name, Method: zf.Method, CRC32: zf.CRC32,
		CompressedSize64: zf.CompressedSize64, UncompressedSize64: zf.UncompressedSize64})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, raw)
	return err
}

func readPart(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
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
