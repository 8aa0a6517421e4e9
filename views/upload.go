package views

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// xferStage is where an upload or a download is.
type xferStage int

// Stages of a transfer flow.
const (
	xferLoading    xferStage = iota // listing KMS keys, or reading the object's encryption
	xferEditing                     // the form is shown
	xferConfirming                  // the summary and its confirmation
	xferRunning                     // bytes are moving
	xferFailed                      // the error stays until esc
)

// Client-side key sources.
const (
	wrapKMS    = "kms"    // a KMS key wraps the data key (kms+context)
	wrapMaster = "master" // a local master key file wraps it (AES/GCM)
)

// SSE-C key sources.
const (
	ssecFromFile = "file"     // an existing key file
	ssecGenerate = "generate" // a new random key written to a new file
)

// uploadChoice holds the upload form's answers.
type uploadChoice struct {
	path       string // local file
	key        string // object key; "" means the file's name
	mode       awsops.SSEMode
	keyPick    string // KMS key from the list, "" for aws/s3, or otherKey
	keyTyped   string
	wrap       string // wrapKMS or wrapMaster, client-side only
	masterPath string // client-side master key file
	format     string // "v2" or "v3", client-side only
	ssecSource string // ssecFromFile or ssecGenerate
	ssecPath   string // SSE-C key file, existing or to create
}

// needsKMSKey reports whether the choice uses a KMS key.
func (c uploadChoice) needsKMSKey() bool {
	return c.mode == awsops.SSEKMS || c.mode == awsops.DSSEKMS || (c.mode == awsops.SSEClient && c.wrap == wrapKMS)
}

// kmsKey is the chosen KMS key, "" for aws/s3.
func (c uploadChoice) kmsKey() string {
	if c.keyPick == otherKey {
		return strings.TrimSpace(c.keyTyped)
	}
	return c.keyPick
}

// objectKey is the key the object is written to.
func (c uploadChoice) objectKey() string {
	if k := strings.TrimSpace(c.key); k != "" {
		return k
	}
	return filepath.Base(c.path)
}

// uploadFlow uploads one local file with a chosen encryption: a huh form,
// a summary to confirm (No by default), then the transfer with a progress
// bar, throughput and cancel (esc aborts a multipart upload).
type uploadFlow struct {
	id       int
	c        *common
	be       Backend
	state    awsops.BucketState
	existing map[string]bool // keys on the listed page, to warn of overwrites
	secure   bool

	xferBase
	formStage
	keys    []awsops.KMSKey
	keysErr error
	choice  *uploadChoice
	confirm ui.Confirm
	halting bool

	progress xferProgress
	err      error
}

// uploadDoneMsg is the end of an upload.
type uploadDoneMsg struct {
	id        int
	key       string
	result    awsops.UploadResult
	generated string // the SSE-C key file written for this upload, if any
	err       error
}

// newUploadFlow opens the upload form for the bucket; the region's KMS
// keys are listed first, for the SSE-KMS and client-side choices.
func newUploadFlow(c *common, be Backend, state awsops.BucketState, existing map[string]bool, width int) (*uploadFlow, tea.Cmd) {
	f := &uploadFlow{
		id: nextPlanFlowID(), c: c, be: be, state: state, existing: existing, secure: be.Secure(), formStage: formStage{width: width},
		choice: &uploadChoice{mode: awsops.SSEDefault, wrap: wrapKMS, format: "v2", ssecSource: ssecFromFile},
	}
	if e := state.Encryption; e != nil && strings.HasPrefix(e.Algorithm, "aws:kms") {
		f.choice.keyPick = e.KMSKeyID
	}
	f.stage = xferLoading
	var cmd tea.Cmd
	f.cancel, cmd = listKMSKeys(be, state.Region, f.id)
	return f, cmd
}

// back implements flow.
func (f *uploadFlow) back() (flow, tea.Cmd) {
	switch f.stage {
	case xferRunning:
		f.halting = true
		f.close() // the upload returns canceled, after aborting a multipart upload
		return f, nil
	case xferConfirming:
		return f, f.openForm("")
	case xferFailed:
		if f.canceled() {
			return nil, nil // the user stopped it: nothing to fix
		}
		return f, f.openForm(f.failure()) // the answers are kept: fix one and try again
	}
	f.close()
	return nil, ui.Report(ui.LevelInfo, "Upload canceled: nothing was sent.")
}

