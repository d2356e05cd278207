package oscal

import (
	"slices"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/internal/jsonstr"
)

// The risks and POA&M items, one or two per finding, are most of the
// encoding of a large POA&M and assessment results; the inventory items
// and back-matter resources grow with the fleet too. They are encoded here
// by hand, byte for byte as encoding/json (HTML escaping off) encodes
// them, for the fields the builder sets. Any other field that is set
// (links, mitigating factors, a risk log, related tasks, required assets,
// nested tasks …) makes the encoder give up, and the element is encoded by
// encoding/json instead. TestRiskEncodingIsJSON and
// TestWriteIsWhatMarshalValidates compare the two.

// objectWriter appends a JSON object's members, a comma before each but
// the first of its object or array.
type objectWriter struct {
	b []byte
	// ok is false once a field the encoder does not handle was set.
	ok bool
	// shared, when set, holds the values many elements share (see
	// sharedMember); each is then left out of b and marked in marks.
	shared sharedParts
	marks  []partMark
	// run, when set, names properties of the next element written that
	// are shared (see propsWithRun).
	run propRun
}

// propRun says that the properties start to start+len(props) of a list
// are props, a list that many elements hold in theirs: the requirement
// properties of a control, in the POA&M item of each of its findings.
type propRun struct {
	start int
	props []oscalTypes.Property
}

// runKey is the key of a shared run of properties: the run's first
// property, and whether other properties precede it (its encoding then
// starts with a comma).
type runKey struct {
	first *oscalTypes.Property
	comma bool
}

// sharedPart is a value that many elements of a document hold, the same
// each time: the characterizations of a severity, a control's threat ids
// and observation, the tool's origin, the reference to a subject that
// passed a control; or a run of elements of a list that many hold, a
// control's requirement properties. Its encoding, a third of a risk's or
// a POA&M item's, is made once per document and laid out once per depth it
// appears at, instead of once per element.
type sharedPart struct {
	compact []byte
	// escaped is compact as the document's digest takes it (see
	// htmlEscaper), once the document has taken it.
	escaped []byte
	// laid holds the laid-out encoding by depth (see laidAt).
	laid [][]byte
}

// sharedParts holds a document's shared parts by the pointer the builder
// shares between elements (a *[]T). The values behind those pointers are
// built once and never changed while the document is written.
type sharedParts map[any]*sharedPart

// partMark is where, in an element's encoding in objectWriter.b, a shared
// part goes.
type partMark struct {
	at   int
	part *sharedPart
}

// laidAt is the part laid out (see layout) at depth: the bytes layout
// writes for the part in a document when its layouter is at that depth,
// since the part is whole values (and the commas between them) of an
// object or array that holds an object or array, and so is not laid out
// on one line.
func (p *sharedPart) laidAt(depth int) []byte {
	if depth < len(p.laid) && p.laid[depth] != nil {
		return p.laid[depth]
	}
	l := &layouter{out: make([]byte, 0, 2*len(p.compact)), depth: depth}
	l.run(p.compact, nil)
	for len(p.laid) <= depth {
		p.laid = append(p.laid, nil)
	}
	p.laid[depth] = l.out
	return l.out
}

// reset readies w to encode an element from scratch, keeping its buffers
// and shared parts.
func (w *objectWriter) reset() {
	w.b, w.marks, w.ok = w.b[:0], w.marks[:0], true
}

// emit hands the element w encoded to out: the bytes between shared parts
// as pieces, and each shared part as itself.
func (w *objectWriter) emit(out elementOut) {
	prev := 0
	for _, m := range w.marks {
		out.piece(w.b[prev:m.at])
		out.shared(m.part)
		prev = m.at
	}
	out.piece(w.b[prev:])
}

// sharedMember writes the member k holding *s as member does. With shared
// parts, a value that is an array (not null) is encoded once per document,
// the first time it is met: w.b holds only its key, and w.marks where the
// value goes. As a member's value, the array is written where its object
// holds an array in any case, so layout treats that object as it would
// with the array written out (see emit). Encoding a shared part shares
// nothing within it.
func sharedMember[T any](w *objectWriter, k string, s *[]T, elem func(*T)) {
	if w.shared == nil || s == nil || *s == nil {
		member(w, k, s, elem)
		return
	}
	w.key(k)
	part, ok := w.shared[s]
	if !ok {
		b, shared := w.b, w.shared
		w.b, w.shared = nil, nil
		slice(w, *s, elem)
		part = &sharedPart{compact: w.b}
		w.b, w.shared = b, shared
		if !w.ok {
			return // the element is encoded by encoding/json instead
		}
		w.shared[s] = part
	}
	w.marks = append(w.marks, partMark{at: len(w.b), part: part})
}

