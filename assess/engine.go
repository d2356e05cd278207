package assess

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/jsonvalue"
	"github.com/tollgate-dev/tollgate/policy"
	"github.com/tollgate-dev/tollgate/progress"
)

// chunkSize is how many subjects a worker takes at a time.
const chunkSize = 256

// chunkResult holds one chunk's evaluations per control, in subject order.
type chunkResult struct {
	evals [][]judged
	na    []int
}

// judged is an evaluation as a chunk records it: the control is implied by
// the list it is in and the subject ID by its position, so a chunk's copy
// holds less than half an Evaluation's bytes. The merge of the chunks turns
// each into its Evaluation.
type judged struct {
	message     string
	reasons     []Reason
	fingerprint string
	// subject is Evaluation.subject: one more than the subject's position.
	subject int32
	verdict judgedVerdict
}

// judgedVerdict is the verdict of a judged evaluation: pass, fail or error.
type judgedVerdict uint8

const (
	judgedPass judgedVerdict = iota
	judgedFail
	judgedError
)

// judgedVerdicts are the Verdicts of the judgedVerdict values.
var judgedVerdicts = [...]Verdict{judgedPass: VerdictPass, judgedFail: VerdictFail, judgedError: VerdictError}

// judgedOf records an evaluation of the subject at (see judged.subject)
// with its fingerprint.
func judgedOf(e Evaluation, at int32) judged {
	j := judged{message: e.Message, reasons: e.Reasons, fingerprint: e.fingerprint, subject: at}
	switch e.Verdict {
	case VerdictPass:
		j.verdict = judgedPass
	case VerdictFail:
		j.verdict = judgedFail
	default:
		j.verdict = judgedError
	}
	return j
}

// evaluation is j as the Evaluation of control controlID, among the
// subjects whose IDs are subjectIDs.
func (j *judged) evaluation(controlID string, subjectIDs []string) Evaluation {
	return Evaluation{
		ControlID:   controlID,
		SubjectID:   subjectIDs[j.subject-1],
		Verdict:     judgedVerdicts[j.verdict],
		Message:     j.message,
		Reasons:     j.reasons,
		fingerprint: j.fingerprint,
		subject:     j.subject,
	}
}

// evaluate judges every automated control against every subject, in
// parallel: GOMAXPROCS workers, each with its own CUE context and memo,
// take chunks of subjects. Each subject is turned once into the map its JSON
// decodes to (see subjectCodec). It returns, per control (catalog order), the applicable evaluations
// sorted by subject ID and the count of not-applicable subjects of the
// control's kind.
func evaluate(ctx context.Context, plan *controls.Plan, subjects []evidence.Subject, judge *policy.Judge) ([][]Evaluation, []int, controls.Stats, error) {
	n := plan.Len()
	chunks := (len(subjects) + chunkSize - 1) / chunkSize
	results := make([]chunkResult, chunks)
	linker := newLinker(plan, subjects, judge != nil && judge.ObservesLinked(LinkedField))
	declared := declaredKinds(subjects)

	task := progress.Start(ctx, "Judging subjects", len(subjects))
	defer task.Done()
	workers := min(runtime.GOMAXPROCS(0), max(chunks, 1))
	next := make(chan int)
	errs := make([]error, workers)
	stats := make([]controls.Stats, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ev := plan.NewEvaluator()
			cache := linkCache{codec: newSubjectCodec(), maps: map[string]map[string]any{}}
			scratch := make([][]judged, n)
			var pe *policy.Evaluator
			if judge != nil {
				pe = judge.NewEvaluator()
			}
			for ci := range next {
				if errs[w] != nil {
					continue
				}
				start, end := ci*chunkSize, min((ci+1)*chunkSize, len(subjects))
				results[ci], errs[w] = evaluateChunk(plan, ev, pe, linker, cache, declared, subjects[start:end], start, scratch)
				task.Add(end - start)
			}
			stats[w] = ev.Stats()
		}()
	}
	var ctxErr error
	for ci := range chunks {
		if ctxErr = ctx.Err(); ctxErr != nil {
			break
		}
		next <- ci
	}
	close(next)
	wg.Wait()

	var total controls.Stats
	for _, s := range stats {
		total = total.Add(s)
	}
	if ctxErr != nil {
		return nil, nil, total, fmt.Errorf("assess: %w", ctxErr)
	}
	for _, err := range errs {
		if err != nil {
			return nil, nil, total, err
		}
	}
	// The IDs are read once here: read for each evaluation, from subjects
	// spread over the heap, they cost more than the rest of the merge.
	ids := make([]string, len(subjects))
	for k, s := range subjects {
		ids[k] = s.Metadata().ID
	}
	evals := make([][]Evaluation, n)
	na := make([]int, n)
	for i := range n {
		size := 0
		for _, r := range results {
			size += len(r.evals[i])
		}
		evals[i] = make([]Evaluation, 0, size)
		id := plan.Control(i).ID
		for _, r := range results {
			for k := range r.evals[i] {
				evals[i] = append(evals[i], r.evals[i][k].evaluation(id, ids))
			}
			na[i] += r.na[i]
		}
	}
	return evals, na, total, nil
}

