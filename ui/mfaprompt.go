package ui

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// MFAPromptOptions configures an MFA prompt. The toolkit knows nothing of
// TOTP or AWS: the views pass the validators and the window arithmetic.
type MFAPromptOptions struct {
	Purpose        string                                // what the code is for, e.g. "Enable MFA Delete on acme-ping"
	Serial         string                                // prefilled device serial; the user may edit it
	ValidateSerial func(serial string) error             // nil accepts any non-empty serial
	ValidateCode   func(code string) error               // nil accepts any non-empty code
	IsVirtual      func(serial string) bool              // virtual devices get a countdown; nil means none is
	SecondsLeft    func(t time.Time) int                 // seconds left in the code window at t
	CodeUsed       func(serial string, t time.Time) bool // a code of t's window was already sent for serial
	Clock          func() time.Time                      // time.Now when nil
	// Demo, when set, shows a labelled panel with the current code of the
	// demo device for the serial typed (shown names the device whose code
	// it is): the sandbox's stand-in for the user's phone.
	Demo func(serial string, t time.Time) (shown, code string)
}

// MFAOutcome is what a key did to an MFA prompt.
type MFAOutcome int

// Outcomes of MFAPrompt.Update.
const (
	MFAEditing   MFAOutcome = iota // keep showing the prompt
	MFASubmitted                   // both fields are valid: call Take and send
)

// MFATickMsg advances the countdown of the prompt with the same ID.
type MFATickMsg struct {
	ID  int // the prompt it belongs to
	Gen int // the tick loop it belongs to; a stopped loop's ticks are dropped
}

// lastPromptID numbers prompts so that their ticks never cross.
var lastPromptID atomic.Int64

// MFAPrompt asks for the serial of an MFA device and its current code,
// with a countdown of the code window for virtual devices. The code is
// shown while typed (it is valid for seconds only) but never kept after
// Take, never logged and never put into any message.
type MFAPrompt struct {
	opts    MFAPromptOptions
	serial  Field
	code    Field
	invalid string // why the fields cannot be sent
	retry   string // why the last code was refused
	id      int
	gen     int
	ticking bool
}

// NewMFAPrompt returns a prompt with the serial prefilled and the focus on
// the code when the serial is already valid.
func NewMFAPrompt(o MFAPromptOptions) *MFAPrompt {
	if o.Clock == nil {
		o.Clock = time.Now
	}
	p := &MFAPrompt{
		opts:   o,
		serial: Field{Label: "Device serial", Value: o.Serial, Placeholder: "arn:aws:iam::123456789012:mfa/name or a token serial"},
		code:   Field{Label: "Code         ", Placeholder: "6 digits", Limit: 16},
		id:     int(lastPromptID.Add(1)),
	}
	p.focusCode(o.Serial != "" && p.checkSerial() == nil)
	return p
}

// Start starts the countdown when the device is virtual or a demo panel is
// shown; the parent calls it when the prompt appears.
func (p *MFAPrompt) Start() tea.Cmd {
	if p.ticking || !p.counts() {
		return nil
	}
	p.ticking = true
	p.gen++
	return p.tick()
}

// Stop ends the countdown; the parent calls it when the prompt goes away.
func (p *MFAPrompt) Stop() {
	p.ticking = false
	p.gen++
}

// counts reports whether something on the prompt follows the clock.
func (p *MFAPrompt) counts() bool {
	return p.opts.SecondsLeft != nil && (p.virtual() || p.opts.Demo != nil)
}

func (p *MFAPrompt) tick() tea.Cmd {
	id, gen := p.id, p.gen
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return MFATickMsg{ID: id, Gen: gen} })
}

// Update handles keys, pastes and the prompt's own ticks.
func (p *MFAPrompt) Update(msg tea.Msg) (MFAOutcome, tea.Cmd) {
	switch m := msg.(type) {
	case MFATickMsg:
		if m.ID != p.id || m.Gen != p.gen || !p.ticking {
			return MFAEditing, nil
		}
		return MFAEditing, p.tick()
	case tea.KeyPressMsg:
		switch m.String() {
		case "tab", "shift+tab", "up", "down":
			p.focusCode(!p.code.Focused)
			return MFAEditing, nil
		case "enter":
			return p.enter()
		}
	}
	f := &p.code
	if p.serial.Focused {
		f = &p.serial
	}
	if f.Update(msg) {
		p.invalid = ""
		return MFAEditing, p.Start() // a serial edited into a virtual one starts the countdown
	}
	return MFAEditing, nil
}

// enter moves from the serial to the code, or submits when both are valid.
func (p *MFAPrompt) enter() (MFAOutcome, tea.Cmd) {
	if err := p.checkSerial(); err != nil {
		p.invalid = err.Error()
		p.focusCode(false)
		return MFAEditing, nil
	}
	if p.serial.Focused {
		p.focusCode(true)
		return MFAEditing, p.Start()
	}
	if err := p.checkCode(); err != nil {
		p.invalid = err.Error()
		return MFAEditing, nil
	}
	p.invalid, p.retry = "", ""
	return MFASubmitted, nil
}

func (p *MFAPrompt) checkSerial() error {
	s := strings.TrimSpace(p.serial.Value)
	if p.opts.ValidateSerial != nil {
		return p.opts.ValidateSerial(s)
	}
	if s == "" {
		return fmt.Errorf("the device serial is empty")
	}
	return nil
}

func (p *MFAPrompt) checkCode() error {
	c := p.typedCode()
	if p.opts.ValidateCode != nil {
		return p.opts.ValidateCode(c)
	}
	if c == "" {
		return fmt.Errorf("the code is empty")
	}
	return nil
}

