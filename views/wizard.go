package views

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// wizStage is where a wizard is.
type wizStage int

// Stages of a wizard, in order.
const (
	wizName     wizStage = iota // New secure bucket: name and region
	wizChecking                 // HeadBucket: is the name free?
	wizSteps                    // one step per setting
	wizPlanning                 // probing the log target, building the plan
	wizConfirm                  // the combined plan, yes or no
	wizSecond                   // the plan's second question (a logging loop kept)
	wizCode                     // the one MFA prompt
	wizApplying                 // steps run one by one
	wizReading                  // the bucket is read again
	wizDone                     // what was applied and not, before and after
)

// wizard is the "Secure this bucket" and "New secure bucket" screen: one
// step per setting, then one combined plan built from the same awsops
// plans the panes use, applied step by step, then the bucket read again.
type wizard struct {
	c      *common
	be     Backend
	id     int
	create bool // New secure bucket: the plan starts with CreateBucket
	bucket string
	region string

	before         awsops.BucketState
	beforeFindings []awsops.Finding
	all            []awsops.BucketState
	kmsKeys        []awsops.KMSKey
	keysNote       string // why no customer key is offered, when listing failed
	serial         string // the root MFA device proposed for MFA Delete
	probes         map[string]awsops.LogTargetProbe

	steps []*wizStep
	cur   int
	stage wizStage
	width int
	high  int

	// New secure bucket.
	name      ui.Field
	regions   []string
	regionIdx int
	nameErr   string

	plan    awsops.Plan
	owners  []int    // plan step → part
	parts   []string // the step each part came from
	preview ui.PlanPreview
	confirm ui.Confirm
	second  ui.Confirm
	prompt  *ui.MFAPrompt
	planErr string

	cancel   context.CancelFunc
	events   chan tea.Msg
	stepErr  []error // the outcome of each plan step that ran
	ran      int     // plan steps finished
	applyErr error
	verify   awsops.Verification // the read-back checks once every step applied
	halting  bool

	after         *awsops.BucketState
	afterFindings []awsops.Finding
	offset        int // first line shown of the report
}

// wizardIDs tells one wizard's answers from another's.
var wizardIDs int

// newSecureWizard opens "Secure this bucket" on a bucket of the store.
func newSecureWizard(c *common, be Backend, s *store, bucket string) (*wizard, tea.Cmd) {
	wizardIDs++
	w := &wizard{c: c, be: be, id: wizardIDs, bucket: bucket, stage: wizSteps}
	if st, ok := s.get(bucket); ok {
		w.before = *st
	}
	w.region = w.before.Region
	w.all = s.snapshot()
	w.beforeFindings = awsops.Analyse(w.all)
	w.serial = c.mfa.defaultSerial(c.clock())
	w.buildSteps()
	w.first()
	return w, w.loadKeys()
}

// newBucketWizard opens "New secure bucket".
func newBucketWizard(c *common, be Backend, s *store) *wizard {
	wizardIDs++
	w := &wizard{c: c, be: be, id: wizardIDs, create: true, stage: wizName, all: s.snapshot()}
	w.name = ui.Field{Label: "Name ", Placeholder: "lower-case letters, digits, '.' and '-'", Limit: 63, Focused: true}
	w.regions = []string{}
	for _, r := range []string{be.Region(), "us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"} {
		if r != "" && !containsString(w.regions, r) {
			w.regions = append(w.regions, r)
		}
	}
	w.serial = c.mfa.defaultSerial(c.clock())
	return w
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// wizKeysMsg carries the KMS keys of the bucket's region.
type wizKeysMsg struct {
	id   int
	keys []awsops.KMSKey
	err  error
}

// loadKeys lists the region's KMS keys for the encryption step's picker.
func (w *wizard) loadKeys() tea.Cmd {
	be, id, region := w.be, w.id, w.region
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), wizardListTimeout)
		defer cancel()
		keys, err := be.KMSKeys(ctx, region)
		return wizKeysMsg{id: id, keys: keys, err: err}
	}
}

// first moves to the first step the user chooses on (or to the plan).
func (w *wizard) first() {
	w.cur = -1
	w.next()
}

