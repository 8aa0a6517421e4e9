package views

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
	"github.com/s3sec/s3sec/views/corsedit"
)

// corsStage is where the CORS editor is.
type corsStage int

// Stages of the CORS editor; the plan preview that follows is a planFlow
// of its own, which comes back here when declined or failed.
const (
	corsListing  corsStage = iota // the rules with their notes, a cursor
	corsRuleForm                  // adding or editing one rule
	corsImport                    // asking for a JSON file to import
	corsExport                    // asking for a file to write the JSON to
	corsInEditor                  // $EDITOR has the terminal
)

// corsEditorDoneMsg is the end of $EDITOR for editor id.
type corsEditorDoneMsg struct {
	id  int
	err error
}

// corsEditFlow edits a working copy of a bucket's CORS rules: add, edit,
// move and delete rules in forms checked as they are typed, import and
// export the aws CLI's JSON (a file, or $EDITOR), and delete the whole
// configuration. Nothing is sent until w: the change is then one plan
// (PutBucketCors or DeleteBucketCors) shown with its CLI equivalent,
// applied, and the bucket read again.
type corsEditFlow struct {
	id    int
	c     *common
	be    Backend
	state awsops.BucketState // the bucket as read when the editor opened
	list  *corsedit.List
	stage corsStage

	formStage
	fields     *corsedit.Fields // the rule in the form
	editing    int              // the rule the form edits, -1 for a new one
	importPath string           // the file to import, kept between tries
	exportPath string           // the file to export to, kept between tries

	editor *corsedit.EditorSession // the $EDITOR round trip in progress
	draft  []byte                  // JSON from $EDITOR that did not parse: the next round starts from it

	notice    string // the last outcome, shown above the rules
	noticeBad bool
	discard   bool // esc was pressed once with unsaved changes
	offset    int  // first line of the rule table shown
	scrolled  bool // the view was paged away from the selected rule
}

// newCORSEditFlow opens the editor on the bucket's rules.
func newCORSEditFlow(c *common, be Backend, state awsops.BucketState, width int) (*corsEditFlow, tea.Cmd) {
	var rules []awsops.CORSRule
	if state.CORS != nil {
		rules = state.CORS.Rules
	}
	f := &corsEditFlow{id: nextPlanFlowID(), c: c, be: be, state: state, list: corsedit.NewList(rules), formStage: formStage{width: width}}
	if len(rules) == 0 {
		f.say(false, "No rules yet: a adds one, i imports a JSON file, E writes JSON in $EDITOR.")
	}
	return f, nil
}

// say sets the notice line.
func (f *corsEditFlow) say(bad bool, format string, a ...any) {
	f.notice, f.noticeBad = fmt.Sprintf(format, a...), bad
}

// close implements flow: nothing runs in the background (Apply belongs to
// the plan flow, $EDITOR to the program).
func (f *corsEditFlow) close() {}

// typing implements flow: the forms have the keys.
func (f *corsEditFlow) typing() bool {
	return f.stage == corsRuleForm || f.stage == corsImport || f.stage == corsExport
}

// busy implements flow.
func (f *corsEditFlow) busy() bool { return false }

// back implements flow: esc leaves a form for the list (the list is as
// it was), or closes the editor, asking once more when edits would be lost.
func (f *corsEditFlow) back() (flow, tea.Cmd) {
	switch f.stage {
	case corsRuleForm, corsImport, corsExport:
		f.stage = corsListing
		f.say(false, "Canceled: the rules are as they were.")
		return f, nil
	case corsInEditor:
		return f, nil // the editor has the terminal; its exit comes back here
	}
	if f.list.Changed() && !f.discard {
		f.discard = true
		f.say(true, "Unsaved changes: esc again discards them, w reviews the plan.")
		return f, nil
	}
	return nil, ui.Report(ui.LevelInfo, "Canceled: nothing was changed.")
}

// update implements flow.
func (f *corsEditFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	if m, ok := msg.(corsEditorDoneMsg); ok {
		if m.id == f.id && f.stage == corsInEditor {
			f.editorDone(m.err)
		}
		return f, nil
	}
	switch f.stage {
	case corsListing:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return f.listKey(k)
		}
		return f, nil
	case corsRuleForm, corsImport, corsExport:
		done, cmd := f.updateForm(msg)
		if !done {
			return f, cmd
		}
		return f.formDone()
	}
	return f, nil
}
