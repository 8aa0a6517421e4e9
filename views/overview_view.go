package views

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// Layout constants of the grid.
const (
	cursorWidth = 2 // "› " before the selected row
	columnGap   = 1
)

// bodyHeight is the number of bucket rows that fit: the screen minus the
// header line, the summary line and the filter line when shown.
func (o *Overview) bodyHeight() int {
	h := o.height - 2
	if o.filtering || o.filter != "" {
		h--
	}
	return max(0, h)
}

// View implements screen. Only the rows in the window are rendered, so a
// frame costs the same for 50 buckets or 50,000.
func (o *Overview) View() string {
	if o.width <= 0 || o.height <= 0 {
		return ""
	}
	st := o.c.st
	lines := make([]string, 0, o.height)
	if o.filtering || o.filter != "" {
		lines = append(lines, o.filterLine())
	}
	lines = append(lines, o.headerLine())
	body := o.bodyHeight()
	switch {
	case len(o.store.states) == 0:
		lines = append(lines, o.emptyLines()...)
	case len(o.rows) == 0:
		lines = append(lines, "  "+st.Muted.Render(fmt.Sprintf("No bucket matches %q.", o.filter)))
	default:
		end := min(len(o.rows), o.offset+body)
		for i := o.offset; i < end; i++ {
			lines = append(lines, o.rowLine(i))
		}
	}
	spare := len(lines) < o.height-1 // a blank line is left above the summary
	for len(lines) < o.height-1 {
		lines = append(lines, "")
	}
	if l := o.loopLine(); spare && l != "" && o.height >= 3 {
		lines[o.height-2] = l
	}
	lines = append(lines[:o.height-1], o.summaryLine())
	return strings.Join(lines, "\n")
}

// emptyLines explains an empty grid: loading, failed, canceled, or no buckets.
func (o *Overview) emptyLines() []string {
	st := o.c.st
	switch {
	case o.scan.listing:
		return []string{"  " + o.c.spin + " " + st.Muted.Render("Listing buckets…")}
	case o.scan.err != nil:
		out := []string{"", "  " + st.Bad.Render("Could not list the buckets")}
		for _, l := range ui.Wrap(o.scan.err.Error(), max(10, o.width-4)) {
			out = append(out, "  "+st.Error.Render(l))
		}
		for _, l := range ui.Wrap(hint(o.scan.err.Code)+" Press R to try again.", max(10, o.width-4)) {
			out = append(out, "  "+st.Pane.Hint.Render(l))
		}
		return out
	case o.scan.canceled:
		return []string{"  " + st.Warn.Render("Listing canceled.") + " " + st.Muted.Render("Press R to list the buckets again.")}
	}
	return []string{"  " + st.Muted.Render("No buckets in this account.")}
}

// filterLine shows the filter being typed, or the one in force.
func (o *Overview) filterLine() string {
	st := o.c.st
	text := st.Filter.Text.Render(o.filter)
	if o.filtering {
		text += st.Filter.Prompt.Render("▏")
	}
	return st.Filter.Prompt.Render("/") + " " + text
}

// headerLine renders the column titles; the sort column carries an arrow.
func (o *Overview) headerLine() string {
	st := o.c.st
	titles := ui.HeaderTitles(columnSpecs[:], o.widths)
	cells := make([]string, len(titles))
	for i, t := range titles {
		if column(i) == o.sortCol {
			arrow := "↑"
			if o.desc {
				arrow = "↓"
			}
			cells[i] = st.Table.HeaderSorted.Render(ansi.Truncate(t, max(0, o.widths[i]-1), "") + arrow)
			continue
		}
		cells[i] = st.Table.Header.Render(t)
	}
	return strings.Repeat(" ", cursorWidth) + ui.JoinCells(cells, o.widths, columnGap)
}

// rowLine renders the i-th row of the filtered, sorted grid.
func (o *Overview) rowLine(i int) string {
	st := o.c.st
	s := &o.store.states[o.rows[i]]
	_, refreshing := o.refreshing[s.Name]
	env := cellEnv{
		st:        st,
		spin:      o.c.spin,
		loading:   o.scan.scanning || refreshing,
		analysing: !o.analysis.settled(),
		findings:  o.store.findings[s.Name],
		stale:     o.store.staleOf(s.Name),
	}
	cells := make([]string, numColumns)
	for c := range numColumns {
		if o.widths[c] > 0 {
			env.width = o.widths[c]
			cells[c] = cell(c, s, env)
		}
	}
	line := ui.JoinCells(cells, o.widths, columnGap)
	if i != o.cursor {
		return o.gutter(s.Name, false) + line
	}
	// The selected row is drawn in one style: nested cell styles would
	// reset its background halfway.
	row := ui.Fit(o.gutter(s.Name, true)+ansi.Strip(line), o.width)
	return st.Table.Selected.Render(row)
}

// summaryLine counts buckets, findings by severity, and facets still loading.
func (o *Overview) summaryLine() string {
	st := o.c.st
	total := len(o.store.states)
	var parts []string
	if len(o.rows) != total {
		parts = append(parts, fmt.Sprintf("%d of %s", len(o.rows), plural(total, "bucket", "buckets")))
	} else {
		parts = append(parts, plural(total, "bucket", "buckets"))
	}
	sev := o.store.severity
	parts = append(parts,
		st.SevHigh.Render(fmt.Sprintf("%d high", sev[awsops.SeverityHigh]))+
			" "+st.SevMedium.Render(fmt.Sprintf("%d medium", sev[awsops.SeverityMedium]))+
			" "+st.SevLow.Render(fmt.Sprintf("%d low", sev[awsops.SeverityLow]))+
			" "+st.SevInfo.Render(fmt.Sprintf("%d info", sev[awsops.SeverityInfo])))
	switch {
	case o.scan.listing:
		parts = append(parts, o.c.spin+" listing buckets")
	case o.scan.scanning || len(o.refreshing) > 0:
		parts = append(parts, o.c.spin+" "+plural(o.store.pending, "facet", "facets")+" loading")
	case o.store.pending > 0 && total > 0:
		parts = append(parts, st.Warn.Render(plural(o.store.pending, "facet", "facets")+" not read"))
	case !o.analysis.settled():
		parts = append(parts, o.c.spin+" analysing")
	case total > 0:
		parts = append(parts, st.Good.Render("all facets loaded"))
	}
	if o.filter != "" && !o.filtering {
		parts = append(parts, st.Muted.Render("filter: "+o.filter))
	}
	if n := len(o.marks.marked); n > 0 {
		parts = append(parts, st.Warn.Render(fmt.Sprintf("%d marked", n)))
	}
	return " " + strings.Join(parts, st.Muted.Render(" · "))
}
