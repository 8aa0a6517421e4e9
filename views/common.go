package views

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// common is what every screen shares: theme, keymap, clock and the current
// spinner frame. The App owns it and changes it only in Update.
type common struct {
	st    *ui.Styles
	keys  ui.KeyMap
	clock func() time.Time
	spin  string // current spinner frame, shown in cells that are loading

	identity *awsops.Identity // the caller, once STS answered; nil until then
	mfa      *mfaMemory       // what the MFA flows remember between them (never a code)
}

// screen is one page of the console. Screens are sub-models: they return
// their own type from Update and a string from View; only the App returns
// a tea.View.
type screen interface {
	Update(msg tea.Msg) (screen, tea.Cmd)
	View() string
	SetSize(width, height int)
	// Title is the screen's breadcrumb.
	Title() string
	// ShortHelp and FullHelp make the screen a help.KeyMap.
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Actions lists the changing actions of the screen, enabled or not.
	Actions() []ui.Action
	// Back handles esc: cancel loading, clear a filter. It returns false
	// when there is nothing to undo, and the App then pops the screen.
	Back() (bool, tea.Cmd)
	// Typing reports whether a text field has the keys, so global keys
	// such as q and ? are typed instead.
	Typing() bool
	// Loading reports whether the screen waits for AWS (spinner on).
	Loading() bool
	// InFlight is the number of AWS calls the screen has running.
	InFlight() int
}
