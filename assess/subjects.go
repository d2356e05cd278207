package assess

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
)

// LinkedField is the subject field through which controls see the subjects
// a subject links to, grouped by kind and sorted by ID, e.g.
// linked: gateway: [{authentication: "required", …}].
const LinkedField = "linked"

// linker adds linked subjects to subject maps, for controls that look at them.
type linker struct {
	byID   map[string]evidence.Subject
	needed bool
}

// linkCache holds one worker's decoded linked subjects by ID, and the
// codec that decodes them.
type linkCache struct {
	codec *subjectCodec
	maps  map[string]map[string]any
}

// newLinker indexes subjects by ID when some control (or, with needed,
// something else such as a policy's requirement) observes LinkedField.
func newLinker(plan *controls.Plan, subjects []evidence.Subject, needed bool) *linker {
	l := &linker{needed: needed}
	for i := range plan.Len() {
		l.needed = l.needed || plan.ObservesField(i, LinkedField)
	}
	if !l.needed {
		return l
	}
	l.byID = make(map[string]evidence.Subject, len(subjects))
	for _, s := range subjects {
		l.byID[s.Metadata().ID] = s
	}
	return l
}

// attach sets m[LinkedField] from the subject's links.
func (l *linker) attach(m map[string]any, meta *evidence.Meta, cache linkCache) error {
	if !l.needed || len(meta.Links) == 0 {
		return nil
	}
	ids := slices.Sorted(slices.Values(meta.Links))
	linked := map[string]any{}
	for _, id := range slices.Compact(ids) {
		s, ok := l.byID[id]
		if !ok {
			continue
		}
		lm, ok := cache.maps[id]
		if !ok {
			var err error
			if lm, err = cache.codec.mapOf(s); err != nil {
				return err
			}
			cache.maps[id] = lm
		}
		kind := string(s.Metadata().Kind)
		list, _ := linked[kind].([]any)
		linked[kind] = append(list, lm)
	}
	if len(linked) > 0 {
		m[LinkedField] = linked
	}
	return nil
}

// missingStatuses are source statuses that leave the subjects the source
// would have declared unknown.
var missingStatuses = map[string]bool{
	evidence.StatusParseError:  true,
	evidence.StatusSchemaError: true,
	evidence.StatusUnreadable:  true,
	evidence.StatusTooLarge:    true,
	evidence.StatusSymlinkLoop: true,
	evidence.StatusBinary:      true,
}

// gatewayFormats are format prefixes of gateway configurations.
var gatewayFormats = []string{"agentgateway", "docker-mcp-gateway", "toolhive", "kong", "nginx", "contextforge", "litellm", "terraform", "gateway"}

// clientFormats are the formats of files that hold client-wide settings
// and declare no servers: when one cannot be read, the client controls
// lack their evidence.
var clientFormats = []string{"claude-code/settings.json", "cursor/permissions.json", "cursor/cli-config.json", "gemini-cli/trustedfolders.json"}

// missing describes evidence a source could not provide.
type missing struct {
	kind    evidence.Kind
	src     *evidence.Source
	reasons []Reason
}

// sourceKinds records, per source subject ID, the kinds of subject read
// from that source.
type sourceKinds map[string]map[evidence.Kind]bool

// declaredKinds indexes which kinds of subject link to each source.
func declaredKinds(subjects []evidence.Subject) sourceKinds {
	out := sourceKinds{}
	for _, s := range subjects {
		m := s.Metadata()
		if m.Kind == evidence.KindSource {
			continue
		}
		for _, l := range m.Links {
			if !strings.HasPrefix(l, string(evidence.KindSource)+":") {
				continue
			}
			if out[l] == nil {
				out[l] = map[evidence.Kind]bool{}
			}
			out[l][m.Kind] = true
		}
	}
	return out
}

// missingEvidence returns what a source subject failed to provide, or nil.
// A configuration that could not be read hides the servers (or workloads,
// or gateways) it declares: every control judging that kind gets an error
// verdict for the source, since no verdict about those subjects is possible.
// A file read despite a schema error (its product would reject it, or skip
// entries) still yields the subjects it declares, which are judged
// themselves: nothing it declares is hidden. declared says which kinds each
// source yielded.
func missingEvidence(s evidence.Subject, declared sourceKinds) *missing {
	src, ok := s.(*evidence.Source)
	if !ok || !missingStatuses[src.Status] {
		return nil
	}
	m := &missing{kind: evidence.KindServer, src: src}
	switch f := strings.ToLower(src.Format); {
	case strings.HasPrefix(f, "kubernetes") || strings.HasPrefix(f, "k8s") || strings.HasPrefix(f, "helm"):
		m.kind = evidence.KindWorkload
	case slices.ContainsFunc(gatewayFormats, func(p string) bool { return strings.HasPrefix(f, p) }):
		m.kind = evidence.KindGateway
	case strings.HasPrefix(f, "tools"):
		m.kind = evidence.KindTool
	case slices.Contains(clientFormats, f):
		m.kind = evidence.KindClient
	}
	if len(declared[src.ID]) > 0 {
		return nil
	}
	for _, d := range src.Diagnostics {
		if d.Severity != "error" {
			continue
		}
		detail := d.Message
		if d.Line > 0 {
			detail = fmt.Sprintf("line %d: %s", d.Line, d.Message)
		}
		m.reasons = append(m.reasons, Reason{Detail: detail})
	}
	if len(m.reasons) == 0 {
		m.reasons = []Reason{{Detail: "status " + src.Status}}
	}
	return m
}

// affects reports whether controls judging kind lose evidence.
func (m *missing) affects(kind evidence.Kind) bool { return kind == m.kind }

// evaluation is the error verdict of one control for the source.
func (m *missing) evaluation(controlID, subjectID string) Evaluation {
	loc := m.src.Provenance.Location()
	if loc == "" {
		loc = m.src.Name
	}
	return Evaluation{
		ControlID: controlID,
		SubjectID: subjectID,
		Verdict:   VerdictError,
		Message:   fmt.Sprintf("evidence missing: %s could not be read (%s), so the %s subjects it declares were not assessed", loc, m.src.Status, m.kind),
		Reasons:   m.reasons,
	}
}
