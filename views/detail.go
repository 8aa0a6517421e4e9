package views

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/ui"
)

// Detail is one bucket's screen: a row of tabs and the pane shown.
type Detail struct {
	c      *common
	be     Backend
	store  *store
	loadOf func(string) bool // whether the overview is reading the bucket
	bucket string

	panes   []pane
	active  int
	offsets []int // scroll offset per pane
	objects *objectsPane
	flow    flow // a dialog over the pane area (edit form, plan, transfer); nil when none

	width, height int
}

// newDetail returns the detail screen of bucket, on its Overview pane.
func newDetail(c *common, be Backend, st *store, loading func(string) bool, bucket string, pageSize int32) *Detail {
	objs := newObjectsPane(pageSize)
	panes := []pane{&overviewPane{}, encryptionPane{}, newVersioningPane(c, st, bucket), loggingPane{}, corsPane{}, withBPA(transitPane{}), objs}
	return &Detail{c: c, be: be, store: st, loadOf: loading, bucket: bucket, panes: panes, offsets: make([]int, len(panes)), objects: objs}
}

// Title implements screen: bucket and pane, and on the Objects pane the
// listing mode and page.
func (d *Detail) Title() string {
	t := d.bucket + " › " + d.panes[d.active].title()
	if d.onObjects() {
		t += " · " + d.objects.position()
	}
	if f, ok := d.flow.(titledFlow); ok {
		t += " › " + f.flowTitle()
	}
	return t
}

// SetSize implements screen.
func (d *Detail) SetSize(width, height int) { d.width, d.height = width, height }

// Typing implements screen.
func (d *Detail) Typing() bool { return d.flow != nil && d.flow.typing() }

// Loading implements screen.
func (d *Detail) Loading() bool {
	return d.objects.loading || d.objects.enc.busy() || (d.flow != nil && d.flow.busy())
}

// InFlight implements screen.
func (d *Detail) InFlight() int {
	n := 0
	if d.objects.loading {
		n++
	}
	if d.objects.enc.busy() {
		n++
	}
	if d.flow != nil && d.flow.busy() {
		n++
	}
	return n
}

// Actions implements screen: the changes the active pane will offer.
func (d *Detail) Actions() []ui.Action {
	return append(d.disableUnsupported(d.panes[d.active].actions(d.c.keys)), d.wizardAction())
}

// onObjects reports whether the Objects pane is shown.
func (d *Detail) onObjects() bool { return d.panes[d.active] == pane(d.objects) }

// ShortHelp implements help.KeyMap.
func (d *Detail) ShortHelp() []key.Binding {
	k := d.c.keys
	if d.flow != nil {
		return d.flow.help(k)
	}
	out := []key.Binding{k.NextPane, k.Move, k.Back, k.Refresh}
	if kp, ok := d.panes[d.active].(keyPane); ok {
		out = append(out, kp.help(k)...)
	}
	if d.onObjects() {
		out = append(out, k.Versions, k.Pages)
		if d.objects.versions && !k.ReadOnly {
			out = append(out, k.Select)
		}
	}
	for _, a := range d.Actions() {
		out = append(out, a.Binding) // disabled ones are hidden by the help component
	}
	return out
}

// FullHelp implements help.KeyMap.
func (d *Detail) FullHelp() [][]key.Binding {
	k := d.c.keys
	if d.flow != nil {
		return [][]key.Binding{d.flow.help(k)}
	}
	groups := [][]key.Binding{
		{k.NextPane, k.PrevPane, k.Back},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Refresh},
	}
	if d.onObjects() {
		groups[2] = append(groups[2], k.Versions, k.NextPage, k.PrevPage, k.Select)
	}
	if kp, ok := d.panes[d.active].(keyPane); ok {
		groups[2] = append(groups[2], kp.help(k)...)
	}
	var acts []key.Binding
	for _, a := range d.Actions() {
		acts = append(acts, a.Binding)
	}
	if len(acts) > 0 {
		groups = append(groups, acts)
	}
	return groups
}

// Back implements screen: esc cancels a listing in progress first.
func (d *Detail) Back() (bool, tea.Cmd) {
	if d.flow != nil {
		return true, d.backFlow()
	}
	if d.objects.loading {
		d.objects.cancelLoading()
		return true, ui.Report(ui.LevelWarn, "Listing canceled; press r to list again")
	}
	return false, nil
}

// close cancels whatever the screen has running; the App calls it when
// the screen is popped.
func (d *Detail) close() {
	d.objects.stop()
	d.objects.enc.stop()
	if d.flow != nil {
		d.flow.close()
	}
}

// Update implements screen. After every message the encryption of the
// object rows on screen is read, if it is not known yet.
func (d *Detail) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch m := msg.(type) {
	case headMsg:
		if m.bucket == d.bucket {
			d.objects.enc.onHead(m)
		}
		return d, d.readVisibleEncryption()
	case objectsChangedMsg:
		return d, d.onObjectsChanged(m)
	}
	s, cmd := d.update(msg)
	return s, tea.Batch(cmd, d.readVisibleEncryption())
}

// update handles one message.
func (d *Detail) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case objectsMsg:
		return d, d.objects.onObjects(msg)
	case versionsMsg:
		return d, d.objects.onVersions(msg)
	case tea.KeyPressMsg:
		if d.flow != nil {
			return d, d.updateFlow(msg)
		}
		return d, d.key(msg)
	}
	if d.flow != nil {
		return d, d.updateFlow(msg)
	}
	return d, nil
}

