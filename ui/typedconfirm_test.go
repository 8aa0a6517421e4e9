package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestTypedConfirmNeedsTheExactWord(t *testing.T) {
	c := NewTypedConfirm("Permanently delete 2 versions?", "acme-ping", "delete")
	var a Answer
	if c, a = c.Update(keyPress("enter")); a != Undecided {
		t.Fatal("enter on an empty field must not confirm")
	}
	for _, r := range "Delete" {
		c, _ = c.Update(keyPress(string(r)))
	}
	if c, a = c.Update(keyPress("enter")); a != Undecided {
		t.Fatal(`"Delete" is not "delete": the word is exact`)
	}
	if v := ansi.Strip(c.View(NewMonochromeStyles(), 80)); !strings.Contains(v, "not confirmed") {
		t.Fatalf("a wrong word must be said so:\n%s", v)
	}
	c, _ = c.Update(keyPress("backspace"))
	for range 5 {
		c, _ = c.Update(keyPress("backspace"))
	}
	for _, r := range "acme-ping" {
		c, _ = c.Update(keyPress(string(r)))
	}
	if _, a = c.Update(keyPress("enter")); a != AnswerYes {
		t.Fatal("the bucket name confirms")
	}
}

func TestFieldEditsAndKeepsItsWidth(t *testing.T) {
	f := Field{Label: "Code", Focused: true, Limit: 8}
	for _, k := range []string{"1", "2", "space", "3"} {
		f.Update(keyPress(k))
	}
	if f.Value != "12 3" {
		t.Fatalf("value = %q", f.Value)
	}
	f.Update(keyPress("backspace"))
	if f.Value != "12 " {
		t.Fatalf("after backspace: %q", f.Value)
	}
	f.Value = strings.Repeat("9", 40)
	f.Limit = 0
	if w := ansi.StringWidth(f.View(NewMonochromeStyles(), 20)); w > 20 {
		t.Fatalf("field is %d cells wide in 20", w)
	}
	if v := ansi.Strip(f.View(NewMonochromeStyles(), 20)); !strings.HasPrefix(v, "Code  …") {
		t.Fatalf("a long value shows its end: %q", v)
	}
}

func TestChecklistShowsFailuresWithTheirFix(t *testing.T) {
	items := []CheckItem{
		{Name: "HTTPS endpoint", OK: true, Detail: "requests travel over HTTPS"},
		{Name: "Root user", Blocking: true, Detail: "signed in as an IAM user", Fix: "use the root user's keys"},
		{Name: "Versioning on", Detail: "suspended", Fix: "turn it on in the same plan"},
	}
	if !Blocked(items) {
		t.Fatal("a failed blocking check blocks")
	}
	text := ansi.Strip(strings.Join(ChecklistLines(items, NewMonochromeStyles(), 60), "\n"))
	for _, want := range []string{"✓ HTTPS endpoint — requests travel", "✗ Root user", "→ use the root user's keys", "! Versioning on"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing in\n%s", want, text)
		}
	}
	if Blocked(items[2:]) {
		t.Fatal("a failed warning does not block")
	}
}

func TestChoicePicksWithEnter(t *testing.T) {
	c := NewChoice(NewKeyMap(false), ChoiceItem{Label: "first"}, ChoiceItem{Label: "second"})
	c, _ = c.Update(keyPress("j"))
	c, _ = c.Update(keyPress("j")) // stays on the last
	c, picked := c.Update(keyPress("enter"))
	if !picked || c.Cursor != 1 {
		t.Fatalf("picked %v at %d, want the second option", picked, c.Cursor)
	}
	if v := ansi.Strip(c.View(NewMonochromeStyles(), 30)); !strings.Contains(v, "› second") {
		t.Fatalf("the chosen option is marked:\n%s", v)
	}
}
