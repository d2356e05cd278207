package jsonvalue

import (
	"cmp"
	"reflect"
	"slices"
	"strings"
	"unicode"
)

// field is one member of a struct's JSON object, as encoding/json resolves
// it: its key, the path of field indexes that reaches it (through embedded
// structs) and its options.
type field struct {
	name      string
	tagged    bool
	index     []int
	typ       reflect.Type // the field's type, a pointer followed when unnamed
	omitEmpty bool
	// special is set for options whose encoding this package leaves to
	// encoding/json: ",string" on a scalar and ",omitzero".
	special bool
}

// structFields lists the members of t's JSON object in field order,
// following encoding/json: exported fields and the exported fields of
// embedded structs (breadth first), renamed by their tags, "-" dropped; of
// several fields with one name, the shallowest wins, then a tagged one, and
// a tie leaves none.
func structFields(t reflect.Type) []field {
	var fields []field
	current := []field{}
	next := []field{{typ: t}}
	var count, nextCount map[reflect.Type]int
	visited := map[reflect.Type]bool{}
	for len(next) > 0 {
		current, next = next, current[:0]
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, f := range current {
			if visited[f.typ] {
				continue
			}
			visited[f.typ] = true
			for i := range f.typ.NumField() {
				sf := f.typ.Field(i)
				nf, embed, ok := memberOf(sf, f.index, i)
				if !ok {
					continue
				}
				if embed {
					nextCount[nf.typ]++
					if nextCount[nf.typ] == 1 {
						next = append(next, nf)
					}
					continue
				}
				fields = append(fields, nf)
				if count[f.typ] > 1 {
					// A second copy makes the struct embedded twice at
					// this depth annihilate its fields below.
					fields = append(fields, nf)
				}
			}
		}
	}
	return dominantFields(fields)
}

// memberOf reads struct field sf (index i below the path at) as a member
// (ok), or as an embedded struct whose fields are promoted (embed).
func memberOf(sf reflect.StructField, at []int, i int) (f field, embed, ok bool) {
	if sf.Anonymous {
		t := sf.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if !sf.IsExported() && t.Kind() != reflect.Struct {
			return f, false, false
		}
	} else if !sf.IsExported() {
		return f, false, false
	}
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return f, false, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if !validTag(name) {
		name = ""
	}
	f.index = append(slices.Clip(at), i)
	f.typ = sf.Type
	if f.typ.Name() == "" && f.typ.Kind() == reflect.Pointer {
		f.typ = f.typ.Elem()
	}
	if name == "" && sf.Anonymous && f.typ.Kind() == reflect.Struct {
		f.name = f.typ.Name()
		return f, true, true
	}
	f.name, f.tagged = name, name != ""
	if name == "" {
		f.name = sf.Name
	}
	f.omitEmpty = hasOption(opts, "omitempty")
	f.special = hasOption(opts, "omitzero") || hasOption(opts, "string") && quotable(f.typ.Kind())
	return f, false, true
}

// dominantFields keeps, of the fields sharing a name, the one encoding/json
// encodes, and returns them in field order.
func dominantFields(fields []field) []field {
	slices.SortStableFunc(fields, func(a, b field) int {
		return cmp.Or(
			strings.Compare(a.name, b.name),
			cmp.Compare(len(a.index), len(b.index)),
			compareBool(b.tagged, a.tagged),
			slices.Compare(a.index, b.index),
		)
	})
	out := fields[:0]
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].name == fields[i].name {
			j++
		}
		group := fields[i:j]
		if len(group) == 1 || len(group[0].index) < len(group[1].index) || group[0].tagged != group[1].tagged {
			out = append(out, group[0])
		}
		i = j
	}
	slices.SortFunc(out, func(a, b field) int { return slices.Compare(a.index, b.index) })
	return out
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// hasOption reports whether the comma-separated tag options hold name.
func hasOption(opts, name string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == name {
			return true
		}
	}
	return false
}

// quotable reports whether ",string" applies to a field of kind k.
func quotable(k reflect.Kind) bool {
	switch k {
	case reflect.Bool, reflect.String, reflect.Float32, reflect.Float64,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// validTag reports whether encoding/json accepts s as a key from a tag.
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
