package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// keyPress builds a key press the way Bubble Tea v2 reports it.
func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

// typeText sends one key press per character.
func typeText(p *MFAPrompt, s string) {
	for _, r := range s {
		p.Update(keyPress(string(r)))
	}
}

const virtualSerial = "arn:aws:iam::123456789012:mfa/root-account-mfa-device"

// testPromptOptions validates like the otp package would, without it:
// the toolkit must not import the project.
func testPromptOptions(serial string) MFAPromptOptions {
	at := time.Date(2026, 5, 1, 12, 0, 13, 0, time.UTC)
	return MFAPromptOptions{
		Purpose: "Enable MFA Delete on acme-ping",
		Serial:  serial,
		ValidateSerial: func(s string) error {
			if len(s) < 9 {
				return errors.New("invalid MFA serial number: too short")
			}
			return nil
		},
		ValidateCode: func(c string) error {
			if len(c) != 6 || strings.Trim(c, "0123456789") != "" {
				return errors.New("invalid MFA code: expected exactly 6 digits")
			}
			return nil
		},
		IsVirtual:   func(s string) bool { return strings.HasPrefix(s, "arn:") },
		SecondsLeft: func(t time.Time) int { return 30 - t.Second()%30 },
		Clock:       func() time.Time { return at },
	}
}

func TestMFAPromptValidatesBeforeSubmitting(t *testing.T) {
	p := NewMFAPrompt(testPromptOptions(virtualSerial))
	typeText(p, "98765")
	if out, _ := p.Update(keyPress("enter")); out != MFAEditing {
		t.Fatal("a 5-digit code must not be submitted")
	}
	if v := ansi.Strip(p.View(NewMonochromeStyles(), 80)); !strings.Contains(v, "expected exactly 6 digits") {
		t.Fatalf("the validation error must be shown:\n%s", v)
	}
	typeText(p, "4")
	if out, _ := p.Update(keyPress("enter")); out != MFASubmitted {
		t.Fatal("a valid serial and code must be submitted")
	}
	serial, code := p.Take()
	if serial != virtualSerial || code != "987654" {
		t.Fatalf("Take = %q %q", serial, code)
	}
	if _, again := p.Take(); again != "" {
		t.Fatal("Take must forget the code")
	}
	if v := ansi.Strip(p.View(NewMonochromeStyles(), 80)); strings.Contains(v, "987654") {
		t.Fatalf("the code must be gone from the prompt after Take:\n%s", v)
	}
}

func TestMFAPromptAcceptsACodeWithTheAppsSpace(t *testing.T) {
	p := NewMFAPrompt(testPromptOptions(virtualSerial))
	p.Update(tea.PasteMsg{Content: "123 456"})
	if out, _ := p.Update(keyPress("enter")); out != MFASubmitted {
		t.Fatal("a pasted \"123 456\" is a valid code")
	}
	if _, code := p.Take(); code != "123456" {
		t.Fatalf("code = %q, want the digits only", code)
	}
}

func TestMFAPromptStartsOnTheSerialWhenItIsMissing(t *testing.T) {
	p := NewMFAPrompt(testPromptOptions(""))
	typeText(p, "GAHT12345678")
	p.Update(keyPress("enter")) // to the code
	typeText(p, "654321")
	if out, _ := p.Update(keyPress("enter")); out != MFASubmitted {
		t.Fatal("serial then code must submit")
	}
	if serial, _ := p.Take(); serial != "GAHT12345678" {
		t.Fatalf("serial = %q", serial)
	}
}

