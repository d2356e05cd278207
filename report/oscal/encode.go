package oscal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"
)

// uuidPlaceholder stands for a document's UUID while the document is
// encoded: it has a UUID's length, so the UUID derived from the encoding
// replaces it in place.
const uuidPlaceholder = "00000000-0000-0000-0000-000000000000"

// uuidTail ends the compact encoding of a model whose UUID is the
// placeholder: go-oscal orders fields by name, so "uuid" is the model's
// last field.
var uuidTail = []byte(`"uuid":"` + uuidPlaceholder + `"}}` + "\n")

// encodeModel encodes doc, a model whose UUID *uuid is still unset, to
// compact JSON once, derives the UUID from that encoding and writes it in.
// The UUID is the one contentUUID gives the model (the digest of the model
// as json.Marshal writes it with an empty UUID), without encoding the
// document a second time.
func encodeModel(kind string, doc oscalTypes.OscalModels, uuid *string) ([]byte, error) {
	*uuid = uuidPlaceholder
	defer func() { *uuid = "" }()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encode OSCAL document: %w", err)
	}
	data := buf.Bytes()
	open := bytes.IndexByte(data, ':') + 1 // past {"<model>":
	if open <= 0 || !bytes.HasSuffix(data, uuidTail) {
		return nil, fmt.Errorf("encode OSCAL document: %s: no document UUID where one was expected", kind)
	}
	start := len(data) - len(uuidTail) + len(`"uuid":"`)
	h := sha256.New()
	hw := htmlEscaper{w: h}
	hw.Write(data[open:start])
	h.Write([]byte(`"}`))
	id := id(kind, hex.EncodeToString(h.Sum(nil)))
	copy(data[start:start+len(uuidPlaceholder)], id)
	*uuid = id
	return data, nil
}

// array is a large array of a document (risks, observations, POA&M
// items), which writeModel encodes element by element instead of holding
// the encoding of the whole document.
type array interface {
	// install replaces the array with a single sentinel element whose UUID
	// is marker, and returns the compact encoding of that one-element array
	// and a function that puts the array back.
	install(marker string) ([]byte, func(), error)
	// len is the number of elements (before install).
	len() int
	// write encodes element i compactly, handing its encoding to out in
	// pieces and shared parts whose concatenation is the encoding. A piece
	// ends only where an element of a nested array that holds objects
	// ends, or where a shared part (see sharedPart) starts or ends, so
	// that layout, which keeps its state between pieces, lays them out as
	// it would the whole. enc encodes into buf.
	write(enc *json.Encoder, buf *bytes.Buffer, i int, out elementOut) error
}

// elementOut takes the compact encoding of an array's element, in order.
type elementOut interface {
	// piece takes bytes of the encoding.
	piece(p []byte)
	// shared takes a part shared between elements, in place of its
	// compact encoding.
	shared(p *sharedPart)
}

