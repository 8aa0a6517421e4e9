package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestActionsAreDisabledWithTheReason(t *testing.T) {
	e := tea.KeyPressMsg{Code: 'e', Text: "e"}
	ro := NewKeyMap(true)
	a := ro.Action(ro.Edit, "change default encryption", true)
	if a.Enabled() || a.Reason != ReasonReadOnly {
		t.Fatalf("read-only action = %+v, want disabled for read-only mode", a)
	}
	if key.Matches(e, a.Binding) {
		t.Fatal("a disabled action must never match its key")
	}
	if !a.Pressed(e) || !strings.Contains(a.Explain(), ReasonReadOnly) {
		t.Fatalf("Pressed/Explain = %v/%q, want the key recognised and the reason given", a.Pressed(e), a.Explain())
	}

	rw := NewKeyMap(false)
	if a := rw.Action(rw.Edit, "x", true); !a.Enabled() || !key.Matches(e, a.Binding) {
		t.Fatalf("available action in read-write mode = %+v, want enabled", a)
	}
	if a := rw.Action(rw.Edit, "x", false); a.Enabled() || a.Reason != ReasonNotYet {
		t.Fatalf("unavailable action = %+v, want disabled as not yet available", a)
	}
}

func TestSpaceAndQuitKeysUseV2Names(t *testing.T) {
	k := NewKeyMap(false)
	if !key.Matches(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, k.Interrupt) {
		t.Fatal("ctrl+c does not match Interrupt")
	}
	if !key.Matches(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, k.PrevPane) {
		t.Fatal("shift+tab does not match PrevPane")
	}
}

// helpMap is a small help.KeyMap for the help view test.
type helpMap struct{ b []key.Binding }

func (h helpMap) ShortHelp() []key.Binding  { return h.b }
func (h helpMap) FullHelp() [][]key.Binding { return [][]key.Binding{h.b} }

func TestFullHelpListsDisabledActionsWithReason(t *testing.T) {
	k := NewKeyMap(true)
	st := NewMonochromeStyles()
	acts := []Action{k.Action(k.Edit, "edit CORS rules", true)}
	out := ansi.Strip(FullHelpView(NewHelp(st, 80), helpMap{[]key.Binding{k.Up, k.Quit}}, acts, st, 80))
	for _, want := range []string{"up", "quit", "Unavailable here", "e  edit CORS rules", ReasonReadOnly} {
		if !strings.Contains(out, want) {
			t.Errorf("%q missing in full help:\n%s", want, out)
		}
	}
}
