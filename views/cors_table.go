package views

import (
	"fmt"
	"slices"
	"strings"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// corsColumns are the columns of the CORS rule table. Their minimum widths
// fit 80 columns with the one-cell gaps; wider terminals give the extra
// to origins first, then to the header lists.
var corsColumns = []ui.Column{
	{Title: "#", Min: 3, Max: 3, Priority: 9},
	{Title: "ID", Min: 9, Max: 16, Priority: 5},
	{Title: "Origins", Min: 24, Max: 40, Priority: 8, Flex: true},
	{Title: "Methods", Short: "Method", Min: 6, Max: 7, Priority: 7},
	{Title: "Allowed headers", Short: "Allow hdrs", Min: 12, Max: 22, Priority: 6},
	{Title: "Exposed headers", Short: "Expose hdrs", Min: 12, Max: 22, Priority: 4},
	{Title: "Max age", Short: "MaxAge", Min: 6, Max: 8, Priority: 3},
}

// corsTable renders rules as a table, each row as tall as its longest
// list (one item a line, long items broken, never cut), with the rule's
// lint notes under it. Row sel (-1 for none) is marked with a cursor.
// It is shared by the CORS pane and the CORS editor; spans[i] are the
// first and one past the last line of rule i with its notes, so the
// editor can keep the selected rule in view.
func corsTable(st *ui.Styles, width int, rules []awsops.CORSRule, notes [][]awsops.CORSNote, sel int) (out []string, spans [][2]int) {
	cols := slices.Clone(corsColumns)
	if !slices.ContainsFunc(rules, func(r awsops.CORSRule) bool { return r.ID != "" }) {
		cols[1].Min, cols[1].Max = 0, 0 // no IDs: the origins get the room
	}
	widths := ui.Layout(cols, width, 1)
	titles := ui.HeaderTitles(cols, widths)
	out = []string{st.Table.Header.Render(ui.JoinCells(titles, widths, 1))}
	for i, r := range rules {
		start := len(out)
		age := "—"
		if r.MaxAgeSeconds != nil {
			age = fmt.Sprintf("%ds", *r.MaxAgeSeconds)
		}
		marker := fmt.Sprintf(" %d", i+1)
		if i == sel {
			marker = "›" + fmt.Sprint(i+1)
		}
		cells := [][]string{
			{marker},
			corsListCell([]string{r.ID}, widths[1], "—"),
			corsListCell(r.AllowedOrigins, widths[2], "(none)"),
			corsListCell(r.AllowedMethods, widths[3], "(none)"),
			corsListCell(r.AllowedHeaders, widths[4], "—"),
			corsListCell(r.ExposeHeaders, widths[5], "—"),
			{age},
		}
		height := 0
		for _, c := range cells {
			height = max(height, len(c))
		}
		for l := 0; l < height; l++ {
			row := make([]string, len(cells))
			for k, c := range cells {
				if l < len(c) {
					row[k] = c[l]
				}
			}
			line := ui.JoinCells(row, widths, 1)
			if i == sel {
				line = st.Table.Selected.Render(ui.Fit(line, width))
			}
			out = append(out, line)
		}
		if i < len(notes) {
			out = append(out, corsNoteLines(st, width, notes[i])...)
		}
		spans = append(spans, [2]int{start, len(out)})
	}
	return out, spans
}

// corsListCell lays a list out one item a line, breaking items wider than the
// column, so an origin is never shown cut short.
func corsListCell(items []string, width int, empty string) []string {
	var out []string
	for _, it := range items {
		if it == "" {
			continue
		}
		out = append(out, ui.Wrap(termsafe.String(it), max(1, width))...)
	}
	if len(out) == 0 {
		return []string{empty}
	}
	return out
}

// corsNoteIndent is where a note's text starts, after its severity.
const corsNoteIndent = 10

// corsNoteLines renders a rule's lint notes under its row: severity, then
// the note, wrapped under itself.
func corsNoteLines(st *ui.Styles, width int, notes []awsops.CORSNote) []string {
	var out []string
	pad := strings.Repeat(" ", corsNoteIndent)
	for _, n := range notes {
		label := "   " + ui.Fit(strings.ToUpper(n.Severity.String()), corsNoteIndent-4) + " "
		for k, l := range ui.Wrap(n.Text, max(10, width-corsNoteIndent)) {
			if k == 0 {
				out = append(out, severityStyle(st, n.Severity).Render(label)+st.Text.Render(l))
				continue
			}
			out = append(out, pad+st.Text.Render(l))
		}
	}
	return out
}
