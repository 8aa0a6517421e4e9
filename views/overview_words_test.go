package views

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// The MFA Delete column says what the Versioning & MFA pane says, at every
// width it is shown at (it used to say on/off/never when narrow).
func TestMFADeleteColumnUsesThePaneWords(t *testing.T) {
	st := ui.NewMonochromeStyles()
	for width := 40; width <= 220; width++ {
		specs := columnSpecs
		ws := ui.Layout(specs[:], width-cursorWidth, columnGap)
		if ws[colMFA] == 0 {
			continue
		}
		for _, v := range []awsops.MFADeleteStatus{awsops.MFADeleteEnabled, awsops.MFADeleteDisabled, awsops.MFADeleteNever} {
			s := awsops.BucketState{Name: "b", Versioning: &awsops.Versioning{Status: awsops.VersioningEnabled, MFADelete: v}}
			e := paneEnv{st: st}
			pane := ansi.Strip(e.kv("", mfaCell(st, v)))
			got := ansi.Strip(ui.Fit(cell(colMFA, &s, cellEnv{st: st, width: ws[colMFA]}), ws[colMFA]))
			if strings.TrimSpace(got) != strings.TrimSpace(pane) {
				t.Fatalf("width %d: MFA Delete cell %q, the pane says %q", width, got, strings.TrimSpace(pane))
			}
		}
	}
}

// longLogTarget is a bucket name of 40 characters: longer than the old
// fixed Logging column.
const longLogTarget = "acme-central-access-logs-eu-west-1-prod1"

// A log target is shown whole in the grid when the terminal has room.
func TestLoggingCellShowsTheWholeTargetWhenThereIsRoom(t *testing.T) {
	be := newFake(3)
	s := be.states["bucket-00001"]
	s.Logging = &awsops.Logging{Enabled: true, TargetBucket: longLogTarget, TargetPrefix: "p/"}
	be.states["bucket-00001"] = s
	a := loadedApp(t, be, 200, 24, false)
	if !strings.Contains(screenText(a), "→ "+longLogTarget) {
		t.Fatalf("the log target is cut at 200 columns:\n%s", screenText(a))
	}
}

// The Logging pane never splits a bucket name across lines: it goes on a
// line of its own when it does not fit beside its label.
func TestLoggingPaneKeepsTheTargetWhole(t *testing.T) {
	be := newFake(3)
	target := strings.Repeat("x", 60) + "-lg" // 63, the longest bucket name
	s := be.states["bucket-00001"]
	s.Logging = &awsops.Logging{Enabled: true, TargetBucket: target, TargetPrefix: "p/"}
	be.states["bucket-00001"] = s
	a := loadedApp(t, be, 80, 24, false)
	keys(a, "down", "enter", "tab", "tab", "tab")
	settings, _, _ := strings.Cut(screenText(a), "Findings") // the finding repeats the name
	if !strings.Contains(settings, target) {
		t.Fatalf("the log target is split or cut at 80 columns:\n%s", screenText(a))
	}
}
