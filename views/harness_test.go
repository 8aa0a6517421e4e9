package views

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// Synchronous helpers in the style of huh's tests: messages go straight to
// Update, and commands are only run when a test asks for it.

// press builds the key press for a key name as Bubble Tea v2 reports it.
func press(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// loadedApp returns an app of size w×h whose overview shows every bucket
// of be fully loaded and analysed, without running any command.
func loadedApp(t testing.TB, be *fakeBackend, w, h int, readOnly bool) *App {
	t.Helper()
	a := NewApp(Config{Backend: be, ReadOnly: readOnly, Clock: func() time.Time { return fixedNow }})
	a.c.st = ui.NewMonochromeStyles()
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	a.Init()
	a.Update(identityMsg{id: be.id})
	a.Update(bucketsMsg{gen: a.overview.scan.gen, buckets: be.buckets})
	var ups []awsops.FacetUpdate
	for _, b := range be.buckets {
		ups = append(ups, updatesOf(be.states[b.Name])...)
	}
	a.Update(facetBatchMsg{gen: a.overview.scan.gen, updates: ups, done: true})
	settle(a)
	return a
}

// settle runs the pending analysis synchronously.
func settle(a *App) {
	for !a.overview.analysis.settled() {
		a.Update(analyseTickMsg{})
		a.Update(findingsMsg{version: a.overview.analysis.version, findings: awsops.Analyse(a.overview.store.snapshot())})
	}
}

// screenText is the app's frame without styles.
func screenText(a *App) string { return ansi.Strip(a.View().Content) }

// lines splits the frame into lines.
func lines(a *App) []string { return strings.Split(screenText(a), "\n") }
