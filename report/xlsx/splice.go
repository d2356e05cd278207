package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// sheetBodies are the rows of streamed sheets that are written straight
// into the package as it is written, by the path of each sheet's part.
// excelize streams the rest of such a sheet (its properties, columns,
// header row, filter, validations and print setup); the rows are put in
// place of the end of its sheetData. That way the rows are made as the
// package is compressed, never held (excelize keeps a streamed sheet in a
// buffer and a temporary file until the workbook is written), and each
// cell costs only its XML (see rowEncoder).
type sheetBodies map[string]func(io.Writer) error

// sheetPart is the path of the part of the sheet with the given ID, as
// excelize names the parts of the sheets it adds.
func sheetPart(sheetID int) string {
	return "xl/worksheets/sheet" + strconv.Itoa(sheetID) + ".xml"
}

// endOfSheetData is where a sheet's rows end.
var endOfSheetData = []byte("</sheetData>")

// splicingZip is the workbook's zip writer when sheets have bodies: it
// holds each such sheet's part as excelize writes it, and when the part
// is complete (the next part is created, or the package closed) writes it
// with the rows in place.
type splicingZip struct {
	excelize.ZipWriter
	bodies sheetBodies
	// part is the sheet part being written, and held its start.
	part io.Writer
	name string
	held bytes.Buffer
}

func (z *splicingZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	w, err := z.ZipWriter.Create(name)
	if err != nil {
		return nil, err
	}
	if _, ok := z.bodies[name]; !ok {
		return w, nil
	}
	z.part, z.name = w, name
	z.held.Reset()
	return &z.held, nil
}

func (z *splicingZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	if len(z.bodies) > 0 {
		// The workbook has no part for a sheet whose rows were made: its
		// part was named other than sheetPart expects.
		missing := make([]string, 0, len(z.bodies))
		for name := range z.bodies {
			missing = append(missing, name)
		}
		sort.Strings(missing)
		return fmt.Errorf("no part %s to write rows into", missing[0])
	}
	return z.ZipWriter.Close()
}

// finish writes the held part, if any, with its rows.
func (z *splicingZip) finish() error {
	if z.part == nil {
		return nil
	}
	part, name := z.part, z.name
	z.part = nil
	body := z.bodies[name]
	delete(z.bodies, name)
	held := z.held.Bytes()
	end := bytes.Index(held, endOfSheetData)
	if end < 0 {
		return fmt.Errorf("%s: no sheetData to write rows into", name)
	}
	if _, err := part.Write(held[:end]); err != nil {
		return err
	}
	if err := body(part); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	_, err := part.Write(held[end:])
	return err
}
