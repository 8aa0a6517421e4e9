package views

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// helpIndicator is the help's scroll line: "lines 1–20 of 31".
var helpIndicator = regexp.MustCompile(`lines (\d+)–(\d+) of (\d+)`)

// readHelp opens the help, pages through it with pgdown and returns every
// help line once, in order; it fails if paging never reaches the end or
// moves anything beneath the help.
func readHelp(t *testing.T, a *App) []string {
	t.Helper()
	before := beneathOf(a)
	a.Update(press("?"))
	_, ch := a.contentSize()
	var all []string
	for range 50 {
		body := lines(a)[1 : 1+ch]
		m := helpIndicator.FindStringSubmatch(strings.Join(body, "\n"))
		if m == nil { // it all fits
			a.Update(press("esc"))
			return trimBlankTail(body)
		}
		from, _ := strconv.Atoi(m[1])
		to, _ := strconv.Atoi(m[2])
		total, _ := strconv.Atoi(m[3])
		if len(all) == 0 {
			all = make([]string, total)
		}
		for i := from; i <= to; i++ {
			all[i-1] = body[i-from]
		}
		if to == total {
			a.Update(press("esc"))
			if after := beneathOf(a); after != before {
				t.Fatalf("scrolling the help moved what is beneath:\nbefore %+v\nafter  %+v", before, after)
			}
			return all
		}
		a.Update(press("pgdown"))
	}
	t.Fatalf("pgdown never reached the end of the help:\n%s", screenText(a))
	return nil
}

// trimBlankTail drops the empty lines under a help that fits.
func trimBlankTail(ls []string) []string {
	for len(ls) > 0 && strings.TrimSpace(ls[len(ls)-1]) == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// hasKeyLine reports whether a help line lists key with desc.
func hasKeyLine(help []string, k, desc string) bool {
	for _, l := range help {
		f := strings.Fields(l)
		if len(f) > 0 && f[0] == k && strings.Contains(l, desc) {
			return true
		}
	}
	return false
}

// At 80x24 the help of every detail pane lists every key of the pane and
// every action, enabled or not, with a disabled action's reason in full,
// in read-only mode and not, on the Objects pane in both listings.
func TestHelpListsEveryActionAt80x24(t *testing.T) {
	for _, readOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("read-only=%v", readOnly), func(t *testing.T) {
			a := loadedApp(t, newFake(3), 80, 24, readOnly)
			keys(a, "enter")
			d := a.top().(*Detail)
			check := func(where string) {
				help := readHelp(t, a)
				flat := strings.Join(strings.Fields(strings.Join(help, " ")), " ")
				for _, g := range a.keys().FullHelp() {
					for _, b := range g {
						if h := b.Help(); b.Enabled() && !hasKeyLine(help, h.Key, h.Desc) {
							t.Errorf("%s: key %q (%s) missing from the help:\n%s", where, h.Key, h.Desc, strings.Join(help, "\n"))
						}
					}
				}
				for _, act := range d.Actions() {
					h := act.Binding.Help()
					if !hasKeyLine(help, h.Key, h.Desc) {
						t.Errorf("%s: action %q (%s) missing from the help:\n%s", where, h.Key, h.Desc, strings.Join(help, "\n"))
					}
					if !act.Enabled() && !strings.Contains(flat, act.Reason) {
						t.Errorf("%s: the reason %q of %q is not in the help in full:\n%s", where, act.Reason, h.Key, strings.Join(help, "\n"))
					}
				}
				if footer := lines(a)[23]; !strings.Contains(footer, "? keys") {
					t.Errorf("%s: the footer %q must keep ? keys", where, footer)
				}
			}
			for range d.panes {
				check(d.panes[d.active].title())
				keys(a, "tab")
			}
			showPane(t, a, "Objects")
			keys(a, "v")
			check("Objects (versions)")
		})
	}
}

// The help of the overview fits and lists every key of the grid.
func TestHelpOfTheOverviewAt80x24(t *testing.T) {
	a := loadedApp(t, newFake(3), 80, 24, false)
	help := readHelp(t, a)
	for _, g := range a.keys().FullHelp() {
		for _, b := range g {
			if h := b.Help(); !hasKeyLine(help, h.Key, h.Desc) {
				t.Errorf("key %q (%s) missing from the help:\n%s", h.Key, h.Desc, strings.Join(help, "\n"))
			}
		}
	}
	if !hasKeyLine(help, "q", "quit") {
		t.Error("the overview's help must say q quits")
	}
}

// Over a dialog, q closes the dialog, and the help and footer say so.
func TestHelpOverADialogSaysQCloses(t *testing.T) {
	a := loadedApp(t, newFake(3), 80, 24, false)
	openDetail(t, a)
	showPane(t, a, "Encryption")
	keys(a, "e", "down", "enter", "up", "up", "enter", "enter", "enter") // SSE-KMS with alias/records
	if d := a.top().(*Detail); d.flow == nil || !strings.Contains(a.breadcrumb(), "plan") {
		t.Fatalf("want the plan of the encryption edit:\n%s", screenText(a))
	}
	if footer := lines(a)[23]; !strings.Contains(footer, "q close") {
		t.Errorf("footer %q: q closes the dialog", footer)
	}
	help := readHelp(t, a)
	if !hasKeyLine(help, "q", "close") || !hasKeyLine(help, "ctrl+c", "quit") {
		t.Errorf("the help must say q closes and ctrl+c quits:\n%s", strings.Join(help, "\n"))
	}
}

// While the help is shown its footer names the help's own keys, not the
// keys of the screen underneath (which the help swallows).
func TestFooterUnderTheHelpNamesItsOwnKeys(t *testing.T) {
	a := loadedApp(t, newFake(3), 80, 24, false)
	keys(a, "?")
	footer := lines(a)[23]
	if strings.Contains(footer, "enter open") || !strings.Contains(footer, "close") || !strings.Contains(footer, "scroll") {
		t.Errorf("footer under the help %q: want the help's keys (scroll, close), not the overview's", footer)
	}
	keys(a, "esc")
	if footer := lines(a)[23]; !strings.Contains(footer, "enter open") {
		t.Errorf("footer after the help closed %q: want the overview's keys again", footer)
	}
}
