package xlsx

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestFirstDistinct(t *testing.T) {
	tests := []struct {
		name  string
		lists [][]string
	}{
		{"none", nil},
		{"one", [][]string{{"a", "b", "c"}}},
		{"one empty", [][]string{{}}},
		{"disjoint", [][]string{{"a", "c", "e"}, {"b", "d"}}},
		{"overlapping", [][]string{{"a", "b", "x"}, {"b", "c", "x", "y"}, {"a", "y", "z"}}},
		{"same twice", [][]string{{"k", "l"}, {"k", "l"}}},
		{"empty and full", [][]string{{}, {"m"}, {}}},
	}
	for _, tt := range tests {
		for _, n := range []int{0, 1, 2, 3, 100} {
			var all []string
			for _, l := range tt.lists {
				all = append(all, l...)
			}
			slices.Sort(all)
			want := slices.Compact(all)
			first, total := firstDistinct(tt.lists, func(s string) string { return s }, n)
			if total != len(want) || !slices.Equal(first, want[:min(n, len(want))]) {
				t.Errorf("%s, first %d: got %q of %d, want %q of %d", tt.name, n, first, total, want[:min(n, len(want))], len(want))
			}
		}
	}
}

// TestFirstDistinctKeepsTheLastListsItem checks that of items with the
// same key the merge keeps the one of the last list, as copying the
// lists into one map in order does.
func TestFirstDistinctKeepsTheLastListsItem(t *testing.T) {
	type item struct{ key, from string }
	lists := [][]item{{{"a", "1"}, {"b", "1"}}, {{"b", "2"}}, {{"a", "3"}}}
	first, total := firstDistinct(lists, func(i item) string { return i.key }, 5)
	if want := []item{{"a", "3"}, {"b", "2"}}; total != 2 || !slices.Equal(first, want) {
		t.Errorf("got %v of %d, want %v of 2", first, total, want)
	}
}

func TestShortListCell(t *testing.T) {
	var items []string
	for i := range 25 {
		items = append(items, fmt.Sprintf("item-%02d", i))
	}
	for _, total := range []int{0, 1, maxListed, maxListed + 1, 25} {
		all := items[:total]
		want := strings.Join(all, "\n")
		if total > maxListed {
			want = strings.Join(all[:maxListed], "\n") + fmt.Sprintf("\nand %d more", total-maxListed)
		}
		if got := listCell(all); got != want {
			t.Errorf("listCell of %d items = %q, want %q", total, got, want)
		}
		if got := (shortList{items: all[:min(total, maxListed)], total: total}).cell(); got != want {
			t.Errorf("the first %d of %d items = %q, want %q", min(total, maxListed), total, got, want)
		}
	}
	// The shown items are not changed by the cell.
	if listCell(items); items[maxListed] != "item-20" {
		t.Errorf("listCell wrote into its items: %q", items[maxListed])
	}
}
