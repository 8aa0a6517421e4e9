package ui

import (
	"testing"
)

func TestFormThemeUsesTheConsoleStyles(t *testing.T) {
	st := NewMonochromeStyles()
	th := st.FormTheme().Theme(true)
	if th.Focused.Title.Render("x") != st.Pane.Heading.Render("x") {
		t.Error("focused field titles must use the pane heading style")
	}
	if th.Focused.ErrorMessage.Render("x") != st.Error.Render("x") {
		t.Error("validation errors must use the error style")
	}
	if colourSGR.MatchString(th.Focused.FocusedButton.Render("Yes")) {
		t.Error("the monochrome theme must not bring huh's colours into forms")
	}
}
