package views

import (
	"context"
	"fmt"
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/ui"
)

// The fleet fix fixes one kind of finding on every bucket marked in the
// overview: pick the kind, read one combined plan (per bucket), confirm,
// then the plans are applied bucket by bucket with progress. Steps that
// need MFA share one code while its window allows; once AWS has accepted
// a code (it accepts each code once) or the window has passed, the next
// bucket asks for a fresh one. The first failure stops the rest, and the
// screen says exactly which buckets were changed and which were not.

// fleetStage is where a fleet fix is.
type fleetStage int

// Stages of a fleet fix.
const (
	fleetChoosing   fleetStage = iota // pick the finding kind
	fleetConfirming                   // combined plan shown, waiting for yes or no
	fleetMFA                          // the next plan needs a code
	fleetApplying                     // a bucket's plan is being applied
	fleetDone                         // finished, failed or canceled: the outcome stays
)

// fleetKind is one fixable finding kind among the marked buckets.
type fleetKind struct {
	id          string
	description string
	buckets     int // marked buckets that have it
}

// fleetOutcome is what happened to one bucket's plan.
type fleetOutcome struct {
	ran     bool                // Apply ended for it
	err     error               // why it failed
	stepsOK int                 // steps applied before the end
	verify  awsops.Verification // the read-back checks once every step applied
}

// fleetAppliedMsg is the end of Apply for plan index of fleet fix id.
type fleetAppliedMsg struct {
	id, index int
	stepsOK   int
	err       error
	verify    awsops.Verification
}

// FleetFix is the screen of a fleet fix.
type FleetFix struct {
	c      *common
	be     Backend
	store  *store
	marked []string // the marked buckets, in grid order
	id     int

	stage  fleetStage
	kinds  []fleetKind
	others int // finding kinds among the marked buckets without an automatic fix
	cursor int

	finding  string
	plans    []awsops.Plan
	skipped  []string // "bucket: why" for marked buckets that get no plan
	outcomes []fleetOutcome
	preview  ui.PlanPreview
	confirm  ui.Confirm

	prompt   *ui.MFAPrompt
	mfa      awsops.MFA // the code in use: never shown, dropped at the end
	mfaStep  int64      // the TOTP window the code was typed in
	mfaSpent bool       // AWS accepted the code: it will not accept it again

	next     int // the plan being applied, or the next one to apply
	cancel   context.CancelFunc
	halting  bool
	canceled bool

	width, height int
}

// fleetIDs numbers fleet fixes so a closed one's answers are ignored.
var fleetIDs int

// newFleetFix opens the fleet fix of the marked buckets.
func newFleetFix(c *common, be Backend, st *store, marked []string) *FleetFix {
	fleetIDs++
	f := &FleetFix{c: c, be: be, store: st, marked: marked, id: fleetIDs}
	f.kinds, f.others = fleetKinds(st, marked)
	return f
}

// fleetKinds counts the fixable finding kinds of the marked buckets, most
// widespread first, and the kinds that need a person's choice.
func fleetKinds(st *store, marked []string) ([]fleetKind, int) {
	count := map[string]int{}
	other := map[string]bool{}
	for _, name := range marked {
		seen := map[string]bool{}
		for _, f := range st.findings[name] {
			if seen[f.ID] {
				continue
			}
			seen[f.ID] = true
			if awsops.FixDescription(f.ID) == "" {
				other[f.ID] = true
				continue
			}
			count[f.ID]++
		}
	}
	var out []fleetKind
	for id, n := range count {
		out = append(out, fleetKind{id: id, description: awsops.FixDescription(id), buckets: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].buckets != out[j].buckets {
			return out[i].buckets > out[j].buckets
		}
		return out[i].id < out[j].id
	})
	return out, len(other)
}

// Title implements screen: the fix and its stage.
func (f *FleetFix) Title() string {
	switch f.stage {
	case fleetChoosing:
		return "Fleet fix: choose"
	case fleetConfirming:
		return "Fix " + f.finding + ": plan"
	case fleetMFA:
		return "Fix " + f.finding + ": MFA"
	case fleetApplying:
		return "Fix " + f.finding + ": applying"
	}
	return "Fix " + f.finding + ": done"
}

