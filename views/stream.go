package views

import (
	"sync"

	tea "charm.land/bubbletea/v2"
)

// streamMsg is one progress report of a long call, with the command that
// waits for the next report or the final answer. Whoever handles the
// report returns next to keep listening; dropping it ends the listening
// (the call itself is stopped by its context).
type streamMsg struct {
	report tea.Msg
	next   tea.Cmd
}

// stream runs work in its own goroutine once the returned command runs, and
// delivers its progress reports and then its result as messages. Reports are
// coalesced: a slow screen gets the latest, never a backlog, and work never
// blocks on the screen (the bubbletea progress-download pattern, with the
// "latest wins" rule the realtime example lacks).
func stream(work func(report func(tea.Msg)) tea.Msg) tea.Cmd {
	latest := make(chan tea.Msg, 1)
	final := make(chan tea.Msg, 1)
	var once sync.Once
	var wait tea.Cmd
	wait = func() tea.Msg {
		once.Do(func() {
			go func() {
				final <- work(func(m tea.Msg) {
					select {
					case <-latest: // replace the report nobody has read yet
					default:
					}
					latest <- m // only this goroutine sends, so there is room now
				})
			}()
		})
		select {
		case m := <-latest:
			return streamMsg{report: m, next: wait}
		case m := <-final:
			return m
		}
	}
	return wait
}
