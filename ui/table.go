package ui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Column describes one column of a grid for Layout.
type Column struct {
	Title    string // header text
	Short    string // header text when Title does not fit; "" means Title
	Min      int    // narrowest useful width; below it the column is dropped
	Max      int    // widest useful width
	Priority int    // columns with the lowest priority are dropped first
	Flex     bool   // takes the space left over once every column has its Max (its own Max is a preference)
}

// Layout picks the columns that fit in width (gap cells between columns)
// and their widths. A width of 0 means the column is dropped. Columns are
// dropped lowest Priority first until the minimum widths fit; then spare
// space grows columns highest Priority first up to Max, and what is still
// left goes to the Flex column, beyond its Max.
func Layout(cols []Column, width, gap int) []int {
	w := make([]int, len(cols))
	for i, c := range cols {
		w[i] = c.Min
	}
	byPrio := make([]int, len(cols))
	for i := range byPrio {
		byPrio[i] = i
	}
	sort.SliceStable(byPrio, func(a, b int) bool { return cols[byPrio[a]].Priority < cols[byPrio[b]].Priority })
	total := func() int {
		sum, n := 0, 0
		for _, x := range w {
			if x > 0 {
				sum += x
				n++
			}
		}
		if n > 1 {
			sum += gap * (n - 1)
		}
		return sum
	}
	for _, i := range byPrio {
		if total() <= width {
			break
		}
		if len(cols) > 1 && shown(w) == 1 {
			break
		}
		w[i] = 0
	}
	spare := width - total()
	for k := len(byPrio) - 1; k >= 0 && spare > 0; k-- {
		i := byPrio[k]
		if w[i] == 0 {
			continue
		}
		grow := min(cols[i].Max-w[i], spare)
		if grow > 0 {
			w[i] += grow
			spare -= grow
		}
	}
	for i, c := range cols {
		if c.Flex && w[i] > 0 && spare > 0 {
			w[i] += spare
			break
		}
	}
	if total() > width { // even one column does not fit: clip it
		for i := range w {
			if w[i] > 0 {
				w[i] = max(0, width)
			}
		}
	}
	return w
}

func shown(w []int) int {
	n := 0
	for _, x := range w {
		if x > 0 {
			n++
		}
	}
	return n
}

// Fit truncates s (which may hold ANSI styles) to w cells with an ellipsis
// and pads it with spaces to exactly w cells.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// JoinCells fits each cell to its width and joins the shown ones with gap
// spaces; cells whose width is 0 are dropped.
func JoinCells(cells []string, widths []int, gap int) string {
	var b strings.Builder
	first := true
	sep := strings.Repeat(" ", gap)
	for i, c := range cells {
		if i >= len(widths) || widths[i] <= 0 {
			continue
		}
		if !first {
			b.WriteString(sep)
		}
		first = false
		b.WriteString(Fit(c, widths[i]))
	}
	return b.String()
}

// HeaderTitles returns each column's title, or its short title when the
// full one is wider than the column.
func HeaderTitles(cols []Column, widths []int) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Title
		if i < len(widths) && ansi.StringWidth(c.Title) > widths[i] && c.Short != "" {
			out[i] = c.Short
		}
	}
	return out
}

// Window returns the first row to show so that cursor stays visible in a
// window of height rows, moving the previous offset as little as possible.
// Only rows [offset, offset+height) are ever rendered.
func Window(total, cursor, offset, height int) int {
	if height <= 0 || total <= height {
		return 0
	}
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+height {
		offset = cursor - height + 1
	}
	return ClampOffset(offset, total, height)
}

// ClampOffset keeps a scroll offset within [0, total-height].
func ClampOffset(offset, total, height int) int {
	return max(0, min(offset, total-height))
}

// Visible returns the lines shown in a window of height lines from offset.
func Visible(lines []string, offset, height int) []string {
	offset = ClampOffset(offset, len(lines), height)
	end := min(len(lines), offset+height)
	return lines[offset:end]
}