// next moves to the next offered step; past the last, to the plan.
func (w *wizard) next() bool {
	for i := w.cur + 1; i < len(w.steps); i++ {
		if w.steps[i].offered() {
			w.cur = i
			return true
		}
	}
	w.cur = len(w.steps)
	return false
}

// prev moves to the previous offered step; false when there is none.
func (w *wizard) prev() bool {
	for i := min(w.cur, len(w.steps)) - 1; i >= 0; i-- {
		if w.steps[i].offered() {
			w.cur = i
			return true
		}
	}
	return false
}

// Title implements screen.
func (w *wizard) Title() string {
	if w.create && w.stage <= wizChecking {
		return "New secure bucket"
	}
	if w.create {
		return "New secure bucket › " + w.bucket
	}
	return "Secure " + w.bucket
}

// SetSize implements screen.
func (w *wizard) SetSize(width, height int) { w.width, w.high = width, height }

// Dialog marks the wizard as a dialog: q closes it as esc does.
func (w *wizard) Dialog() bool { return true }

// Typing implements screen.
func (w *wizard) Typing() bool { return w.stage == wizName || w.stage == wizCode }

// Loading implements screen.
func (w *wizard) Loading() bool { return w.InFlight() > 0 }

// InFlight implements screen.
func (w *wizard) InFlight() int {
	switch w.stage {
	case wizChecking, wizPlanning, wizApplying, wizReading:
		return 1
	}
	return 0
}

// Actions implements screen: the wizard's changes go through its plan.
func (w *wizard) Actions() []ui.Action { return nil }

// FullHelp implements help.KeyMap.
func (w *wizard) FullHelp() [][]key.Binding { return [][]key.Binding{w.ShortHelp()} }

// ShortHelp implements help.KeyMap.
func (w *wizard) ShortHelp() []key.Binding {
	b := func(keys, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(strings.Split(keys, " ")...), key.WithHelp(help, desc))
	}
	switch w.stage {
	case wizName:
		return []key.Binding{b("enter", "enter", "check name"), b("up down", "↑↓", "region"), b("esc", "esc", "cancel")}
	case wizSteps:
		return []key.Binding{b("up down", "↑↓", "choose"), b("enter", "enter", "next"), b("esc", "esc", "back")}
	case wizConfirm, wizSecond:
		return []key.Binding{b("y", "y", "apply"), b("n", "n/esc", "back"), w.c.keys.Move}
	case wizCode:
		return []key.Binding{b("enter", "enter", "send code"), b("esc", "esc", "back")}
	case wizApplying, wizChecking, wizPlanning, wizReading:
		return []key.Binding{b("esc", "esc", "cancel")}
	}
	return []key.Binding{w.c.keys.Move, b("esc", "esc", "close")}
}

// Back implements screen: esc goes a step back; false leaves the wizard.
func (w *wizard) Back() (bool, tea.Cmd) {
	switch w.stage {
	case wizChecking:
		w.stop()
		w.stage = wizName
		return true, nil
	case wizSteps:
		if w.prev() {
			return true, nil
		}
		if w.create {
			w.stage = wizName
			return true, nil
		}
	case wizPlanning:
		w.stop()
		w.stage = wizSteps
		w.cur = len(w.steps)
		w.prev()
		return true, nil
	case wizConfirm, wizSecond:
		w.stage = wizSteps
		w.cur = len(w.steps)
		if !w.prev() {
			w.first()
		}
		return true, nil
	case wizCode:
		w.prompt.Stop()
		w.stage = wizConfirm
		return true, nil
	case wizApplying:
		w.halting = true
		w.stop()
		return true, nil
	case wizReading:
		w.stop()
		w.stage = wizDone
		return true, nil
	}
	w.stop()
	if w.prompt != nil {
		w.prompt.Stop()
	}
	return false, nil
}

// stop cancels the call in flight.
func (w *wizard) stop() {
	if w.cancel != nil {
		w.cancel()
		w.cancel = nil
	}
}

