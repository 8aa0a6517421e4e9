package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
	"github.com/s3sec/s3sec/views/corstester"
)

// corsTesterFlow shows the CORS preflight tester (views/corstester) in the
// pane area.
type corsTesterFlow struct {
	m    *corstester.Model
	keys ui.KeyMap
}

// startCORSTest opens the preflight tester on the bucket. It needs no
// rules read beforehand: the tester reads them when it sends, so that it
// compares the endpoint with the configuration of that moment.
func (d *Detail) startCORSTest() tea.Cmd {
	region, origin := "", ""
	if s, ok := d.store.get(d.bucket); ok {
		region = s.Region
		if s.CORS != nil {
			origin = firstConcreteOrigin(s.CORS.Rules)
		}
	}
	m, cmd := corstester.New(d.be, d.c.st, d.bucket, region, origin, d.width)
	d.setFlow(&corsTesterFlow{m: m, keys: d.c.keys})
	return cmd
}

// firstConcreteOrigin is the first allowed origin without a wildcard: the
// page a user most likely wants to check.
func firstConcreteOrigin(rules []awsops.CORSRule) string {
	for _, r := range rules {
		for _, o := range r.AllowedOrigins {
			if !strings.Contains(o, "*") {
				return o
			}
		}
	}
	return ""
}

func (f *corsTesterFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	done, cmd := f.m.Update(msg, f.keys)
	if done {
		return nil, cmd
	}
	return f, cmd
}

func (f *corsTesterFlow) back() (flow, tea.Cmd) {
	done, cmd := f.m.Back()
	if done {
		return nil, cmd
	}
	return f, cmd
}

func (f *corsTesterFlow) view(e paneEnv) []string        { return f.m.View(e.width, e.height, e.spin) }
func (f *corsTesterFlow) help(k ui.KeyMap) []key.Binding { return f.m.Help(k) }
func (f *corsTesterFlow) typing() bool                   { return f.m.Typing() }
func (f *corsTesterFlow) busy() bool                     { return f.m.Busy() }
func (f *corsTesterFlow) close()                         { f.m.Close() }

// flowTitle implements titledFlow.
func (f *corsTesterFlow) flowTitle() string { return f.m.Title() }