// typedCode is the code without the spaces apps print in the middle.
func (p *MFAPrompt) typedCode() string { return strings.ReplaceAll(p.code.Value, " ", "") }

func (p *MFAPrompt) focusCode(code bool) {
	p.code.Focused, p.serial.Focused = code, !code
}

// Take returns the serial and code to send and forgets the code, so it
// lives no longer than the request that uses it.
func (p *MFAPrompt) Take() (serial, code string) {
	serial, code = strings.TrimSpace(p.serial.Value), p.typedCode()
	p.code.Value = ""
	return serial, code
}

// Serial is the serial in the field.
func (p *MFAPrompt) Serial() string { return strings.TrimSpace(p.serial.Value) }

// Rejected shows that the last code was refused and puts the focus back
// on an empty code field for another one. Only a code that was already
// used (reused) needs the next window; a typo or an expired code is
// fixed by typing the one the device shows now.
func (p *MFAPrompt) Rejected(reused bool) {
	p.code.Value = ""
	p.focusCode(true)
	p.retry = "That code was rejected — a typo, or it expired. Type the code the device shows now."
	if reused {
		p.retry = "That code was already used: AWS accepts each code once. Wait for the next code, then type it."
	}
}

// ID is the prompt's identity, carried by its ticks.
func (p *MFAPrompt) ID() int { return p.id }

// virtual reports whether the serial in the field is a virtual device.
func (p *MFAPrompt) virtual() bool {
	return p.opts.IsVirtual != nil && p.opts.IsVirtual(p.Serial())
}

// View renders the prompt in at most width cells per line.
func (p *MFAPrompt) View(st *Styles, width int) string {
	now := p.opts.Clock()
	var lines []string
	add := func(style func(...string) string, indent, text string) {
		for _, l := range Wrap(text, max(1, width-len(indent))) {
			lines = append(lines, indent+style(l))
		}
	}
	if p.opts.Purpose != "" {
		add(st.Pane.Heading.Render, "", "MFA code for: "+p.opts.Purpose)
	}
	lines = append(lines, p.serial.View(st, width))
	const pad = "               " // under the field values
	switch {
	case p.Serial() == "":
	case p.virtual() && p.opts.SecondsLeft != nil:
		left := p.opts.SecondsLeft(now)
		lines = append(lines, ansi.Truncate(pad+st.Muted.Render("virtual device · this code window: ")+Countdown(st, left), width, "…"))
	case p.checkSerial() == nil:
		add(st.Muted.Render, pad, "hardware token: type the code it shows now")
	}
	lines = append(lines, p.code.View(st, width))
	if p.opts.CodeUsed != nil && p.opts.CodeUsed(p.Serial(), now) {
		msg := "A code of this window was already used for this device (AWS takes each code once): wait for the next code"
		if p.virtual() && p.opts.SecondsLeft != nil {
			msg += fmt.Sprintf(" (%d s)", p.opts.SecondsLeft(now))
		}
		add(st.Warn.Render, "", msg+".")
	}
	if p.retry != "" {
		add(st.Bad.Render, "", "✗ "+p.retry)
	}
	if p.invalid != "" {
		add(st.Error.Render, "", "✗ "+p.invalid)
	}
	lines = append(lines, ansi.Truncate(st.Muted.Render("enter: next / send · tab: switch field · esc: cancel"), width, "…"))
	if p.opts.Demo != nil {
		lines = append(lines, "")
		lines = append(lines, p.demoPanel(st, width, now)...)
	}
	return strings.Join(lines, "\n")
}

// demoPanel shows the demo device's current code, clearly labelled as the
// stand-in for the user's authenticator app.
func (p *MFAPrompt) demoPanel(st *Styles, width int, now time.Time) []string {
	serial, code := p.opts.Demo(p.Serial(), now)
	note := ""
	if serial != p.Serial() {
		note = "(not the serial above)"
	}
	left := -1
	if p.opts.SecondsLeft != nil {
		left = p.opts.SecondsLeft(now)
	}
	return DemoAuthenticatorLines(st, width, serial, note, code, left)
}

// DemoAuthenticatorLines renders the clearly labelled panel that shows a
// demo device's current code, with the seconds left when left >= 0 and a
// warning note after the serial when note is not empty.
func DemoAuthenticatorLines(st *Styles, width int, serial, note, code string, left int) []string {
	head := st.Status.Badge.Render(" DEMO AUTHENTICATOR ") + " " + st.Muted.Render("the sandbox's stand-in for your phone")
	out := []string{ansi.Truncate(head, width, "…")}
	device := st.Pane.Label.Render("device  ") + st.Pane.Value.Render(serial)
	if note != "" {
		device += st.Warn.Render("  " + note)
	}
	out = append(out, ansi.Truncate(device, width, "…"))
	shown := code
	if len(code) == 6 {
		shown = code[:3] + " " + code[3:]
	}
	line := st.Pane.Label.Render("code    ") + st.Title.Render(shown)
	if left >= 0 {
		line += "  " + Countdown(st, left)
	}
	return append(out, ansi.Truncate(line, width, "…"))
}

// Countdown renders the seconds left in a 30-second code window as a bar.
func Countdown(st *Styles, left int) string {
	const cells = 10
	full := max(0, min(cells, (left*cells+29)/30))
	style := st.Good
	if left <= 5 {
		style = st.Warn
	}
	return style.Render(strings.Repeat("█", full)) + st.Muted.Render(strings.Repeat("░", cells-full)) +
		" " + style.Render(fmt.Sprintf("%2d s left", left))
}
