package json

import (
	"bufio"
	"bytes"
	stdjson "encoding/json"
	"io"
	"reflect"
	"strings"
)

// encodeStreaming writes doc as an encoding/json Encoder with HTML escaping
// off (and, unless compact, two-space indentation) writes it, byte for
// byte, but encodes the top-level arrays (controls, findings, subjects, …)
// one element at a time, so that the encoding of the whole document is
// never held in memory. The members are read from Document's fields and
// JSON tags, so a field added there is written here too. The arrays named
// in later are written from their deferred elements instead of doc's
// fields, each element built as it is written.
func encodeStreaming(w io.Writer, doc *Document, compact bool, later map[string]deferred) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	var raw, indented bytes.Buffer
	enc := stdjson.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	// value writes one value; prefix starts each of its lines but the first.
	value := func(v any, prefix string) error {
		raw.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		data := bytes.TrimSuffix(raw.Bytes(), []byte("\n"))
		if compact {
			_, err := bw.Write(data)
			return err
		}
		indented.Reset()
		if err := stdjson.Indent(&indented, data, prefix, "  "); err != nil {
			return err
		}
		_, err := bw.Write(indented.Bytes())
		return err
	}
	newline := func(prefix string) {
		if !compact {
			bw.WriteString("\n" + prefix)
		}
	}
	bw.WriteByte('{')
	dv := reflect.ValueOf(doc).Elem()
	dt := dv.Type()
	first := true
	for i := range dt.NumField() {
		f := dt.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fv := dv.Field(i)
		d, isDeferred := later[name]
		if strings.Contains(opts, "omitempty") && fv.IsZero() && (!isDeferred || d.n == 0) {
			continue
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		newline("  ")
		key, _ := stdjson.Marshal(name)
		bw.Write(key)
		bw.WriteByte(':')
		if !compact {
			bw.WriteByte(' ')
		}
		n, elem := d.n, d.at
		if !isDeferred && fv.Kind() == reflect.Slice {
			n, elem = fv.Len(), func(j int) any { return fv.Index(j).Addr().Interface() }
		}
		if n == 0 {
			var err error
			if isDeferred {
				_, err = bw.WriteString("[]")
			} else {
				err = value(fv.Interface(), "  ")
			}
			if err != nil {
				return err
			}
			continue
		}
		bw.WriteByte('[')
		for j := range n {
			if j > 0 {
				bw.WriteByte(',')
			}
			newline("    ")
			if err := value(elem(j), "    "); err != nil {
				return err
			}
		}
		newline("  ")
		bw.WriteByte(']')
	}
	newline("")
	bw.WriteString("}\n")
	return bw.Flush()
}
