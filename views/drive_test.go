package views

import (
	"reflect"
	"time"

	tea "charm.land/bubbletea/v2"
)

// cmdList matches tea.BatchMsg and Bubble Tea's unexported sequence message.
var cmdList = reflect.TypeOf([]tea.Cmd(nil))

// Timing of drive: how long the app must be quiet (no message, no AWS
// call in flight) to count as idle, and how long a drive may last.
const (
	driveQuiet = 10 * time.Millisecond
	driveLimit = 20 * time.Second
)

// drive runs cmd and everything it leads to, as the runtime would, feeding
// each message back to the app: batches run concurrently, sequences in
// order. Timers (spinner and cursor-blink ticks, status expiry) are never
// fed back, so nothing loops. It returns once the app is idle: no message
// for driveQuiet and no screen waiting for AWS.
func drive(a *App, cmd tea.Cmd) {
	results := make(chan tea.Msg, 1024)
	var start func(c tea.Cmd)
	start = func(c tea.Cmd) {
		if c != nil {
			go func() { results <- c() }()
		}
	}
	var handle func(msg tea.Msg)
	handle = func(msg tea.Msg) {
		if msg == nil || isTick(msg) {
			return
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdList) {
			cmds := v.Convert(cmdList).Interface().([]tea.Cmd)
			if _, batch := msg.(tea.BatchMsg); batch {
				for _, c := range cmds {
					start(c)
				}
				return
			}
			for _, c := range cmds { // a sequence: one after the other
				if c == nil {
					continue
				}
				if m, ok := runFor(c, driveQuiet*4); ok {
					handle(m)
				}
			}
			return
		}
		_, next := a.Update(msg)
		start(next)
	}
	start(cmd)
	begin := time.Now()
	for time.Since(begin) < driveLimit {
		select {
		case msg := <-results:
			handle(msg)
		case <-time.After(driveQuiet):
			if !appBusy(a) {
				return
			}
		}
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
