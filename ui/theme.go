// Package ui is the console's toolkit: theme, keymap, status bar, spinner,
// help, table helpers, plan preview, confirm dialog, progress bar and the
// forms' theme. It knows nothing of AWS; views give it strings.
package ui

import (
	"image/color"
	"os"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles is the one theme of the console. Views take every style from here
// and never build colours of their own, so light, dark and NO_COLOR
// terminals stay consistent.
type Styles struct {
	IsDark  bool // built for a dark background
	NoColor bool // built without colours (NO_COLOR): emphasis by attributes only

	Title      lipgloss.Style // application name in the header
	Breadcrumb lipgloss.Style // where the user is, beside the title
	Text       lipgloss.Style // plain text
	Muted      lipgloss.Style // secondary text, placeholders
	Good       lipgloss.Style // a setting in a safe state
	Warn       lipgloss.Style // a setting worth a look
	Bad        lipgloss.Style // a setting in an unsafe state
	Error      lipgloss.Style // an error code in place of a value
	Disabled   lipgloss.Style // actions that cannot be used now
	Spinner    lipgloss.Style // the loading spinner

	SevHigh   lipgloss.Style // high-severity findings
	SevMedium lipgloss.Style // medium-severity findings
	SevLow    lipgloss.Style // low-severity findings
	SevInfo   lipgloss.Style // informational findings

	Table    TableStyles    // the overview grid and object lists
	Tabs     TabStyles      // the pane tabs of the detail screen
	Pane     PaneStyles     // the content of a detail pane
	Status   StatusStyles   // the status bar
	Filter   FilterStyles   // the filter prompt
	Progress ProgressStyles // progress bars of uploads, downloads and re-encryption
	Help     help.Styles    // the bubbles help component
}

// TableStyles style a grid.
type TableStyles struct {
	Header       lipgloss.Style // column titles
	HeaderSorted lipgloss.Style // the title of the sort column
	Selected     lipgloss.Style // the row under the cursor
	Cursor       lipgloss.Style // the cursor mark at the start of the selected row
}

// TabStyles style a row of tabs.
type TabStyles struct {
	Active   lipgloss.Style // the pane shown
	Inactive lipgloss.Style // the other panes
}

// PaneStyles style the content of a detail pane.
type PaneStyles struct {
	Heading lipgloss.Style // a section title inside a pane
	Label   lipgloss.Style // the name of a setting
	Value   lipgloss.Style // the value of a setting
	Code    lipgloss.Style // JSON and other verbatim text
	Hint    lipgloss.Style // what to do about a problem
}

// StatusStyles style the status bar.
type StatusStyles struct {
	Bar      lipgloss.Style // the bar background
	Segment  lipgloss.Style // one piece of information
	Secure   lipgloss.Style // HTTPS badge
	Insecure lipgloss.Style // plain-HTTP badge: must stand out
	Badge    lipgloss.Style // neutral badge (DEMO, READ-ONLY)
	Root     lipgloss.Style // the root-user badge: must stand out
	Info     lipgloss.Style // info-level message
	Success  lipgloss.Style // success-level message
	Warning  lipgloss.Style // warning-level message
	Error    lipgloss.Style // error-level message
}

// FilterStyles style the filter prompt.
type FilterStyles struct {
	Prompt lipgloss.Style // the "/" prompt
	Text   lipgloss.Style // the typed text
}

// ProgressStyles style a progress bar.
type ProgressStyles struct {
	Full  lipgloss.Style // the done part
	Empty lipgloss.Style // the part still to do
}

// NoColorRequested reports whether the NO_COLOR convention (no-color.org)
// asks for output without colours: the variable is set and not empty.
func NoColorRequested() bool {
	return os.Getenv("NO_COLOR") != ""
}

// NewStyles builds the theme for a dark or light background. When NO_COLOR
// is set it builds the monochrome theme instead.
func NewStyles(isDark bool) *Styles {
	if NoColorRequested() {
		s := NewMonochromeStyles()
		s.IsDark = isDark
		return s
	}
	return colourStyles(isDark)
}

// The backgrounds the greys are checked against (theme_contrast_test.go):
// the common light and dark terminal backgrounds, the worst of each kind
// for grey text (Solarized Light's cream, a grey-black dark theme).
var (
	AssumedLightBackgrounds = []string{"#FFFFFF", "#FDF6E3"}
	AssumedDarkBackgrounds  = []string{"#000000", "#1E1E1E"}
)

// palette holds the semantic colours of one background.
type palette struct {
	fg, muted, accent, good, warn, bad, info, selBg, barBg, badgeBg color.Color
}

func newPalette(isDark bool) palette {
	ld := lipgloss.LightDark(isDark)
	c := lipgloss.Color
	return palette{
		fg:      ld(c("#1F1F1F"), c("#E4E4E4")),
		muted:   ld(c("#6A6A6A"), c("#8C8C8C")),
		accent:  ld(c("#5B3CC4"), c("#B4A0FF")),
		good:    ld(c("#1A7833"), c("#6BD88C")), // light: 4.7:1 on the status bar's grey
		warn:    ld(c("#8F5F00"), c("#F2C14E")),
		bad:     ld(c("#B3261E"), c("#FF7A70")),
		info:    ld(c("#205EA6"), c("#7CB7FF")),
		selBg:   ld(c("#E2DCFA"), c("#3A3260")),
		barBg:   ld(c("#ECECEC"), c("#262626")),
		badgeBg: ld(c("#5B3CC4"), c("#7B61E8")),
	}
}

// colourStyles builds the coloured theme. Colours never carry meaning alone:
// every state also has a word or a mark, so the monochrome theme reads the same.
func colourStyles(isDark bool) *Styles {
	p := newPalette(isDark)
	n := lipgloss.NewStyle
	white := lipgloss.Color("#FFFFFF")
	s := &Styles{
		IsDark:     isDark,
		Title:      n().Bold(true).Foreground(p.accent),
		Breadcrumb: n().Foreground(p.fg),
		Text:       n().Foreground(p.fg),
		Muted:      n().Foreground(p.muted),
		Good:       n().Foreground(p.good),
		Warn:       n().Foreground(p.warn),
		Bad:        n().Foreground(p.bad).Bold(true),
		Error:      n().Foreground(p.bad),
		Disabled:   n().Foreground(p.muted).Strikethrough(true),
		Spinner:    n().Foreground(p.accent),
		SevHigh:    n().Foreground(p.bad).Bold(true),
		SevMedium:  n().Foreground(p.warn).Bold(true),
		SevLow:     n().Foreground(p.info),
		SevInfo:    n().Foreground(p.muted),
		Table: TableStyles{
			Header:       n().Bold(true).Foreground(p.muted),
			HeaderSorted: n().Bold(true).Foreground(p.accent),
			Selected:     n().Background(p.selBg),
			Cursor:       n().Foreground(p.accent).Bold(true),
		},
		Tabs: TabStyles{
			Active:   n().Bold(true).Foreground(white).Background(p.badgeBg),
			Inactive: n().Foreground(p.muted),
		},
		Pane: PaneStyles{
			Heading: n().Bold(true).Foreground(p.accent),
			Label:   n().Foreground(p.muted),
			Value:   n().Foreground(p.fg),
			Code:    n().Foreground(p.fg),
			Hint:    n().Foreground(p.info).Italic(true),
		},
		Status: StatusStyles{
			Bar:      n().Background(p.barBg).Foreground(p.fg),
			Segment:  n().Background(p.barBg).Foreground(p.fg),
			Secure:   n().Bold(true).Foreground(white).Background(p.good),
			Insecure: n().Bold(true).Foreground(white).Background(p.bad),
			Badge:    n().Bold(true).Foreground(white).Background(p.badgeBg),
			Root:     n().Bold(true).Foreground(white).Background(p.bad),
			Info:     n().Background(p.barBg).Foreground(p.info),
			Success:  n().Background(p.barBg).Foreground(p.good),
			Warning:  n().Background(p.barBg).Foreground(p.warn),
			Error:    n().Background(p.barBg).Foreground(p.bad).Bold(true),
		},
		Filter: FilterStyles{
			Prompt: n().Bold(true).Foreground(p.accent),
			Text:   n().Foreground(p.fg),
		},
		Progress: ProgressStyles{
			Full:  n().Foreground(p.accent),
			Empty: n().Foreground(p.muted),
		},
		Help: helpStyles(p),
	}
	return s
}

// helpStyles colour the short and full help from the palette. The bubbles
// defaults are pale greys (#B2B2B2 on white is 2.1:1) that a light terminal
// all but hides; keys take the text colour, descriptions and separators the
// muted grey, which keeps at least 4.5:1 (WCAG AA) on either background.
func helpStyles(p palette) help.Styles {
	n := lipgloss.NewStyle
	key := n().Foreground(p.fg)
	desc := n().Foreground(p.muted)
	sep := n().Foreground(p.muted)
	return help.Styles{
		Ellipsis:       sep,
		ShortKey:       key,
		ShortDesc:      desc,
		ShortSeparator: sep,
		FullKey:        key,
		FullDesc:       desc,
		FullSeparator:  sep,
	}
}

// NewMonochromeStyles builds the theme without any colour: states are told
// apart by bold, underline, reverse video and the words and marks of the cells.
func NewMonochromeStyles() *Styles {
	n := lipgloss.NewStyle
	plain := n()
	bold := n().Bold(true)
	rev := n().Reverse(true)
	return &Styles{
		IsDark:     true,
		NoColor:    true,
		Title:      bold,
		Breadcrumb: plain,
		Text:       plain,
		Muted:      n().Faint(true),
		Good:       plain,
		Warn:       n().Underline(true),
		Bad:        bold,
		Error:      bold,
		Disabled:   n().Faint(true).Strikethrough(true),
		Spinner:    plain,
		SevHigh:    bold,
		SevMedium:  n().Underline(true),
		SevLow:     plain,
		SevInfo:    n().Faint(true),
		Table: TableStyles{
			Header:       bold,
			HeaderSorted: n().Bold(true).Underline(true),
			Selected:     rev,
			Cursor:       bold,
		},
		Tabs: TabStyles{
			Active:   n().Bold(true).Reverse(true),
			Inactive: plain,
		},
		Pane: PaneStyles{
			Heading: n().Bold(true).Underline(true),
			Label:   n().Faint(true),
			Value:   plain,
			Code:    plain,
			Hint:    n().Italic(true),
		},
		Status: StatusStyles{
			Bar:      plain,
			Segment:  plain,
			Secure:   bold,
			Insecure: n().Bold(true).Reverse(true),
			Badge:    rev,
			Root:     n().Bold(true).Reverse(true),
			Info:     plain,
			Success:  plain,
			Warning:  n().Underline(true),
			Error:    bold,
		},
		Filter: FilterStyles{
			Prompt: bold,
			Text:   plain,
		},
		Progress: ProgressStyles{
			Full:  plain,
			Empty: n().Faint(true),
		},
		Help: help.Styles{
			Ellipsis:       plain,
			ShortKey:       bold,
			ShortDesc:      plain,
			ShortSeparator: n().Faint(true),
			FullKey:        bold,
			FullDesc:       plain,
			FullSeparator:  n().Faint(true),
		},
	}
}
