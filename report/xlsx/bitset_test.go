package xlsx

import "testing"

func TestBitset(t *testing.T) {
	var a, b bitset
	for _, i := range []int{0, 3, 63, 64, 200, 3} {
		a.add(i)
	}
	for _, i := range []int{3, 64, 65, 1000} {
		b.add(i)
	}
	if a.len() != 5 || b.len() != 4 {
		t.Fatalf("len = %d, %d; want 5, 4", a.len(), b.len())
	}
	var u bitset
	u.union(a)
	u.union(b)
	if u.len() != 7 {
		t.Errorf("union has %d elements, want 7 (0 3 63 64 65 200 1000)", u.len())
	}
	if a.len() != 5 {
		t.Error("a union changed its operand")
	}
	x := indexer{}
	if x.index("a") != 0 || x.index("b") != 1 || x.index("a") != 0 {
		t.Error("indexer does not number names in order of first sight")
	}
}