func TestMFAPromptCountsDownOnlyForVirtualDevices(t *testing.T) {
	st := NewMonochromeStyles()
	virtual := NewMFAPrompt(testPromptOptions(virtualSerial))
	if v := ansi.Strip(virtual.View(st, 100)); !strings.Contains(v, "17 s left") {
		t.Fatalf("a virtual device shows the seconds left in its window:\n%s", v)
	}
	if virtual.Start() == nil {
		t.Fatal("a virtual device's prompt must tick")
	}
	hw := NewMFAPrompt(testPromptOptions("GAHT12345678"))
	v := ansi.Strip(hw.View(st, 100))
	if strings.Contains(v, "s left") || !strings.Contains(v, "hardware token") {
		t.Fatalf("a hardware token gets no countdown guess:\n%s", v)
	}
	if hw.Start() != nil {
		t.Fatal("nothing ticks for a hardware token")
	}
}

func TestMFAPromptTicksStopWhenHidden(t *testing.T) {
	p := NewMFAPrompt(testPromptOptions(virtualSerial))
	p.Start()
	live := MFATickMsg{ID: p.ID(), Gen: p.gen}
	if _, cmd := p.Update(live); cmd == nil {
		t.Fatal("a live tick schedules the next one")
	}
	p.Stop()
	if _, cmd := p.Update(live); cmd != nil {
		t.Fatal("a tick of a stopped prompt must end the loop")
	}
	other := NewMFAPrompt(testPromptOptions(virtualSerial))
	other.Start()
	if _, cmd := other.Update(MFATickMsg{ID: p.ID(), Gen: other.gen}); cmd != nil {
		t.Fatal("another prompt's tick must be ignored")
	}
}

func TestMFAPromptRetryAfterARejectedCode(t *testing.T) {
	p := NewMFAPrompt(testPromptOptions(virtualSerial))
	typeText(p, "111111")
	p.Update(keyPress("enter"))
	p.Take()
	p.Rejected(false)
	v := ansi.Strip(p.View(NewMonochromeStyles(), 120))
	if !strings.Contains(v, "rejected — a typo, or it expired") || !strings.Contains(v, "Type the code the device shows now") {
		t.Fatalf("a rejected code must say it was rejected and ask for another:\n%s", v)
	}
	if strings.Contains(v, "Wait for the next code") {
		t.Fatalf("a mistyped code must not send the user waiting for the next window:\n%s", v)
	}
	if p.code.Value != "" || !p.code.Focused {
		t.Fatal("the code field must be empty and focused for the next code")
	}
	p.Rejected(true)
	v = ansi.Strip(p.View(NewMonochromeStyles(), 120))
	if !strings.Contains(v, "already used") || !strings.Contains(v, "Wait for the next code") {
		t.Fatalf("a reused code must ask to wait for the next one:\n%s", v)
	}
}

func TestMFAPromptDemoPanelIsLabelled(t *testing.T) {
	o := testPromptOptions(virtualSerial)
	o.Demo = func(string, time.Time) (string, string) { return virtualSerial, "424242" }
	v := ansi.Strip(NewMFAPrompt(o).View(NewMonochromeStyles(), 100))
	if !strings.Contains(v, "DEMO AUTHENTICATOR") || !strings.Contains(v, "424 242") {
		t.Fatalf("the demo panel must be labelled and show the code:\n%s", v)
	}
	o.CodeUsed = func(string, time.Time) bool { return true }
	v = ansi.Strip(NewMFAPrompt(o).View(NewMonochromeStyles(), 120))
	if !strings.Contains(v, "already used for this device") {
		t.Fatalf("a spent window must be announced before the code is sent:\n%s", v)
	}
}

func TestMFAPromptFitsItsWidth(t *testing.T) {
	o := testPromptOptions(virtualSerial)
	o.Demo = func(string, time.Time) (string, string) { return virtualSerial, "424242" }
	p := NewMFAPrompt(o)
	typeText(p, "12")
	for _, w := range []int{20, 40, 80} {
		for _, l := range strings.Split(p.View(NewMonochromeStyles(), w), "\n") {
			if ansi.StringWidth(l) > w {
				t.Errorf("width %d: %q is too wide", w, ansi.Strip(l))
			}
		}
	}
}
