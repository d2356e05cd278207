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

// evaluationRun is how many evaluations are encoded into one buffer before
// it is written (or, on several goroutines, at most one work item holds).
const evaluationRun = 1024

// encoder is one goroutine's state for encoding the values of
// results.json: an encoding/json Encoder with HTML escaping off, and the
// buffers of the hand encoders and of the indentation.
type encoder struct {
	compact  bool
	raw      bytes.Buffer
	enc      *stdjson.Encoder
	hand     []byte   // the encodings written by hand
	reasons  []Reason // the reasons of the evaluation being encoded
	indented []byte
}

// newEncoder returns an encoder for the compact or indented document.
func newEncoder(compact bool) *encoder {
	e := &encoder{compact: compact}
	e.enc = stdjson.NewEncoder(&e.raw)
	e.enc.SetEscapeHTML(false)
	return e
}

// encode encodes one value; prefix starts each of its lines but the first.
// The encoding is valid until the next call.
func (e *encoder) encode(v any, prefix string) ([]byte, error) {
	if ev, ok := v.(*Evaluation); ok && !e.compact {
		e.hand = appendEvaluationIndented(e.hand[:0], ev, prefix)
		return e.hand, nil
	}
	var data []byte
	if b, ok := appendCompact(e.hand[:0], v); ok {
		e.hand, data = b, b
	} else {
		e.raw.Reset()
		if err := e.enc.Encode(v); err != nil {
			return nil, err
		}
		data = bytes.TrimSuffix(e.raw.Bytes(), []byte("\n"))
	}
	if e.compact {
		return data, nil
	}
	e.indented = jsonindent.Append(e.indented[:0], data, prefix, "  ")
	return e.indented, nil
}

// appendEvaluations appends evaluations lo to hi of l, each but the
// control's first after a comma and (indented) a new line and prefix.
func (e *encoder) appendEvaluations(dst []byte, l evalList, lo, hi int, prefix string) []byte {
	for k := lo; k < hi; k++ {
		if k > 0 {
			dst = append(dst, ',')
			if !e.compact {
				dst = append(dst, '\n')
				dst = append(dst, prefix...)
			}
		}
		ev := l.at(k, e.reasons)
		if len(ev.Reasons) > 0 {
			e.reasons = ev.Reasons
		}
		if e.compact {
			dst = appendEvaluation(dst, &ev)
		} else {
			dst = appendEvaluationIndented(dst, &ev, prefix)
		}
	}
	return dst
}

// sink receives results.json from layout, in document order.
type sink interface {
	// text writes s as it is.
	text(s string)
	// element writes the encoding of at(i); prefix starts each of its
	// lines but the first.
	element(at func(int) any, i int, prefix string) error
	// appended writes what appendAt appends for element i.
	appended(appendAt func([]byte, int, string, bool) []byte, i int, prefix string) error
	// evaluations writes a control's evaluations, separated by commas
	// (and, indented, new lines starting with prefix).
	evaluations(l evalList, prefix string) error
}

// encodeStreaming writes doc as an encoding/json Encoder with HTML escaping
// off (and, unless compact, two-space indentation) writes it, byte for
// byte, on the calling goroutine alone (see layout).
func encodeStreaming(w io.Writer, doc *Document, compact bool, later map[string]deferred) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	if err := layout(doc, compact, later, &streamSink{bw: bw, enc: newEncoder(compact)}); err != nil {
		return err
	}
	return bw.Flush()
}

// streamSink encodes each part of the document as it comes and writes it.
type streamSink struct {
	bw      *bufio.Writer
	enc     *encoder
	scratch []byte
}

func (s *streamSink) text(t string) { s.bw.WriteString(t) }

func (s *streamSink) element(at func(int) any, i int, prefix string) error {
	data, err := s.enc.encode(at(i), prefix)
	if err != nil {
		return err
	}
	_, err = s.bw.Write(data)
	return err
}

func (s *streamSink) appended(appendAt func([]byte, int, string, bool) []byte, i int, prefix string) error {
	s.scratch = appendAt(s.scratch[:0], i, prefix, s.enc.compact)
	_, err := s.bw.Write(s.scratch)
	return err
}

