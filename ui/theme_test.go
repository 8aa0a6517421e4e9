package ui

import (
	"regexp"
	"testing"
)

// colourSGR matches any foreground or background colour escape.
var colourSGR = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`)

func TestNoColorThemeHasNoColours(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	st := NewStyles(true)
	if !st.NoColor {
		t.Fatal("NO_COLOR set but the theme has colours")
	}
	for name, s := range map[string]string{
		"bad":      st.Bad.Render("x"),
		"selected": st.Table.Selected.Render("x"),
		"insecure": st.Status.Insecure.Render("x"),
		"high":     st.SevHigh.Render("x"),
		"tab":      st.Tabs.Active.Render("x"),
	} {
		if colourSGR.MatchString(s) {
			t.Errorf("%s renders a colour under NO_COLOR: %q", name, s)
		}
	}
	if st.Table.Selected.Render("x") == "x" {
		t.Error("the selected row must stay visible without colour (reverse video)")
	}
}

func TestColourThemesDifferByBackground(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	dark, light := NewStyles(true), NewStyles(false)
	if dark.NoColor || light.NoColor {
		t.Fatal("empty NO_COLOR must not disable colours")
	}
	if dark.Bad.Render("x") == light.Bad.Render("x") {
		t.Error("the dark and light themes use the same red: one of them is hard to read")
	}
}