// evaluateChunk judges one chunk of subjects, from the first of the run's
// subjects on, against every automated control. With a policy (pe), each
// subject first gets the policy's facts. The
// evaluations are gathered in scratch (a list per control, which the
// worker's chunks reuse) and then copied into one allocation.
func evaluateChunk(plan *controls.Plan, ev *controls.Evaluator, pe *policy.Evaluator, linker *linker, cache linkCache, declared sourceKinds, subjects []evidence.Subject, first int, scratch [][]judged) (chunkResult, error) {
	n := plan.Len()
	for i := range scratch {
		scratch[i] = scratch[i][:0]
	}
	r := chunkResult{evals: scratch, na: make([]int, n)}
	if err := judgeChunk(plan, ev, pe, linker, cache, declared, subjects, first, &r); err != nil {
		return r, err
	}
	total := 0
	for _, es := range scratch {
		total += len(es)
	}
	all := make([]judged, total)
	r.evals = make([][]judged, n)
	for i, es := range scratch {
		r.evals[i] = all[:copy(all, es):len(es)]
		all = all[len(es):]
		clear(es) // let go of what the copies hold
	}
	return r, nil
}

// judgeChunk appends the evaluations of subjects to r's lists and counts
// the not-applicable pairs. Each evaluation records where its subject is
// among the run's subjects (see Evaluation.SubjectIndex).
func judgeChunk(plan *controls.Plan, ev *controls.Evaluator, pe *policy.Evaluator, linker *linker, cache linkCache, declared sourceKinds, subjects []evidence.Subject, first int, r *chunkResult) error {
	n := plan.Len()
	for k, s := range subjects {
		at := int32(first + k + 1)
		meta := s.Metadata()
		m, err := cache.codec.judgedMap(s)
		if err != nil {
			return err
		}
		if err := linker.attach(m, meta, cache); err != nil {
			return err
		}
		if pe != nil {
			if err := pe.Attach(m, meta); err != nil {
				return err
			}
		}
		missing := missingEvidence(s, declared)
		for i := range n {
			c := plan.Control(i)
			if c.Manual {
				continue
			}
			if missing != nil && missing.affects(c.Subject) {
				e := missing.evaluation(c.ID, meta.ID).withFingerprint()
				r.evals[i] = append(r.evals[i], judgedOf(e, at))
				continue
			}
			if c.Subject != meta.Kind {
				continue
			}
			out := ev.Evaluate(i, m)
			if err := ev.Err(); err != nil {
				return err
			}
			e := Evaluation{ControlID: c.ID, SubjectID: meta.ID}
			switch out.Result {
			case controls.ResultNotApplicable:
				r.na[i]++
				continue
			case controls.ResultPass:
				e.Verdict = VerdictPass
			case controls.ResultFail:
				e.Verdict = VerdictFail
			default:
				e.Verdict = VerdictError
			}
			if e.Verdict != VerdictPass {
				e.Reasons = convertReasons(out.Reasons)
				e.Message = plan.Message(i, m, out.Reasons)
				e = e.withFingerprint()
			} else {
				e.Message = plan.Credit(i, m)
			}
			r.evals[i] = append(r.evals[i], judgedOf(e, at))
		}
	}
	return nil
}

// subjectCodec turns subjects into the values controls see, for one
// worker: what a subject's JSON decodes to (see controls.DecodeJSON), made
// directly from the Go value by a jsonvalue.Converter, whose maps share
// their keys. The subject being judged gets maps the next one reuses
// (judgedMap); maps that are kept, such as linked subjects', come from
// another Converter (mapOf).
type subjectCodec struct {
	judged, kept jsonvalue.Converter
}

func newSubjectCodec() *subjectCodec { return &subjectCodec{} }

// mapOf returns what s encoded as json.Marshal does decodes to.
func (c *subjectCodec) mapOf(s evidence.Subject) (map[string]any, error) {
	return convertSubject(&c.kept, s)
}

// judgedMap is mapOf for the subject being judged: the map, and every map
// in it, is reused by the next call, so nothing may hold them past it.
func (c *subjectCodec) judgedMap(s evidence.Subject) (map[string]any, error) {
	c.judged.Recycle()
	return convertSubject(&c.judged, s)
}

// convertSubject converts s with conv.
func convertSubject(conv *jsonvalue.Converter, s evidence.Subject) (map[string]any, error) {
	m, err := conv.Map(s)
	if err != nil {
		return nil, fmt.Errorf("assess: subject %s: %w", s.Metadata().ID, err)
	}
	return m, nil
}

// convertReasons copies the engine's reasons into the results type.
func convertReasons(rs []controls.Reason) []Reason {
	if len(rs) == 0 {
		return nil
	}
	out := make([]Reason, len(rs))
	for i, r := range rs {
		out[i] = Reason{Path: r.Path, Detail: r.Detail}
	}
	return out
}
