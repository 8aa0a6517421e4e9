package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is the one keymap of the console: the same verb is on the same key
// on every screen. Build it with NewKeyMap; never share a mutable global.
type KeyMap struct {
	Up         key.Binding // cursor up
	Down       key.Binding // cursor down
	Move       key.Binding // up and down together, for the short help only
	PageUp     key.Binding // one screen up
	PageDown   key.Binding // one screen down
	Top        key.Binding // first row
	Bottom     key.Binding // last row
	Open       key.Binding // open the selected item
	Back       key.Binding // go back, cancel loading, clear a filter
	NextPane   key.Binding // next pane of a detail screen
	PrevPane   key.Binding // previous pane of a detail screen
	Filter     key.Binding // start typing a filter
	Refresh    key.Binding // re-read the selected bucket
	RefreshAll key.Binding // re-read every bucket
	Sort       key.Binding // sort by the next column
	Reverse    key.Binding // reverse the sort order
	Versions   key.Binding // show object versions and delete markers
	NextPage   key.Binding // next page of a listing
	PrevPage   key.Binding // previous page of a listing
	Pages      key.Binding // next and previous page together, for the short help only
	Help       key.Binding // toggle the full keymap
	Errors     key.Binding // show the last few errors
	Quit       key.Binding // quit (not while typing a filter)
	Interrupt  key.Binding // quit from anywhere

	// Verbs of actions that change something; see Action.
	Edit   key.Binding // change the setting shown
	Delete key.Binding // remove the setting or object shown
	Upload key.Binding // upload an object
	// Verbs of the encryption actions.
	Download  key.Binding // download the selected object, decrypting it
	Reencrypt key.Binding // re-encrypt the selected objects in place
	BucketKey key.Binding // turn the S3 Bucket Key on
	Select    key.Binding // mark or unmark the row under the cursor
	// Verbs of the versioning and MFA Delete actions.
	MFADelete  key.Binding // enable or disable MFA Delete
	Versioning key.Binding // enable or suspend versioning (same key as Versions: another pane)
	EnrollMFA  key.Binding // enroll a virtual MFA device
	Purge      key.Binding // permanently delete the marked versions
	Reveal     key.Binding // show a secret that is hidden by default
	Copy       key.Binding // copy the selected item's text (a remedy) to the clipboard
	// Verb of the CORS preflight tester (a read: kept in read-only mode).
	TestCORS key.Binding
	Policy   key.Binding // view and edit the bucket policy (same key as PrevPage: another pane)
	// PublicAccess changes Block Public Access (Transit pane; b is the
	// bucket key on the Encryption pane).
	PublicAccess key.Binding
	Logs         key.Binding // open the server access log viewer (Logging pane; l moves panes elsewhere)

	ReadOnly bool // actions are disabled with ReasonReadOnly
}

// NewKeyMap returns a fresh keymap; readOnly disables every action that
// would change something.
func NewKeyMap(readOnly bool) KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:           b("↑/k", "up", "up", "k"),
		Down:         b("↓/j", "down", "down", "j"),
		Move:         b("↑↓", "move", "up", "down", "k", "j"),
		PageUp:       b("pgup", "page up", "pgup", "ctrl+u"),
		PageDown:     b("pgdn", "page down", "pgdown", "ctrl+d"),
		Top:          b("home/g", "top", "home", "g"),
		Bottom:       b("end/G", "bottom", "end", "G"),
		Open:         b("enter", "open", "enter"),
		Back:         b("esc", "back", "esc"),
		NextPane:     b("tab", "next pane", "tab", "right", "l"),
		PrevPane:     b("shift+tab", "prev pane", "shift+tab", "left", "h"),
		Filter:       b("/", "filter", "/"),
		Refresh:      b("r", "refresh", "r"),
		RefreshAll:   b("R", "refresh all", "R"),
		Sort:         b("s", "sort column", "s"),
		Reverse:      b("S", "reverse sort", "S"),
		Versions:     b("v", "versions", "v"),
		NextPage:     b("n", "next page", "n"),
		PrevPage:     b("p", "prev page", "p"),
		Pages:        b("n/p", "page", "n", "p"),
		Help:         b("?", "keys", "?"),
		Errors:       b("!", "recent errors", "!"),
		Quit:         b("q", "quit", "q"),
		Interrupt:    b("ctrl+c", "quit", "ctrl+c"),
		Edit:         b("e", "edit", "e"),
		Delete:       b("d", "delete", "d"),
		Upload:       b("u", "upload", "u"),
		Download:     b("d", "download", "d"),
		Reencrypt:    b("x", "re-encrypt", "x"),
		BucketKey:    b("b", "bucket key", "b"),
		Select:       b("space", "select", "space"),
		MFADelete:    b("m", "MFA Delete", "m"),
		Versioning:   b("v", "versioning", "v"),
		EnrollMFA:    b("n", "enroll MFA device", "n"),
		Purge:        b("D", "delete permanently", "D"),
		Reveal:       b("s", "show secret", "s"),
		Copy:         b("y", "copy remedy", "y"),
		TestCORS:     b("t", "test preflight", "t"),
		Policy:       b("p", "bucket policy", "p"),
		PublicAccess: b("b", "block public access", "b"),
		Logs:         b("l", "view access logs", "l"),
		ReadOnly:     readOnly,
	}
}

// Why an action cannot be used.
const (
	ReasonReadOnly = "read-only mode: only reads are sent"
)

// Action is a key that would change something. It declares itself so that
// read-only mode (and conditions of the moment, see Unless) can show it
// disabled with the reason instead of silently dropping it.
type Action struct {
	Binding key.Binding // the key and its description; disabled when Reason is set
	Reason  string      // why the action cannot be used; "" when it can
}

// Action builds an action on one of the verb bindings (Edit, Delete,
// Upload) with a screen-specific description; read-only mode disables it.
func (k KeyMap) Action(verb key.Binding, desc string) Action {
	b := key.NewBinding(key.WithKeys(verb.Keys()...), key.WithHelp(verb.Help().Key, desc))
	a := Action{Binding: b}
	if k.ReadOnly {
		a.Reason = ReasonReadOnly
		a.Binding.SetEnabled(false)
	}
	return a
}

// Enabled reports whether the action may run.
func (a Action) Enabled() bool { return a.Reason == "" }

// Pressed reports whether msg is this action's key, enabled or not, so a
// screen can explain why nothing happens.
func (a Action) Pressed(msg tea.KeyPressMsg) bool {
	return slices.Contains(a.Binding.Keys(), msg.String())
}

// Explain is the status text shown when a disabled action's key is pressed.
func (a Action) Explain() string {
	h := a.Binding.Help()
	if a.Enabled() {
		return h.Key + ": " + h.Desc
	}
	return h.Key + ": " + h.Desc + " is disabled (" + a.Reason + ")"
}
