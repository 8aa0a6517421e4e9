package views

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
)

// batchWindow is how long facet updates are gathered into one message:
// 5,000 buckets × 8 facets must not become 40,000 renders.
const batchWindow = 30 * time.Millisecond

// analyseDebounce is the least time between two analysis runs while facets stream in.
const analyseDebounce = 100 * time.Millisecond

// listCmd runs ListBuckets for scan generation gen.
func listCmd(ctx context.Context, be Backend, gen int) tea.Cmd {
	return func() tea.Msg {
		bs, err := be.Buckets(ctx)
		return bucketsMsg{gen: gen, buckets: bs, err: err}
	}
}

// scanCmd starts the facet scan in its own goroutine, feeding ch, and
// returns the first batch. The goroutine closes ch when Scan returns; a
// canceled scan stops sending instead of blocking on a reader that left.
func scanCmd(ctx context.Context, be Backend, gen int, buckets []awsops.Bucket, parallel int, ch chan awsops.FacetUpdate) tea.Cmd {
	return func() tea.Msg {
		go func() {
			defer close(ch)
			be.Scan(ctx, buckets, parallel, func(u awsops.FacetUpdate) {
				select {
				case ch <- u:
				case <-ctx.Done():
				}
			})
		}()
		return readBatch(gen, ch, batchWindow)
	}
}

// nextBatchCmd waits for the next batch of scan generation gen.
func nextBatchCmd(gen int, ch <-chan awsops.FacetUpdate) tea.Cmd {
	return func() tea.Msg { return readBatch(gen, ch, batchWindow) }
}

// readBatch blocks for the first update, then gathers whatever else
// arrives within window.
func readBatch(gen int, ch <-chan awsops.FacetUpdate, window time.Duration) facetBatchMsg {
	u, ok := <-ch
	if !ok {
		return facetBatchMsg{gen: gen, done: true}
	}
	batch := []awsops.FacetUpdate{u}
	timer := time.NewTimer(window)
	defer timer.Stop()
	for {
		select {
		case u, ok := <-ch:
			if !ok {
				return facetBatchMsg{gen: gen, updates: batch, done: true}
			}
			batch = append(batch, u)
		case <-timer.C:
			return facetBatchMsg{gen: gen, updates: batch}
		}
	}
}

// stateCmd re-reads one bucket for its refresh generation gen.
func stateCmd(ctx context.Context, be Backend, gen int, b awsops.Bucket) tea.Cmd {
	return func() tea.Msg {
		return bucketStateMsg{gen: gen, state: be.State(ctx, b)}
	}
}

// analyseCmd runs the cross-bucket analysis over a snapshot.
func analyseCmd(version int, states []awsops.BucketState) tea.Cmd {
	return func() tea.Msg {
		return findingsMsg{version: version, findings: awsops.Analyse(states)}
	}
}

// analyseTick schedules the end of the debounce window.
func analyseTick() tea.Cmd {
	return tea.Tick(analyseDebounce, func(time.Time) tea.Msg { return analyseTickMsg{} })
}

// scan is the state of the running full read: its generation, its cancel
// function and the channel its updates arrive on.
type scan struct {
	gen      int
	cancel   context.CancelFunc
	ch       chan awsops.FacetUpdate
	listing  bool // ListBuckets is running
	scanning bool // facets are streaming
	canceled bool // the user pressed esc while loading
	err      *awsops.FacetError
}

// refresh is one bucket being re-read.
type refresh struct {
	gen    int
	cancel context.CancelFunc
}

// analysis debounces the cross-bucket analysis: at most one run every
// analyseDebounce while facets stream, and always one after the last change.
type analysis struct {
	version  int  // bumped on every change of the states
	analysed int  // version of the findings shown
	ticking  bool // a debounce tick is pending
	running  bool // an analysis command is running
	floor    int  // results of versions below this belong to an old listing
}

// changed records a change and returns the debounce tick when one is needed.
func (a *analysis) changed() tea.Cmd {
	a.version++
	if a.ticking || a.running {
		return nil
	}
	a.ticking = true
	return analyseTick()
}

// settled reports whether the findings reflect every change.
func (a *analysis) settled() bool {
	return !a.ticking && !a.running && a.analysed == a.version
}

// startListing cancels whatever runs and lists the buckets again.
func (o *Overview) startListing() tea.Cmd {
	o.stopAll()
	o.scan.gen++
	ctx, cancel := context.WithCancel(context.Background())
	o.scan.cancel = cancel
	o.scan.listing = true
	o.scan.canceled = false
	o.scan.err = nil
	return listCmd(ctx, o.be, o.scan.gen)
}

// stopAll cancels the scan and every refresh.
func (o *Overview) stopAll() {
	if o.scan.cancel != nil {
		o.scan.cancel()
	}
	o.scan.listing, o.scan.scanning = false, false
	for name, r := range o.refreshing {
		r.cancel()
		delete(o.refreshing, name)
	}
}