// Update implements screen.
func (w *wizard) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		return w, w.key(m)
	case tea.PasteMsg:
		if w.stage == wizName {
			w.name.Update(m)
			w.checkName()
		} else if w.stage == wizCode {
			_, cmd := w.prompt.Update(m)
			return w, cmd
		}
	case ui.MFATickMsg:
		if w.prompt != nil {
			_, cmd := w.prompt.Update(m)
			return w, cmd
		}
	case wizKeysMsg:
		if m.id == w.id {
			w.onKeys(m)
		}
	case wizAvailMsg:
		if m.id == w.id && w.stage == wizChecking {
			return w, w.onAvail(m)
		}
	case wizProbedMsg:
		if m.id == w.id && w.stage == wizPlanning {
			w.probes = m.probes
			w.makePlan()
		}
	case wizStepMsg:
		if m.id == w.id && w.stage == wizApplying {
			w.stepErr = append(w.stepErr, m.err)
			w.ran++
			return w, w.wait()
		}
	case wizAppliedMsg:
		if m.id == w.id && w.stage == wizApplying {
			return w, w.onApplied(m.err, m.verify)
		}
	case wizReadMsg:
		if m.id == w.id && w.stage == wizReading {
			w.onRead(m.state)
		}
	}
	return w, nil
}

// onKeys offers the region's customer keys in the encryption step.
func (w *wizard) onKeys(m wizKeysMsg) {
	if m.err != nil {
		w.keysNote = "The KMS keys could not be listed (" + errorOf(m.err).Code + "): only aws/s3 is offered."
	}
	w.kmsKeys = m.keys
	for i, s := range w.steps {
		if s.id == "encryption" {
			pick := s.pick
			w.steps[i] = w.encryptionStep()
			w.steps[i].pick = min(pick, max(0, len(w.steps[i].choices)-1))
		}
	}
}

// key handles a key press of the current stage.
func (w *wizard) key(m tea.KeyPressMsg) tea.Cmd {
	switch w.stage {
	case wizName:
		return w.nameKey(m)
	case wizSteps:
		s := w.steps[w.cur]
		switch m.String() {
		case "up", "k":
			s.pick = (s.pick + len(s.choices) - 1) % len(s.choices)
		case "down", "j":
			s.pick = (s.pick + 1) % len(s.choices)
		case "enter":
			if !w.next() {
				return w.startPlan()
			}
		}
	case wizConfirm:
		if w.planErr != "" { // only going back makes sense
			if m.String() == "n" {
				_, cmd := w.Back()
				return cmd
			}
			return nil
		}
		switch m.String() {
		case "up", "down", "pgup", "pgdown", "home", "end", "k", "j", "g", "G":
			w.preview, _ = w.preview.Update(m)
			return nil
		}
		var a ui.Answer
		w.confirm, a = w.confirm.Update(m)
		switch a {
		case ui.AnswerYes:
			if w.plan.SecondConfirm != "" {
				w.stage = wizSecond
				w.second = ui.NewConfirm(w.plan.SecondConfirm).WithLabels("Yes, apply", "No")
				return nil
			}
			return w.confirmed()
		case ui.AnswerNo:
			_, cmd := w.Back()
			return cmd
		}
	case wizSecond:
		var a ui.Answer
		w.second, a = w.second.Update(m)
		switch a {
		case ui.AnswerYes:
			return w.confirmed()
		case ui.AnswerNo:
			w.stage = wizConfirm
		}
	case wizCode:
		out, cmd := w.prompt.Update(m)
		if out == ui.MFASubmitted {
			serial, code := w.prompt.Take()
			w.prompt.Stop()
			w.c.mfa.sent(serial)
			return w.apply(awsops.MFA{Serial: serial, Code: code})
		}
		return cmd
	case wizDone:
		switch m.String() {
		case "up", "k":
			w.offset = max(0, w.offset-1)
		case "down", "j":
			w.offset++
		}
	}
	return nil
}

// confirmed goes on to the one MFA prompt, or straight to Apply.
func (w *wizard) confirmed() tea.Cmd {
	if w.plan.NeedsMFA() {
		w.prompt = w.c.mfa.prompt(w.c, w.plan.Title, w.serial)
		w.stage = wizCode
		return w.prompt.Start()
	}
	return w.apply(awsops.MFA{})
}
