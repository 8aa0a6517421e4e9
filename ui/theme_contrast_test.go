package ui

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
)

// relativeLuminance is WCAG 2's relative luminance of an sRGB colour.
func relativeLuminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xFFFF
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrastRatio is WCAG 2's contrast ratio of two colours (1 to 21).
func contrastRatio(a, b color.Color) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrastRatioMatchesWCAGExamples(t *testing.T) {
	for _, c := range []struct {
		fg, bg string
		want   float64
	}{{"#000000", "#FFFFFF", 21}, {"#767676", "#FFFFFF", 4.54}, {"#B2B2B2", "#FFFFFF", 2.12}} {
		if got := contrastRatio(lipgloss.Color(c.fg), lipgloss.Color(c.bg)); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.2f, want %.2f", c.fg, c.bg, got, c.want)
		}
	}
}

// The greys of the footer (short help), the full help and the secondary
// text reach WCAG AA (4.5:1) on the backgrounds the theme is built for.
func TestGreyForegroundsReachAAOnTheirBackground(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	for _, isDark := range []bool{false, true} {
		st := NewStyles(isDark)
		bgs := AssumedLightBackgrounds
		if isDark {
			bgs = AssumedDarkBackgrounds
		}
		styles := map[string]lipgloss.Style{
			"help key":            st.Help.ShortKey,
			"help description":    st.Help.ShortDesc,
			"help separator":      st.Help.ShortSeparator,
			"full help key":       st.Help.FullKey,
			"full help desc":      st.Help.FullDesc,
			"full help separator": st.Help.FullSeparator,
			"help ellipsis":       st.Help.Ellipsis,
			"muted":               st.Muted,
			"table header":        st.Table.Header,
			"inactive tab":        st.Tabs.Inactive,
			"pane label":          st.Pane.Label,
			"info severity":       st.SevInfo,
		}
		for name, s := range styles {
			fg := s.GetForeground()
			if _, none := fg.(lipgloss.NoColor); none || fg == nil {
				t.Errorf("dark=%v %s has no foreground colour: the terminal default says nothing about contrast", isDark, name)
				continue
			}
			for _, bg := range bgs {
				if r := contrastRatio(fg, lipgloss.Color(bg)); r < 4.5 {
					t.Errorf("dark=%v %s on %s: contrast %.2f:1, want at least 4.5:1", isDark, name, bg, r)
				}
			}
		}
		// The status bar draws its own background, under its text and messages.
		for name, s := range map[string]lipgloss.Style{
			"status bar text": st.Status.Segment, "info message": st.Status.Info,
			"success message": st.Status.Success, "warning message": st.Status.Warning, "error message": st.Status.Error,
		} {
			if r := contrastRatio(s.GetForeground(), s.GetBackground()); r < 4.5 {
				t.Errorf("dark=%v %s: contrast %.2f:1 on the bar, want at least 4.5:1", isDark, name, r)
			}
		}
	}
}
