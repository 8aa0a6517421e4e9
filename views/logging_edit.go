package views

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// otherTarget is the log target option that asks for a typed bucket name.
const otherTarget = "\x00other"

// logProbeMsg is the answer of ProbeLogTarget for editor id.
type logProbeMsg struct {
	id    int
	probe awsops.LogTargetProbe
}

// logChoice holds the form's answers; the form writes them through pointers.
type logChoice struct {
	pick   string // a bucket from the list, or otherTarget
	typed  string // the bucket typed when pick is otherTarget
	prefix string
	format awsops.LogKeyFormat
}

// target is the bucket the choice names.
func (c logChoice) target() string {
	if c.pick == otherTarget {
		return strings.TrimSpace(c.typed)
	}
	return c.pick
}

// logEditFlow configures a bucket's access logging: a huh form (target
// from the account's buckets of the same region, or typed; prefix; key
// format), a probe of the target, then the plan with the what-if's
// warnings, confirmation (twice for a loop) and Apply.
type logEditFlow struct {
	id      int
	c       *common
	be      Backend
	state   awsops.BucketState   // the bucket as read when the editor opened
	all     []awsops.BucketState // every bucket: the what-if runs over them
	probing bool
	cancel  context.CancelFunc

	formStage
	choice *logChoice
}

// newLogEditFlow opens the form on the bucket's current configuration:
// its target and prefix when it logs, else the prefix "<bucket>/".
func newLogEditFlow(c *common, be Backend, state awsops.BucketState, all []awsops.BucketState, width int) (*logEditFlow, tea.Cmd) {
	ch := &logChoice{prefix: state.Name + "/", format: awsops.LogKeySimple}
	if l := state.Logging; l != nil && l.Enabled {
		ch.pick, ch.prefix = l.TargetBucket, l.TargetPrefix
		if l.KeyFormat != "" {
			ch.format = l.KeyFormat
		}
	}
	f := &logEditFlow{id: nextPlanFlowID(), c: c, be: be, state: state, all: all, choice: ch, formStage: formStage{width: width}}
	if ch.pick != "" && !f.listed(ch.pick) {
		ch.pick, ch.typed = otherTarget, ch.pick
	}
	return f, f.openForm("")
}

// candidates are the buckets offered as targets: the account's buckets in
// the source's region (S3 refuses the others), the source itself included
// since AWS allows it (the what-if then warns of the loop).
func (f *logEditFlow) candidates() []awsops.BucketState {
	var out []awsops.BucketState
	for _, s := range f.all {
		if s.Region == f.state.Region || s.Region == "" {
			out = append(out, s)
		}
	}
	return out
}

// listed reports whether name is among the offered targets.
func (f *logEditFlow) listed(name string) bool {
	for _, s := range f.candidates() {
		if s.Name == name {
			return true
		}
	}
	return false
}

// targetOption labels one candidate with what the what-if would say first.
func (f *logEditFlow) targetOption(s awsops.BucketState) huh.Option[string] {
	label := s.Name
	switch {
	case s.Name == f.state.Name:
		label += "  (itself: a loop)"
	case s.Logging != nil && s.Logging.Enabled:
		label += "  (logs → " + s.Logging.TargetBucket + ")"
	case s.Encryption != nil && (s.Encryption.Algorithm == awsops.AlgorithmKMS || s.Encryption.Algorithm == awsops.AlgorithmKMSDSSE):
		label += "  (SSE-KMS: no delivery)"
	}
	return huh.NewOption(label, s.Name)
}

// close implements flow.
func (f *logEditFlow) close() {
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
}

// typing implements flow: the form has the keys.
func (f *logEditFlow) typing() bool { return !f.probing }

// busy implements flow.
func (f *logEditFlow) busy() bool { return f.probing }

