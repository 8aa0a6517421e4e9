package ui

import (
	"testing"

	"charm.land/bubbles/v2/spinner"
)

func TestSpinnerTicksOnlyWhileRunning(t *testing.T) {
	s := NewSpinner(NewMonochromeStyles())
	tick := s.Start()
	if tick == nil || s.Start() != nil {
		t.Fatal("Start must return one tick command, and none while already running")
	}
	msg := tick().(spinner.TickMsg)
	before := s.View()
	s, next := s.Update(msg)
	if next == nil || s.View() == before {
		t.Fatal("a running spinner must advance and schedule its next tick")
	}
	s.Stop()
	if _, next := s.Update(msg); next != nil {
		t.Fatal("a stopped spinner must end its tick loop")
	}
}
