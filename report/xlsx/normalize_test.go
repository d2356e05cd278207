package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"testing"
)

// TestNormalizeKeepsPartsAndSortsDefaults checks that normalizing a
// package keeps every part's name and content, puts the parts in order of
// name after [Content_Types].xml, sorts the <Default> entries of
// [Content_Types].xml, and gives the same bytes for packages that differ
// only in the order of those entries and of their parts.
func TestNormalizeKeepsPartsAndSortsDefaults(t *testing.T) {
	sheet := bytes.Repeat([]byte(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), 200)
	type part struct {
		name string
		data []byte
	}
	pkg := func(defaults string, reversed bool) []byte {
		parts := []part{
			{"[Content_Types].xml", []byte(`<Types>` + defaults + `<Override PartName="/xl/workbook.xml"/></Types>`)},
			{"xl/worksheets/sheet1.xml", sheet},
			{"docProps/app.xml", []byte(`<Properties/>`)},
		}
		if reversed {
			slices.Reverse(parts)
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, p := range parts {
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
	a, err := normalized(pkg(`<Default Extension="xml" ContentType="x"/><Default Extension="rels" ContentType="r"/>`, false))
	if err != nil {
		t.Fatal(err)
	}
	b, err := normalized(pkg(`<Default Extension="rels" ContentType="r"/><Default Extension="xml" ContentType="x"/>`, true))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("packages differing only in the order of <Default> entries and parts normalize to different bytes")
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
	order := []string{"[Content_Types].xml", "docProps/app.xml", "xl/worksheets/sheet1.xml"}
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

// normalized is the package normalize writes for data.
func normalized(data []byte) ([]byte, error) {
	var out bytes.Buffer
	err := normalize(&out, data)
	return out.Bytes(), err
}
