package logviewer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// Env is what the viewer renders with.
type Env struct {
	St            *ui.Styles
	Spin          string // the spinner frame
	Width, Height int
	// Hint says what to do about an error; nil shows none.
	Hint func(*awsops.FacetError) string
}

// columns of the record table, in the order of cells; the lowest
// priorities go first when narrow, and spare width goes to the highest
// first (the key, then the Flex key again).
var columns = []ui.Column{
	{Title: "TIME", Min: 14, Max: 14, Priority: 9},
	{Title: "HTTP", Min: 4, Max: 4, Priority: 8},
	{Title: "OPERATION", Short: "OP", Min: 18, Max: 24, Priority: 6},
	{Title: "KEY", Min: 8, Max: 40, Priority: 7, Flex: true},
	{Title: "REQUESTER", Short: "WHO", Min: 12, Max: 24, Priority: 5},
	{Title: "ERROR", Short: "ERR", Min: 6, Max: 22, Priority: 4},
	{Title: "TLS", Min: 7, Max: 7, Priority: 3},
	{Title: "BYTES", Min: 5, Max: 9, Priority: 1},
}

// bytesFrom is the narrowest width that shows the BYTES column: below it
// the width goes to the key.
const bytesFrom = 100

// fitColumns narrows each column to the widest of its title and its
// cells (widest, measured over every record shown, so the columns stay
// put while scrolling): short values leave their room to the key.
func fitColumns(cols []ui.Column, widest []int) []ui.Column {
	out := append([]ui.Column(nil), cols...)
	for i := range out {
		w := ansi.StringWidth(out[i].Title)
		if out[i].Short != "" {
			w = ansi.StringWidth(out[i].Short)
		}
		if i < len(widest) {
			w = max(w, widest[i])
		}
		out[i].Min, out[i].Max = min(out[i].Min, w), min(out[i].Max, w)
	}
	return out
}

// measure finds the widest cell of each column over the records shown.
func (m *Model) measure() {
	m.widest = make([]int, len(columns))
	env := Env{St: plainStyles}
	for i := range m.shown {
		for c, cell := range m.cells(env, m.record(i)) {
			m.widest[c] = max(m.widest[c], ansi.StringWidth(cell))
		}
	}
}

// plainStyles renders cells without escapes, for measuring.
var plainStyles = &ui.Styles{}

// shownColumns are the columns for width.
func shownColumns(width int) []ui.Column {
	if width < bytesFrom {
		return columns[:len(columns)-1]
	}
	return columns
}

// columnGap separates the columns.
const columnGap = 1

// headerLines is the number of lines above the table rows when records
// are shown: title, counts, requesters, operations, notes, column titles;
// footerLines is the line under them.
const (
	headerLines = 6
	footerLines = 1
)

// Rows is the number of table rows that fit in height lines.
func Rows(height int) int { return max(1, height-headerLines-footerLines) }

// Lines renders the viewer in env.Width × env.Height.
func (m *Model) Lines(env Env) []string {
	st := env.St
	out := []string{st.Pane.Heading.Render(m.title())}
	switch {
	case m.loading:
		return append(out, env.Spin+" "+st.Muted.Render("reading the newest log objects… (esc cancels)"), "  "+st.Muted.Render(progressText(m.progress)))
	case m.canceled:
		return append(out, st.Warn.Render("Reading canceled.")+" "+st.Muted.Render("Press r to read again, esc to go back."))
	case m.loggingOff():
		return append(out, st.Warn.Render("Server access logging is off for this bucket: nothing is logged."),
			st.Pane.Hint.Render("Configure logging on the Logging pane (e), then come back once logs are delivered."))
	case m.err != nil:
		fe := awsops.Classify(m.err)
		out = append(out, st.Error.Render("✗ "+termsafe.String(fe.Error())))
		if env.Hint != nil {
			for _, l := range ui.Wrap(env.Hint(fe), max(10, env.Width-2)) {
				out = append(out, "  "+st.Pane.Hint.Render(l))
			}
		}
		return out
	case m.res == nil:
		return append(out, st.Muted.Render("Not read yet; press r."))
	}
	out = append(out, m.summaryLines(env)...)
	if len(m.res.Records) == 0 {
		return append(out, m.emptyLines(env)...)
	}
	if m.count() == 0 {
		return append(out, "", st.Muted.Render("No record matches the filter; esc clears it."))
	}
	rows := Rows(env.Height)
	off := ui.Window(m.count(), m.cursor, m.offset, rows)
	var cells [][]string
	for i := off; i < min(m.count(), off+rows); i++ {
		cells = append(cells, m.cells(env, m.record(i)))
	}
	cols := fitColumns(shownColumns(env.Width), m.widest)
	widths := ui.Layout(cols, env.Width, columnGap)
	titles := ui.HeaderTitles(cols, widths)
	for i := range titles {
		titles[i] = st.Table.Header.Render(titles[i])
	}
	out = append(out, ui.JoinCells(titles, widths, columnGap))
	for j, c := range cells {
		i := off + j
		line := ui.JoinCells(c, widths, columnGap)
		if i == m.cursor {
			line = st.Table.Selected.Render(ui.Fit(ansi.Strip(line), env.Width))
		}
		out = append(out, line)
	}
	return append(out, m.footer(env, off, rows))
}

