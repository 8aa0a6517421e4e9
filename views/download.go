package views

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/localfile"
	"github.com/s3sec/s3sec/ui"
)

// downloadChoice holds the download form's answers.
type downloadChoice struct {
	target     string // local file to create
	ssecPath   string // the object's SSE-C key file
	wrap       string // wrapKMS or wrapMaster, client-side objects only
	masterPath string // client-side master key file
}

// downloadFlow saves one object (or version) to a local file, decrypting
// SSE-C objects with their key file and client-side objects with KMS or a
// master key file. The object's encryption is read first, so the form asks
// only for the key it needs. Nothing is left on disk unless the whole
// object was read and authenticated.
type downloadFlow struct {
	id     int
	c      *common
	be     Backend
	bucket string
	region string
	ref    objRef

	xferBase
	formStage
	enc     awsops.ObjectEncryption
	known   bool // enc was read
	choice  *downloadChoice
	halting bool

	progress xferProgress
	err      error
}

// downloadHeadMsg is the encryption of the object to download.
type downloadHeadMsg struct {
	id  int
	enc awsops.ObjectEncryption
}

// downloadDoneMsg is the end of a download.
type downloadDoneMsg struct {
	id     int
	target string
	result awsops.DownloadResult
	err    error
	stale  []localfile.Stale // temporary files of killed downloads found beside the target
}

// newDownloadFlow starts a download of ref; the encryption column's
// answer is used when it is known, else the object is read with HEAD.
func newDownloadFlow(c *common, be Backend, bucket, region string, ref objRef, enc *awsops.ObjectEncryption, width int) (*downloadFlow, tea.Cmd) {
	f := &downloadFlow{
		id: nextPlanFlowID(), c: c, be: be, bucket: bucket, region: region, ref: ref, formStage: formStage{width: width},
		choice: &downloadChoice{target: "./" + termsafe.FileName(ref.key, "download"), wrap: wrapKMS},
	}
	if enc != nil && enc.Err == nil {
		f.enc, f.known = *enc, true
		return f, f.openForm("")
	}
	f.stage = xferLoading
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	id := f.id
	refs := []awsops.ObjectRef{{Key: ref.key, VersionID: ref.version}}
	return f, func() tea.Msg {
		res := be.HeadObjects(ctx, bucket, region, refs)
		return downloadHeadMsg{id: id, enc: res[0]}
	}
}

// back implements flow.
func (f *downloadFlow) back() (flow, tea.Cmd) {
	if f.stage == xferRunning {
		f.halting = true
		f.close() // the download returns canceled and removes its temporary file
		return f, nil
	}
	f.close()
	if f.stage == xferFailed && !f.halting && errorOf(f.err).Code != awsops.CodeRequestCanceled {
		return f, f.openForm(f.failure()) // the answers are kept: fix one and try again
	}
	if f.stage == xferFailed {
		return nil, nil // the user stopped it: nothing to fix
	}
	return nil, ui.Report(ui.LevelInfo, "Download canceled.")
}

