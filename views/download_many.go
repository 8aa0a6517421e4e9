package views

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// manyItem is one object of a multi-object download.
type manyItem struct {
	ref    objRef
	enc    awsops.ObjectEncryption
	known  bool   // enc was read
	target string // chosen once the folder is known
	done   bool
	err    error
}

// manyDoneMsg ends one object of the download; manyEndMsg the whole run.
type (
	manyDoneMsg struct {
		id, index int
		err       error
	}
	manyEndMsg struct{ id int }
)

// downloadManyFlow saves several marked objects into one folder, each
// under a safe file name of its own (never over an existing file), one
// after the other, then lists what was saved and what failed.
type downloadManyFlow struct {
	id     int
	c      *common
	be     Backend
	bucket string
	region string

	xferBase
	formStage
	items   []manyItem
	choice  *downloadChoice // target is the folder here
	confirm ui.Confirm
	current int // the object being received
}

// newDownloadManyFlow opens the folder question for refs; encs holds
// their encryption where the pane has read it.
func newDownloadManyFlow(c *common, be Backend, bucket, region string, refs []objRef, encs map[objRef]awsops.ObjectEncryption, width int) (*downloadManyFlow, tea.Cmd) {
	f := &downloadManyFlow{id: nextPlanFlowID(), c: c, be: be, bucket: bucket, region: region,
		formStage: formStage{width: width}, choice: &downloadChoice{target: ".", wrap: wrapKMS}}
	for _, r := range refs {
		e, ok := encs[r]
		f.items = append(f.items, manyItem{ref: r, enc: e, known: ok && e.Err == nil})
	}
	return f, f.openForm("")
}

// anySSEC and anyClient say which keys the form must ask for.
func (f *downloadManyFlow) anySSEC() bool {
	for _, it := range f.items {
		if it.known && it.enc.Mode == awsops.SSEC {
			return true
		}
	}
	return false
}

func (f *downloadManyFlow) anyClient() bool {
	for _, it := range f.items {
		if it.known && it.enc.ClientFormat != clientside.FormatNone {
			return true
		}
	}
	return false
}

// openForm asks for the folder and, when some objects need them, the keys.
func (f *downloadManyFlow) openForm(problem string) tea.Cmd {
	f.stage = xferEditing
	f.problem = problem
	ch := f.choice
	dir := huh.NewInput().Key("folder").
		Title(fmt.Sprintf("Save %d objects into the folder", len(f.items))).
		Description(formDesc(f.width, "Each object gets a file named after its key (/ becomes _); an existing file is never replaced: the new one gets another name.")).
		Validate(checkFolder).
		Value(&ch.target)
	ssec := huh.NewInput().Key("SSE-C key file").Title("SSE-C key file of the SSE-C objects").
		Description(formDesc(f.width, "Objects written with another key fail and are listed.")).
		Placeholder("~/.s3sec/object.key").Validate(checkSSECKeyFile).Value(&ch.ssecPath)
	wrap := huh.NewSelect[string]().Key("client-side key").Title("Client-side objects: decrypt with").
		Options(huh.NewOption("KMS: the key named in each object", wrapKMS), huh.NewOption("A local master key file", wrapMaster)).
		Value(&ch.wrap)
	master := huh.NewInput().Key("master key").Title("Master key file").Placeholder("~/.s3sec/master.key").
		Validate(checkMasterKeyFile).Value(&ch.masterPath)
	f.form = f.styled(f.c, huh.NewForm(
		huh.NewGroup(dir),
		huh.NewGroup(ssec).WithHideFunc(func() bool { return !f.anySSEC() }),
		huh.NewGroup(wrap).WithHideFunc(func() bool { return !f.anyClient() }),
		huh.NewGroup(master).WithHideFunc(func() bool { return !f.anyClient() || ch.wrap != wrapMaster }),
	))
	return f.form.Init()
}

// name picks each object's file: a safe name in the folder that neither
// exists nor is taken by another object of this download.
func (f *downloadManyFlow) name() {
	dir := expandHome(f.choice.target)
	used := map[string]bool{}
	for i := range f.items {
		base := safeFileName(f.items[i].ref.key)
		ext := filepath.Ext(base)
		stem := strings.TrimSuffix(base, ext)
		p := filepath.Join(dir, base)
		for n := 2; used[p] || exists(p); n++ {
			p = filepath.Join(dir, fmt.Sprintf("%s-%d%s", stem, n, ext))
		}
		used[p] = true
		f.items[i].target = p
	}
}