// update implements flow.
func (f *uploadFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	switch msg := msg.(type) {
	case kmsKeysMsg:
		if msg.id == f.id && f.stage == xferLoading {
			f.close()
			f.keys, f.keysErr = msg.keys, msg.err
			return f, f.openForm("")
		}
		return f, nil
	case streamMsg:
		if p, ok := msg.report.(xferProgressMsg); ok && p.id == f.id {
			f.progress.update(p)
			return f, msg.next
		}
		return f, nil
	case uploadDoneMsg:
		if msg.id == f.id && f.stage == xferRunning {
			return f.finished(msg)
		}
		return f, nil
	case tea.KeyPressMsg:
		switch f.stage {
		case xferConfirming:
			var ans ui.Answer
			f.confirm, ans = f.confirm.Update(msg)
			switch ans {
			case ui.AnswerYes:
				return f, f.start()
			case ui.AnswerNo:
				return nil, ui.Report(ui.LevelInfo, "Upload canceled: nothing was sent.")
			}
			return f, nil
		case xferFailed:
			if msg.String() == "enter" {
				return f.back()
			}
			return f, nil
		}
	}
	if f.stage != xferEditing {
		return f, nil
	}
	if done, cmd := f.updateForm(msg); !done {
		return f, cmd
	}
	return f, f.review()
}

// canceled reports whether the upload ended because the user stopped it.
func (f *uploadFlow) canceled() bool {
	return f.halting || errorOf(f.err).Code == awsops.CodeRequestCanceled
}

// failure is the last upload's error and what to do about it, shown above
// the form it returns to.
func (f *uploadFlow) failure() string {
	if f.err == nil {
		return ""
	}
	return "The upload failed: " + errorOf(f.err).Error() + " — " + explainEncryptionError(f.err)
}

// review checks the answers that need no I/O and shows the summary.
func (f *uploadFlow) review() tea.Cmd {
	ch := *f.choice
	switch {
	case strings.TrimSpace(ch.path) == "":
		return f.openForm("Choose a file to upload.")
	case ch.mode == awsops.SSEC && ch.ssecPath == "":
		return f.openForm("Give the SSE-C key file.")
	case ch.mode == awsops.SSEClient && ch.wrap == wrapMaster && ch.masterPath == "":
		return f.openForm("Give the master key file.")
	case ch.needsKMSKey() && ch.keyPick == otherKey && ch.kmsKey() == "":
		return f.openForm("Type the KMS key, or pick one.")
	}
	if err := f.refuse(ch.mode); err != nil {
		return f.openForm(err.Error())
	}
	f.stage = xferConfirming
	f.confirm = ui.NewConfirm("Start the upload?").WithLabels("Upload", "Cancel")
	return nil
}

// refuse says why a mode cannot be used on this bucket and endpoint, before
// anything is sent; nil when it can.
func (f *uploadFlow) refuse(m awsops.SSEMode) error {
	if m != awsops.SSEC {
		return nil
	}
	if !f.secure {
		return fmt.Errorf("SSE-C is refused over plain HTTP: the key would travel in clear text, and S3 rejects SSE-C requests that are not made over HTTPS. Use an https:// endpoint")
	}
	if e := f.state.Encryption; e != nil && e.SSECBlocked() {
		return fmt.Errorf("%s blocks SSE-C uploads (its encryption settings list SSE-C as blocked): choose another mode, or allow SSE-C in the Encryption pane (e)", f.state.Name)
	}
	return nil
}

// summary describes the upload in words, with its warnings; it names key
// files by path only, never their content.
func (f *uploadFlow) summary() (lines [][2]string, warnings []string) {
	ch := *f.choice
	dest := "s3://" + f.state.Name + "/" + termsafe.String(ch.objectKey()) // a pasted name may hold control characters
	lines = append(lines, [2]string{"From", termsafe.String(ch.path)}, [2]string{"To", dest})
	var mode string
	switch ch.mode {
	case awsops.SSEDefault:
		mode = "the bucket's default encryption"
		if e := f.state.Encryption; e != nil {
			mode += " (" + encryptionLabel(*e) + ")"
		}
	case awsops.SSEKMS, awsops.DSSEKMS:
		mode = string(ch.mode) + " with " + kmsKeyName(ch.kmsKey())
	case awsops.SSEC:
		mode = "SSE-C with the key in " + ch.ssecPath
		if ch.ssecSource == ssecGenerate {
			mode = "SSE-C with a new 256-bit key, written to " + ch.ssecPath + " (mode 0600)"
		}
		warnings = append(warnings, "Losing the key loses the object: S3 does not keep SSE-C keys, and without this key file nobody can ever read the object again. Keep a copy somewhere safe.")
	case awsops.SSEClient:
		wrap := "KMS key " + kmsKeyName(ch.kmsKey())
		if ch.wrap == wrapMaster {
			wrap = "the master key in " + ch.masterPath
			warnings = append(warnings, "The object is encrypted before it leaves this machine: losing the master key file loses the object.")
		}
		mode = fmt.Sprintf("client-side (S3 Encryption Client %s), data key wrapped by %s", strings.ToUpper(ch.format), wrap)
	default:
		mode = string(ch.mode)
	}
	lines = append(lines, [2]string{"Encryption", mode})
	if uploadReadsBack(ch.mode) {
		lines = append(lines, [2]string{"Then", "s3:HeadObject reads the object back: it must report " + string(ch.mode)})
	}
	if f.existing[ch.objectKey()] {
		warnings = append(warnings, "An object with this key exists: it will be replaced (kept as an older version only if versioning is on).")
	}
	return lines, warnings
}

