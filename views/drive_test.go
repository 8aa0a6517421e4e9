package views

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// cmdList matches tea.BatchMsg and Bubble Tea's unexported sequence message.
var cmdList = reflect.TypeOf([]tea.Cmd(nil))

// driveLimit is how long one drive may last before it fails, naming what
// is still in flight. It is generous on purpose: drive never counts quiet
// time as idle, so the limit only ends a drive that is really stuck.
const driveLimit = 90 * time.Second

// timerFuncs are the commands that only wait for the clock: tea.Tick and
// tea.Every (spinner frames, the MFA countdown, status expiry, the
// analysis debounce) and a text cursor's blink. drive starts them but
// does not wait for them; everything else it awaits to the end.
var timerFuncs = []string{
	"charm.land/bubbletea/v2.Tick.func1",
	"charm.land/bubbletea/v2.Every.func1",
	"charm.land/bubbles/v2/cursor.(*Model).Blink.func1",
}

// cmdName is the function behind a command, to recognise timers and to
// name what is still in flight when a drive fails.
func cmdName(c tea.Cmd) string { return runtime.FuncForPC(reflect.ValueOf(c).Pointer()).Name() }

// isTimerCmd reports whether c only waits for the clock.
func isTimerCmd(c tea.Cmd) bool { return slices.Contains(timerFuncs, cmdName(c)) }

// isTick reports whether msg only keeps an animation or a timer going, so
// feeding it back would only repaint (or loop). The analysis debounce tick
// is not one of them: the overview waits for it.
func isTick(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.WindowSizeMsg, tea.BackgroundColorMsg, spinner.TickMsg, ui.MFATickMsg, enrollTickMsg, ui.ClearStatusMsg:
		return true
	}
	t := reflect.TypeOf(msg).String()
	return t == "cursor.BlinkMsg" || t == "cursor.initialBlinkMsg" || t == "cursor.blinkCanceled"
}

// pumpEvent is what a command's goroutine reports: a message to feed, and
// (done) that the command with that id has ended.
type pumpEvent struct {
	msg  tea.Msg
	id   int
	done bool
}

// pump runs commands as the Bubble Tea runtime would and feeds their
// messages to update, one at a time on the caller's goroutine. It counts
// the commands in flight (started minus finished) instead of waiting for
// quiet, so a slow command is awaited however loaded the machine is.
type pump struct {
	update func(tea.Msg) tea.Cmd // feeds one message to the app
	busy   func() bool           // the app says it waits for something

	events   chan pumpEvent
	stop     chan struct{} // closed when the pump returns: late timers give up
	inFlight map[int]string
	timers   int // timers running, not awaited
	lastID   int
}

// newPump returns a pump feeding update.
func newPump(update func(tea.Msg) tea.Cmd, busy func() bool) *pump {
	return &pump{update: update, busy: busy, events: make(chan pumpEvent, 64), stop: make(chan struct{}), inFlight: map[int]string{}}
}

// post hands an event to the pump's loop, unless the pump has returned.
func (p *pump) post(e pumpEvent) {
	select {
	case p.events <- e:
	case <-p.stop:
	}
}

// start runs c in its own goroutine; timers are not counted as in flight.
func (p *pump) start(c tea.Cmd) {
	if c == nil {
		return
	}
	p.lastID++
	id, timer := p.lastID, isTimerCmd(c)
	if timer {
		p.timers++
		id = -id
	} else {
		p.inFlight[id] = cmdName(c)
	}
	go func() { p.post(pumpEvent{msg: c(), id: id, done: true}) }()
}

// startSequence runs cmds one after the other in a goroutine counted as
// one command in flight; each command is awaited to its end and its
// message posted before the next starts, as the runtime does.
func (p *pump) startSequence(cmds []tea.Cmd) {
	p.lastID++
	id := p.lastID
	p.inFlight[id] = fmt.Sprintf("sequence of %d commands", len(cmds))
	go func() {
		p.runSequence(cmds)
		p.post(pumpEvent{id: id, done: true})
	}()
}

// runSequence runs cmds in order; a batch inside runs concurrently and is
// awaited whole before the next command, a sequence inside in order.
func (p *pump) runSequence(cmds []tea.Cmd) {
	for _, c := range cmds {
		if c != nil {
			p.runNested(c())
		}
	}
}

