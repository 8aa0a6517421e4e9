package views

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
)

// applyCounter counts the plans sent to the sandbox.
type applyCounter struct {
	portlessBackend
	applies atomic.Int32
}

// Apply counts the call and applies the plan.
func (c *applyCounter) Apply(ctx context.Context, p awsops.Plan, mfa awsops.MFA, on func(int, awsops.Step, error)) error {
	c.applies.Add(1)
	return c.portlessBackend.Apply(ctx, p, mfa, on)
}

// beneath is what an overlay must leave alone: the screens, the cursors,
// the pane shown, the marks and the dialog open (by identity).
type beneath struct {
	stack, ovCursor, refreshing int
	ovFilter                    string
	ovSort                      string
	active                      int
	offsets                     string
	objCursor, marks            int
	versions                    bool
	flow                        flow
	title                       string
}

// beneathOf reads what the overlays must leave alone.
func beneathOf(a *App) beneath {
	o := a.overview
	b := beneath{stack: len(a.stack), ovCursor: o.cursor, refreshing: len(o.refreshing), ovFilter: o.filter,
		ovSort: fmt.Sprint(o.sortCol, o.desc), title: a.breadcrumb()}
	if d, ok := a.top().(*Detail); ok {
		b.active, b.offsets, b.flow = d.active, fmt.Sprint(d.offsets), d.flow
		b.objCursor, b.marks, b.versions = d.objects.cursor, d.objects.markedCount(), d.objects.versions
	}
	return b
}

// modalCheck presses keys over an overlay and fails if anything beneath
// it changed, a plan was applied or the console quit.
func modalCheck(t *testing.T, d *driver, be *applyCounter, what string, keys ...string) {
	t.Helper()
	before, help := beneathOf(d.a), d.a.showHelp
	for _, k := range keys {
		d.keys(k)
		if after := beneathOf(d.a); after != before {
			t.Fatalf("%s: %q changed what is beneath:\nbefore %+v\nafter  %+v\n%s", what, k, before, after, d.screen())
		}
		if d.a.showHelp != help {
			t.Fatalf("%s: %q turned the help %v", what, k, map[bool]string{true: "on", false: "off"}[d.a.showHelp])
		}
		if be.applies.Load() != 0 {
			t.Fatalf("%s: %q applied a plan:\n%s", what, k, d.screen())
		}
		if d.quit {
			t.Fatalf("%s: %q quit the console", what, k)
		}
	}
}

// detailOf is the detail screen shown.
func detailOf(t *testing.T, d *driver) *Detail {
	t.Helper()
	det, ok := d.a.top().(*Detail)
	if !ok {
		t.Fatalf("no detail screen:\n%s", d.screen())
	}
	return det
}

// Every overlay and dialog owns the keyboard: the keys of the screen
// beneath (moving, opening, switching panes, marking, answering) reach
// neither that screen nor AWS, q closes the overlay instead of quitting,
// and only ctrl+c quits from anywhere.
func TestOverlaysOwnTheKeyboardSandbox(t *testing.T) {
	clock := newTestClock()
	be := &applyCounter{portlessBackend: openSandboxAs(t, clock, true).(portlessBackend)}
	d := newDriver(t, mfaConfig(be, clock), 80, 24)
	// The keys of the screens beneath, answers included; ? and esc are not
	// among them (they open and close the help).
	screenKeys := []string{"j", "k", "down", "up", "G", "g", "enter", "tab", "shift+tab", "space", "y", "n", "r", "R",
		"s", "S", "/", "v", "m", "e", "b", "u", "d", "x", "D", "p", "l", "h"}

	// Help over the overview.
	d.keys("?")
	modalCheck(t, d, be, "help over the overview", screenKeys...)
	before := beneathOf(d.a)
	d.keys("q")
	if d.a.showHelp || d.quit || beneathOf(d.a) != before {
		t.Fatalf("q must close the help and nothing else (help %v, quit %v):\n%s", d.a.showHelp, d.quit, d.screen())
	}

	// Help over a detail pane.
	d.open("acme-ping", "Versioning & MFA")
	d.keys("?")
	modalCheck(t, d, be, "help over the detail", screenKeys...)
	d.keys("esc")

	// Help over a plan and its confirmation, then the confirmation alone.
	d.keys("v")
	d.mustShow("Plan: Suspend versioning on acme-ping", "Apply this plan")
	d.keys("?")
	modalCheck(t, d, be, "help over a plan", screenKeys...)
	d.keys("?")
	// The confirm's own keys (y, n, enter, ←/→) answer it; the others must
	// not reach the pane beneath.
	modalCheck(t, d, be, "plan confirmation", "j", "k", "down", "up", "G", "g", "tab", "shift+tab", "space", "r", "R", "s", "/", "v", "m", "e", "b", "u", "d", "x", "D", "p")
	d.keys("q")
	if det := detailOf(t, d); det.flow != nil || d.quit || be.applies.Load() != 0 {
		t.Fatalf("q must close the confirmation without applying or quitting (flow %v, quit %v):\n%s", det.flow != nil, d.quit, d.screen())
	}

	// A huh form: the encryption editor.
	d.keys("shift+tab", "e")
	d.mustShow("Edit encryption")
	form := beneathOf(d.a).title
	modalCheck(t, d, be, "encryption form", "j", "k", "q", "?", "space", "r", "m", "v", "b", "D", "u", "x", "G", "g", "y", "n", "s")
	if got := beneathOf(d.a).title; got != form {
		t.Fatalf("the form moved on: %q, was %q", got, form)
	}
	for range 5 {
		if detailOf(t, d).flow == nil {
			break
		}
		d.keys("esc")
	}
	if detailOf(t, d).flow != nil {
		t.Fatalf("esc must leave the form:\n%s", d.screen())
	}

	// The MFA prompt of Enable MFA Delete.
	d.keys("tab", "m", "enter", "enter", "y")
	d.mustShow("MFA code for: Enable MFA Delete on acme-ping")
	modalCheck(t, d, be, "MFA prompt", append(screenKeys, "q", "?")...)
	d.keys("esc")
	if detailOf(t, d).flow != nil {
		t.Fatalf("esc must close the MFA prompt:\n%s", d.screen())
	}

	// The typed confirmation of a permanent delete.
	d.keys("tab", "tab", "tab", "tab", "v", "space", "D")
	d.mustShow(`type "acme-ping" or "delete"`)
	modalCheck(t, d, be, "typed confirmation", append(screenKeys, "q", "?", "enter")...)
	d.mustShow("not confirmed")

	// ctrl+c quits from anywhere, even a dialog that has the keys.
	d.keys("ctrl+c")
	if !d.quit {
		t.Fatal("ctrl+c must quit from a dialog")
	}
	if be.applies.Load() != 0 {
		t.Fatal("nothing may have been applied")
	}
}

// q on a screen without an overlay still quits.
func TestQQuitsFromAPlainScreen(t *testing.T) {
	a := loadedApp(t, newFake(2), 80, 24, false)
	openDetail(t, a)
	_, cmd := a.Update(press("q"))
	quit := false
	p := newPump(func(m tea.Msg) tea.Cmd {
		if _, ok := m.(tea.QuitMsg); ok {
			quit = true
		}
		_, next := a.Update(m)
		return next
	}, func() bool { return appBusy(a) })
	if err := p.run(cmd, driveLimit); err != nil {
		t.Fatal(err)
	}
	if !quit {
		t.Fatal("q on a plain detail screen must quit")
	}
}
