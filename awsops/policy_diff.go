package awsops

import (
	"fmt"
	"strings"
)

// DiffLine is one line of a before/after comparison: Op is ' ' (kept),
// '-' (only before), '+' (only after) or '~' (unchanged lines elided by
// CompactDiff; Text says how many).
type DiffLine struct {
	Op   byte
	Text string
}

// String renders the line as in a unified diff.
func (l DiffLine) String() string { return string(l.Op) + " " + l.Text }

// PolicyDiff compares two policy documents line by line after pretty
// printing both, for the plan preview. An empty side (no policy) has no lines.
func PolicyDiff(before, after string) []DiffLine {
	return LineDiff(policyLines(before), policyLines(after))
}

func policyLines(doc string) []string {
	if strings.TrimSpace(doc) == "" {
		return nil
	}
	return strings.Split(PrettyPolicy(doc), "\n")
}

// LineDiff is a longest-common-subsequence diff: policies are small
// (20 KB), so the quadratic table is cheap enough.
func LineDiff(a, b []string) []DiffLine {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []DiffLine
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, DiffLine{' ', a[i]})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, DiffLine{'-', a[i]})
			i++
		default:
			out = append(out, DiffLine{'+', b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, DiffLine{'-', a[i]})
	}
	for ; j < m; j++ {
		out = append(out, DiffLine{'+', b[j]})
	}
	return out
}

// CompactDiff keeps the changed lines with context lines around each
// change and replaces every longer unchanged run by one '…' line saying
// how many lines it stands for, so a one-statement change to a long
// policy fits a plan preview.
func CompactDiff(lines []DiffLine, context int) []DiffLine {
	keep := make([]bool, len(lines))
	for i, l := range lines {
		if l.Op == ' ' {
			continue
		}
		for j := max(0, i-context); j <= min(len(lines)-1, i+context); j++ {
			keep[j] = true
		}
	}
	var out []DiffLine
	for i := 0; i < len(lines); {
		if keep[i] {
			out = append(out, lines[i])
			i++
			continue
		}
		j := i
		for j < len(lines) && !keep[j] {
			j++
		}
		if j-i == 1 {
			out = append(out, lines[i])
		} else {
			out = append(out, DiffLine{Op: '~', Text: fmt.Sprintf("… %d unchanged lines", j-i)})
		}
		i = j
	}
	return out
}
