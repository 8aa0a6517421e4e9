package views

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// tlsChoice holds the Require TLS form's answers; the form writes them
// through pointers.
type tlsChoice struct {
	minTLS          bool
	denyUnencrypted bool
}

// enforceTLSFlow makes the bucket refuse plain HTTP: a form with the
// extras (minimum TLS version, deny unencrypted uploads) and who would
// break, then the policy plan with its diff, merged into the current
// policy by Sid; a lock-out needs the typed override.
type enforceTLSFlow struct {
	env    flowEnv
	choice *tlsChoice
	formStage
	ch *change // the plan, once the form is answered

	cancel      context.CancelFunc // the requesters' read
	whoLoading  bool
	who         []plainHTTPRequester
	whoErr      error
	requesterID int
}

// startEnforceTLS opens the form on d's bucket, the extras preset to what
// the policy already has.
func startEnforceTLS(d *Detail) tea.Cmd {
	env := newFlowEnv(d)
	s, ok := env.snapshot()
	if !ok || s.Policy == nil {
		return ui.Report(ui.LevelWarn, "The bucket policy of "+d.bucket+" has not been read: press r to read it first.")
	}
	cur := awsops.TLSOptionsOf(s.Policy.JSON)
	f := &enforceTLSFlow{env: env, choice: &tlsChoice{minTLS: cur.MinTLSVersion != "", denyUnencrypted: cur.DenyUnencryptedUploads},
		formStage: formStage{width: d.width}, requesterID: env.flow}
	d.setFlow(f)
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel, f.whoLoading = cancel, true
	return tea.Batch(f.openForm(""), loadRequesters(ctx, env.be, s, f.requesterID))
}

// openForm shows the form on the current answers with problem above it.
func (f *enforceTLSFlow) openForm(problem string) tea.Cmd {
	f.ch = nil
	f.problem = problem
	f.form = f.buildForm()
	return f.form.Init()
}

// buildForm lays out the extras, one question a page so each fits 80x24.
func (f *enforceTLSFlow) buildForm() *huh.Form {
	minTLS := huh.NewConfirm().
		Key("minimum TLS").
		Title("Also deny TLS versions older than " + awsops.DefaultMinTLSVersion + "?").
		Description(formDesc(f.width, "Adds a Deny on s3:TlsVersion < "+awsops.DefaultMinTLSVersion+" (Sid "+awsops.SidDenyOldTLS+"). Clients on TLS 1.0 or 1.1 are refused; every current SDK and the aws CLI use 1.2 or later.")).
		Affirmative("Yes").Negative("No").
		Value(&f.choice.minTLS)
	unenc := huh.NewConfirm().
		Key("unencrypted uploads").
		Title("Also deny uploads without an encryption header?").
		Description(formDesc(f.width, "Adds a Deny on PutObject without x-amz-server-side-encryption (Sid "+awsops.SidDenyUnencryptedUpload+"). Caveat: "+awsops.UnencryptedUploadsCaveat)).
		Affirmative("Yes").Negative("No").
		Value(&f.choice.denyUnencrypted)
	return f.styled(f.env.c, huh.NewForm(huh.NewGroup(minTLS), huh.NewGroup(unenc)))
}

// typing implements flow: the form has the keys, or the change's field.
func (f *enforceTLSFlow) typing() bool {
	if f.ch != nil {
		return f.ch.typing()
	}
	return true
}

// busy implements flow.
func (f *enforceTLSFlow) busy() bool { return f.ch != nil && f.ch.busy() }

// close implements flow.
func (f *enforceTLSFlow) close() {
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	if f.ch != nil {
		f.ch.close()
	}
}

// help implements flow.
func (f *enforceTLSFlow) help(k ui.KeyMap) []key.Binding {
	if f.ch != nil {
		return f.ch.help(k)
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("y", "n"), key.WithHelp("y/n", "answer")),
		key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←→", "choose")),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// back implements flow: esc leaves the plan for the form, answers kept;
// the change handles esc while it applies or once done.
func (f *enforceTLSFlow) back() (flow, tea.Cmd) {
	if f.ch != nil {
		if f.ch.stage == changeConfirm {
			f.ch.close()
			return f, f.openForm("")
		}
		leave, cmd := f.ch.back()
		if leave {
			return f.afterChange(cmd)
		}
		return f, cmd
	}
	f.close()
	return nil, ui.Report(ui.LevelInfo, "Canceled: nothing was changed.")
}

// update implements flow.
func (f *enforceTLSFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	if m, ok := msg.(requestersMsg); ok {
		if m.id == f.requesterID && f.whoLoading {
			f.whoLoading, f.who, f.whoErr = false, m.list, m.err
		}
		return f, nil
	}
	if f.ch != nil {
		leave, cmd := f.ch.update(msg)
		if leave {
			return f.afterChange(cmd)
		}
		return f, cmd
	}
	if done, cmd := f.updateForm(msg); !done {
		return f, cmd
	}
	return f, f.toPlan()
}

// afterChange follows a change that ended: a failure returns to the form
// with S3's answer above it, the answers kept; anything else closes.
func (f *enforceTLSFlow) afterChange(cmd tea.Cmd) (flow, tea.Cmd) {
	if f.ch.stage == changeFailed {
		problem := "Not applied: " + errorOf(f.ch.err).Error() + " — " + explainPolicyError(f.ch.err)
		f.ch.close()
		return f, tea.Batch(cmd, f.openForm(problem))
	}
	f.close()
	return nil, cmd
}

// toPlan builds the plan of the answers and shows it, or goes back to the
// form with the reason.
func (f *enforceTLSFlow) toPlan() tea.Cmd {
	s, ok := f.env.snapshot()
	if !ok || s.Policy == nil {
		return f.openForm("The bucket is no longer listed.")
	}
	o := awsops.TLSOptions{DenyUnencryptedUploads: f.choice.denyUnencrypted}
	if f.choice.minTLS {
		o.MinTLSVersion = awsops.DefaultMinTLSVersion
	}
	caller, isRoot := policyCaller(f.env)
	p, lint, err := awsops.EnforceTLSPlan(s, o, caller, isRoot)
	if errors.Is(err, awsops.ErrPolicyUnchanged) {
		return f.openForm("TLS is already required with these choices: nothing to change (esc closes).")
	}
	if err != nil {
		return f.openForm(err.Error())
	}
	f.ch = newPolicyChange(f.env, p, lint, "TLS is now required for "+s.Name+": plain-HTTP requests are denied.", expectTLS(true))
	return nil
}

// view implements flow.
func (f *enforceTLSFlow) view(e paneEnv) []string {
	if f.ch != nil {
		return f.ch.view(e)
	}
	out := []string{e.heading("Require TLS for " + f.env.bucket)}
	out = append(out, wrapStyled(e.st.Muted, "Adds a Deny on aws:SecureTransport \"false\" for the bucket and its objects (Sid "+awsops.SidDenyInsecureTransport+"); every other statement stays.", e.width)...)
	out = append(out, whoWouldBreak(e, f.whoLoading, f.who, f.whoErr)...)
	return append(append(out, ""), f.formLines(e)...)
}

// flowTitle implements titledFlow: the question shown, or the plan's stage.
func (f *enforceTLSFlow) flowTitle() string {
	if f.ch != nil {
		return "Require TLS: " + f.ch.stageName()
	}
	return "Require TLS: " + formStep(f.form)
}
