package views

import (
	"reflect"
	"time"

	tea "charm.land/bubbletea/v2"
)

// cmdList matches tea.BatchMsg and Bubble Tea's unexported sequence message.
var cmdList = reflect.TypeOf([]tea.Cmd(nil))

// drive runs cmd and everything it leads to, as the runtime would, feeding
// each message back to the app. Commands that do not answer within wait
// (spinner and cursor-blink ticks, status expiry) are left behind, so
// tests stay fast and never loop on a ticker. It returns once the app is
// idle, or after limit messages.
func drive(a *App, cmd tea.Cmd) {
	const wait = 200 * time.Millisecond
	const limit = 500
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < limit; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := runFor(c, wait)
		if !ok || msg == nil {
			continue
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdList) {
			queue = append(queue, v.Convert(cmdList).Interface().([]tea.Cmd)...)
			continue
		}
		if isTick(msg) {
			continue
		}
		_, next := a.Update(msg)
		queue = append(queue, next)
	}
}

// runFor runs a command for at most d.
func runFor(c tea.Cmd, d time.Duration) (tea.Msg, bool) {
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case m := <-done:
		return m, true
	case <-time.After(d):
		return nil, false
	}
}

// isTick reports whether msg only keeps an animation or a timer going.
func isTick(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.WindowSizeMsg, tea.BackgroundColorMsg:
		return true
	}
	t := reflect.TypeOf(msg).String()
	return t == "spinner.TickMsg" || t == "cursor.BlinkMsg" || t == "cursor.initialBlinkMsg" || t == "ui.ClearStatusMsg"
}

// keys presses each key and drives what follows.
func keys(a *App, names ...string) {
	for _, k := range names {
		_, cmd := a.Update(press(k))
		drive(a, cmd)
	}
}