// help implements flow.
func (f *logEditFlow) help(ui.KeyMap) []key.Binding {
	esc := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	if f.probing {
		return []key.Binding{esc}
	}
	out := []key.Binding{
		key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "choose")),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		esc,
	}
	if formStep(f.form) == "target" {
		// huh's select filters on /: an account may have hundreds of buckets.
		out = append(out[:2], append([]key.Binding{key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter"))}, out[2:]...)...)
	}
	return out
}

// back implements flow: esc stops the probe (back to the form), or leaves.
func (f *logEditFlow) back() (flow, tea.Cmd) {
	if f.probing {
		f.close()
		f.probing = false
		return f, f.openForm("Check of the target canceled.")
	}
	f.close()
	return nil, ui.Report(ui.LevelInfo, "Canceled: nothing was changed.")
}

// update implements flow.
func (f *logEditFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	if m, ok := msg.(logProbeMsg); ok {
		if m.id != f.id || !f.probing {
			return f, nil
		}
		f.close()
		f.probing = false
		return f.toPlan(m.probe)
	}
	if f.probing {
		return f, nil
	}
	if done, cmd := f.updateForm(msg); !done {
		return f, cmd
	}
	return f.submit()
}

// submit asks S3 about the target in a command (existence, owner and
// region of a typed name; Object Lock), then builds the plan.
func (f *logEditFlow) submit() (flow, tea.Cmd) {
	target := f.choice.target()
	if target == "" {
		return f, f.openForm("Choose or type the bucket that receives the logs.")
	}
	f.probing = true
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	be, region, id, known, account := f.be, f.state.Region, f.id, f.listed(target), f.account()
	return f, func() tea.Msg {
		return logProbeMsg{id: id, probe: be.ProbeLogTarget(ctx, target, region, account, known)}
	}
}

// toPlan builds the plan of the choice with its what-if and hands over to
// the preview; a refused plan or a failure returns to the form, answers kept.
func (f *logEditFlow) toPlan(probe awsops.LogTargetProbe) (flow, tea.Cmd) {
	account := f.account()
	ch := awsops.LoggingChoice{TargetBucket: f.choice.target(), TargetPrefix: f.choice.prefix, KeyFormat: f.choice.format}
	p, _, err := awsops.LoggingPlan(f.all, f.state.Name, account, ch, probe)
	if err != nil {
		return f, f.openForm(err.Error())
	}
	pf := newPlanFlow(f.c, f.be, p, fmt.Sprintf("Access logs of %s now go to %s under %q.", f.state.Name, ch.TargetBucket, ch.TargetPrefix))
	pf.name = "Configure logging"
	pf.explain = explainLoggingError
	pf.reopen = func(problem string) (flow, tea.Cmd) { return f, f.openForm(problem) }
	if target := ch.TargetBucket; target != f.state.Name && len(p.Steps) > 1 {
		// The target's policy changed too: read it again.
		pf.after = func() tea.Cmd { return func() tea.Msg { return refreshBucketMsg{bucket: target} } }
	}
	return pf, nil
}

// account is the caller's account, "" until STS has answered.
func (f *logEditFlow) account() string {
	if f.c.identity == nil {
		return ""
	}
	return f.c.identity.Account
}

// openForm shows the form on the current answers, with problem above it.
func (f *logEditFlow) openForm(problem string) tea.Cmd {
	f.problem = problem
	f.form = f.buildForm()
	return f.form.Init()
}

// buildForm lays out the form: one question per page, so each fits 80x24.
func (f *logEditFlow) buildForm() *huh.Form {
	ch := f.choice
	var opts []huh.Option[string]
	for _, s := range f.candidates() {
		opts = append(opts, f.targetOption(s))
	}
	opts = append(opts, huh.NewOption("Type another bucket name…", otherTarget))
	if ch.pick == "" {
		ch.pick = opts[0].Value
	}
	target := huh.NewSelect[string]().
		Key("target").
		Title("Send the access logs of " + f.state.Name + " to").
		Description(formDesc(f.width, "Buckets of "+regionName(f.state.Region)+": S3 refuses a target in another region. Best: a bucket that does not log itself.")).
		Options(opts...).
		Height(min(len(opts)+4, 15)). // title, two lines of description, the options: scrolls past 11
		Value(&ch.pick)
	typed := huh.NewInput().
		Key("typed target").
		Title("Target bucket name").
		Value(&ch.typed).
		Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("type a bucket name, or go back (shift+tab) and pick one")
			}
			return nil
		})
	prefix := huh.NewInput().
		Key("prefix").
		Title("Target prefix").
		Description(formDesc(f.width, "Log object keys start with it; one prefix per source keeps the logs apart and easy to expire.")).
		Value(&ch.prefix)
	var formats []huh.Option[awsops.LogKeyFormat]
	for _, kf := range awsops.LogKeyFormats {
		formats = append(formats, huh.NewOption(keyFormatLabel(kf), kf))
	}
	format := huh.NewSelect[awsops.LogKeyFormat]().
		Key("key format").
		Title("Log object key format").
		Description(formDesc(f.width, "SimplePrefix: prefix + delivery time. PartitionedPrefix: prefix + account/region/bucket/yyyy/mm/dd/, which Athena can partition on.")).
		Options(formats...).
		Value(&ch.format)
	form := huh.NewForm(
		huh.NewGroup(target),
		huh.NewGroup(typed).WithHideFunc(func() bool { return ch.pick != otherTarget }),
		huh.NewGroup(prefix),
		huh.NewGroup(format),
	)
	return f.styled(f.c, form)
}

// flowTitle implements titledFlow.
func (f *logEditFlow) flowTitle() string {
	if f.probing {
		return "Configure logging: checking the target"
	}
	return "Configure logging: " + formStep(f.form)
}

// view implements flow.
func (f *logEditFlow) view(e paneEnv) []string {
	if f.probing {
		return []string{e.heading("Access logging of " + f.state.Name),
			e.spin + " " + e.st.Muted.Render("checking "+f.choice.target()+"… (esc goes back)")}
	}
	return f.formLines(e)
}
