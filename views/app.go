package views

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// Config is what main.go hands to the console.
type Config struct {
	Backend  Backend          // the AWS session (or the sandbox's)
	Demo     bool             // show the DEMO badge
	ReadOnly bool             // --read-only: disable every action that changes something
	Parallel int              // concurrent facet reads; 16 when 0
	Clock    func() time.Time // time.Now when nil; fixed in tests

	// DemoAuthenticator shows the demo MFA device's current code next to
	// every MFA prompt; nil outside the demo. main wires it from the sandbox.
	DemoAuthenticator DemoAuthenticator
	// DemoReset re-seeds the demo sandbox (ctrl+r, after a question); nil
	// outside the demo (app_demo_reset.go).
	DemoReset func(ctx context.Context) error
}

// App is the root model: it owns the page stack (overview, then detail),
// the status bar and the help, and is the only model returning a tea.View.
type App struct {
	cfg      Config
	c        *common
	overview *Overview
	stack    []screen
	status   ui.StatusBar
	help     help.Model
	spinner  ui.Spinner
	showHelp bool
	// showErrors shows the error-log overlay (app_errors.go).
	showErrors bool
	// helpOffset is the first help line shown; the help scrolls at 80x24.
	helpOffset int

	identityLoading bool
	identityCancel  context.CancelFunc
	objectsPageSize int32

	// demoResetAsk: the reset question is shown; demoResetting: it runs.
	demoResetAsk, demoResetting bool

	width, height int
}

// NewApp builds the console; run it with tea.NewProgram(app).Run().
func NewApp(cfg Config) *App {
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	st := ui.NewStyles(true) // until the terminal tells its background
	c := &common{st: st, keys: ui.NewKeyMap(cfg.ReadOnly), clock: cfg.Clock, mfa: newMFAMemory(cfg.DemoAuthenticator)}
	ov := newOverview(c, cfg.Backend, cfg.Parallel)
	a := &App{
		cfg:             cfg,
		c:               c,
		overview:        ov,
		stack:           []screen{ov},
		help:            ui.NewHelp(st, 80),
		spinner:         ui.NewSpinner(st),
		objectsPageSize: defaultObjectsPageSize,
	}
	a.status = ui.StatusBar{
		Endpoint: endpointLabel(cfg.Backend),
		Secure:   cfg.Backend.Secure(),
		Region:   cfg.Backend.Region(),
		Demo:     cfg.Demo,
		ReadOnly: cfg.ReadOnly,
		Now:      cfg.Clock,
	}
	return a
}

// Init implements tea.Model: ask the terminal for its background, who we
// are, and the bucket list; the scan starts when the list arrives.
func (a *App) Init() tea.Cmd {
	a.identityLoading = true
	cmds := []tea.Cmd{tea.RequestBackgroundColor, a.identityCmd(), a.overview.start()}
	cmds = append(cmds, a.afterUpdate())
	return tea.Batch(cmds...)
}

// identityCmd asks STS who the credentials belong to; quitting cancels it.
func (a *App) identityCmd() tea.Cmd {
	be := a.cfg.Backend
	ctx, cancel := context.WithCancel(context.Background())
	a.identityCancel = cancel
	return func() tea.Msg {
		id, err := be.Identity(ctx)
		return identityMsg{id: id, err: err}
	}
}

// top is the screen shown.
func (a *App) top() screen { return a.stack[len(a.stack)-1] }

// Update implements tea.Model.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := a.update(msg)
	return a, tea.Batch(cmd, a.afterUpdate())
}

