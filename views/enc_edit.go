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

// encStage is where the default-encryption editor is.
type encStage int

// Stages of the default-encryption editor; the plan preview that follows
// is a planFlow of its own.
const (
	encLoadingKeys encStage = iota // listing the region's KMS keys
	encEditing                     // the form is shown
	encValidating                  // checking the chosen KMS key
)

// otherKey is the KMS key option that asks for a typed key id, ARN or alias.
const otherKey = "\x00other"

// kmsKeysMsg is the answer of KMSKeys for editor id.
type kmsKeysMsg struct {
	id   int
	keys []awsops.KMSKey
	err  error
}

// kmsKeyCheckedMsg is the answer of ValidateKMSKey for editor id.
type kmsKeyCheckedMsg struct {
	id  int
	key awsops.KMSKey
	err error
}

// encChoice holds the form's answers; the form writes them through pointers.
type encChoice struct {
	algorithm string
	keyPick   string // a key from the list, "" for aws/s3, or otherKey
	keyTyped  string // the key typed when keyPick is otherKey
	bucketKey bool
	blockSSEC bool
}

// keyID is the KMS key the choice names, "" for the AWS-managed key.
func (c encChoice) keyID() string {
	if c.keyPick == otherKey {
		return strings.TrimSpace(c.keyTyped)
	}
	return c.keyPick
}

// encEditFlow edits a bucket's default encryption: a huh form (algorithm,
// KMS key from the region's keys, bucket key, SSE-C blocked or allowed),
// a check of the KMS key, then the plan preview, confirmation and Apply.
type encEditFlow struct {
	id     int
	c      *common
	be     Backend
	state  awsops.BucketState   // the bucket as read when the editor opened
	all    []awsops.BucketState // every bucket, for the log-target warning
	stage  encStage
	cancel context.CancelFunc

	formStage
	keys    []awsops.KMSKey
	keysErr error // why the keys could not be listed
	choice  *encChoice
}

// newEncEditFlow opens the editor on the bucket's current configuration
// and lists the KMS keys of its region.
func newEncEditFlow(c *common, be Backend, state awsops.BucketState, all []awsops.BucketState, width int) (*encEditFlow, tea.Cmd) {
	ch := &encChoice{algorithm: awsops.AlgorithmAES256, blockSSEC: true}
	if e := state.Encryption; e != nil {
		if e.Algorithm != "" {
			ch.algorithm = e.Algorithm
		}
		ch.keyPick = e.KMSKeyID
		ch.bucketKey = e.BucketKey || e.Algorithm == awsops.AlgorithmAES256
		ch.blockSSEC = e.SSECBlocked()
	}
	f := &encEditFlow{id: nextPlanFlowID(), c: c, be: be, state: state, all: all, choice: ch, formStage: formStage{width: width}}
	return f, f.loadKeys()
}

// loadKeys lists the KMS keys of the bucket's region.
func (f *encEditFlow) loadKeys() tea.Cmd {
	f.stage = encLoadingKeys
	var cmd tea.Cmd
	f.cancel, cmd = listKMSKeys(f.be, f.state.Region, f.id)
	return cmd
}

// close implements flow.
func (f *encEditFlow) close() {
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
}

// typing implements flow: the form has the keys.
func (f *encEditFlow) typing() bool { return f.stage == encEditing }

// busy implements flow.
func (f *encEditFlow) busy() bool { return f.stage != encEditing }

// help implements flow.
func (f *encEditFlow) help(ui.KeyMap) []key.Binding {
	esc := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	if f.stage != encEditing {
		return []key.Binding{esc}
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "choose")),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		esc,
	}
}

// back implements flow: esc cancels the call in flight, or the editor.
func (f *encEditFlow) back() (flow, tea.Cmd) {
	if f.stage == encValidating {
		f.close()
		return f, f.openForm("Key check canceled.")
	}
	f.close()
	return nil, ui.Report(ui.LevelInfo, "Canceled: nothing was changed.")
}

// update implements flow.
func (f *encEditFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	switch msg := msg.(type) {
	case kmsKeysMsg:
		if msg.id != f.id || f.stage != encLoadingKeys {
			return f, nil
		}
		f.close()
		f.keys, f.keysErr = msg.keys, msg.err
		return f, f.openForm("")
	case kmsKeyCheckedMsg:
		if msg.id != f.id || f.stage != encValidating {
			return f, nil
		}
		f.close()
		if msg.err != nil {
			fe := errorOf(msg.err)
			return f, f.openForm(fe.Error() + " — " + explainEncryptionError(msg.err))
		}
		return f.toPlan()
	}
	if f.stage != encEditing {
		return f, nil
	}
	if done, cmd := f.updateForm(msg); !done {
		return f, cmd
	}
	return f.submit()
}

// submit checks the chosen KMS key in a command, or goes straight to the
// plan when no key is to be checked.
func (f *encEditFlow) submit() (flow, tea.Cmd) {
	ch := *f.choice
	if ch.algorithm == awsops.AlgorithmAES256 || ch.keyID() == "" {
		return f.toPlan()
	}
	f.stage = encValidating
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	be, region, keyID, id := f.be, f.state.Region, ch.keyID(), f.id
	return f, func() tea.Msg {
		k, err := be.ValidateKMSKey(ctx, region, keyID)
		return kmsKeyCheckedMsg{id: id, key: k, err: err}
	}
}

