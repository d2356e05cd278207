package jsonvalue_test

import "unsafe"

// keyData returns where m's key equal to k is stored.
func keyData(m map[string]any, k string) *byte {
	for key := range m {
		if key == k {
			return unsafe.StringData(key)
		}
	}
	return nil
}