func (a *App) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.resize(msg.Width, msg.Height)
		return nil
	case tea.BackgroundColorMsg:
		a.setStyles(ui.NewStyles(msg.IsDark()))
		return nil
	case tea.KeyPressMsg:
		return a.key(msg)
	case tea.PasteMsg:
		// Typed input, like a key: for the screen shown, never the ones
		// beneath it, and for nobody while an overlay (help, error log) is shown.
		if a.showHelp || a.showErrors {
			return nil
		}
		var cmd tea.Cmd
		a.stack[len(a.stack)-1], cmd = a.top().Update(msg)
		return cmd
	case identityMsg:
		return a.onIdentity(msg)
	case demoResetMsg:
		return a.onDemoReset(msg)
	case ui.StatusMsg:
		msg.Text = termsafe.String(msg.Text) // messages name objects: no name may act on the terminal
		return a.status.Show(msg)
	case ui.ClearStatusMsg:
		a.status.Clear(msg)
		return nil
	case openWizardMsg:
		return a.openWizardScreen(msg)
	case relistMsg:
		return a.relist()
	case mfaDevicesMsg:
		a.c.mfa.onDevices(msg) // and on to the screens: a flow may wait for it
	}
	var cmd tea.Cmd
	if a.spinner, cmd = a.spinner.Update(msg); cmd != nil {
		a.c.spin = a.spinner.View()
		return cmd
	}
	// Data messages go to every screen: the overview keeps streaming while
	// a detail screen is open, and each screen ignores what is not its own.
	cmds := make([]tea.Cmd, 0, len(a.stack))
	for i, s := range a.stack {
		var c tea.Cmd
		a.stack[i], c = s.Update(msg)
		cmds = append(cmds, c)
	}
	return tea.Batch(cmds...)
}

// afterUpdate keeps the spinner and the calls counter in step with the screens.
func (a *App) afterUpdate() tea.Cmd {
	loading, inFlight := false, 0
	if a.identityLoading {
		loading, inFlight = true, 1
	}
	loading = loading || a.demoResetting
	for _, s := range a.stack {
		loading = loading || s.Loading()
		inFlight += s.InFlight()
	}
	a.status.InFlight = inFlight
	a.status.Endpoint = endpointLabel(a.cfg.Backend) // the server's name arrives with its first answer
	if !loading {
		a.spinner.Stop()
		return nil
	}
	cmd := a.spinner.Start()
	a.c.spin = a.spinner.View()
	return cmd
}

// key routes a key press: ctrl+c always quits; the help, while shown,
// owns every other key; esc always goes back (the screen first undoes
// what it can); a screen that is typing gets every other key; q closes a
// dialog as esc does, and quits only from a plain screen; ? opens the help.
func (a *App) key(msg tea.KeyPressMsg) tea.Cmd {
	k := a.c.keys
	top := a.top()
	if handled, cmd := a.errorLogKey(msg); handled {
		return cmd
	}
	if handled, cmd := a.demoResetKey(msg); handled {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Interrupt):
		return a.quit()
	case a.showHelp:
		a.helpKey(msg)
		return nil
	case key.Matches(msg, k.Back), key.Matches(msg, k.Quit) && !top.Typing() && inDialog(top):
		if handled, cmd := top.Back(); handled {
			return cmd
		}
		a.pop()
		return nil
	case top.Typing():
		var cmd tea.Cmd
		a.stack[len(a.stack)-1], cmd = top.Update(msg)
		return cmd
	case key.Matches(msg, k.Quit):
		return a.quit()
	case key.Matches(msg, k.Help):
		a.openHelp()
		return nil
	}
	var cmd tea.Cmd
	a.stack[len(a.stack)-1], cmd = top.Update(msg)
	if name, ok := a.overview.takeOpen(); ok {
		a.push(newDetail(a.c, a.cfg.Backend, a.overview.store, a.overview.bucketLoading, name, a.objectsPageSize))
	}
	if names, ok := a.overview.takeFleet(); ok {
		a.push(newFleetFix(a.c, a.cfg.Backend, a.overview.store, names))
	}
	return cmd
}

// push shows a new screen on top.
func (a *App) push(s screen) {
	s.SetSize(a.contentSize())
	a.stack = append(a.stack, s)
}

// pop leaves the top screen, if it is not the overview.
func (a *App) pop() {
	if len(a.stack) <= 1 {
		return
	}
	if d, ok := a.top().(*Detail); ok {
		d.close()
	}
	a.stack = a.stack[:len(a.stack)-1]
}

// quit cancels every running call and ends the program; the screens stay
// as they are, so the last frame is what the user saw.
func (a *App) quit() tea.Cmd {
	for _, s := range a.stack[1:] {
		if d, ok := s.(*Detail); ok {
			d.close()
		}
	}
	a.overview.stopAll()
	if a.identityCancel != nil {
		a.identityCancel()
	}
	return tea.Quit
}