// kmsKeyName names a KMS key choice.
func kmsKeyName(id string) string {
	if id == "" {
		return "the AWS-managed key aws/s3"
	}
	return id
}

// openForm shows the form on the current answers, with problem above it.
func (f *uploadFlow) openForm(problem string) tea.Cmd {
	f.stage = xferEditing
	f.problem = problem
	f.form = f.buildForm()
	return f.form.Init()
}

// start runs the upload in a command; keys are read from their files
// there, used, and cleared, never kept in the model.
func (f *uploadFlow) start() tea.Cmd {
	f.stage = xferRunning
	f.progress = xferProgress{total: -1} // unknown until the first report
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	job := uploadJob{choice: *f.choice, bucket: f.state.Name, region: f.state.Region}
	be, id := f.be, f.id
	return stream(func(report func(tea.Msg)) tea.Msg { return job.run(ctx, be, id, report) })
}

// finished shows the result: on success the objects are listed again and
// the new object's encryption is read.
func (f *uploadFlow) finished(m uploadDoneMsg) (flow, tea.Cmd) {
	f.close()
	if m.err != nil {
		f.stage = xferFailed
		f.err = m.err
		fe := errorOf(m.err)
		what := "Upload failed"
		if f.halting || fe.Code == awsops.CodeRequestCanceled {
			what = "Upload canceled"
		}
		cmds := []tea.Cmd{ui.Report(ui.LevelError, what+": "+fe.Error()+" — "+explainEncryptionError(m.err))}
		if m.generated != "" {
			cmds = append(cmds, ui.Report(ui.LevelWarn, "The new SSE-C key file "+m.generated+" was kept; no object uses it."))
		}
		return f, tea.Batch(cmds...)
	}
	text := fmt.Sprintf("Uploaded %s (%s, %s).", m.key, uploadedMode(m.result), humanSize(m.result.Size))
	if m.generated != "" {
		text += " Its SSE-C key is in " + m.generated + ": keep it, losing it loses the object."
	}
	bucket, key := f.state.Name, m.key
	level, text := uploadCheckStatus(text, m.key, m.result.EncryptionCheck)
	return nil, tea.Batch(ui.Report(level, text), func() tea.Msg { return objectsChangedMsg{bucket: bucket, keys: []string{key}} })
}

// uploadedMode names the encryption S3 reported for a new object.
func uploadedMode(r awsops.UploadResult) string {
	if r.ClientFormat.String() != "none" {
		return "client-side " + r.ClientFormat.String()
	}
	s := string(r.Mode)
	if r.BucketKey {
		s += " with bucket key"
	}
	return s
}

// flowTitle implements titledFlow.
func (f *uploadFlow) flowTitle() string {
	switch f.stage {
	case xferLoading:
		return "Upload: KMS keys"
	case xferConfirming:
		return "Upload: confirm"
	case xferRunning:
		return "Upload: sending"
	case xferFailed:
		return "Upload: failed"
	}
	return "Upload: " + formStep(f.form)
}

// view implements flow.
func (f *uploadFlow) view(e paneEnv) []string {
	st := e.st
	head := e.heading("Upload to " + f.state.Name)
	switch f.stage {
	case xferLoading:
		return []string{head, e.spin + " " + st.Muted.Render("reading the KMS keys of "+regionName(f.state.Region)+"… (esc cancels)")}
	case xferConfirming:
		lines, warns := f.summary()
		out := []string{head}
		for _, l := range lines {
			out = append(out, e.kvWrapped(l[0], l[1])...)
		}
		for _, w := range warns {
			out = append(out, wrapStyled(st.Bad, "⚠ "+w, e.width)...)
		}
		return append(append(out, ""), strings.Split(f.confirm.View(st, e.width), "\n")...)
	case xferRunning:
		out := []string{head, st.Text.Render(f.choice.path + " → " + f.choice.objectKey())}
		out = append(out, f.progress.lines(e, f.halting, "esc cancels; a multipart upload is aborted, nothing partial is kept")...)
		return out
	case xferFailed:
		return append([]string{head}, errorLinesLeaving(e, f.err, explainEncryptionError, backToFormHint)...)
	}
	return f.formLines(e)
}

// wrapStyled wraps text to width and styles each line.
func wrapStyled(style interface{ Render(...string) string }, text string, width int) []string {
	var out []string
	for _, l := range ui.Wrap(text, max(10, width)) {
		out = append(out, style.Render(l))
	}
	return out
}
