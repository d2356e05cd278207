package controls

import (
	"fmt"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"

	"github.com/tollgate-dev/tollgate/evidence"
)

// Evaluator judges subjects against a Plan's controls. It owns a CUE
// context, so it is not safe for concurrent use: give each goroutine its own.
//
// Each control's CUE is compiled once, on first use. A subject is projected
// onto the paths the control can observe, and the outcome is memoised by the
// canonical JSON of that projection, so CUE runs only for projections not
// seen before. Projection never changes an outcome: paths a control cannot
// observe cannot change whether its CUE unifies.
type Evaluator struct {
	plan     *Plan
	ctx      *cue.Context
	programs []*program
	errs     []error
	caches   []map[string]Outcome
	proj     projector
	// compiled counts subjects compiled in ctx since it was made.
	compiled int
	// project is false only in tests comparing against unprojected evaluation.
	project bool
	stats   Stats
	// subject is the ID of the subject being evaluated, for errors.
	subject string
	// fatal is the first evaluation that exceeded the plan's limits.
	fatal error
}

// Stats counts an evaluator's memo hits and misses.
type Stats struct {
	Hits   int `json:"hits"`
	Misses int `json:"misses"`
}

// Add sums two Stats.
func (s Stats) Add(o Stats) Stats { return Stats{Hits: s.Hits + o.Hits, Misses: s.Misses + o.Misses} }

// NewEvaluator returns an evaluator for the plan.
func (p *Plan) NewEvaluator() *Evaluator {
	n := len(p.entries)
	return &Evaluator{
		plan:     p,
		ctx:      cuecontext.New(),
		programs: make([]*program, n),
		errs:     make([]error, n),
		caches:   make([]map[string]Outcome, n),
		project:  true,
	}
}

// Stats returns the memo hits and misses so far.
func (e *Evaluator) Stats() Stats { return e.stats }

// Evaluate judges subject (the subject's JSON decoded with UseNumber, or an
// example subject) against control i. Subjects of another kind are
// not-applicable. Manual controls are not evaluated here: the engine judges
// them by attestation.
//
// A custom control whose CUE exceeds the plan's limits gives an error
// outcome, and so does every evaluation after it: Err then reports the
// limit exceeded, and the caller must stop.
func (e *Evaluator) Evaluate(i int, subject map[string]any) Outcome {
	entry := &e.plan.entries[i]
	c := entry.control
	if kind, _ := subject["kind"].(string); evidence.Kind(kind) != c.Subject || !c.Evaluable() {
		return Outcome{Result: ResultNotApplicable}
	}
	if e.fatal != nil {
		return Outcome{Result: ResultError, Reasons: []Reason{{Detail: e.fatal.Error()}}}
	}
	e.subject, _ = subject["id"].(string)
	paths := entry.paths
	if !e.project {
		paths = nil
	}
	e.proj.project(subject, paths)
	key := e.proj.buf
	cache := e.caches[i]
	out, ok := cache[string(key)]
	if ok {
		e.stats.Hits++
	} else {
		e.stats.Misses++
		out = e.run(i, key)
		// Whole-subject keys rarely repeat; memoising them would only cost memory.
		if paths != nil {
			if cache == nil {
				cache = map[string]Outcome{}
				e.caches[i] = cache
			}
			cache[string(key)] = out
		}
	}
	if len(out.Reasons) > 0 {
		out.Reasons = e.proj.expand(out.Reasons)
	}
	return out
}

// recycleAfter is how many subjects a CUE context compiles before it is
// replaced: a context keeps what it compiled, so a long-lived one grows.
const recycleAfter = 2000

// run evaluates a projected subject with control i's program.
func (e *Evaluator) run(i int, data []byte) Outcome {
	if e.compiled >= recycleAfter {
		e.ctx = cuecontext.New()
		clear(e.programs)
		clear(e.errs)
		e.compiled = 0
	}
	e.compiled++
	c := e.plan.entries[i].control
	if !c.Builtin && e.plan.limits.Time > 0 {
		return e.runBounded(i, data)
	}
	if e.programs[i] == nil && e.errs[i] == nil {
		e.programs[i], e.errs[i] = compileProgram(e.ctx, c)
	}
	if err := e.errs[i]; err != nil {
		return Outcome{Result: ResultError, Reasons: []Reason{{Detail: err.Error()}}}
	}
	return e.programs[i].eval(e.ctx, data)
}

// runBounded is run for a custom control: compilation and evaluation happen
// under the plan's limits. When they are exceeded, the evaluation is
// abandoned with the CUE context it uses, and the evaluator records the
// error.
func (e *Evaluator) runBounded(i int, data []byte) Outcome {
	c := e.plan.entries[i].control
	ctx, prog, perr := e.ctx, e.programs[i], e.errs[i]
	var out Outcome
	exceeded, p := e.plan.limits.run(func() {
		if prog == nil && perr == nil {
			prog, perr = compileProgram(ctx, c)
		}
		if perr == nil {
			out = prog.eval(ctx, data)
		}
	})
	if exceeded != "" {
		step := "evaluating it against an example subject"
		if e.subject != "" {
			step = "evaluating it against " + e.subject
		}
		e.fatal = &LimitError{Control: c.ID, File: c.File, Line: c.Line, Step: step, Exceeded: exceeded}
		e.ctx = cuecontext.New()
		clear(e.programs)
		clear(e.errs)
		e.compiled = 0
		return Outcome{Result: ResultError, Reasons: []Reason{{Detail: e.fatal.Error()}}}
	}
	if p != nil {
		return Outcome{Result: ResultError, Reasons: []Reason{{Detail: fmt.Sprintf("the check could not be evaluated: %v", p)}}}
	}
	e.programs[i], e.errs[i] = prog, perr
	if perr != nil {
		return Outcome{Result: ResultError, Reasons: []Reason{{Detail: perr.Error()}}}
	}
	return out
}

// Err returns the limit a custom control exceeded, once one did (a
// *LimitError), else nil.
func (e *Evaluator) Err() error { return e.fatal }

// SetProjection turns projection (and so memoisation by projection) on or
// off. Off, every subject is evaluated whole; it exists to verify that
// projection never changes an outcome.
func (e *Evaluator) SetProjection(on bool) { e.project = on }