// encodeWhole encodes v to enc (which writes to buf) and hands out the
// whole encoding.
func encodeWhole(enc *json.Encoder, buf *bytes.Buffer, v any, out elementOut) error {
	buf.Reset()
	if err := enc.Encode(v); err != nil {
		return err
	}
	out.piece(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return nil
}

// sliceArray is an array held in a slice of a go-oscal type.
type sliceArray[T any] struct {
	s       *[]T
	setUUID func(*T, string)
	items   []T
	// appendElem and w are as in lazyArray.
	appendElem func(w *objectWriter, v *T)
	w          objectWriter
}

// streamArray streams the slice *s, whose elements' UUIDs setUUID sets
// and which appendElem encodes; a nil s is an absent array.
func streamArray[T any](s *[]T, setUUID func(*T, string), appendElem func(*objectWriter, *T)) array {
	if s == nil {
		return nil
	}
	return &sliceArray[T]{s: s, setUUID: setUUID, appendElem: appendElem}
}

func (a *sliceArray[T]) len() int { return len(*a.s) }

func (a *sliceArray[T]) install(marker string) ([]byte, func(), error) {
	a.items = *a.s
	return installSentinel(a.s, a.setUUID, marker, func() { *a.s = a.items })
}

func (a *sliceArray[T]) write(enc *json.Encoder, buf *bytes.Buffer, i int, out elementOut) error {
	if writeByHand(&a.w, a.appendElem, &a.items[i], out) {
		return nil
	}
	return encodeWhole(enc, buf, &a.items[i], out)
}

// writeByHand encodes v with appendElem, when there is one, to w and hands
// it to out; it reports false, having handed out nothing, when v is to be
// encoded by encoding/json instead.
func writeByHand[T any](w *objectWriter, appendElem func(*objectWriter, *T), v *T, out elementOut) bool {
	if appendElem == nil {
		return false
	}
	w.reset()
	if appendElem(w, v); !w.ok {
		return false
	}
	w.emit(out)
	return true
}

// lazyArray is an array whose elements are built only when encoded, one at
// a time, so that the document never holds them all.
type lazyArray[T any] struct {
	s       *[]T
	n       int
	gen     func(int) T
	setUUID func(*T, string)
	// appendElem, when set, writes an element's compact encoding by hand
	// (see objectWriter.risk) to w, or leaves w.ok false for one it cannot
	// encode.
	appendElem func(w *objectWriter, v *T)
	// w is what appendElem writes to: it keeps its buffer and the
	// document's shared parts from one element to the next.
	w objectWriter
	// parts, when set, builds element i into v with its subject
	// references left out (an observation lists every subject a control
	// judged), and returns where the element holds them and the references
	// themselves, which write then builds and encodes one at a time.
	parts func(i int, v *T) (**[]oscalTypes.SubjectReference, subjectRefs)
}

func (a *lazyArray[T]) len() int { return a.n }

func (a *lazyArray[T]) install(marker string) ([]byte, func(), error) {
	return installSentinel(a.s, a.setUUID, marker, func() { *a.s = nil })
}

// installSentinel puts in *s a single element whose UUID is marker, and
// returns that one-element array encoded (without its newline) with restore,
// which puts back what the document held; on an encoding error it restores
// at once.
func installSentinel[T any](s *[]T, setUUID func(*T, string), marker string, restore func()) ([]byte, func(), error) {
	var sentinel T
	setUUID(&sentinel, marker)
	*s = []T{sentinel}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(*s); err != nil {
		restore()
		return nil, nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), restore, nil
}

func (a *lazyArray[T]) write(enc *json.Encoder, buf *bytes.Buffer, i int, out elementOut) error {
	if a.parts == nil {
		v := a.gen(i)
		if writeByHand(&a.w, a.appendElem, &v, out) {
			return nil
		}
		return encodeWhole(enc, buf, &v, out)
	}
	var v T
	slot, refs := a.parts(i, &v)
	if refs.n < 2 {
		if refs.n == 1 {
			*slot = &[]oscalTypes.SubjectReference{refs.ref(0, nil)}
		}
		return encodeWhole(enc, buf, &v, out)
	}
	// Encode the element with a sentinel in place of its references,
	// then hand out the references' encodings where the sentinel's was.
	sentinel := oscalTypes.SubjectReference{SubjectUuid: uuidPlaceholder, Type: "tollgate-streamed-subjects"}
	var mark bytes.Buffer
	markEnc := json.NewEncoder(&mark)
	markEnc.SetEscapeHTML(false)
	if err := markEnc.Encode(&sentinel); err != nil {
		return err
	}
	marker := bytes.TrimSuffix(mark.Bytes(), []byte("\n"))
	*slot = &[]oscalTypes.SubjectReference{sentinel}
	buf.Reset()
	if err := enc.Encode(&v); err != nil {
		return err
	}
	data := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	at := bytes.Index(data, marker)
	if at < 0 || bytes.Contains(data[at+1:], marker) {
		return fmt.Errorf("the subjects of an element were not found once in its encoding")
	}
	out.piece(data[:at])
	// The references are handed out several at a time, each piece ending
	// where a reference does; a shared reference is handed out alone.
	var batch []byte
	var scratch []oscalTypes.Property
	for j := range refs.n {
		if j > 0 {
			batch = append(batch, ',')
		}
		if part := refs.shared(j); part != nil {
			if len(batch) > 0 {
				out.piece(batch)
				batch = batch[:0]
			}
			out.shared(part)
			continue
		}
		ref := refs.ref(j, &scratch)
		start := len(batch)
		var ok bool
		if batch, ok = appendSubjectRef(batch, &ref); !ok {
			mark.Reset()
			withLinks := ref // only this copy reaches the heap
			if err := markEnc.Encode(&withLinks); err != nil {
				return err
			}
			batch = append(batch[:start], bytes.TrimSuffix(mark.Bytes(), []byte("\n"))...)
		}
		if len(batch) >= refBatch {
			out.piece(batch)
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		out.piece(batch)
	}
	out.piece(data[at+len(marker):])
	return nil
}

// refBatch is about how many bytes of subject references write hands out
// at a time.
const refBatch = 32 << 10

// list is where a document holds the array: the slice that install and
// all fill, or nil (an absent OSCAL array) when the array is empty.
func (a *lazyArray[T]) list() *[]T {
	if a.n == 0 {
		return nil
	}
	return a.s
}

// all builds every element.
func (a *lazyArray[T]) all() []T {
	out := make([]T, a.n)
	for i := range out {
		out[i] = a.gen(i)
	}
	return out
}

// writeModel writes doc, a model whose UUID *uuid is still unset, to w
// laid out (see layout), with the UUID encodeModel would give it. The
// arrays, parts of doc, are encoded one element at a time as they are
// written, so the encoding of the document is never held whole: the rest
// of the document is encoded with a sentinel in place of each array, and
// the sentinels are replaced as the layout reaches them. The digest the
// UUID derives from is taken as the document is written; the UUID, the
// model's last field, is written last.
func writeModel(w io.Writer, kind string, doc oscalTypes.OscalModels, uuid *string, arrays ...array) error {
	*uuid = ""
	type splice struct {
		a    array
		n    int
		text []byte
	}
	var splices []splice
	for k, a := range arrays {
		if a == nil || a.len() == 0 {
			continue
		}
		n := a.len()
		text, restore, err := a.install(fmt.Sprintf("tollgate-streamed-array-%d", k))
		if err != nil {
			return fmt.Errorf("encode OSCAL document: %w", err)
		}
		defer restore()
		splices = append(splices, splice{a, n, text})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode OSCAL document: %w", err)
	}
	skel := buf.Bytes()
	open := bytes.IndexByte(skel, ':') + 1 // past {"<model>":
	const emptyTail = `"uuid":""}}` + "\n"
	if open <= 0 || !bytes.HasSuffix(skel, []byte(emptyTail)) {
		return fmt.Errorf("encode OSCAL document: %s: no document UUID where one was expected", kind)
	}
	uuidAt := len(skel) - len(`""}}`+"\n")

	l := &layouter{dst: w, out: make([]byte, 0, flushAt+64<<10)}
	h := sha256.New()
	hashed := htmlEscaper{w: h}
	out := docOut{l: l, hashed: hashed}
	last := open // skel[open:last] is hashed
	var elem bytes.Buffer
	elemEnc := json.NewEncoder(&elem)
	elemEnc.SetEscapeHTML(false)
	var err error
	hooks := map[int]func() int{}
	for _, sp := range splices {
		at := bytes.Index(skel, sp.text)
		if at < 0 || bytes.Index(skel[at+1:], sp.text) >= 0 {
			return fmt.Errorf("encode OSCAL document: %s: a streamed array was not found once", kind)
		}
		hooks[at] = func() int {
			hashed.Write(skel[last:at])
			h.Write([]byte("["))
			l.write("[")
			l.depth++
			for i := range sp.n {
				if i > 0 {
					l.write(",")
					h.Write([]byte(","))
				}
				l.newline()
				e := sp.a.write(elemEnc, &elem, i, out)
				if e != nil && err == nil {
					err = e
				}
			}
			l.depth--
			l.newline()
			l.write("]")
			h.Write([]byte("]"))
			last = at + len(sp.text)
			return last
		}
	}
	hooks[uuidAt] = func() int {
		hashed.Write(skel[last:uuidAt])
		h.Write([]byte(`""}`))
		*uuid = id(kind, hex.EncodeToString(h.Sum(nil)))
		l.write(`"` + *uuid + `"`)
		return uuidAt + len(`""`)
	}
	l.run(skel, hooks)
	if err != nil {
		return fmt.Errorf("encode OSCAL document: %w", err)
	}
	return l.flush()
}

// docOut lays out the elements of a document's arrays and adds them to
// the digest of its compact encoding.
type docOut struct {
	l      *layouter
	hashed htmlEscaper
}

// escapedHTML is what htmlEscaper writes for p: p itself when it holds no
// character to escape.
func escapedHTML(p []byte) []byte {
	if bytes.IndexByte(p, '<') < 0 && bytes.IndexByte(p, '>') < 0 && bytes.IndexByte(p, '&') < 0 {
		return p
	}
	var buf bytes.Buffer
	htmlEscaper{w: &buf}.Write(p)
	return buf.Bytes()
}

func (o docOut) piece(p []byte) {
	o.l.run(p, nil)
	o.hashed.Write(p)
}

func (o docOut) shared(p *sharedPart) {
	o.l.insert(p.laidAt(o.l.depth))
	if p.escaped == nil {
		p.escaped = escapedHTML(p.compact)
	}
	o.hashed.w.Write(p.escaped)
}

// htmlEscaper writes JSON as json.Marshal would have written it with HTML
// escaping: '<', '>' and '&', which JSON allows only inside strings, become
// \u003c, \u003e and \u0026. It writes to a hash or a buffer, which never
// fail.
type htmlEscaper struct{ w io.Writer }

var (
	escapedLT  = []byte(`\u003c`)
	escapedGT  = []byte(`\u003e`)
	escapedAmp = []byte(`\u0026`)
)

func (e htmlEscaper) Write(p []byte) {
	// The next '<', '>' and '&' at or after last, len(p) for none.
	next := func(c byte, from int) int {
		if i := bytes.IndexByte(p[from:], c); i >= 0 {
			return from + i
		}
		return len(p)
	}
	lt, gt, amp := next('<', 0), next('>', 0), next('&', 0)
	last := 0
	for {
		i := min(lt, gt, amp)
		if i == len(p) {
			break
		}
		e.w.Write(p[last:i])
		switch p[i] {
		case '<':
			e.w.Write(escapedLT)
			lt = next('<', i+1)
		case '>':
			e.w.Write(escapedGT)
			gt = next('>', i+1)
		default:
			e.w.Write(escapedAmp)
			amp = next('&', i+1)
		}
		last = i + 1
	}
	e.w.Write(p[last:])
}
