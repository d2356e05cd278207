package json

import (
	"bufio"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/tollgate-dev/tollgate/assess"
)

// A large results.json is encoded on several goroutines: layout, on one
// goroutine, cuts the document into chunks of a bounded amount of work (the
// text between values, a few top-level elements, a run of a control's
// evaluations); encoders, one per core, each with its own encoder state,
// build and encode the chunks' values; the calling goroutine writes the
// finished chunks in document order. At most a few chunks per encoder are
// in flight, so the document is never held whole, and the bytes are those
// encodeStreaming writes.

const (
	// chunkUnits is the work a chunk holds before it is handed over: an
	// evaluation counts one, another element elementUnits (a finding or a
	// subject encodes to a few times an evaluation's bytes).
	chunkUnits   = 1024
	elementUnits = 4
	// parallelUnits is the least work, in evaluations and subjects, that
	// is encoded on several goroutines; below it, and on one core, the
	// document is written on the calling goroutine.
	parallelUnits = 8192
)

// encoders is how many goroutines encode r's results.json: one for a small
// document, else asked (see Options.Encoders), by default one per core.
func encoders(r *assess.Results, asked int) int {
	units := len(r.Subjects)
	for i := range r.Controls {
		units += len(r.Controls[i].Evaluations)
	}
	switch {
	case units < parallelUnits:
		return 1
	case asked > 0:
		return asked
	}
	return runtime.GOMAXPROCS(0)
}

// encodeDocument writes doc with n encoders (see encodeStreaming): on the
// calling goroutine for n < 2, else as chunks of chunkUnits.
func encodeDocument(w io.Writer, doc *Document, compact bool, later map[string]deferred, n int) error {
	if n < 2 {
		return encodeStreaming(w, doc, compact, later)
	}
	return encodeParallel(w, doc, compact, later, n, chunkUnits)
}

// errStopped ends the layout and the encoders once writing has failed.
var errStopped = errors.New("results.json: writing stopped")

// chunk is a part of the document, encoded by one encoder.
type chunk struct {
	parts []part
	units int
	buf   []byte        // the encoding, once done is closed
	err   error         // why buf is not the encoding
	done  chan struct{} // closed when buf (or err) is final
}

// part is text, then one element or a run of a control's evaluations, or
// neither.
type part struct {
	text []byte
	at   func(int) any // the element is at(i)
	// appendAt, when set instead of at, appends element i.
	appendAt func([]byte, int, string, bool) []byte
	i        int
	evals    evalList // the run is evaluations lo to hi of evals
	lo, hi   int
	prefix   string
}

// closed reports whether p holds its element or run, after which no text
// is added to it.
func (p *part) closed() bool { return p.at != nil || p.appendAt != nil || p.hi > p.lo }

// open is the part text is added to: the last, if it holds nothing yet,
// else a new one (reusing the text buffer of a recycled part).
func (c *chunk) open() *part {
	n := len(c.parts)
	if n > 0 && !c.parts[n-1].closed() {
		return &c.parts[n-1]
	}
	if n < cap(c.parts) {
		c.parts = c.parts[:n+1]
		c.parts[n] = part{text: c.parts[n].text[:0]}
	} else {
		c.parts = append(c.parts, part{})
	}
	return &c.parts[n]
}

// encodeInto encodes c's parts into c.buf with e.
func (e *encoder) encodeInto(c *chunk) {
	buf := c.buf[:0]
	for i := range c.parts {
		p := &c.parts[i]
		buf = append(buf, p.text...)
		switch {
		case p.at != nil:
			data, err := e.encode(p.at(p.i), p.prefix)
			if err != nil {
				c.buf, c.err = buf, err
				return
			}
			buf = append(buf, data...)
		case p.appendAt != nil:
			buf = p.appendAt(buf, p.i, p.prefix, e.compact)
		case p.hi > p.lo:
			buf = e.appendEvaluations(buf, p.evals, p.lo, p.hi, p.prefix)
		}
	}
	c.buf = buf
}

// encodeParallel writes doc as encodeStreaming does, with n encoders and
// chunks of about units of work.
func encodeParallel(w io.Writer, doc *Document, compact bool, later map[string]deferred, n, units int) error {
	return newChunker(n, units).run(w, doc, compact, later)
}