// Dialog reports that q closes the fleet fix as esc does.
func (f *FleetFix) Dialog() bool { return true }

// SetSize implements screen.
func (f *FleetFix) SetSize(w, h int) { f.width, f.height = w, h }

// Typing implements screen: the MFA prompt has the keys.
func (f *FleetFix) Typing() bool { return f.stage == fleetMFA }

// Loading implements screen.
func (f *FleetFix) Loading() bool { return f.stage == fleetApplying }

// InFlight implements screen: one bucket's plan at a time.
func (f *FleetFix) InFlight() int {
	if f.stage == fleetApplying {
		return 1
	}
	return 0
}

// Actions implements screen: applying is confirmed in the plan, not a key of its own.
func (f *FleetFix) Actions() []ui.Action { return nil }

var (
	fleetChooseKey = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "plan this fix"))
	fleetYesKey    = key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "apply"))
	fleetNoKey     = key.NewBinding(key.WithKeys("n"), key.WithHelp("n/esc", "cancel"))
	fleetSendKey   = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send code"))
	fleetCancelKey = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop"))
	fleetCloseKey  = key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter/esc", "close"))
)

// ShortHelp implements help.KeyMap.
func (f *FleetFix) ShortHelp() []key.Binding {
	switch f.stage {
	case fleetChoosing:
		if len(f.kinds) == 0 {
			return []key.Binding{fleetCloseKey}
		}
		return []key.Binding{f.c.keys.Move, fleetChooseKey, f.c.keys.Back}
	case fleetConfirming:
		return []key.Binding{fleetYesKey, fleetNoKey, f.c.keys.Move}
	case fleetMFA:
		return []key.Binding{fleetSendKey, fleetCancelKey}
	case fleetApplying:
		return []key.Binding{fleetCancelKey}
	}
	return []key.Binding{fleetCloseKey}
}

// FullHelp implements help.KeyMap.
func (f *FleetFix) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

// Back implements screen: esc steps back from the plan to the choice,
// stops between buckets (the one in flight may still complete), and
// otherwise leaves.
func (f *FleetFix) Back() (bool, tea.Cmd) {
	switch f.stage {
	case fleetConfirming:
		f.stage = fleetChoosing
		return true, nil
	case fleetMFA:
		f.stopPrompt()
		f.canceled = true
		return true, f.finish()
	case fleetApplying:
		if !f.halting {
			f.halting = true
			f.canceled = true
			if f.cancel != nil {
				f.cancel()
			}
		}
		return true, nil
	}
	f.close()
	return false, nil
}

// close stops whatever runs and forgets the code.
func (f *FleetFix) close() {
	if f.cancel != nil {
		f.cancel()
	}
	f.stopPrompt()
	f.mfa = awsops.MFA{}
}

// Update implements screen.
func (f *FleetFix) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		return f, f.key(m)
	case tea.PasteMsg:
		if f.stage == fleetMFA && f.prompt != nil {
			_, cmd := f.prompt.Update(m)
			return f, cmd
		}
	case ui.MFATickMsg:
		if f.prompt != nil {
			_, cmd := f.prompt.Update(m)
			return f, cmd
		}
	case fleetAppliedMsg:
		if m.id == f.id && f.stage == fleetApplying && m.index == f.next {
			return f, f.onApplied(m)
		}
	}
	return f, nil
}

