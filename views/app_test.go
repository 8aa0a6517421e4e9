package views

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
)

func TestTinyTerminalsNeverOverflow(t *testing.T) {
	for _, size := range [][2]int{{1, 1}, {10, 4}, {20, 5}, {30, 8}} {
		w, h := size[0], size[1]
		a := loadedApp(t, newFake(10), w, h, false)
		for _, frame := range []string{screenText(a), func() string { a.Update(press("enter")); return screenText(a) }()} {
			ls := strings.Split(frame, "\n")
			if len(ls) > h {
				t.Errorf("%dx%d: %d lines", w, h, len(ls))
			}
			for _, l := range ls {
				if ansi.StringWidth(l) > w {
					t.Errorf("%dx%d: %q is too wide", w, h, l)
				}
			}
		}
	}
}

func TestResizeRelaysOutEveryScreen(t *testing.T) {
	a := loadedApp(t, newFake(5), 140, 40, false)
	d := openDetail(t, a)
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if d.width != 80 || d.height != 24-chromeLines || a.overview.width != 80 {
		t.Fatalf("after resize: detail %dx%d, overview width %d", d.width, d.height, a.overview.width)
	}
	a.Update(press("esc"))
	if strings.Contains(lines(a)[1], "Region") {
		t.Fatal("the overview must re-lay its columns for 80 columns")
	}
}

func TestBackgroundColourRebuildsTheTheme(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	a := NewApp(Config{Backend: newFake(1)})
	if !a.c.st.IsDark {
		t.Fatal("the theme starts dark until the terminal answers")
	}
	a.Update(tea.BackgroundColorMsg{Color: color.White})
	if a.c.st.IsDark {
		t.Fatal("a white background must give the light theme")
	}
}

func TestIdentityShowsUserOrRootBadge(t *testing.T) {
	a := loadedApp(t, newFake(1), 120, 20, false)
	if status := lines(a)[18]; !strings.Contains(status, "111122223333 auditor") || strings.Contains(status, "ROOT") {
		t.Fatalf("status bar %q, want account and user name", status)
	}
	a.Update(identityMsg{id: awsops.Identity{Account: "111122223333", ARN: "arn:aws:iam::111122223333:root", IsRoot: true}})
	if status := lines(a)[18]; !strings.Contains(status, " ROOT ") {
		t.Fatalf("status bar %q, want the ROOT badge", status)
	}
	_, cmd := a.Update(identityMsg{err: &awsops.FacetError{Code: "InvalidClientTokenId", Message: "The security token included in the request is invalid."}})
	run(a, cmd)
	if !strings.Contains(a.status.LastError, "GetCallerIdentity: InvalidClientTokenId") {
		t.Fatalf("last error = %q, want the failed call and its code", a.status.LastError)
	}
	if !strings.Contains(screenText(a), "InvalidClientTokenId") {
		t.Fatalf("the status bar must show the error:\n%s", screenText(a))
	}
}

func TestUserOfNamesUsersAndRoles(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:iam::111122223333:user/admin":                     "admin",
		"arn:aws:iam::111122223333:user/team/alice":                "team/alice",
		"arn:aws:sts::111122223333:assumed-role/Auditor/session-1": "Auditor/session-1",
		"arn:aws:iam::111122223333:root":                           "root",
	} {
		if got := userOf(arn); got != want {
			t.Errorf("userOf(%q) = %q, want %q", arn, got, want)
		}
	}
}

func TestShortKMSKey(t *testing.T) {
	for id, want := range map[string]string{
		"":                                     "aws/s3",
		"alias/acme-records":                   "acme-records",
		"arn:aws:kms:us-east-1:1:alias/logs":   "logs",
		"1234abcd-12ab-34cd-56ef-1234567890ab": "1234abcd",
		"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab": "1234abcd",
	} {
		if got := shortKMSKey(id); got != want {
			t.Errorf("shortKMSKey(%q) = %q, want %q", id, got, want)
		}
	}
}