// key handles a key press.
func (d *Detail) key(msg tea.KeyPressMsg) tea.Cmd {
	k := d.c.keys
	body := d.bodyHeight()
	if handled, cmd := d.wizardKey(msg); handled {
		return cmd
	}
	if kp, ok := d.panes[d.active].(keyPane); ok {
		if handled, cmd := kp.key(d, msg); handled {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, k.NextPane):
		return d.show((d.active + 1) % len(d.panes))
	case key.Matches(msg, k.PrevPane):
		return d.show((d.active + len(d.panes) - 1) % len(d.panes))
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom):
		delta, _ := k.ScrollDelta(msg, max(1, body-1))
		d.scroll(delta)
	case key.Matches(msg, k.Refresh):
		name := d.bucket
		cmds := []tea.Cmd{func() tea.Msg { return refreshBucketMsg{bucket: name} }}
		if d.onObjects() {
			cmds = append(cmds, d.loadObjects())
		}
		return tea.Batch(cmds...)
	case d.onObjects() && key.Matches(msg, k.Select):
		d.objects.toggleMark()
	case d.onObjects() && key.Matches(msg, k.Versions):
		d.objects.toggleVersions()
		return d.loadObjects()
	case d.onObjects() && key.Matches(msg, k.NextPage):
		if d.objects.nextPage() {
			return d.loadObjects()
		}
	case d.onObjects() && key.Matches(msg, k.PrevPage):
		if d.objects.prevPage() {
			return d.loadObjects()
		}
	default:
		for _, a := range d.Actions() {
			if !a.Pressed(msg) {
				continue
			}
			if ap, ok := d.panes[d.active].(actionPane); ok && a.Enabled() {
				return ap.start(d, a)
			}
			return ui.Report(ui.LevelWarn, a.Explain())
		}
	}
	return nil
}

// show switches to pane i; the Objects pane lists its first page the
// first time it is shown.
func (d *Detail) show(i int) tea.Cmd {
	d.active = i
	if d.onObjects() && !d.objects.loaded && !d.objects.loading && d.objects.err == nil && !d.objects.canceled {
		return d.loadObjects()
	}
	return nil
}

// loadObjects lists the Objects pane's current page.
func (d *Detail) loadObjects() tea.Cmd {
	region := ""
	if s, ok := d.store.get(d.bucket); ok {
		region = s.Region
	}
	return d.objects.load(d.be, d.bucket, region)
}

// scroll moves the active pane by delta lines (the cursor on Objects).
func (d *Detail) scroll(delta int) {
	if d.onObjects() {
		d.objects.move(delta, max(1, d.bodyHeight()-2))
		return
	}
	total := len(d.paneLines())
	d.offsets[d.active] = ui.ClampOffset(d.offsets[d.active]+delta, total, d.visibleLines(total))
}

// visibleLines is the number of pane lines shown for a pane of total
// lines: one line is kept for the scroll indicator when it does not fit.
func (d *Detail) visibleLines(total int) int {
	body := d.bodyHeight()
	if total > body {
		return max(0, body-1)
	}
	return body
}

// bodyHeight is the height of the pane under the tab row.
func (d *Detail) bodyHeight() int { return max(0, d.height-2) }

// env is what the panes render from.
func (d *Detail) env() paneEnv {
	e := paneEnv{st: d.c.st, spin: d.c.spin, width: d.width, height: d.bodyHeight(), now: d.c.clock(), secure: d.be.Secure()}
	if s, ok := d.store.get(d.bucket); ok {
		e.state = s
		e.findings = d.store.findings[d.bucket]
		e.all = d.store.states
		e.loading = d.loadOf(d.bucket)
	}
	return e
}

// paneLines renders the active static pane in full.
func (d *Detail) paneLines() []string {
	e := d.env()
	if e.state == nil {
		return []string{d.c.st.Muted.Render("This bucket is no longer listed; press esc.")}
	}
	return d.panes[d.active].lines(e)
}

// View implements screen.
func (d *Detail) View() string {
	if d.width <= 0 || d.height <= 0 {
		return ""
	}
	lines := []string{d.tabsLine(), ""}
	if d.flow != nil {
		lines = append(lines, d.flow.view(d.env())...)
		return strings.Join(lines, "\n")
	}
	if d.onObjects() {
		lines = append(lines, d.objects.lines(d.env())...)
	} else {
		all := d.paneLines()
		h := d.visibleLines(len(all))
		off := ui.ClampOffset(d.offsets[d.active], len(all), h)
		lines = append(lines, ui.Visible(all, off, h)...)
		if h < len(all) {
			// Say there is more rather than cut silently.
			lines = append(lines, d.c.st.Muted.Render(fmt.Sprintf("  lines %d–%d of %d · j/k to scroll", off+1, off+h, len(all))))
		}
	}
	return strings.Join(lines, "\n")
}

// tabsLine renders the pane tabs; narrow terminals get shorter names.
func (d *Detail) tabsLine() string {
	st := d.c.st
	render := func(short bool) string {
		var b strings.Builder
		for i, p := range d.panes {
			t := p.title()
			if short {
				t = shortTitle(t)
			}
			if i == d.active {
				b.WriteString(st.Tabs.Active.Render(" " + t + " "))
			} else {
				b.WriteString(st.Tabs.Inactive.Render(" " + t + " "))
			}
		}
		return b.String()
	}
	line := render(false)
	if ansi.StringWidth(line) > d.width {
		line = render(true)
	}
	return line
}

// shortTitle abbreviates pane names for narrow terminals.
func shortTitle(t string) string {
	switch t {
	case "Versioning & MFA":
		return "Versions"
	case "Encryption":
		return "Encrypt"
	case "Overview":
		return "Info"
	}
	return t
}