// onBuckets shows the listed buckets at once and starts the scan.
func (o *Overview) onBuckets(m bucketsMsg) tea.Cmd {
	if m.gen != o.scan.gen || !o.scan.listing {
		return nil
	}
	o.scan.listing = false
	if m.err != nil {
		o.scan.err = errorOf(m.err)
		o.scan.cancel()
		return reportError("ListBuckets", o.scan.err)
	}
	o.store.reset(m.buckets)
	o.analysis.floor = o.analysis.version + 1
	o.nameWidth, o.logWidth = 0, 0
	for _, b := range m.buckets {
		o.nameWidth = max(o.nameWidth, len(b.Name))
	}
	o.layout()
	o.rebuild()
	cmds := []tea.Cmd{o.analysis.changed()}
	if len(m.buckets) > 0 {
		o.scan.scanning = true
		o.scan.ch = make(chan awsops.FacetUpdate, 256)
		ctx, cancel := context.WithCancel(context.Background())
		o.scan.cancel = cancel
		cmds = append(cmds, scanCmd(ctx, o.be, o.scan.gen, m.buckets, o.parallel, o.scan.ch))
	}
	return tea.Batch(cmds...)
}

// onBatch applies one batch of facet updates and waits for the next.
func (o *Overview) onBatch(m facetBatchMsg) tea.Cmd {
	if m.gen != o.scan.gen || !o.scan.scanning {
		return nil
	}
	relayout := false
	for _, u := range m.updates {
		o.store.apply(u)
		if u.Facet == awsops.FacetLogging {
			relayout = o.growLogWidth(u.Bucket) || relayout
		}
	}
	if relayout {
		o.layout()
	}
	if o.sortCol != colBucket && len(m.updates) > 0 {
		o.rebuild()
	}
	var cmds []tea.Cmd
	if len(m.updates) > 0 {
		cmds = append(cmds, o.analysis.changed())
	}
	if m.done {
		o.scan.scanning = false
		o.scan.cancel()
		o.store.dropStale()
	} else {
		cmds = append(cmds, nextBatchCmd(m.gen, o.scan.ch))
	}
	return tea.Batch(cmds...)
}

// refreshBucket re-reads one bucket; its cells spin until the answer.
func (o *Overview) refreshBucket(name string) tea.Cmd {
	st, ok := o.store.get(name)
	if !ok {
		return nil
	}
	if r, ok := o.refreshing[name]; ok {
		r.cancel()
	}
	o.refreshGen++
	ctx, cancel := context.WithCancel(context.Background())
	o.refreshing[name] = refresh{gen: o.refreshGen, cancel: cancel}
	b := awsops.Bucket{Name: st.Name, Region: st.Region, CreationDate: st.CreationDate}
	o.store.clearFacets(name)
	o.rebuild()
	return tea.Batch(stateCmd(ctx, o.be, o.refreshGen, b), o.analysis.changed())
}

// onState puts a refreshed bucket in place, unless a newer refresh or a
// new listing replaced the request.
func (o *Overview) onState(m bucketStateMsg) tea.Cmd {
	r, ok := o.refreshing[m.state.Name]
	if !ok || r.gen != m.gen {
		return nil
	}
	r.cancel()
	delete(o.refreshing, m.state.Name)
	o.store.replace(m.state)
	if o.growLogWidth(m.state.Name) {
		o.layout()
	}
	o.rebuild()
	return o.analysis.changed()
}

// onAnalyseTick starts an analysis over a snapshot of the states.
func (o *Overview) onAnalyseTick() tea.Cmd {
	o.analysis.ticking = false
	o.analysis.running = true
	return analyseCmd(o.analysis.version, o.store.snapshot())
}

// onFindings shows the findings and schedules another run if the states
// changed meanwhile.
func (o *Overview) onFindings(m findingsMsg) tea.Cmd {
	o.analysis.running = false
	if m.version >= o.analysis.floor {
		o.store.setFindings(m.findings)
		o.analysis.analysed = m.version
		if o.sortCol == colFindings {
			o.rebuild()
		}
	}
	if o.analysis.analysed != o.analysis.version {
		o.analysis.ticking = true
		return analyseTick()
	}
	return nil
}

// cancelLoading stops the listing, the scan and the refreshes (esc):
// the cells that did not arrive say so instead of spinning.
func (o *Overview) cancelLoading() bool {
	if !o.scan.listing && !o.scan.scanning && len(o.refreshing) == 0 {
		return false
	}
	o.stopAll()
	o.scan.gen++ // drop whatever is still on its way
	o.scan.canceled = true
	o.store.dropStale() // what was not read again says so
	return true
}

// growLogWidth widens the Logging column's preference to show bucket's log
// target whole; it reports whether the preference grew (the layout must
// follow). It never shrinks while the listing lasts, so the grid does not
// jump as facets stream in.
func (o *Overview) growLogWidth(bucket string) bool {
	s, ok := o.store.get(bucket)
	if !ok {
		return false
	}
	if w := loggingWidth(s); w > o.logWidth {
		o.logWidth = w
		return true
	}
	return false
}
