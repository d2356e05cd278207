package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// TestNormalizeKeepsPartsAndSortsDefaults checks that normalizing a
// package keeps every part's name, order and content, sorts the <Default>
// entries of [Content_Types].xml, and gives the same bytes for packages
// that differ only in the order of those entries.
func TestNormalizeKeepsPartsAndSortsDefaults(t *testing.T) {
	sheet := bytes.Repeat([]byte(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), 200)
	pkg := func(defaults string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, p := range []struct {
			name string
			data []byte
		}{
			{"[Content_Types].xml", []byte(`<Types>` + defaults + `<Override PartName="/xl/workbook.xml"/></Types>`)},
			{"xl/worksheets/sheet1.xml", sheet},
			{"docProps/app.xml", []byte(`<Properties/>`)},
		} {
			w, err := zw.Create(p.name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(p.data)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, err := normalize(pkg(`<Default Extension="xml" ContentType="x"/><Default Extension="rels" ContentType="r"/>`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := normalize(pkg(`<Default Extension="rels" ContentType="r"/><Default Extension="xml" ContentType="x"/>`))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("packages differing only in the order of <Default> entries normalize to different bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"[Content_Types].xml":      `<Types><Default Extension="rels" ContentType="r"/><Default Extension="xml" ContentType="x"/><Override PartName="/xl/workbook.xml"/></Types>`,
		"xl/worksheets/sheet1.xml": string(sheet),
		"docProps/app.xml":         `<Properties/>`,
	}
	order := []string{"[Content_Types].xml", "xl/worksheets/sheet1.xml", "docProps/app.xml"}
	if len(zr.File) != len(order) {
		t.Fatalf("%d parts, want %d", len(zr.File), len(order))
	}
	for i, zf := range zr.File {
		if zf.Name != order[i] {
			t.Errorf("part %d is %s, want %s", i, zf.Name, order[i])
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // checks the CRC too
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		if string(got) != want[zf.Name] {
			t.Errorf("%s = %q, want %q", zf.Name, got, want[zf.Name])
		}
	}
}