// sep starts a member or element: a comma unless it opens its object or
// array.
func (w *objectWriter) sep() {
	if n := len(w.b); n > 0 && w.b[n-1] != '{' && w.b[n-1] != '[' {
		w.b = append(w.b, ',')
	}
}

func (w *objectWriter) key(k string) {
	w.sep()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':')
}

func (w *objectWriter) str(k, v string) {
	w.key(k)
	w.b = jsonstr.Append(w.b, v)
}

// optStr writes a member that omitempty leaves out when empty.
func (w *objectWriter) optStr(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

// unhandled gives up when a field the encoder does not write is set.
func (w *objectWriter) unhandled(set bool) {
	if set {
		w.ok = false
	}
}

func (w *objectWriter) time(k string, t time.Time) {
	if y := t.Year(); y < 0 || y > 9999 {
		w.ok = false // json.Marshal fails on such a time
		return
	}
	w.key(k)
	w.b = append(w.b, '"')
	w.b = t.AppendFormat(w.b, time.RFC3339Nano)
	w.b = append(w.b, '"')
}

// member writes the member k holding *s, each element by elem: nothing for
// a nil pointer (omitempty), null for a nil slice.
func member[T any](w *objectWriter, k string, s *[]T, elem func(*T)) {
	if s == nil {
		return
	}
	w.key(k)
	slice(w, *s, elem)
}

// slice writes the array s, or null when s is nil.
func slice[T any](w *objectWriter, s []T, elem func(*T)) {
	if s == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.b = append(w.b, '[')
	for i := range s {
		w.sep()
		elem(&s[i])
	}
	w.b = append(w.b, ']')
}

func (w *objectWriter) props(p *[]oscalTypes.Property) {
	member(w, "props", p, func(p *oscalTypes.Property) { w.b = appendProperty(w.b, p) })
}

// propsWithRun writes the member "props" as props does. With shared parts,
// when the properties w.run names are in *p where it says, they are
// encoded once per document, as one shared part: a part of the list's
// elements, which layout lays out at the list's depth, element by element,
// as it would in place.
func (w *objectWriter) propsWithRun(p *[]oscalTypes.Property) {
	run := w.run
	end := run.start + len(run.props)
	if w.shared == nil || p == nil || len(run.props) == 0 || end > len(*p) || !slices.Equal((*p)[run.start:end], run.props) {
		w.props(p)
		return
	}
	s := *p
	w.key("props")
	w.b = append(w.b, '[')
	for i := range s[:run.start] {
		w.sep()
		w.b = appendProperty(w.b, &s[i])
	}
	key := runKey{first: &run.props[0], comma: run.start > 0}
	part, ok := w.shared[key]
	if !ok {
		var enc []byte
		for i := range run.props {
			if i > 0 || key.comma {
				enc = append(enc, ',')
			}
			enc = appendProperty(enc, &run.props[i])
		}
		part = &sharedPart{compact: enc}
		w.shared[key] = part
	}
	w.marks = append(w.marks, partMark{at: len(w.b), part: part})
	for i := range s[end:] {
		w.b = append(w.b, ',')
		w.b = appendProperty(w.b, &s[end+i])
	}
	w.b = append(w.b, ']')
}

func (w *objectWriter) origin(o *oscalTypes.Origin) {
	w.b = append(w.b, '{')
	w.key("actors")
	slice(w, o.Actors, w.actor)
	w.unhandled(o.RelatedTasks != nil)
	w.b = append(w.b, '}')
}

func (w *objectWriter) actor(a *oscalTypes.OriginActor) {
	w.b = append(w.b, '{')
	w.str("actor-uuid", a.ActorUuid)
	w.unhandled(a.Links != nil)
	w.props(a.Props)
	w.optStr("role-id", a.RoleId)
	w.str("type", a.Type)
	w.b = append(w.b, '}')
}

func (w *objectWriter) link(l *oscalTypes.Link) {
	w.b = append(w.b, '{')
	w.str("href", l.Href)
	w.optStr("media-type", l.MediaType)
	w.optStr("rel", l.Rel)
	w.optStr("resource-fragment", l.ResourceFragment)
	w.optStr("text", l.Text)
	w.b = append(w.b, '}')
}

func (w *objectWriter) associatedRisk(r *oscalTypes.AssociatedRisk) {
	w.b = append(w.b, '{')
	w.str("risk-uuid", r.RiskUuid)
	w.b = append(w.b, '}')
}

func (w *objectWriter) relatedObservation(o *oscalTypes.RelatedObservation) {
	w.b = append(w.b, '{')
	w.str("observation-uuid", o.ObservationUuid)
	w.b = append(w.b, '}')
}

// risk writes r's compact JSON, sharing the parts the builder shares
// between risks; it leaves w.ok false when r sets a field the encoder does
// not handle.
func (w *objectWriter) risk(r *oscalTypes.Risk) {
	w.b = append(w.b, '{')
	sharedMember(w, "characterizations", r.Characterizations, w.characterization)
	if r.Deadline != nil {
		w.time("deadline", *r.Deadline)
	}
	w.str("description", r.Description)
	w.unhandled(r.Links != nil || r.MitigatingFactors != nil)
	sharedMember(w, "origins", r.Origins, w.origin)
	w.props(r.Props)
	sharedMember(w, "related-observations", r.RelatedObservations, w.relatedObservation)
	member(w, "remediations", r.Remediations, w.response)
	w.unhandled(r.RiskLog != nil)
	w.str("statement", r.Statement)
	w.str("status", r.Status)
	sharedMember(w, "threat-ids", r.ThreatIds, func(t *oscalTypes.ThreatId) {
		w.b = append(w.b, '{')
		w.optStr("href", t.Href)
		w.str("id", t.ID)
		w.str("system", t.System)
		w.b = append(w.b, '}')
	})
	w.str("title", r.Title)
	w.str("uuid", r.UUID)
	w.b = append(w.b, '}')
}

func (w *objectWriter) characterization(c *oscalTypes.Characterization) {
	w.b = append(w.b, '{')
	w.key("facets")
	slice(w, c.Facets, func(f *oscalTypes.Facet) {
		w.b = append(w.b, '{')
		w.unhandled(f.Links != nil)
		w.str("name", f.Name)
		w.props(f.Props)
		w.optStr("remarks", f.Remarks)
		w.str("system", f.System)
		w.str("value", f.Value)
		w.b = append(w.b, '}')
	})
	w.unhandled(c.Links != nil)
	w.key("origin")
	w.origin(&c.Origin)
	w.props(c.Props)
	w.b = append(w.b, '}')
}

func (w *objectWriter) response(r *oscalTypes.Response) {
	w.b = append(w.b, '{')
	w.str("description", r.Description)
	w.str("lifecycle", r.Lifecycle)
	w.unhandled(r.Links != nil)
	sharedMember(w, "origins", r.Origins, w.origin)
	w.props(r.Props)
	w.optStr("remarks", r.Remarks)
	w.unhandled(r.RequiredAssets != nil)
	member(w, "tasks", r.Tasks, w.task)
	w.str("title", r.Title)
	w.str("uuid", r.UUID)
	w.b = append(w.b, '}')
}

func (w *objectWriter) task(t *oscalTypes.Task) {
	w.b = append(w.b, '{')
	w.unhandled(t.AssociatedActivities != nil || t.Dependencies != nil)
	w.optStr("description", t.Description)
	w.unhandled(t.Links != nil)
	w.props(t.Props)
	w.optStr("remarks", t.Remarks)
	sharedMember(w, "responsible-roles", t.ResponsibleRoles, func(r *oscalTypes.ResponsibleRole) {
		w.b = append(w.b, '{')
		w.unhandled(r.Links != nil)
		member(w, "party-uuids", r.PartyUuids, func(u *string) { w.b = jsonstr.Append(w.b, *u) })
		w.props(r.Props)
		w.optStr("remarks", r.Remarks)
		w.str("role-id", r.RoleId)
		w.b = append(w.b, '}')
	})
	w.unhandled(t.Subjects != nil || t.Tasks != nil)
	if tm := t.Timing; tm != nil {
		w.key("timing")
		w.b = append(w.b, '{')
		w.unhandled(tm.AtFrequency != nil || tm.WithinDateRange != nil)
		if tm.OnDate != nil {
			w.key("on-date")
			w.b = append(w.b, '{')
			w.time("date", tm.OnDate.Date)
			w.b = append(w.b, '}')
		}
		w.b = append(w.b, '}')
	}
	w.str("title", t.Title)
	w.str("type", t.Type)
	w.str("uuid", t.UUID)
	w.b = append(w.b, '}')
}

// poamItem writes the item's compact JSON, sharing the parts the builder
// shares between items; it leaves w.ok false when the item sets a field
// the encoder does not handle.
func (w *objectWriter) poamItem(it *oscalTypes.PoamItem) {
	w.b = append(w.b, '{')
	w.str("description", it.Description)
	member(w, "links", it.Links, w.link)
	sharedMember(w, "origins", it.Origins, func(o *oscalTypes.PoamItemOrigin) {
		w.b = append(w.b, '{')
		w.key("actors")
		slice(w, o.Actors, w.actor)
		w.b = append(w.b, '}')
	})
	w.propsWithRun(it.Props)
	w.unhandled(it.RelatedFindings != nil)
	sharedMember(w, "related-observations", it.RelatedObservations, w.relatedObservation)
	member(w, "related-risks", it.RelatedRisks, w.associatedRisk)
	w.optStr("remarks", it.Remarks)
	w.str("title", it.Title)
	w.optStr("uuid", it.UUID)
	w.b = append(w.b, '}')
}

// inventoryItem writes the item's compact JSON (the POA&M lists one item
// per subject its findings concern); it leaves w.ok false when the item
// sets a field the encoder does not handle.
func (w *objectWriter) inventoryItem(it *oscalTypes.InventoryItem) {
	w.b = append(w.b, '{')
	w.str("description", it.Description)
	member(w, "implemented-components", it.ImplementedComponents, func(c *oscalTypes.ImplementedComponent) {
		w.b = append(w.b, '{')
		w.str("component-uuid", c.ComponentUuid)
		w.unhandled(c.Links != nil || c.Props != nil || c.Remarks != "" || c.ResponsibleParties != nil)
		w.b = append(w.b, '}')
	})
	member(w, "links", it.Links, w.link)
	w.props(it.Props)
	w.optStr("remarks", it.Remarks)
	w.unhandled(it.ResponsibleParties != nil)
	w.str("uuid", it.UUID)
	w.b = append(w.b, '}')
}

// resource writes the back-matter resource's compact JSON (a document has
// one per artifact); it leaves w.ok false when r sets a field the encoder
// does not handle.
func (w *objectWriter) resource(r *oscalTypes.Resource) {
	w.b = append(w.b, '{')
	w.unhandled(r.Base64 != nil || r.Citation != nil || r.DocumentIds != nil)
	w.optStr("description", r.Description)
	w.props(r.Props)
	w.optStr("remarks", r.Remarks)
	member(w, "rlinks", r.Rlinks, func(l *oscalTypes.ResourceLink) {
		w.b = append(w.b, '{')
		member(w, "hashes", l.Hashes, func(h *oscalTypes.Hash) {
			w.b = append(w.b, '{')
			w.str("algorithm", h.Algorithm)
			w.str("value", h.Value)
			w.b = append(w.b, '}')
		})
		w.str("href", l.Href)
		w.optStr("media-type", l.MediaType)
		w.b = append(w.b, '}')
	})
	w.optStr("title", r.Title)
	w.str("uuid", r.UUID)
	w.b = append(w.b, '}')
}

// finding writes the finding's compact JSON (a finding lists the risks of
// every control its requirement maps to); it leaves w.ok false when f sets
// a field the encoder does not handle.
func (w *objectWriter) finding(f *oscalTypes.Finding) {
	w.b = append(w.b, '{')
	w.str("description", f.Description)
	w.optStr("implementation-statement-uuid", f.ImplementationStatementUuid)
	member(w, "links", f.Links, w.link)
	member(w, "origins", f.Origins, w.origin)
	w.props(f.Props)
	member(w, "related-observations", f.RelatedObservations, w.relatedObservation)
	member(w, "related-risks", f.RelatedRisks, w.associatedRisk)
	w.optStr("remarks", f.Remarks)
	t := &f.Target
	w.key("target")
	w.b = append(w.b, '{')
	w.optStr("description", t.Description)
	w.unhandled(t.ImplementationStatus != nil || t.Links != nil)
	w.props(t.Props)
	w.optStr("remarks", t.Remarks)
	w.key("status")
	w.b = append(w.b, '{')
	w.optStr("reason", t.Status.Reason)
	w.optStr("remarks", t.Status.Remarks)
	w.str("state", t.Status.State)
	w.b = append(w.b, '}')
	w.str("target-id", t.TargetId)
	w.optStr("title", t.Title)
	w.str("type", t.Type)
	w.b = append(w.b, '}')
	w.str("title", f.Title)
	w.str("uuid", f.UUID)
	w.b = append(w.b, '}')
}