// progressText says how far a read has come.
func progressText(p awsops.LogProgress) string {
	switch {
	case p.ToRead > 0:
		return fmt.Sprintf("read %d of %d log objects · %s", p.Read, p.ToRead, sizeText(p.Bytes))
	case p.Listed > 0:
		return fmt.Sprintf("listed %d keys · %s", p.Listed, plural(p.Found, "log object", "log objects"))
	}
	return "finding the logging target…"
}

// sizeText is a byte count for people.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return plural(int(n), "byte", "bytes")
}

// title names the bucket and where its logs are delivered.
func (m *Model) title() string {
	t := "Access log of " + termsafe.String(m.bucket)
	if m.res != nil && m.res.Target.TargetBucket != "" {
		t += " → s3://" + termsafe.String(m.res.Target.TargetBucket+"/"+m.res.Target.TargetPrefix)
	}
	return t
}

// summaryLines are the counts, the top requesters and operations, and a
// note of what was left out; always headerLines-2 lines.
func (m *Model) summaryLines(env Env) []string {
	st, s, res := env.St, m.sum, m.res
	num := func(n int, style func(...string) string) string {
		if n == 0 {
			return st.Muted.Render("0")
		}
		return style(strconv.Itoa(n))
	}
	counts := fmt.Sprintf("%s from %s · 4xx %s · 5xx %s · anonymous %s · plain HTTP %s",
		plural(s.Records, "record", "records"), plural(len(res.Objects), "log object", "log objects"),
		num(s.ClientErrors, st.Warn.Render), num(s.ServerErrors, st.Bad.Render),
		num(s.Anonymous, st.Warn.Render), num(s.PlainHTTP, st.Bad.Render))
	owner := ""
	if len(res.Records) > 0 {
		owner = res.Records[0].BucketOwner
	}
	var who, ops []string
	for _, c := range s.ByRequester {
		who = append(who, termsafe.String(shortRequester(c.Name, owner))+" "+strconv.Itoa(c.N))
	}
	for _, c := range s.ByOperation {
		ops = append(ops, termsafe.String(strings.TrimPrefix(c.Name, "REST."))+" "+strconv.Itoa(c.N))
	}
	lines := []string{
		counts,
		st.Pane.Label.Render("Requesters ") + strings.Join(who, " · "),
		st.Pane.Label.Render("Operations ") + strings.Join(ops, " · "),
		m.note(env),
	}
	for i, l := range lines {
		lines[i] = ui.Fit(l, env.Width)
	}
	return lines
}

