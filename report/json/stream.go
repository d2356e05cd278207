package json

import (
	"bufio"
	"bytes"
	stdjson "encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/tollgate-dev/tollgate/internal/jsonindent"
)

// streamSentinel is the subject of the evaluation that stands for a
// control's evaluations while the rest of the control is encoded.
const streamSentinel = "tollgate-streamed-evaluations"

// encodeStreaming writes doc as an encoding/json Encoder with HTML escaping
// off (and, unless compact, two-space indentation) writes it, byte for
// byte, but encodes the top-level arrays (controls, findings, subjects, …)
// one element at a time, so that the encoding of the whole document is
// never held in memory. The members are read from Document's fields and
// JSON tags, so a field added there is written here too. The arrays named
// in later are written from their deferred elements instead of doc's
// fields, each element built as it is written. A control's evaluations are
// encoded one at a time too.
func encodeStreaming(w io.Writer, doc *Document, compact bool, later map[string]deferred) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	var raw bytes.Buffer
	var indented []byte
	enc := stdjson.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	var hand []byte // the encodings written by hand
	// encode encodes one value; prefix starts each of its lines but the
	// first. The encoding is valid until the next call.
	encode := func(v any, prefix string) ([]byte, error) {
		if e, ok := v.(*Evaluation); ok && !compact {
			hand = appendEvaluationIndented(hand[:0], e, prefix)
			return hand, nil
		}
		var data []byte
		if b, ok := appendCompact(hand[:0], v); ok {
			hand, data = b, b
		} else {
			raw.Reset()
			if err := enc.Encode(v); err != nil {
				return nil, err
			}
			data = bytes.TrimSuffix(raw.Bytes(), []byte("\n"))
		}
		if compact {
			return data, nil
		}
		indented = jsonindent.Append(indented[:0], data, prefix, "  ")
		return indented, nil
	}
	newline := func(prefix string) {
		if !compact {
			bw.WriteString("\n" + prefix)
		}
	}
	// control writes a control whose evaluations (a verdict per subject
	// judged) are encoded one at a time: the control is encoded with a
	// sentinel evaluation, whose encoding is then replaced by theirs.
	control := func(c *Control, prefix string) error {
		evs := c.Evaluations
		defer func() { c.Evaluations = evs }()
		inner := prefix + "    " // the control's members, then their elements
		sentinel := Evaluation{Subject: streamSentinel, Reasons: []Reason{}}
		mark, err := encode(&sentinel, inner)
		if err != nil {
			return err
		}
		mark = bytes.Clone(mark)
		c.Evaluations = []Evaluation{sentinel}
		skel, err := encode(c, prefix)
		if err != nil {
			return err
		}
		skel = bytes.Clone(skel)
		at := bytes.Index(skel, mark)
		if at < 0 || bytes.Contains(skel[at+1:], mark) {
			return fmt.Errorf("the evaluations of %s were not found once in its encoding", c.ID)
		}
		bw.Write(skel[:at])
		for i := range evs {
			if i > 0 {
				bw.WriteByte(',')
				newline(inner)
			}
			data, err := encode(&evs[i], inner)
			if err != nil {
				return err
			}
			bw.Write(data)
		}
		_, err = bw.Write(skel[at+len(mark):])
		return err
	}
	// value writes one value; prefix starts each of its lines but the first.
	value := func(v any, prefix string) error {
		if c, ok := v.(*Control); ok && len(c.Evaluations) > 1 {
			return control(c, prefix)
		}
		data, err := encode(v, prefix)
		if err != nil {
			return err
		}
		_, err = bw.Write(data)
		return err
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
