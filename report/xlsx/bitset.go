package xlsx

import "math/bits"

// bitset is a set of small non-negative integers (the indexes of subjects
// or files), a bit each: the sets of subjects every control judged take a
// few kilobytes each however large the fleet.
type bitset []uint64

// add puts i in the set.
func (s *bitset) add(i int) {
	w := i / 64
	if w >= len(*s) {
		*s = append(*s, make(bitset, w+1-len(*s))...)
	}
	(*s)[w] |= 1 << (i % 64)
}

// union puts every element of o in the set.
func (s *bitset) union(o bitset) {
	if len(o) > len(*s) {
		*s = append(*s, make(bitset, len(o)-len(*s))...)
	}
	for i, w := range o {
		(*s)[i] |= w
	}
}

// len is the number of elements of the set.
func (s bitset) len() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// indexer numbers the names it is given, each the first time, from 0.
type indexer map[string]int

// index is name's number.
func (x indexer) index(name string) int {
	i, ok := x[name]
	if !ok {
		i = len(x)
		x[name] = i
	}
	return i
}