// key handles a key press of the current stage.
func (f *FleetFix) key(msg tea.KeyPressMsg) tea.Cmd {
	k := f.c.keys
	switch f.stage {
	case fleetChoosing:
		switch {
		case key.Matches(msg, k.Up):
			f.cursor = max(0, f.cursor-1)
		case key.Matches(msg, k.Down):
			f.cursor = min(max(0, len(f.kinds)-1), f.cursor+1)
		case msg.String() == "enter" && len(f.kinds) > 0:
			return f.plan(f.kinds[f.cursor].id)
		}
	case fleetConfirming:
		switch msg.String() {
		case "up", "k", "down", "j", "pgup", "pgdown", "ctrl+u", "ctrl+d", "home", "g", "end", "G":
			f.preview, _ = f.preview.Update(msg)
			return nil
		}
		var answer ui.Answer
		f.confirm, answer = f.confirm.Update(msg)
		switch answer {
		case ui.AnswerYes:
			f.outcomes = make([]fleetOutcome, len(f.plans))
			f.next = 0
			return f.applyNext()
		case ui.AnswerNo:
			f.stage = fleetChoosing
		}
	case fleetMFA:
		outcome, cmd := f.prompt.Update(msg)
		if outcome == ui.MFASubmitted {
			serial, code := f.prompt.Take()
			f.stopPrompt()
			f.mfa = awsops.MFA{Serial: serial, Code: code}
			f.mfaStep = otp.Step(f.c.clock())
			f.mfaSpent = false
			f.c.mfa.sent(serial)
			return f.run()
		}
		return cmd
	case fleetDone:
		if msg.String() == "enter" {
			return func() tea.Msg { return tea.KeyPressMsg{Code: tea.KeyEscape} }
		}
	}
	return nil
}

// plan builds the plan of every marked bucket that has the finding; the
// others are listed as skipped with the reason.
func (f *FleetFix) plan(id string) tea.Cmd {
	f.finding = id
	f.plans, f.skipped = nil, nil
	opts := awsops.FixOptions{}
	if me := f.c.identity; me != nil {
		opts.Caller = awsops.LockoutCaller{ARN: me.ARN, OverTLS: f.be.Secure()}
		opts.CallerIsRoot = me.IsRoot
	}
	opts.MFASerial = f.c.mfa.defaultSerial(f.c.clock())
	for _, name := range f.marked {
		st, ok := f.store.get(name)
		if !ok {
			f.skipped = append(f.skipped, name+": no longer listed")
			continue
		}
		if !awsops.HasFinding(id, *st, f.store.states) {
			f.skipped = append(f.skipped, name+": does not have this finding")
			continue
		}
		p, err := awsops.FixPlan(id, *st, f.store.states, opts)
		if err != nil {
			f.skipped = append(f.skipped, name+": "+err.Error())
			continue
		}
		if dup := sameChangeAs(f.plans, p); dup != "" {
			f.skipped = append(f.skipped, name+": the same change as "+dup)
			continue
		}
		f.plans = append(f.plans, p)
	}
	if len(f.plans) == 0 {
		return ui.Report(ui.LevelWarn, "No marked bucket can be fixed for "+id+": "+joinFirst(f.skipped))
	}
	f.preview = ui.NewPlanPreview(fleetPlanView(id, f.plans, f.skipped), f.c.keys)
	f.confirm = ui.NewConfirm(fmt.Sprintf("Apply these %d plans, bucket by bucket?", len(f.plans))).WithLabels("Apply", "Cancel")
	f.stage = fleetConfirming
	return nil
}

// joinFirst is the first reason of a list, for a status line.
func joinFirst(reasons []string) string {
	if len(reasons) == 0 {
		return "nothing to do"
	}
	return reasons[0]
}

// applyNext applies the next bucket's plan, asking for an MFA code first
// when it needs one and the code in hand cannot be sent again.
func (f *FleetFix) applyNext() tea.Cmd {
	if f.next >= len(f.plans) || f.halting {
		return f.finish()
	}
	p := f.plans[f.next]
	if p.NeedsMFA() && !f.codeUsable() {
		return f.askCode(p)
	}
	return f.run()
}

// codeUsable reports whether the code in hand may serve another request:
// typed in this window and not yet accepted by AWS (which accepts a code once).
func (f *FleetFix) codeUsable() bool {
	return f.mfa.Code != "" && !f.mfaSpent && otp.Step(f.c.clock()) == f.mfaStep
}

// askCode shows the MFA prompt for plan p.
func (f *FleetFix) askCode(p awsops.Plan) tea.Cmd {
	f.mfa.Code = ""
	f.stage = fleetMFA
	purpose := fmt.Sprintf("%s (bucket %d of %d)", p.Title, f.next+1, len(f.plans))
	f.prompt = f.c.mfa.prompt(f.c, purpose, f.c.mfa.defaultSerial(f.c.clock()))
	return f.prompt.Start()
}

