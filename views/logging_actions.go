package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// loggingState returns the bucket's state as read, if its logging facet
// has arrived.
func (d *Detail) loggingState() (awsops.BucketState, bool) {
	s, ok := d.store.get(d.bucket)
	if !ok || s.Logging == nil {
		return awsops.BucketState{}, false
	}
	return *s, true
}

// startLoggingEdit opens the access logging form.
func (d *Detail) startLoggingEdit() tea.Cmd {
	s, ok := d.loggingState()
	if !ok {
		return ui.Report(ui.LevelWarn, "The logging of "+d.bucket+" has not been read yet; press r and try again.")
	}
	f, cmd := newLogEditFlow(d.c, d.be, s, d.store.snapshot(), d.width)
	d.setFlow(f)
	return cmd
}

// startLoggingOff previews the plan that turns access logging off.
func (d *Detail) startLoggingOff() tea.Cmd {
	s, ok := d.loggingState()
	if !ok {
		return ui.Report(ui.LevelWarn, "The logging of "+d.bucket+" has not been read yet; press r and try again.")
	}
	if !s.Logging.Enabled {
		return ui.Report(ui.LevelInfo, "Access logging of "+d.bucket+" is already off.")
	}
	pf := newPlanFlow(d.c, d.be, awsops.TurnOffLoggingPlan(d.store.snapshot(), d.bucket), "Access logging of "+d.bucket+" turned off.")
	pf.name = "Logging off"
	pf.explain = explainLoggingError
	d.setFlow(pf)
	return nil
}
