package view

import (
	"sync"

	"github.com/tollgate-dev/tollgate/assess"
)

// shared holds the indexes Share shares, by the results they index.
var shared = struct {
	sync.Mutex
	m map[*assess.Results]*sharedIndex
}{m: map[*assess.Results]*sharedIndex{}}

// sharedIndex is one shared index and how many Share calls hold it.
type sharedIndex struct {
	x     *Index
	users int
}

// Share indexes r for every report written of it until done is called:
// meanwhile For(r) returns that one index, so that the reports of one run,
// written one after the other or at once, derive what they show (subject
// lookups and locations, findings, requirement links) once between them
// instead of once each. r must not change until done is called. Share
// may be called for r again before done is: each call has its own done,
// and the index is shared until the last is called.
func Share(r *assess.Results) (done func()) {
	shared.Lock()
	defer shared.Unlock()
	s := shared.m[r]
	if s == nil {
		s = &sharedIndex{x: New(r)}
		shared.m[r] = s
	}
	s.users++
	var once sync.Once
	return func() {
		once.Do(func() {
			shared.Lock()
			defer shared.Unlock()
			if s.users--; s.users == 0 {
				delete(shared.m, r)
			}
		})
	}
}

// For returns the index Share shares for r, or else a new index of r
// (see New).
func For(r *assess.Results) *Index {
	shared.Lock()
	s := shared.m[r]
	shared.Unlock()
	if s != nil {
		return s.x
	}
	return New(r)
}