func (s *streamSink) evaluations(l evalList, prefix string) error {
	for lo := 0; lo < len(l.evals); lo += evaluationRun {
		s.scratch = s.enc.appendEvaluations(s.scratch[:0], l, lo, min(lo+evaluationRun, len(l.evals)), prefix)
		if _, err := s.bw.Write(s.scratch); err != nil {
			return err
		}
	}
	return nil
}

// layout hands doc to out in document order, as an encoding/json Encoder
// with HTML escaping off (and, unless compact, two-space indentation)
// writes it, but with the top-level arrays (controls, findings, subjects,
// …) one element at a time, so that the encoding of the whole document is
// never held in memory. The members are read from Document's fields and
// JSON tags, so a field added there is written here too. The arrays named
// in later are written from their deferred elements instead of doc's
// fields, each element built as it is encoded. A control's evaluations are
// handed over apart from the rest of the control.
func layout(doc *Document, compact bool, later map[string]deferred, out sink) error {
	l := &layouter{out: out, compact: compact, enc: newEncoder(compact)}
	out.text("{")
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
			out.text(",")
		}
		first = false
		l.newline("  ")
		key, _ := stdjson.Marshal(name)
		out.text(string(key))
		out.text(":")
		if !compact {
			out.text(" ")
		}
		if err := l.member(fv, d, isDeferred); err != nil {
			return err
		}
	}
	l.newline("")
	out.text("}\n")
	return nil
}

// layouter is layout's state.
type layouter struct {
	out     sink
	compact bool
	enc     *encoder // for the controls' skeletons
}

// newline starts a new line with prefix, unless compact.
func (l *layouter) newline(prefix string) {
	if !l.compact {
		l.out.text("\n")
		l.out.text(prefix)
	}
}

// member writes the value of one top-level member: fv, or the elements of
// d when isDeferred.
func (l *layouter) member(fv reflect.Value, d deferred, isDeferred bool) error {
	n, elem := d.n, d.at
	if !isDeferred && fv.Kind() == reflect.Slice {
		n, elem = fv.Len(), func(j int) any { return fv.Index(j).Addr().Interface() }
	}
	if n == 0 {
		if isDeferred {
			l.out.text("[]")
			return nil
		}
		return l.out.element(func(int) any { return fv.Interface() }, 0, "  ")
	}
	l.out.text("[")
	for j := range n {
		if j > 0 {
			l.out.text(",")
		}
		l.newline("    ")
		var err error
		if d.evaluations != nil {
			c, evs := d.evaluations(j)
			err = l.control(c, evs, "    ")
		} else if d.appendAt != nil {
			err = l.out.appended(d.appendAt, j, "    ")
		} else {
			err = l.out.element(elem, j, "    ")
		}
		if err != nil {
			return err
		}
	}
	l.newline("  ")
	l.out.text("]")
	return nil
}

// control writes a control whose evaluations (a verdict per subject
// judged) are handed over apart: the control is encoded with a sentinel
// evaluation, whose encoding is then replaced by theirs.
func (l *layouter) control(c *Control, evs evalList, prefix string) error {
	if len(evs.evals) == 0 {
		return l.out.element(func(int) any { return c }, 0, prefix)
	}
	inner := prefix + "    " // the control's members, then their elements
	sentinel := Evaluation{Subject: streamSentinel, Reasons: []Reason{}}
	mark, err := l.enc.encode(&sentinel, inner)
	if err != nil {
		return err
	}
	mark = bytes.Clone(mark)
	c.Evaluations = []Evaluation{sentinel}
	skel, err := l.enc.encode(c, prefix)
	if err != nil {
		return err
	}
	at := bytes.Index(skel, mark)
	if at < 0 || bytes.Contains(skel[at+1:], mark) {
		return fmt.Errorf("the evaluations of %s were not found once in its encoding", c.ID)
	}
	rest := string(skel[at+len(mark):])
	l.out.text(string(skel[:at]))
	if err := l.out.evaluations(evs, inner); err != nil {
		return err
	}
	l.out.text(rest)
	return nil
}
