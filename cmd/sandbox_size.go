package cmd

import (
	"fmt"
	"strconv"
	"strings"
)

// byteSizeUnits are the binary suffixes --max-object-size accepts.
var byteSizeUnits = []struct {
	suffix string
	shift  uint
}{{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10}, {"T", 40}, {"G", 30}, {"M", 20}, {"K", 10}}

// parseByteSize reads a positive size in bytes, optionally with a binary
// suffix: 1048576, 512MiB, 5G.
func parseByteSize(s string) (int64, error) {
	num, shift := strings.TrimSpace(s), uint(0)
	for _, u := range byteSizeUnits {
		if rest, ok := strings.CutSuffix(num, u.suffix); ok {
			num, shift = strings.TrimSpace(rest), u.shift
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)>>shift {
		return 0, fmt.Errorf("%q is not a size: give a positive number of bytes, e.g. 1073741824 or 1GiB", s)
	}
	return n << shift, nil
}