// runNested posts msg, or runs the commands it stands for to their end.
func (p *pump) runNested(msg tea.Msg) {
	cmds, batch, ok := commandsOf(msg)
	if !ok {
		p.post(pumpEvent{msg: msg})
		return
	}
	if !batch {
		p.runSequence(cmds)
		return
	}
	done := make(chan struct{})
	n := 0
	for _, c := range cmds {
		if c == nil {
			continue
		}
		n++
		go func() {
			p.runNested(c())
			done <- struct{}{}
		}()
	}
	for range n {
		<-done
	}
}

// commandsOf unpacks a batch or a sequence; ok is false for any other message.
func commandsOf(msg tea.Msg) (cmds []tea.Cmd, batch, ok bool) {
	if msg == nil {
		return nil, false, false
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || !v.Type().ConvertibleTo(cmdList) {
		return nil, false, false
	}
	_, batch = msg.(tea.BatchMsg)
	return v.Convert(cmdList).Interface().([]tea.Cmd), batch, true
}

// handle feeds one message: batches start their commands, sequences run
// in order, ticks are dropped, everything else goes to the app.
func (p *pump) handle(msg tea.Msg) {
	if msg == nil || isTick(msg) {
		return
	}
	if cmds, batch, ok := commandsOf(msg); ok {
		if !batch {
			p.startSequence(cmds)
			return
		}
		for _, c := range cmds {
			p.start(c)
		}
		return
	}
	p.start(p.update(msg))
}

// run runs cmd and everything it leads to, and returns once no command
// is in flight and the app waits for nothing. It fails after limit, or
// at once when the app waits while nothing could ever answer it.
func (p *pump) run(cmd tea.Cmd, limit time.Duration) error {
	defer close(p.stop)
	p.start(cmd)
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	for {
		if len(p.inFlight) == 0 {
			if !p.busy() {
				return nil
			}
			if p.timers == 0 {
				return fmt.Errorf("drive: the app says it is loading, but no command is in flight and no timer runs (was a command of a.Update dropped instead of driven?)")
			}
		}
		select {
		case e := <-p.events:
			p.handle(e.msg) // before the command counts as finished: what it starts is in flight first
			if e.done {
				if e.id < 0 {
					p.timers--
				} else {
					delete(p.inFlight, e.id)
				}
			}
		case <-deadline.C:
			return fmt.Errorf("drive: still running after %v: %s", limit, p.describe())
		}
	}
}

// describe names what is in flight, for a failure.
func (p *pump) describe() string {
	var names []string
	for _, n := range p.inFlight {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		names = []string{"no command"}
	}
	return fmt.Sprintf("in flight: %s; %d timers; app busy: %v", strings.Join(names, ", "), p.timers, p.busy())
}

// driveApp runs cmd on a and everything it leads to, as the runtime
// would, within limit.
func driveApp(a *App, cmd tea.Cmd, limit time.Duration) error {
	p := newPump(func(msg tea.Msg) tea.Cmd {
		_, next := a.Update(msg)
		return next
	}, func() bool { return appBusy(a) })
	if err := p.run(cmd, limit); err != nil {
		return fmt.Errorf("%w\nscreen:\n%s", err, screenText(a))
	}
	return nil
}

// drive runs cmd and everything it leads to, feeding each message back to
// the app: batches run concurrently, sequences in order, and every command
// but a timer is awaited to its end. Timer messages that only repaint
// (spinner, countdowns, cursor blink, status expiry) are dropped, so
// nothing loops. It returns once the app is idle, and panics, naming what
// is still in flight, when it does not get there within driveLimit.
func drive(a *App, cmd tea.Cmd) {
	if err := driveApp(a, cmd, driveLimit); err != nil {
		panic(err)
	}
}

// appBusy reports whether any screen waits for AWS.
func appBusy(a *App) bool {
	if a.identityLoading {
		return true
	}
	for _, s := range a.stack {
		if s.Loading() {
			return true
		}
	}
	return false
}

// keys presses each key and drives what follows.
func keys(a *App, names ...string) {
	for _, k := range names {
		_, cmd := a.Update(press(k))
		drive(a, cmd)
	}
}
