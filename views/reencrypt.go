package views

import (
	"context"
	"fmt"
	"maps"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// Bucket-key choices of a re-encryption.
const (
	bkAsBucket = "bucket" // leave it to the bucket's setting
	bkOn       = "on"
	bkOff      = "off"
)

// reencryptChoice holds the re-encryption form's answers.
type reencryptChoice struct {
	mode       awsops.SSEMode
	keyPick    string
	keyTyped   string
	bucketKey  string // bkAsBucket, bkOn or bkOff
	ssecSource string // ssecFromFile or ssecGenerate
	ssecPath   string // the new SSE-C key
	sourcePath string // the current SSE-C key of SSE-C objects
}

// kmsKey is the chosen KMS key, "" for aws/s3.
func (c reencryptChoice) kmsKey() string {
	if c.keyPick == otherKey {
		return strings.TrimSpace(c.keyTyped)
	}
	return c.keyPick
}

// reencryptPlanMsg is the plan built (with its keys read) for flow id.
type reencryptPlanMsg struct {
	id        int
	plan      awsops.Plan
	generated string
	err       error
}

// reencryptFlow re-encrypts objects in place (CopyObject onto themselves)
// with a chosen mode: a form, then the plan preview, confirmation and
// Apply with a progress bar per object.
type reencryptFlow struct {
	id      int
	c       *common
	be      Backend
	state   awsops.BucketState
	objects []objRef
	ssec    []objRef          // the SSE-C objects: each needs its current key
	keyFor  map[objRef]string // the key file found to open each SSE-C object
	keyMD5  map[string]string // key file -> its key's MD5, the only way a key is named on screen

	xferBase
	formStage
	keys    []awsops.KMSKey
	keysErr error
	choice  *reencryptChoice
}

// newReencryptFlow opens the re-encryption of objects; the region's KMS
// keys are listed first.
func newReencryptFlow(c *common, be Backend, state awsops.BucketState, objects, ssec []objRef, width int) (*reencryptFlow, tea.Cmd) {
	f := &reencryptFlow{
		id: nextPlanFlowID(), c: c, be: be, state: state, objects: objects, ssec: ssec, formStage: formStage{width: width},
		keyFor: map[objRef]string{}, keyMD5: map[string]string{},
		choice:   &reencryptChoice{mode: awsops.SSEDefault, bucketKey: bkAsBucket, ssecSource: ssecFromFile},
		xferBase: xferBase{stage: xferLoading},
	}
	if e := state.Encryption; e != nil && strings.HasPrefix(e.Algorithm, "aws:kms") {
		f.choice.keyPick = e.KMSKeyID
	}
	var cmd tea.Cmd
	f.cancel, cmd = listKMSKeys(be, state.Region, f.id)
	return f, cmd
}

// back implements flow.
func (f *reencryptFlow) back() (flow, tea.Cmd) {
	if f.stage == xferRunning { // reading the key files and building the plan
		f.close()
		return f, f.openForm("")
	}
	f.close()
	return nil, ui.Report(ui.LevelInfo, "Canceled: nothing was changed.")
}

// update implements flow.
func (f *reencryptFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	switch msg := msg.(type) {
	case kmsKeysMsg:
		if msg.id == f.id && f.stage == xferLoading {
			f.close()
			f.keys, f.keysErr = msg.keys, msg.err
			return f, f.openForm("")
		}
		return f, nil
	case reencryptMatchMsg:
		if msg.id != f.id || f.stage != xferRunning {
			return f, nil
		}
		f.close()
		return f, f.matched(msg)
	case reencryptPlanMsg:
		if msg.id != f.id || f.stage != xferRunning {
			return f, nil
		}
		f.close()
		if msg.err != nil {
			return f, f.openForm(errorOf(msg.err).Error() + " — " + explainEncryptionError(msg.err))
		}
		return f.toPlan(msg)
	}
	if f.stage != xferEditing {
		return f, nil
	}
	if done, cmd := f.updateForm(msg); !done {
		return f, cmd
	}
	return f, f.build()
}

// build reads the key files and builds the plan in a command: the keys
// live only in the plan's unexported steps, never in what it displays.
func (f *reencryptFlow) build() tea.Cmd {
	ch := *f.choice
	switch {
	case ch.mode == awsops.SSEC && !f.be.Secure():
		return f.openForm("SSE-C is refused over plain HTTP: the key would travel in clear text. Use an https:// endpoint.")
	case ch.mode == awsops.SSEC && f.state.Encryption != nil && f.state.Encryption.SSECBlocked():
		return f.openForm(f.state.Name + " blocks SSE-C: choose another mode, or allow SSE-C in the Encryption pane.")
	case ch.mode == awsops.SSEC && strings.TrimSpace(ch.ssecPath) == "":
		return f.openForm("Give the new SSE-C key file.")
	case len(f.keyless()) > 0 && strings.TrimSpace(ch.sourcePath) == "":
		return f.openForm("Give the current SSE-C key file of the SSE-C objects.")
	case len(f.keyless()) > 0:
		return f.match()
	}
	f.stage = xferRunning
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	state, refs, id, secure, endpoint := f.state, f.objects, f.id, f.be.Secure(), f.be.Endpoint()
	keyFor := maps.Clone(f.keyFor)
	return func() tea.Msg {
		if ctx.Err() != nil {
			return reencryptPlanMsg{id: id, err: ctx.Err()}
		}
		choice := awsops.ObjectEncryptionChoice{Mode: ch.mode}
		switch ch.mode {
		case awsops.SSEKMS, awsops.DSSEKMS:
			choice.KMSKeyID = ch.kmsKey()
		}
		if ch.mode == awsops.SSEKMS && ch.bucketKey != bkAsBucket {
			on := ch.bucketKey == bkOn
			choice.BucketKey = &on
		}
		var generated string
		if ch.mode == awsops.SSEC {
			if !secure {
				return reencryptPlanMsg{id: id, err: &awsops.SSECOverHTTPError{Endpoint: endpoint}}
			}
			path := expandHome(ch.ssecPath)
			if ch.ssecSource == ssecGenerate {
				if err := awsops.GenerateSSECKeyFile(path); err != nil {
					return reencryptPlanMsg{id: id, err: err}
				}
				generated = path
			}
			k, err := awsops.LoadSSECKey(path)
			if err != nil {
				return reencryptPlanMsg{id: id, generated: generated, err: err}
			}
			choice.SSECKey = k
		}
		// Each distinct key file once; the keys live in the plan's steps only.
		loaded := map[string][]byte{}
		defer func() {
			for _, k := range loaded {
				clear(k)
			}
		}()
		for r, path := range keyFor {
			k, ok := loaded[path]
			if !ok {
				var err error
				if k, err = awsops.LoadSSECKey(expandHome(path)); err != nil {
					return reencryptPlanMsg{id: id, generated: generated, err: err}
				}
				loaded[path] = k
			}
			if choice.SourceSSECKeys == nil {
				choice.SourceSSECKeys = map[awsops.ObjectRef][]byte{}
			}
			choice.SourceSSECKeys[awsops.ObjectRef{Key: r.key, VersionID: r.version}] = k
		}
		var objs []awsops.ObjectRef
		for _, r := range refs {
			objs = append(objs, awsops.ObjectRef{Key: r.key, VersionID: r.version})
		}
		return reencryptPlanMsg{id: id, plan: awsops.ReencryptPlan(state, objs, choice), generated: generated}
	}
}

// toPlan hands over to the plan preview; a plan without steps explains in
// its first warning why it cannot run.
func (f *reencryptFlow) toPlan(m reencryptPlanMsg) (flow, tea.Cmd) {
	if len(m.plan.Steps) == 0 {
		why := "nothing to re-encrypt"
		if len(m.plan.Warnings) > 0 {
			why = m.plan.Warnings[0]
		}
		return f, f.openForm(why)
	}
	success := fmt.Sprintf("Re-encrypted %s in %s.", plural(len(m.plan.Steps), "object", "objects"), f.state.Name)
	if m.generated != "" {
		success += " The new SSE-C key is in " + m.generated + ": keep it, losing it loses the objects."
	}
	pf := newPlanFlow(f.c, f.be, m.plan, success)
	pf.name = "Re-encrypt"
	pf.refresh = false
	pf.each = true
	pf.reopen = func(problem string) (flow, tea.Cmd) { return f, f.openForm(problem) }
	bucket := f.state.Name
	var keys []string
	for _, r := range f.objects {
		keys = append(keys, r.key)
	}
	pf.after = func() tea.Cmd {
		return func() tea.Msg { return objectsChangedMsg{bucket: bucket, keys: keys, clearMarks: true} }
	}
	return pf, nil
}

// openForm shows the form, with problem above it.
func (f *reencryptFlow) openForm(problem string) tea.Cmd {
	f.stage = xferEditing
	f.problem = problem
	ch := f.choice
	modes := huh.NewSelect[awsops.SSEMode]().Key("encryption").
		Title(fmt.Sprintf("Re-encrypt %s in place as", plural(len(f.objects), "object", "objects"))).
		Description(formDesc(f.width, "Each object is copied onto itself with the new encryption (CopyObject, metadata kept).")).
		Options(
			huh.NewOption("The bucket's default encryption", awsops.SSEDefault),
			huh.NewOption("SSE-S3", awsops.SSES3),
			huh.NewOption("SSE-KMS (a KMS key you choose)", awsops.SSEKMS),
			huh.NewOption("DSSE-KMS (a KMS key you choose)", awsops.DSSEKMS),
			huh.NewOption("SSE-C (a key of your own)", awsops.SSEC),
		).
		Value(&ch.mode)
	isKMS := func() bool { return ch.mode == awsops.SSEKMS || ch.mode == awsops.DSSEKMS }
	kmsKey := kmsKeySelect(f.width, kmsKeyListDesc(f.state.Region, f.keysErr, "."), f.keys, &ch.keyPick)
	typed := typedKMSKeyInput(&ch.keyTyped)
	bucketKey := huh.NewSelect[string]().Key("bucket key").Title("S3 Bucket Key for the new copies").
		Options(
			huh.NewOption("As the bucket is set", bkAsBucket),
			huh.NewOption("On (fewer KMS calls)", bkOn),
			huh.NewOption("Off", bkOff),
		).Value(&ch.bucketKey)
	ssecSource := huh.NewSelect[string]().Key("SSE-C key").Title("New SSE-C key").
		Options(
			huh.NewOption("Use an existing key file", ssecFromFile),
			huh.NewOption("Generate a new 256-bit key into a new file (mode 0600)", ssecGenerate),
		).Value(&ch.ssecSource)
	ssecPath := huh.NewInput().Key("SSE-C key file").Title("New SSE-C key file").
		Description(formDesc(f.width, "⚠ Losing the key loses the objects: S3 does not keep SSE-C keys.")).
		Validate(func(p string) error {
			if ch.ssecSource == ssecGenerate {
				return checkNewFile(p)
			}
			return checkSSECKeyFile(p)
		}).
		Value(&ch.ssecPath)
	source := huh.NewInput().Key("current SSE-C key").Title(f.sourceTitle()).
		Description(formDesc(f.width, "S3 needs it to read them before writing the new copies. Objects written with different keys: give one key file, then the next, until each object has its own.")).
		Validate(checkSSECKeyFile).
		Value(&ch.sourcePath)
	f.form = f.styled(f.c, huh.NewForm(
		huh.NewGroup(modes),
		huh.NewGroup(kmsKey).WithHideFunc(func() bool { return !isKMS() }),
		huh.NewGroup(typed).WithHideFunc(func() bool { return !isKMS() || ch.keyPick != otherKey }),
		huh.NewGroup(bucketKey).WithHideFunc(func() bool { return ch.mode != awsops.SSEKMS }),
		huh.NewGroup(ssecSource).WithHideFunc(func() bool { return ch.mode != awsops.SSEC }),
		huh.NewGroup(ssecPath).WithHideFunc(func() bool { return ch.mode != awsops.SSEC }),
		huh.NewGroup(source).WithHideFunc(func() bool { return len(f.keyless()) == 0 }),
	))
	return f.form.Init()
}

// flowTitle implements titledFlow.
func (f *reencryptFlow) flowTitle() string {
	switch f.stage {
	case xferLoading:
		return "Re-encrypt: KMS keys"
	case xferRunning:
		return "Re-encrypt: reading keys"
	}
	return "Re-encrypt: " + formStep(f.form)
}

// view implements flow.
func (f *reencryptFlow) view(e paneEnv) []string {
	st := e.st
	head := e.heading("Re-encrypt in " + f.state.Name)
	switch f.stage {
	case xferLoading:
		return []string{head, e.spin + " " + st.Muted.Render("reading the KMS keys of "+regionName(f.state.Region)+"… (esc cancels)")}
	case xferRunning:
		return []string{head, e.spin + " " + st.Muted.Render("reading the key files and building the plan… (esc goes back)")}
	}
	out := []string{head}
	names := make([]string, 0, len(f.objects))
	for _, r := range f.objects {
		names = append(names, termsafe.String(r.key))
	}
	out = append(out, wrapStyled(st.Muted, "Objects: "+strings.Join(names, ", "), e.width)...)
	if len(out) > 4 {
		out = append(out[:3], st.Muted.Render("…"))
	}
	return append(out, f.formLines(e)...)
}
