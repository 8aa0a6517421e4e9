package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// corsState returns the bucket's state as read, if its CORS facet has
// arrived (an empty configuration is a value).
func (d *Detail) corsState() (awsops.BucketState, bool) {
	s, ok := d.store.get(d.bucket)
	if !ok || s.CORS == nil {
		return awsops.BucketState{}, false
	}
	return *s, true
}

// corsUnread says why the CORS rules are not known: the facet's own
// error (an editor opened on rules it could not read would replace them
// blind), or that they have not arrived yet.
func (d *Detail) corsUnread() tea.Cmd {
	if s, ok := d.store.get(d.bucket); ok {
		if fe := s.Errors[awsops.FacetCORS]; fe != nil {
			return ui.Report(ui.LevelWarn, "The CORS configuration of "+d.bucket+" could not be read ("+fe.Code+"), so it cannot be edited; press r to read it again.")
		}
	}
	return ui.Report(ui.LevelWarn, "The CORS configuration of "+d.bucket+" has not been read yet; press r and try again.")
}

// startCORSEdit opens the CORS editor on the rules as read.
func (d *Detail) startCORSEdit() tea.Cmd {
	s, ok := d.corsState()
	if !ok {
		return d.corsUnread()
	}
	f, cmd := newCORSEditFlow(d.c, d.be, s, d.width)
	d.setFlow(f)
	return cmd
}

// startCORSDelete previews the plan that deletes the CORS configuration.
func (d *Detail) startCORSDelete() tea.Cmd {
	s, ok := d.corsState()
	if !ok {
		return d.corsUnread()
	}
	if len(s.CORS.Rules) == 0 {
		return ui.Report(ui.LevelInfo, d.bucket+" has no CORS configuration: nothing to delete.")
	}
	d.setFlow(corsDeletePlan(d.c, d.be, s))
	return nil
}

// corsDeletePlan is the preview of DeleteCORSPlan, whose confirmation
// (Cancel by default) is the last word before the rules are gone.
func corsDeletePlan(c *common, be Backend, s awsops.BucketState) *planFlow {
	pf := newPlanFlow(c, be, awsops.DeleteCORSPlan(s.Name, s.Region), "CORS configuration of "+s.Name+" deleted.")
	pf.name = "Delete CORS"
	pf.explain = explainConfigError
	return pf
}
