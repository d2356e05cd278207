package cli

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// resolveTimestamp picks the assessment time: the --timestamp flag (RFC 3339),
// else SOURCE_DATE_EPOCH (seconds since the epoch), else now. Pinning it makes
// every output byte-identical across runs over the same inputs.
func resolveTimestamp(flag string) (time.Time, error) {
	if flag != "" {
		t, err := time.Parse(time.RFC3339, flag)
		if err != nil {
			return time.Time{}, usageError("--timestamp %q is not an RFC 3339 time (e.g. 2026-01-02T15:04:05Z)", flag)
		}
		return t.UTC(), nil
	}
	if epoch := os.Getenv("SOURCE_DATE_EPOCH"); epoch != "" {
		secs, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return time.Time{}, usageError("SOURCE_DATE_EPOCH %q is not a whole number of seconds", epoch)
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	return time.Now().UTC().Truncate(time.Second), nil
}

// parseSize reads sizes like "10MB", "512KiB" or "1048576" (bytes).
func parseSize(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	}
	for _, u := range units {
		if len(s) > len(u.suffix) && s[len(s)-len(u.suffix):] == u.suffix {
			n, err := strconv.ParseFloat(s[:len(s)-len(u.suffix)], 64)
			if err != nil || n < 0 {
				return 0, fmt.Errorf("size %q: not a number of %s", s, u.suffix)
			}
			return int64(n * float64(u.mult)), nil
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("size %q: want a number of bytes or a unit such as 10MB", s)
	}
	return n, nil
}