// newChunker returns a chunker for n encoders and chunks of about units of
// work. At most 3n+2 chunks exist at once: n waiting for an encoder, n
// being encoded, n waiting for the writer, one being written and one being
// filled.
func newChunker(n, units int) *chunker {
	return &chunker{
		n:     n,
		units: units,
		jobs:  make(chan *chunk, n),
		order: make(chan *chunk, n),
		free:  make(chan *chunk, 3*n+2),
		quit:  make(chan struct{}),
	}
}

// run writes doc to w with s's encoders.
func (s *chunker) run(w io.Writer, doc *Document, compact bool, later map[string]deferred) error {
	s.cur = s.next()
	var wg sync.WaitGroup
	for range s.n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.work(newEncoder(compact))
		}()
	}
	go s.produce(doc, compact, later)
	err := s.write(bufio.NewWriterSize(w, 256<<10))
	wg.Wait()
	return err
}

// chunker cuts the document into chunks and passes them to the encoders
// and, in document order, to the writer.
type chunker struct {
	n     int // encoders
	units int
	cur   *chunk
	// made and handed count the chunks made and handed over, for the
	// tests.
	made, handed int
	jobs         chan *chunk // to the encoders
	order        chan *chunk // to the writer, in document order
	free         chan *chunk // written chunks, for reuse
	quit         chan struct{}
}

// produce lays doc out into chunks; a layout error reaches the writer in
// its place in the document.
func (s *chunker) produce(doc *Document, compact bool, later map[string]deferred) {
	defer close(s.order)
	defer close(s.jobs)
	err := layout(doc, compact, later, s)
	if err == nil {
		err = s.flush()
	}
	if err != nil && !errors.Is(err, errStopped) {
		c := &chunk{err: err, done: make(chan struct{})}
		close(c.done)
		select {
		case s.order <- c:
		case <-s.quit:
		}
	}
}

// work encodes chunks with e until there are no more; once writing has
// stopped, it only marks them done.
func (s *chunker) work(e *encoder) {
	for c := range s.jobs {
		select {
		case <-s.quit:
			c.err = errStopped
		default:
			e.encodeInto(c)
		}
		close(c.done)
	}
}

// write writes the chunks in document order as they are done. On the
// first error it stops the layout and the encoders, and waits for the
// chunks already handed out.
func (s *chunker) write(bw *bufio.Writer) error {
	var err error
	for c := range s.order {
		<-c.done
		if err == nil {
			err = c.err
			if err == nil {
				_, err = bw.Write(c.buf)
			}
			if err != nil {
				close(s.quit)
			}
		}
		select {
		case s.free <- c:
		default:
		}
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// next is an empty chunk, a written one when there is one.
func (s *chunker) next() *chunk {
	select {
	case c := <-s.free:
		c.parts, c.units, c.err = c.parts[:0], 0, nil
		return c
	default:
		s.made++
		return &chunk{}
	}
}

// flush hands the current chunk to the encoders and the writer.
func (s *chunker) flush() error {
	c := s.cur
	c.done = make(chan struct{})
	select {
	case s.jobs <- c:
	case <-s.quit:
		return errStopped
	}
	select {
	case s.order <- c:
	case <-s.quit:
		return errStopped
	}
	s.handed++
	s.cur = s.next()
	return nil
}

// add counts units of work into the current chunk, handing it over when
// it is full.
func (s *chunker) add(units int) error {
	s.cur.units += units
	if s.cur.units < s.units {
		return nil
	}
	return s.flush()
}

func (s *chunker) text(t string) {
	p := s.cur.open()
	p.text = append(p.text, t...)
}

func (s *chunker) element(at func(int) any, i int, prefix string) error {
	p := s.cur.open()
	p.at, p.i, p.prefix = at, i, prefix
	return s.add(elementUnits)
}

func (s *chunker) appended(appendAt func([]byte, int, string, bool) []byte, i int, prefix string) error {
	p := s.cur.open()
	p.appendAt, p.i, p.prefix = appendAt, i, prefix
	return s.add(elementUnits)
}

func (s *chunker) evaluations(l evalList, prefix string) error {
	for lo := 0; lo < len(l.evals); {
		hi := min(lo+s.units-s.cur.units, len(l.evals))
		p := s.cur.open()
		p.evals, p.lo, p.hi, p.prefix = l, lo, hi, prefix
		if err := s.add(hi - lo); err != nil {
			return err
		}
		lo = hi
	}
	return nil
}