// toPlan builds the plan of the choice and hands over to its preview.
func (f *encEditFlow) toPlan() (flow, tea.Cmd) {
	ch := *f.choice
	choice := awsops.EncryptionChoice{Algorithm: ch.algorithm, BucketKey: ch.bucketKey, BlockSSEC: ch.blockSSEC}
	if ch.algorithm != awsops.AlgorithmAES256 {
		choice.KMSKeyID = ch.keyID()
	}
	if ch.algorithm != awsops.AlgorithmKMS {
		choice.BucketKey = false
	}
	p, err := awsops.EncryptionPlan(f.state, choice, f.all...)
	if err != nil {
		return f, f.openForm(err.Error())
	}
	success := fmt.Sprintf("Default encryption of %s set to %s.", f.state.Name, describeChoice(choice))
	pf := newPlanFlow(f.c, f.be, p, success)
	pf.name = "Edit encryption"
	pf.explain = explainConfigError
	pf.reopen = func(problem string) (flow, tea.Cmd) { return f, f.openForm(problem) }
	return pf, nil
}

// describeChoice names the chosen encryption for the status bar.
func describeChoice(c awsops.EncryptionChoice) string {
	s := encryptionLabel(awsops.Encryption{Algorithm: c.Algorithm, KMSKeyID: c.KMSKeyID, BucketKey: c.BucketKey})
	if c.BlockSSEC {
		return s + ", SSE-C blocked"
	}
	return s + ", SSE-C allowed"
}

// openForm shows the form on the current answers, with problem (a refused
// key, a plan error) above it.
func (f *encEditFlow) openForm(problem string) tea.Cmd {
	f.stage = encEditing
	f.problem = problem
	f.form = f.buildForm()
	return f.form.Init()
}

// buildForm lays out the editor: one question per page, so each fits 80x24.
func (f *encEditFlow) buildForm() *huh.Form {
	ch := f.choice
	isKMS := func() bool { return ch.algorithm != awsops.AlgorithmAES256 }
	alg := huh.NewSelect[string]().
		Key("algorithm").
		Title("Default encryption of "+f.state.Name).
		Description(formDesc(f.width, "Applies to objects written from now on.")).
		Options(
			huh.NewOption("SSE-S3   (AES256): keys held by S3, no KMS calls", awsops.AlgorithmAES256),
			huh.NewOption("SSE-KMS  (aws:kms): a KMS key you control", awsops.AlgorithmKMS),
			huh.NewOption("DSSE-KMS (aws:kms:dsse): two layers of encryption, KMS", awsops.AlgorithmKMSDSSE),
		).
		Value(&ch.algorithm)
	keys := kmsKeySelect(f.width, kmsKeyListDesc(f.state.Region, f.keysErr, "; S3 only uses keys of the bucket's region."), f.keys, &ch.keyPick)
	typed := typedKMSKeyInput(&ch.keyTyped).
		Placeholder("alias/my-key").
		Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("type a key, or go back (shift+tab) and pick one")
			}
			return nil
		})
	bucketKey := huh.NewConfirm().
		Key("bucket key").
		Title("S3 Bucket Key").
		Description(formDesc(f.width, "On: S3 calls KMS about once per bucket key lifetime instead of once per object write and read (up to 99% fewer KMS requests). Applies to newly written objects.")).
		Affirmative("On").Negative("Off").
		Value(&ch.bucketKey)
	dsseNote := huh.NewNote().
		Title("S3 Bucket Key: off").
		Description(formDesc(f.width, "DSSE-KMS does not support S3 Bucket Keys: every object write and read calls KMS, and each call counts against the KMS request quota."))
	ssec := huh.NewSelect[bool]().
		Key("SSE-C").
		Title("SSE-C (customer-provided keys)").
		Description(formDesc(f.width, "Objects only a key S3 does not keep can read: a lost key is a lost object.")).
		Options(
			huh.NewOption("Block SSE-C uploads (recommended; the AWS default for new buckets)", true),
			huh.NewOption("Allow SSE-C uploads", false),
		).
		Value(&ch.blockSSEC)
	form := huh.NewForm(
		huh.NewGroup(alg),
		huh.NewGroup(keys).WithHideFunc(func() bool { return !isKMS() }),
		huh.NewGroup(typed).WithHideFunc(func() bool { return !isKMS() || ch.keyPick != otherKey }),
		huh.NewGroup(bucketKey).WithHideFunc(func() bool { return ch.algorithm != awsops.AlgorithmKMS }),
		huh.NewGroup(dsseNote).WithHideFunc(func() bool { return ch.algorithm != awsops.AlgorithmKMSDSSE }),
		huh.NewGroup(ssec),
	)
	return f.styled(f.c, form)
}

// regionName names a region for a sentence.
func regionName(r string) string {
	if r == "" {
		return "the session's region"
	}
	return r
}

// flowTitle implements titledFlow: the editor and the question shown.
func (f *encEditFlow) flowTitle() string {
	switch f.stage {
	case encLoadingKeys:
		return "Edit encryption: KMS keys"
	case encValidating:
		return "Edit encryption: checking the key"
	}
	return "Edit encryption: " + formStep(f.form)
}

// view implements flow.
func (f *encEditFlow) view(e paneEnv) []string {
	st := e.st
	switch f.stage {
	case encLoadingKeys:
		return []string{e.heading("Default encryption of " + f.state.Name),
			e.spin + " " + st.Muted.Render("reading the KMS keys of "+regionName(f.state.Region)+"… (esc cancels)")}
	case encValidating:
		return []string{e.heading("Default encryption of " + f.state.Name),
			e.spin + " " + st.Muted.Render("checking KMS key "+f.choice.keyID()+"… (esc goes back)")}
	}
	return f.formLines(e)
}