// note is one line on what was not read or not understood, else the
// plain-HTTP requesters (who a TLS-only policy would refuse).
func (m *Model) note(env Env) string {
	st, res := env.St, m.res
	switch {
	case m.typing || m.filter != "":
		cursor := ""
		if m.typing {
			cursor = "▏"
		}
		return st.Pane.Label.Render("Filter /") + termsafe.String(m.filter) + cursor +
			st.Muted.Render(fmt.Sprintf("  %d of %d records", m.count(), len(res.Records)))
	case len(res.Unread) > 0:
		fe := awsops.Classify(res.Unread[0].Err)
		return st.Warn.Render(fmt.Sprintf("⚠ %s unreadable; first: %s: %s", plural(len(res.Unread), "log object", "log objects"),
			termsafe.String(res.Unread[0].Key), fe.Code))
	case len(res.BadLines) > 0:
		return st.Warn.Render(fmt.Sprintf("⚠ %s not records; first: %s", plural(len(res.BadLines), "line", "lines"), termsafe.String(res.BadLines[0].Error())))
	case len(res.Limits) > 0:
		return st.Muted.Render("Bounded: " + termsafe.String(strings.Join(res.Limits, "; ")))
	case len(m.sum.PlainHTTPBy) > 0:
		owner := res.Records[0].BucketOwner
		var who []string
		for _, c := range m.sum.PlainHTTPBy {
			who = append(who, termsafe.String(shortRequester(c.Name, owner))+" "+strconv.Itoa(c.N))
		}
		return st.Bad.Render("Plain HTTP ") + strings.Join(who, " · ")
	}
	return st.Muted.Render("Every request used TLS.")
}

// emptyLines explain a read that found no record.
func (m *Model) emptyLines(env Env) []string {
	st, t := env.St, m.res.Target
	where := "s3://" + termsafe.String(t.TargetBucket+"/"+t.TargetPrefix)
	if len(m.res.Objects) == 0 {
		return []string{"", st.Muted.Render("No log object under " + where + " yet."),
			st.Pane.Hint.Render("AWS delivers logs within hours; a target that refuses delivery (SSE-KMS, no permission) never receives any. Press r to read again.")}
	}
	return []string{"", st.Muted.Render("The newest log objects under " + where + " hold no readable record of this bucket.")}
}

// cells is one record's row.
func (m *Model) cells(env Env, r awsops.LogRecord) []string {
	st := env.St
	status := strconv.Itoa(r.HTTPStatus)
	switch {
	case r.HTTPStatus == 0:
		status = "-"
	case r.HTTPStatus >= 500:
		status = st.Bad.Render(status)
	case r.HTTPStatus >= 400:
		status = st.Warn.Render(status)
	}
	tls := dash(r.TLSVersion)
	if r.PlainHTTP() {
		tls = st.Bad.Render("HTTP")
	}
	bytes := "-"
	if r.BytesSent > 0 {
		bytes = strconv.FormatInt(r.BytesSent, 10)
	}
	return []string{
		r.Time.UTC().Format("01-02 15:04:05"),
		status,
		termsafe.String(strings.TrimPrefix(dash(r.Operation), "REST.")),
		termsafe.String(dash(r.Key)),
		termsafe.String(shortRequester(awsops.RequesterName(r), r.BucketOwner)),
		termsafe.String(dash(r.ErrorCode)),
		tls,
		bytes,
	}
}

// footer is the position and the selected record in full: its requester
// and request line, which the columns cut.
func (m *Model) footer(env Env, off, rows int) string {
	r := m.record(m.cursor)
	pos := fmt.Sprintf("%d/%d ", m.cursor+1, m.count())
	detail := termsafe.String(awsops.RequesterName(r) + " · " + dash(r.RequestURI))
	if m.count() > rows {
		pos = fmt.Sprintf("%d–%d of %d · %d ", off+1, min(m.count(), off+rows), m.count(), m.cursor+1)
	}
	return ui.Fit(env.St.Muted.Render(pos+detail), env.Width)
}

// shortRequester names a requester in few cells: the bucket owner's
// canonical id as "bucket owner", an ARN by its resource part
// (user/admin, assumed-role/...), anonymous as such.
func shortRequester(name, owner string) string {
	switch {
	case name == awsops.Anonymous:
		return "anonymous"
	case owner != "" && name == owner:
		return "bucket owner"
	case strings.HasPrefix(name, "arn:"):
		return name[strings.LastIndex(name, ":")+1:]
	}
	return name
}

// dash shows an empty value as "-".
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// plural is "1 record", "2 records".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
