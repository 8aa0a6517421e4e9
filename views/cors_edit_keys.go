package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
	"github.com/s3sec/s3sec/views/corsedit"
)

// corsListKeys are the CORS editor's keys on its list of rules. They are
// the editor's own (a dialog has the keyboard); t is left for the
// preflight tester of the CORS pane.
var corsListKeys = struct {
	add, edit, up, down, del, imp, exp, editor, delAll, write key.Binding
}{
	add:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add rule")),
	edit:   key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter/e", "edit rule")),
	up:     key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "move up")),
	down:   key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "move down")),
	del:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete rule")),
	imp:    key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "import JSON file")),
	exp:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export JSON file")),
	editor: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "JSON in $EDITOR")),
	delAll: key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete configuration")),
	write:  key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "review plan, apply")),
}

// help implements flow.
func (f *corsEditFlow) help(k ui.KeyMap) []key.Binding {
	esc := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the rules"))
	switch f.stage {
	case corsRuleForm:
		out := []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
			key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		}
		if formStep(f.form) == corsedit.KeyMethods {
			out = append(out, k.Move, key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "mark")))
		}
		return append(out, esc)
	case corsImport, corsExport:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "ok")), esc}
	case corsInEditor:
		return nil
	}
	l := corsListKeys
	return []key.Binding{l.write, k.Move, l.add, l.edit, l.up, l.down, l.del, l.imp, l.exp, l.editor, l.delAll,
		key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", "scroll")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))}
}

// listKey handles a key on the list of rules.
func (f *corsEditFlow) listKey(msg tea.KeyPressMsg) (flow, tea.Cmd) {
	k, l := f.c.keys, corsListKeys
	if !key.Matches(msg, k.Back) {
		f.discard = false
	}
	if key.Matches(msg, k.PageUp, k.PageDown) {
		f.scrolled = true
		page := 10
		if key.Matches(msg, k.PageUp) {
			page = -page
		}
		f.offset = max(0, f.offset+page) // clamped when drawn
		return f, nil
	}
	f.scrolled = false
	switch {
	case key.Matches(msg, l.up):
		if f.list.Move(-1) {
			f.say(false, "Rule moved up: S3 uses the first rule that matches.")
		}
	case key.Matches(msg, l.down):
		if f.list.Move(1) {
			f.say(false, "Rule moved down: S3 uses the first rule that matches.")
		}
	case key.Matches(msg, k.Up):
		f.list.Select(-1)
	case key.Matches(msg, k.Down):
		f.list.Select(1)
	case key.Matches(msg, k.Top):
		f.list.Select(-1 << 30)
	case key.Matches(msg, k.Bottom):
		f.list.Select(1 << 30)
	case key.Matches(msg, l.add):
		if why := f.list.CanAdd(); why != "" {
			f.say(true, "%s", why)
			return f, nil
		}
		return f, f.openRule(-1, "")
	case key.Matches(msg, l.edit):
		if len(f.list.Rules) == 0 {
			f.say(true, "No rule to edit: a adds one.")
			return f, nil
		}
		return f, f.openRule(f.list.Cursor, "")
	case key.Matches(msg, l.del):
		if len(f.list.Rules) == 0 {
			return f, nil
		}
		n := f.list.Cursor + 1
		f.list.Delete()
		f.say(false, "Rule %d removed from the draft; w reviews the plan, esc discards.", n)
	case key.Matches(msg, l.imp):
		return f, f.openPath(corsImport, "")
	case key.Matches(msg, l.exp):
		return f, f.openPath(corsExport, "")
	case key.Matches(msg, l.editor):
		return f, f.openEditor()
	case key.Matches(msg, l.delAll):
		return f.toDeletePlan()
	case key.Matches(msg, l.write):
		return f.toPlan()
	}
	return f, nil
}
