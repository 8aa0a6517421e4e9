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
	a := ro.Action(ro.Edit, "change default encryption")
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
	if a := rw.Action(rw.Edit, "x"); !a.Enabled() || !key.Matches(e, a.Binding) {
		t.Fatalf("available action in read-write mode = %+v, want enabled", a)
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

func TestFullHelpListsDisabledActionsWithReason(t *testing.T) {
	k := NewKeyMap(true)
	st := NewMonochromeStyles()
	acts := []Action{k.Action(k.Edit, "edit CORS rules")}
	out := ansi.Strip(strings.Join(HelpLines([][]key.Binding{{k.Up, k.Quit}, {acts[0].Binding}}, acts, st, 80), "\n"))
	for _, want := range []string{"↑/k  up", "q    quit", "Unavailable here", "e    edit CORS rules", ReasonReadOnly} {
		if !strings.Contains(out, want) {
			t.Errorf("%q missing in full help:\n%s", want, out)
		}
	}
	if strings.Count(out, "edit CORS rules") != 1 {
		t.Errorf("a disabled action is listed once, under Unavailable here:\n%s", out)
	}
}

// At 40 columns every key is still there, one a line, and a long reason
// wraps under its action instead of being cut.
func TestFullHelpIsOneColumnAndWrapsReasons(t *testing.T) {
	k := NewKeyMap(false)
	st := NewMonochromeStyles()
	reason := "the versioning state is not read yet; press r to read the bucket again"
	acts := []Action{{Binding: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "enable MFA Delete")), Reason: reason}}
	acts[0].Binding.SetEnabled(false)
	groups := [][]key.Binding{{k.NextPane, k.PrevPane, k.Back}, {k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Versioning, k.EnrollMFA}}
	lines := HelpLines(groups, acts, st, 40)
	out := ansi.Strip(strings.Join(lines, "\n"))
	for _, b := range append(append(groups[0], groups[1]...), groups[2]...) {
		if !strings.Contains(out, b.Help().Desc) {
			t.Errorf("%q missing:\n%s", b.Help().Desc, out)
		}
	}
	if flat := strings.Join(strings.Fields(out), " "); !strings.Contains(flat, reason) {
		t.Errorf("the reason must be there in full:\n%s", out)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line %q is %d cells wide", l, w)
		}
	}
}

// The actions that can be used come first, once, before the other keys.
func TestFullHelpListsUsableActionsFirst(t *testing.T) {
	k := NewKeyMap(false)
	st := NewMonochromeStyles()
	acts := []Action{k.Action(k.Edit, "edit encryption"), k.Action(k.BucketKey, "bucket key on")}
	groups := [][]key.Binding{{k.NextPane, k.Back}, {acts[0].Binding, acts[1].Binding}}
	out := ansi.Strip(strings.Join(HelpLines(groups, acts, st, 80), "\n"))
	if !strings.HasPrefix(out, "Actions\n  e    edit encryption\n  b    bucket key on\n\nKeys") {
		t.Errorf("want the actions first:\n%s", out)
	}
	if strings.Count(out, "edit encryption") != 1 || !strings.Contains(out, "tab  next pane") {
		t.Errorf("each action once, the other keys after:\n%s", out)
	}
}