// stopPrompt removes the MFA prompt.
func (f *FleetFix) stopPrompt() {
	if f.prompt != nil {
		f.prompt.Stop()
		f.prompt = nil
	}
}

// run applies plan f.next in a command under a fresh context.
func (f *FleetFix) run() tea.Cmd {
	f.stage = fleetApplying
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	be, p, id, index := f.be, f.plans[f.next], f.id, f.next
	var m awsops.MFA
	if p.NeedsMFA() {
		m = f.mfa
	}
	return func() tea.Msg {
		ok := 0
		err := be.Apply(ctx, p, m, func(_ int, _ awsops.Step, err error) {
			if err == nil {
				ok++
			}
		})
		var v awsops.Verification
		if err == nil && len(p.Checks()) > 0 {
			v = be.Verify(ctx, p) // a fix the endpoint accepted but does not keep is no fix
		}
		return fleetAppliedMsg{id: id, index: index, stepsOK: ok, err: err, verify: v}
	}
}

// onApplied records one bucket's outcome: the bucket is re-read so the
// grid shows it; a refused code asks for the next one, any other failure
// stops the rest.
func (f *FleetFix) onApplied(m fleetAppliedMsg) tea.Cmd {
	if f.cancel != nil {
		f.cancel()
	}
	p := f.plans[m.index]
	var cmds []tea.Cmd
	if m.stepsOK > 0 {
		bucket := p.Bucket
		cmds = append(cmds, func() tea.Msg { return refreshBucketMsg{bucket: bucket} })
	}
	if m.err == nil && p.NeedsMFA() {
		f.mfaSpent = true
		f.c.mfa.accepted(f.mfa.Serial, f.c.mfa.codeDigest(f.mfa.Serial, f.mfa.Code), otp.StepStart(f.mfaStep))
	}
	if m.err != nil && p.NeedsMFA() && m.stepsOK == 0 && awsops.IsMFARejected(m.err) && !f.halting {
		// Nothing was changed: ask for a fresh code and try this bucket again.
		reused := f.c.mfa.sameAsAccepted(f.mfa.Serial, f.c.mfa.codeDigest(f.mfa.Serial, f.mfa.Code), f.c.clock()) || f.mfaSpent
		cmds = append(cmds, f.askCode(p))
		f.prompt.Rejected(reused) // says why, and keeps the serial typed
		return tea.Batch(cmds...)
	}
	f.outcomes[m.index] = fleetOutcome{ran: true, err: m.err, stepsOK: m.stepsOK, verify: m.verify}
	if m.err != nil {
		return tea.Batch(append(cmds, f.finish())...)
	}
	f.next++
	return tea.Batch(append(cmds, f.applyNext())...)
}

// finish ends the fix: the outcome stays on screen, the code is dropped.
func (f *FleetFix) finish() tea.Cmd {
	f.stage = fleetDone
	f.mfa = awsops.MFA{}
	applied, failed := 0, 0
	for _, o := range f.outcomes {
		switch {
		case o.ran && o.err == nil:
			applied++
		case o.ran:
			failed++
		}
	}
	notRun := len(f.plans) - applied - failed
	if j, ok := f.be.(interface{ JournalErr() error }); ok && j.JournalErr() != nil {
		// The changes were made; only their record is missing: say so, loudly.
		return ui.Report(ui.LevelError, "The change journal could not be written: "+j.JournalErr().Error())
	}
	switch {
	case failed == 0 && notRun == 0:
		return ui.Report(ui.LevelSuccess, fmt.Sprintf("Fixed %s on %d buckets.", f.finding, applied))
	default:
		return ui.Report(ui.LevelError, fmt.Sprintf("Fix %s: %d applied, %d failed, %d not applied — the list shows each bucket.",
			f.finding, applied, failed, notRun))
	}
}

// sameChangeAs is the title of an earlier plan making the same change as
// p (two marked buckets logging to one target), "" when none does.
func sameChangeAs(plans []awsops.Plan, p awsops.Plan) string {
	for _, q := range plans {
		if awsops.SameChange(q, p) {
			return q.Title
		}
	}
	return ""
}