// exists reports whether something is at p.
func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// safeFileName turns an object key into one file name: no folder
// separators, none of the characters termsafe calls unsafe (control and
// format characters, bidi overrides among them), no leading dot (no hidden
// file, no ".."). Unlike termsafe.FileName it keeps the whole key, folders
// flattened, so objects of several folders keep telling apart.
func safeFileName(key string) string {
	var b strings.Builder
	for _, r := range key {
		switch {
		case r == '/', r == '\\', r == ':', termsafe.Unsafe(r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.TrimLeft(b.String(), ". ")
	if len(s) > 200 {
		s = s[len(s)-200:]
	}
	if s == "" {
		s = "object"
	}
	return s
}

// back implements flow.
func (f *downloadManyFlow) back() (flow, tea.Cmd) {
	switch f.stage {
	case xferRunning:
		f.close() // the object in flight is removed; the rest are not started
		return f, nil
	case xferConfirming:
		return f, f.openForm("")
	case xferFailed:
		return nil, nil
	}
	f.close()
	return nil, ui.Report(ui.LevelInfo, "Download canceled.")
}

// update implements flow.
func (f *downloadManyFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	switch msg := msg.(type) {
	case streamMsg:
		switch m := msg.report.(type) {
		case manyDoneMsg:
			if m.id == f.id && m.index < len(f.items) {
				f.items[m.index].done, f.items[m.index].err = true, m.err
				f.current = m.index + 1
			}
			return f, msg.next
		case xferProgressMsg:
			return f, msg.next
		}
		return f, nil
	case manyEndMsg:
		if msg.id == f.id && f.stage == xferRunning {
			return f, f.finished()
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
				return nil, ui.Report(ui.LevelInfo, "Download canceled.")
			}
			return f, nil
		case xferFailed:
			if msg.String() == "enter" {
				return nil, nil
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
	if f.anySSEC() && !f.be.Secure() {
		return f, f.openForm("SSE-C objects can only be read over HTTPS: the key would travel in clear text.")
	}
	f.name()
	f.stage = xferConfirming
	f.confirm = ui.NewConfirm(fmt.Sprintf("Download %d objects?", len(f.items))).WithLabels("Download", "Cancel")
	return f, nil
}

// start receives the objects one after the other, each through the
// single download's job (temporary file, renamed only when complete,
// never over an existing file).
func (f *downloadManyFlow) start() tea.Cmd {
	f.stage = xferRunning
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	be, id, ch := f.be, f.id, *f.choice
	var jobs []downloadJob
	for _, it := range f.items {
		c := ch
		c.target = it.target
		jobs = append(jobs, downloadJob{choice: c, bucket: f.bucket, region: f.region, ref: it.ref,
			ssec: it.known && it.enc.Mode == awsops.SSEC, client: it.known && it.enc.ClientFormat != clientside.FormatNone})
	}
	return stream(func(report func(tea.Msg)) tea.Msg {
		for i, j := range jobs {
			if ctx.Err() != nil {
				break
			}
			done := j.run(ctx, be, id, func(tea.Msg) {}).(downloadDoneMsg)
			report(manyDoneMsg{id: id, index: i, err: done.err})
		}
		return manyEndMsg{id: id}
	})
}

// finished shows each object's outcome.
func (f *downloadManyFlow) finished() tea.Cmd {
	f.close()
	f.stage = xferFailed // the list stays until enter or esc
	ok, failed := 0, 0
	for _, it := range f.items {
		switch {
		case it.done && it.err == nil:
			ok++
		case it.done:
			failed++
		}
	}
	if ok == len(f.items) {
		return ui.Report(ui.LevelSuccess, fmt.Sprintf("Saved %d objects into %s.", ok, expandHome(f.choice.target)))
	}
	return ui.Report(ui.LevelError, fmt.Sprintf("Downloaded %d of %d objects, %d failed%s — the list shows each one.", ok, len(f.items), failed, notRunNote(len(f.items)-ok-failed)))
}

// help implements flow: the list at the end is closed, not left for a form.
func (f *downloadManyFlow) help(k ui.KeyMap) []key.Binding {
	if f.stage == xferFailed {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter/esc", "close"))}
	}
	return f.xferBase.help(k)
}

// flowTitle implements titledFlow.
func (f *downloadManyFlow) flowTitle() string {
	switch f.stage {
	case xferConfirming:
		return "Download: confirm"
	case xferRunning:
		return "Download: receiving"
	case xferFailed:
		return "Download: done"
	}
	return "Download: " + formStep(f.form)
}

// view implements flow.
func (f *downloadManyFlow) view(e paneEnv) []string {
	st := e.st
	out := []string{e.heading(fmt.Sprintf("Download %d objects from %s", len(f.items), f.bucket))}
	switch f.stage {
	case xferEditing:
		return append(out, f.formLines(e)...)
	case xferRunning:
		out = append(out, e.spin+" "+st.Text.Render(fmt.Sprintf("%d of %d received… (esc stops)", f.current, len(f.items))))
	}
	for _, it := range f.items {
		line := it.ref.key + " → " + it.target
		switch {
		case f.stage == xferConfirming || !it.done:
			out = append(out, wrapStyled(st.Text, "· "+line, e.width)...)
		case it.err == nil:
			out = append(out, wrapStyled(st.Good, "✓ "+line, e.width)...)
		default:
			out = append(out, wrapStyled(st.Bad, "✗ "+it.ref.key+": "+errorOf(it.err).Error(), e.width)...)
		}
	}
	switch f.stage {
	case xferConfirming:
		out = append(out, "")
		out = append(out, strings.Split(f.confirm.View(st, e.width), "\n")...)
	case xferFailed:
		out = append(out, "", st.Muted.Render("enter or esc closes"))
	}
	return out
}
