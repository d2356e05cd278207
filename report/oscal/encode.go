package oscal

import (
	"bufio"
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

// writeModel encodes doc (see encodeModel) and writes it to w laid out
// (see layout), without holding a second copy of the document.
func writeModel(w io.Writer, kind string, doc oscalTypes.OscalModels, uuid *string) error {
	data, err := encodeModel(kind, doc, uuid)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	layout(bw, data)
	return bw.Flush()
}

// htmlEscaper writes JSON as json.Marshal would have written it with HTML
// escaping: '<', '>' and '&', which JSON allows only inside strings, become
// \u003c, \u003e and \u0026. It writes to a hash, which never fails.
type htmlEscaper struct{ w io.Writer }

func (e htmlEscaper) Write(p []byte) {
	last := 0
	for i, c := range p {
		var esc string
		switch c {
		case '<':
			esc = `\u003c`
		case '>':
			esc = `\u003e`
		case '&':
			esc = `\u0026`
		default:
			continue
		}
		e.w.Write(p[last:i])
		io.WriteString(e.w, esc)
		last = i + 1
	}
	e.w.Write(p[last:])
}
