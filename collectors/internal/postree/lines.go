package postree

import "sort"

// Lines converts byte offsets in one document to 1-based line and column
// numbers.
type Lines []int

// NewLines records where each line of data starts.
func NewLines(data []byte) Lines {
	starts := make([]int, 1, 64)
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// Position returns the line and column (in bytes) of offset.
func (li Lines) Position(offset int) (line, col int) {
	i := sort.Search(len(li), func(i int) bool { return li[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, offset - li[i] + 1
}
