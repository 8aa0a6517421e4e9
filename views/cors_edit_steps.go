package views

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/views/corsedit"
)

// toPlan builds the plan of the working copy: PutBucketCors of every
// rule, or DeleteBucketCors when no rule is left.
func (f *corsEditFlow) toPlan() (flow, tea.Cmd) {
	if !f.list.Changed() {
		f.say(false, "Nothing changed: the rules are as the bucket has them.")
		return f, nil
	}
	if len(f.list.Rules) == 0 {
		return f.toDeletePlan()
	}
	p, err := awsops.PutCORSPlan(f.state.Name, f.state.Region, f.list.Rules)
	if err != nil {
		f.say(true, "Not sent: %s", err)
		return f, nil
	}
	// The serious findings the new rules would still have are said once
	// more where the change is confirmed.
	for i, ns := range awsops.CORSRuleNotes(f.list.Rules, corsTLSEnforced(&f.state)) {
		for _, n := range ns {
			if n.Severity >= awsops.SeverityMedium {
				p.Warnings = append(p.Warnings, fmt.Sprintf("Rule %d: %s", i+1, n.Text))
			}
		}
	}
	pf := newPlanFlow(f.c, f.be, p, fmt.Sprintf("CORS configuration of %s replaced (%d rules).", f.state.Name, len(f.list.Rules)))
	return f.handOver(pf), nil
}

// toDeletePlan previews the deletion of the whole configuration.
func (f *corsEditFlow) toDeletePlan() (flow, tea.Cmd) {
	if len(f.list.Orig) == 0 {
		f.say(false, "%s has no CORS configuration: nothing to delete.", f.state.Name)
		return f, nil
	}
	return f.handOver(corsDeletePlan(f.c, f.be, f.state)), nil
}

// handOver shows pf; a "no" or a failure comes back to the list, edits kept.
func (f *corsEditFlow) handOver(pf *planFlow) *planFlow {
	if pf.name == "Change" {
		pf.name = "Edit CORS"
	}
	pf.explain = explainConfigError
	pf.declined = func() (flow, tea.Cmd) {
		f.stage = corsListing
		f.say(false, "Plan declined: nothing was sent; the draft is kept.")
		return f, nil
	}
	pf.reopen = func(problem string) (flow, tea.Cmd) {
		f.stage = corsListing
		f.say(true, "%s", problem)
		return f, nil
	}
	return pf
}

// openRule shows the form of rule i (-1: a new rule).
func (f *corsEditFlow) openRule(i int, problem string) tea.Cmd {
	f.editing = i
	title := "New rule"
	var r *awsops.CORSRule
	if i >= 0 {
		r = &f.list.Rules[i]
		title = fmt.Sprintf("Rule %d", i+1)
	}
	f.fields = corsedit.FieldsOf(r)
	f.stage = corsRuleForm
	f.problem = problem
	f.form = f.styled(f.c, corsedit.RuleForm(f.fields, title, f.width))
	return f.form.Init()
}

// openPath asks for the file to import or export.
func (f *corsEditFlow) openPath(stage corsStage, problem string) tea.Cmd {
	f.stage = stage
	f.problem = problem
	title, desc := "Import a CORS configuration", "The JSON of aws s3api put-bucket-cors --cors-configuration ({\"CORSRules\": [...]}). It replaces the draft; nothing is sent until w."
	if stage == corsExport {
		title, desc = "Export the draft as JSON", "Written as the aws CLI reads it (file://PATH); an existing file is never replaced."
	}
	path := &f.importPath
	if stage == corsExport {
		path = &f.exportPath
	}
	in := huh.NewInput().Key("file").Title(title).Description(formDesc(f.width, desc)).
		Placeholder("./cors.json").Value(path)
	f.form = f.styled(f.c, huh.NewForm(huh.NewGroup(in)))
	return f.form.Init()
}

// formDone takes a finished form's answer.
func (f *corsEditFlow) formDone() (flow, tea.Cmd) {
	switch f.stage {
	case corsRuleForm:
		r, err := f.fields.Rule()
		if err != nil {
			// Every field was checked on enter; a rule refused here is a bug
			// in the checks, and the user keeps the list as it was.
			f.stage = corsListing
			f.say(true, "Rule not kept: %s", err)
			return f, nil
		}
		f.stage = corsListing
		if f.editing < 0 {
			f.list.Add(r)
			f.say(false, "Rule %d added to the draft; w reviews the plan.", len(f.list.Rules))
		} else {
			f.list.Replace(f.editing, r)
			f.say(false, "Rule %d changed in the draft; w reviews the plan.", f.editing+1)
		}
	case corsImport:
		rules, err := corsedit.ReadJSONFile(f.importPath)
		if err != nil {
			return f, f.openPath(corsImport, err.Error())
		}
		f.stage = corsListing
		f.list.SetAll(rules)
		f.draft = nil
		f.say(false, "Imported %d rules from %s; w reviews the plan.", len(rules), f.importPath)
	case corsExport:
		path, err := corsedit.WriteJSONFile(f.exportPath, f.list.Rules)
		if err != nil {
			return f, f.openPath(corsExport, err.Error())
		}
		f.stage = corsListing
		f.say(false, "Wrote %d rules to %s.", len(f.list.Rules), path)
	}
	return f, nil
}

// openEditor hands the terminal to $EDITOR on the draft's JSON, or on the
// text of the last round that did not parse.
func (f *corsEditFlow) openEditor() tea.Cmd {
	text := f.draft
	if text == nil {
		text = awsops.FormatCORSJSON(f.list.Rules)
	}
	sess, err := corsedit.StartEditor(text)
	if err != nil {
		f.say(true, "%s", err)
		return nil
	}
	f.editor, f.stage = sess, corsInEditor
	id := f.id
	return tea.ExecProcess(sess.Cmd, func(err error) tea.Msg { return corsEditorDoneMsg{id: id, err: err} })
}

// editorDone reads what the editor left: valid JSON replaces the draft;
// anything else leaves the rules alone and keeps the text for the next E.
func (f *corsEditFlow) editorDone(runErr error) {
	f.stage = corsListing
	text, rules, err := f.editor.Finish(runErr)
	f.editor = nil
	if err != nil {
		if text != nil {
			f.draft = text
		}
		f.say(true, "%s — the rules are unchanged; E reopens your text to fix it.", err)
		return
	}
	f.draft = nil
	f.list.SetAll(rules)
	f.say(false, "Read %d rules from the editor; w reviews the plan.", len(rules))
}