// onIdentity fills the identity part of the status bar.
func (a *App) onIdentity(m identityMsg) tea.Cmd {
	a.identityLoading = false
	if a.identityCancel != nil {
		a.identityCancel()
	}
	if m.err != nil {
		fe := errorOf(m.err)
		a.status.User = "unknown (" + fe.Code + ")"
		return reportError("GetCallerIdentity", fe)
	}
	a.status.Account = m.id.Account
	a.status.Root = m.id.IsRoot
	id := m.id
	a.c.identity = &id
	if !m.id.IsRoot {
		a.status.User = userOf(m.id.ARN)
		return nil
	}
	// The root user's MFA device is shown on the Versioning & MFA pane.
	return a.c.mfa.loadDevices(a.cfg.Backend)
}

// setStyles switches the theme (background colour changed).
func (a *App) setStyles(st *ui.Styles) {
	a.c.st = st
	a.help.Styles = st.Help
	a.spinner.SetStyles(st)
	a.c.spin = a.spinner.View()
}

// Lines around the screen content: header, status bar and short help.
const chromeLines = 3

// contentSize is the size left to the screens.
func (a *App) contentSize() (int, int) { return a.width, max(0, a.height-chromeLines) }

// resize follows the terminal size.
func (a *App) resize(w, h int) {
	a.width, a.height = w, h
	a.help.SetWidth(w)
	cw, ch := a.contentSize()
	for _, s := range a.stack {
		s.SetSize(cw, ch)
	}
}

// helpKeys joins a screen's keys with the global ones for the help component.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (h helpKeys) ShortHelp() []key.Binding { return h.short }

// FullHelp implements help.KeyMap.
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

func (a *App) keys() helpKeys {
	k := a.c.keys
	top := a.top()
	if a.showErrors {
		return a.errorLogHelp()
	}
	if top.Typing() {
		return helpKeys{short: top.ShortHelp(), full: top.FullHelp()}
	}
	quit := k.Quit
	if inDialog(top) {
		quit = closeKey // q closes a dialog; ctrl+c still quits
	}
	short := append([]key.Binding{}, top.ShortHelp()...)
	short = append(short, k.Help, quit)
	full := append([][]key.Binding{}, top.FullHelp()...)
	full = append(full, []key.Binding{k.Help, k.Errors, quit, k.Interrupt})
	if a.cfg.DemoReset != nil && !inDialog(top) {
		full = append(full, []key.Binding{demoResetBinding})
	}
	return helpKeys{short: short, full: full}
}

// breadcrumb names where the user is.
func (a *App) breadcrumb() string {
	parts := []string{a.stack[0].Title()}
	if len(a.stack) > 1 {
		parts = append(parts, a.top().Title())
	}
	return strings.Join(parts, " › ")
}

// View implements tea.Model. Every line is cut to the terminal width so
// nothing ever wraps, whatever a screen renders.
func (a *App) View() tea.View {
	var v tea.View
	v.AltScreen = true
	title := "s3sec: " + a.breadcrumb()
	if a.spinner.Running() {
		title += " (loading)"
	}
	v.WindowTitle = title
	if a.width <= 0 || a.height <= 0 {
		v.SetContent("")
		return v
	}
	st := a.c.st
	cw, ch := a.contentSize()
	header := st.Title.Render(" s3sec ") + " " + st.Breadcrumb.Render(a.breadcrumb())
	if fs, ok := a.top().(interface {
		FullScreen(width, height int) (string, bool)
	}); ok && !a.showHelp && !a.showErrors {
		if content, ok := fs.FullScreen(a.width, a.height); ok {
			v.SetContent(content)
			return v
		}
	}
	var content string
	if a.showErrors {
		content = a.errorLogView(cw, ch)
	} else if a.showHelp {
		content = a.helpView()
	} else {
		content = a.top().View()
	}
	lines := []string{header}
	body := strings.Split(content, "\n")
	if len(body) > ch {
		body = body[:ch]
	}
	lines = append(lines, body...)
	for len(lines) < 1+ch {
		lines = append(lines, "")
	}
	footer := a.footerHelp()
	if msg, ok := a.status.MessageLine(st, a.width); ok {
		footer = msg // too narrow for the message beside the status bar: it takes the footer while it lives
	}
	if a.demoResetAsk {
		footer = a.demoResetFooter()
	}
	lines = append(lines, a.status.View(st, a.width), footer)
	if len(lines) > a.height {
		lines = lines[:a.height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > a.width {
			lines[i] = ansi.Truncate(l, a.width, "…")
		}
	}
	v.SetContent(strings.Join(lines, "\n"))
	return v
}
