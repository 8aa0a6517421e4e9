package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
)

// freshStateMsg is a complete read of one bucket made by a flow to confirm
// a change; the overview puts it in the store so every screen shows it.
type freshStateMsg struct{ state awsops.BucketState }

// onFreshState puts a flow's read of a bucket in place, unless a refresh
// of that bucket is running: its answer is at least as fresh.
func (o *Overview) onFreshState(m freshStateMsg) tea.Cmd {
	if _, refreshing := o.refreshing[m.state.Name]; refreshing {
		return nil
	}
	if _, ok := o.store.get(m.state.Name); !ok {
		return nil
	}
	o.store.replace(m.state)
	o.rebuild()
	return o.analysis.changed()
}
