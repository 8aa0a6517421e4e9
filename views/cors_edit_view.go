package views

import (
	"fmt"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// flowTitle implements titledFlow: the editor and where it is.
func (f *corsEditFlow) flowTitle() string {
	switch f.stage {
	case corsRuleForm:
		return "Edit CORS: " + formStep(f.form)
	case corsImport:
		return "Edit CORS: import"
	case corsExport:
		return "Edit CORS: export"
	case corsInEditor:
		return "Edit CORS: $EDITOR"
	}
	return "Edit CORS: rules"
}

// corsMaxProblems is how many validation problems the list shows at once.
const corsMaxProblems = 3

// view implements flow.
func (f *corsEditFlow) view(e paneEnv) []string {
	st := e.st
	switch f.stage {
	case corsRuleForm:
		out := f.formLines(e)
		key := formStep(f.form)
		if p := f.fields.Problem(key); p != "" {
			return append(out, wrapStyled(st.Error, "✗ "+p, e.width)...)
		}
		return append(out, st.Good.Render("✓ no problem with the "+key))
	case corsImport, corsExport:
		return f.formLines(e)
	case corsInEditor:
		return []string{e.heading("CORS rules of " + f.state.Name), st.Muted.Render("Editing the JSON in $EDITOR… save and quit the editor to come back.")}
	}
	rules := f.list.Rules
	out := []string{e.heading("CORS rules of " + f.state.Name + " (draft)")}
	size := awsops.CORSXMLSize(rules)
	state := "as the bucket has them"
	if f.list.Changed() {
		state = st.Warn.Render("changed: w reviews the plan")
	}
	out = append(out, st.Muted.Render(fmt.Sprintf("%d of %d rules · %d of %d bytes · ", len(rules), awsops.CORSMaxRules, size, awsops.CORSMaxXMLBytes))+state)
	if f.notice != "" {
		style := st.Text
		if f.noticeBad {
			style = st.Error
		}
		out = append(out, wrapStyled(style, f.notice, e.width)...)
	}
	if len(rules) > 0 {
		probs := awsops.ValidateCORS(rules)
		for i, p := range probs {
			if i == corsMaxProblems {
				out = append(out, st.Error.Render(fmt.Sprintf("  … and %d more problems", len(probs)-i)))
				break
			}
			out = append(out, wrapStyled(st.Error, "✗ "+p.String(), e.width)...)
		}
	}
	if len(rules) == 0 {
		out = append(out, "", st.Muted.Render("The draft has no rules: w deletes the configuration, a adds a rule."))
		return out
	}
	table, spans := corsTable(st, e.width, rules, awsops.CORSRuleNotes(rules, corsTLSEnforced(&f.state)), f.list.Cursor)
	return append(out, f.visibleTable(table, spans, max(2, e.height-len(out)))...)
}

// visibleTable keeps the header and the selected rule in view, scrolling
// the rows beneath the header.
func (f *corsEditFlow) visibleTable(table []string, spans [][2]int, height int) []string {
	if len(table) <= height {
		f.offset = 0
		return table
	}
	rows := table[1:]
	h := height - 2 // the header, and the line that says there is more
	span := spans[min(f.list.Cursor, len(spans)-1)]
	first, last := span[0]-1, span[1]-1
	switch {
	case f.scrolled:
		// pgup/pgdn moved the view (a rule taller than the screen): keep it.
	case first < f.offset || last-first > h:
		f.offset = first // a rule taller than the view shows from its top
	case last > f.offset+h:
		f.offset = last - h
	}
	f.offset = ui.ClampOffset(f.offset, len(rows), h)
	shown := ui.Visible(rows, f.offset, h)
	more := fmt.Sprintf("  lines %d–%d of %d · ↑↓ select · pgup/pgdn scroll", f.offset+1, f.offset+len(shown), len(rows))
	return append(append([]string{table[0]}, shown...), f.c.st.Muted.Render(more))
}
