package ui

import (
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// FormTheme is the huh theme of the console's forms, built from the same
// styles as everything else, so forms follow the light, dark and NO_COLOR
// themes instead of huh's own palette.
func (s *Styles) FormTheme() huh.Theme {
	return huh.ThemeFunc(func(isDark bool) *huh.Styles {
		t := huh.ThemeBase(isDark)
		f := &t.Focused
		f.Base = f.Base.BorderForeground(s.Pane.Heading.GetForeground())
		f.Card = f.Base
		f.Title = s.Pane.Heading
		f.NoteTitle = s.Pane.Heading
		f.Description = s.Muted
		f.ErrorIndicator = s.Error.SetString(" *")
		f.ErrorMessage = s.Error
		f.SelectSelector = s.Table.Cursor.SetString("› ")
		f.MultiSelectSelector = s.Table.Cursor.SetString("› ")
		f.Option = s.Text
		f.SelectedOption = s.Good
		f.SelectedPrefix = s.Good.SetString("[x] ")
		f.UnselectedOption = s.Text
		f.UnselectedPrefix = s.Muted.SetString("[ ] ")
		f.NextIndicator = s.Muted.MarginLeft(1).SetString("→")
		f.PrevIndicator = s.Muted.MarginRight(1).SetString("←")
		f.Directory = s.Pane.Heading
		f.File = s.Text
		f.FocusedButton = s.Tabs.Active.Padding(0, 2).MarginRight(1)
		f.BlurredButton = s.Tabs.Inactive.Padding(0, 2).MarginRight(1)
		f.TextInput.Cursor = s.Table.Cursor
		f.TextInput.Placeholder = s.Muted
		f.TextInput.Prompt = s.Table.Cursor
		f.TextInput.Text = s.Text
		t.Blurred = *f
		t.Blurred.Base = t.Blurred.Base.BorderStyle(lipgloss.HiddenBorder())
		t.Blurred.Card = t.Blurred.Base
		t.Blurred.Title = s.Pane.Label
		t.Blurred.MultiSelectSelector = s.Text.SetString("  ")
		t.Blurred.NextIndicator = s.Text
		t.Blurred.PrevIndicator = s.Text
		t.Help = s.Help
		return t
	})
}