// update implements flow.
func (f *downloadFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	switch msg := msg.(type) {
	case downloadHeadMsg:
		if msg.id != f.id || f.stage != xferLoading {
			return f, nil
		}
		f.close()
		f.enc, f.known = msg.enc, msg.enc.Err == nil
		problem := ""
		if msg.enc.Err != nil {
			problem = "Its encryption could not be read (" + msg.enc.Err.Error() + "); the download may fail."
		}
		return f, f.openForm(problem)
	case streamMsg:
		if p, ok := msg.report.(xferProgressMsg); ok && p.id == f.id {
			f.progress.update(p)
			return f, msg.next
		}
		return f, nil
	case downloadDoneMsg:
		if msg.id == f.id && f.stage == xferRunning {
			return f.finished(msg)
		}
		return f, nil
	case tea.KeyPressMsg:
		if f.stage == xferFailed {
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
	return f, f.start()
}

// failure is the last download's error and what to do about it, shown
// above the form it returns to.
func (f *downloadFlow) failure() string {
	if f.err == nil {
		return ""
	}
	return "The download failed, nothing was written: " + errorOf(f.err).Error() + " — " + explainEncryptionError(f.err)
}

// isSSEC and isClient say which key the object needs.
func (f *downloadFlow) isSSEC() bool { return f.known && f.enc.Mode == awsops.SSEC }

// isClient reports whether the object is encrypted client-side.
func (f *downloadFlow) isClient() bool {
	return f.known && f.enc.ClientFormat != clientside.FormatNone
}

// openForm shows the form, with problem above it.
func (f *downloadFlow) openForm(problem string) tea.Cmd {
	f.stage = xferEditing
	f.problem = problem
	ch := f.choice
	target := huh.NewInput().
		Key("target").
		Title("Save " + termsafe.String(f.ref.key) + " to").
		Description(formDesc(f.width, "A new local file (mode 0600); an existing file is never replaced. enter keeps the suggested name, ctrl+u clears it.")).
		Validate(checkNewFile).
		Value(&ch.target)
	ssec := huh.NewInput().
		Key("SSE-C key file").
		Title("SSE-C key file of this object").
		Description(formDesc(f.width, "The object is SSE-C: S3 only returns it for the key it was written with.")).
		Placeholder("~/.s3sec/object.key").
		Validate(checkSSECKeyFile).
		Value(&ch.ssecPath)
	wrap := huh.NewSelect[string]().
		Key("client-side key").
		Title("Client-side object ("+f.enc.ClientFormat.String()+"): decrypt with").
		Options(
			huh.NewOption("KMS: the key named in the object (kms+context)", wrapKMS),
			huh.NewOption("A local master key file (AES/GCM)", wrapMaster),
		).
		Value(&ch.wrap)
	master := huh.NewInput().
		Key("master key").
		Title("Master key file").
		Placeholder("~/.s3sec/master.key").
		Validate(checkMasterKeyFile).
		Value(&ch.masterPath)
	f.form = f.styled(f.c, huh.NewForm(
		huh.NewGroup(target),
		huh.NewGroup(ssec).WithHideFunc(func() bool { return !f.isSSEC() }),
		huh.NewGroup(wrap).WithHideFunc(func() bool { return !f.isClient() }),
		huh.NewGroup(master).WithHideFunc(func() bool { return !f.isClient() || ch.wrap != wrapMaster }),
	))
	return f.form.Init()
}

// start runs the download in a command.
func (f *downloadFlow) start() tea.Cmd {
	ch := *f.choice
	switch {
	case strings.TrimSpace(ch.target) == "":
		return f.openForm("Give the file to save to.")
	case f.isSSEC() && strings.TrimSpace(ch.ssecPath) == "":
		return f.openForm("Give the object's SSE-C key file.")
	case f.isSSEC() && !f.be.Secure():
		return f.openForm("SSE-C objects can only be read over HTTPS: the key would travel in clear text. Use an https:// endpoint.")
	case f.isClient() && ch.wrap == wrapMaster && strings.TrimSpace(ch.masterPath) == "":
		return f.openForm("Give the master key file.")
	}
	f.stage = xferRunning
	f.progress = xferProgress{total: -1} // unknown until the first report
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	job := downloadJob{choice: ch, bucket: f.bucket, region: f.region, ref: f.ref, ssec: f.isSSEC(), client: f.isClient()}
	be, id := f.be, f.id
	return stream(func(report func(tea.Msg)) tea.Msg { return job.run(ctx, be, id, report) })
}

// finished shows the result.
func (f *downloadFlow) finished(m downloadDoneMsg) (flow, tea.Cmd) {
	f.close()
	if m.err != nil {
		f.stage = xferFailed
		f.err = m.err
		fe := errorOf(m.err)
		return f, ui.Report(ui.LevelError, "Download failed, nothing was written: "+fe.Error()+" — "+explainEncryptionError(m.err))
	}
	what := string(m.result.Mode)
	if m.result.ClientFormat != clientside.FormatNone {
		what = "client-side " + m.result.ClientFormat.String() + ", decrypted here"
	}
	return nil, ui.Report(ui.LevelSuccess, fmt.Sprintf("Saved %s to %s (%s, %s).%s", termsafe.String(f.ref.key), termsafe.String(m.target), humanSize(m.result.Size), what, staleNote(m.stale)))
}

// flowTitle implements titledFlow.
func (f *downloadFlow) flowTitle() string {
	switch f.stage {
	case xferLoading:
		return "Download: reading its encryption"
	case xferRunning:
		return "Download: receiving"
	case xferFailed:
		return "Download: failed"
	}
	return "Download: " + formStep(f.form)
}

// view implements flow.
func (f *downloadFlow) view(e paneEnv) []string {
	st := e.st
	head := e.heading("Download " + termsafe.String(f.ref.key))
	if f.ref.version != "" {
		head = e.heading("Download " + termsafe.String(f.ref.key) + " (version " + termsafe.String(f.ref.version) + ")")
	}
	switch f.stage {
	case xferLoading:
		return []string{head, e.spin + " " + st.Muted.Render("reading its encryption… (esc cancels)")}
	case xferRunning:
		out := []string{head, st.Text.Render("→ " + termsafe.String(f.choice.target))}
		return append(out, f.progress.lines(e, f.halting, "esc cancels; the partial file is removed")...)
	case xferFailed:
		return append([]string{head}, errorLinesLeaving(e, f.err, explainEncryptionError, backToFormHint)...)
	}
	out := []string{head}
	if f.known {
		out = append(out, st.Muted.Render("Encryption: ")+encCell(st, f.enc))
	}
	return append(out, f.formLines(e)...)
}

// staleNote tells about the temporary files of killed downloads that were
// found beside the target: removed, or not (and why).
func staleNote(found []localfile.Stale) string {
	removed, kept := 0, ""
	for _, s := range found {
		if s.Err != nil {
			kept = fmt.Sprintf(" Could not remove %s, left by an interrupted download: %v.", s.Path, s.Err)
			continue
		}
		removed++
	}
	switch {
	case removed == 1:
		return " Removed a temporary file left by an interrupted download." + kept
	case removed > 1:
		return fmt.Sprintf(" Removed %d temporary files left by interrupted downloads.%s", removed, kept)
	}
	return kept
}
