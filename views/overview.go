package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// Overview is the bucket grid: one row per bucket, one cell per facet,
// filled in as the facets stream in.
type Overview struct {
	c        *common
	be       Backend
	parallel int
	store    *store

	rows    []int  // indices into store.states, filtered and sorted
	selName string // bucket under the cursor, kept across re-sorts and re-listings
	cursor  int
	offset  int
	sortCol column
	desc    bool

	filter      string
	filtering   bool          // the filter line has the keys
	filterCache []filterEntry // what the filter matches, per bucket of the store (overview_filter.go)

	width, height int
	widths        []int // column widths from ui.Layout; 0 = dropped
	nameWidth     int   // longest bucket name, capped: the Bucket column's preferred width
	logWidth      int   // widest Logging cell (arrow and target): the Logging column's preferred width

	open  string      // bucket to open, taken by the App after this key
	marks bucketMarks // space-marked buckets and the fleet fix asked for (overview_marks.go)

	scan       scan
	refreshing map[string]refresh
	refreshGen int
	analysis   analysis
}

// newOverview returns the overview; start begins the listing.
func newOverview(c *common, be Backend, parallel int) *Overview {
	if parallel < 1 {
		parallel = 16
	}
	return &Overview{c: c, be: be, parallel: parallel, store: newStore(), refreshing: map[string]refresh{}}
}

// start lists the buckets; the scan follows as soon as they arrive.
func (o *Overview) start() tea.Cmd { return o.startListing() }

// Title implements screen; a filter in force is part of where the user is.
func (o *Overview) Title() string {
	if o.filter != "" {
		return "Buckets /" + o.filter
	}
	return "Buckets"
}

// SetSize implements screen.
func (o *Overview) SetSize(width, height int) {
	o.width, o.height = width, height
	o.layout()
	o.offset = ui.Window(len(o.rows), o.cursor, o.offset, o.bodyHeight())
}

// maxNameWidth caps the Bucket column's preferred width, so one long name
// does not squeeze every facet column.
const maxNameWidth = 30

// layout sizes the columns for the width and the bucket names.
func (o *Overview) layout() {
	specs := columnSpecs
	specs[colBucket].Max = min(o.nameWidth, maxNameWidth)
	specs[colLogging].Max = max(specs[colLogging].Max, o.logWidth)
	o.widths = ui.Layout(specs[:], o.width-cursorWidth, columnGap)
	if o.widths[o.sortCol] == 0 {
		o.sortCol = colBucket
		o.rebuild()
	}
}

// Typing implements screen.
func (o *Overview) Typing() bool { return o.filtering }

// Loading implements screen.
func (o *Overview) Loading() bool {
	return o.scan.listing || o.scan.scanning || len(o.refreshing) > 0 || !o.analysis.settled()
}

// InFlight implements screen: ListBuckets, the scan's busy workers
// (parallel while facets remain) and one per bucket being refreshed.
func (o *Overview) InFlight() int {
	n := len(o.refreshing)
	if o.scan.listing {
		n++
	}
	if o.scan.scanning {
		n += max(0, min(o.parallel, o.store.pending))
	}
	return n
}

// Actions implements screen: the wizards and the fleet fix of the marked buckets.
func (o *Overview) Actions() []ui.Action { return append(o.wizardActions(), o.fixAction()) }

// ShortHelp implements help.KeyMap.
func (o *Overview) ShortHelp() []key.Binding {
	k := o.c.keys
	if o.filtering {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		}
	}
	out := []key.Binding{k.Move, k.Open, k.Filter, k.Sort, k.Refresh}
	if len(o.marks.marked) > 0 {
		// Marks make the fleet fix the thing to do next (overview_marks.go).
		out = append([]key.Binding{o.fixAction().Binding, markBinding(k)}, out...)
	}
	for _, a := range o.wizardActions() {
		out = append(out, a.Binding) // disabled ones are hidden by the help component
	}
	return out
}

// FullHelp implements help.KeyMap.
func (o *Overview) FullHelp() [][]key.Binding {
	k := o.c.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Filter, k.Back, k.Sort, k.Reverse},
		{k.Refresh, k.RefreshAll, markBinding(k), o.fixAction().Binding, secureKey, newBucketKey},
	}
}

// Back implements screen: esc leaves the filter line, then clears the
// filter, then cancels loading.
func (o *Overview) Back() (bool, tea.Cmd) {
	switch {
	case o.filtering || o.filter != "":
		o.filtering = false
		o.clearFilter()
		return true, nil
	case o.cancelLoading():
		return true, ui.Report(ui.LevelWarn, "Loading canceled; press R to read every bucket again")
	}
	return false, nil
}

// Update implements screen.
func (o *Overview) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case bucketsMsg:
		return o, o.onBuckets(msg)
	case facetBatchMsg:
		return o, o.onBatch(msg)
	case bucketStateMsg:
		return o, o.onState(msg)
	case analyseTickMsg:
		return o, o.onAnalyseTick()
	case findingsMsg:
		return o, o.onFindings(msg)
	case refreshBucketMsg:
		return o, o.refreshBucket(msg.bucket)
	case freshStateMsg:
		return o, o.onFreshState(msg)
	case tea.PasteMsg:
		if o.filtering {
			o.setFilter(o.filter + strings.ReplaceAll(msg.Content, "\n", ""))
		}
	case tea.KeyPressMsg:
		if o.filtering {
			return o, o.filterKey(msg)
		}
		return o, o.key(msg)
	}
	return o, nil
}

// key handles a key press outside the filter line.
func (o *Overview) key(msg tea.KeyPressMsg) tea.Cmd {
	if handled, cmd := o.markKeys(msg); handled {
		return cmd
	}
	k := o.c.keys
	page := max(1, o.bodyHeight()-1)
	if handled, cmd := o.wizardKey(msg); handled {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Up):
		o.move(-1)
	case key.Matches(msg, k.Down):
		o.move(1)
	case key.Matches(msg, k.PageUp):
		o.move(-page)
	case key.Matches(msg, k.PageDown):
		o.move(page)
	case key.Matches(msg, k.Top):
		o.move(-len(o.rows))
	case key.Matches(msg, k.Bottom):
		o.move(len(o.rows))
	case key.Matches(msg, k.Open):
		// Opening is synchronous (the App pushes the detail screen right
		// after this key), so keys typed ahead go to the new screen.
		o.open, _ = o.selected()
	case key.Matches(msg, k.Filter):
		o.filtering = true
	case key.Matches(msg, k.Refresh):
		if name, ok := o.selected(); ok {
			return o.refreshBucket(name)
		}
	case key.Matches(msg, k.RefreshAll):
		return o.startListing()
	case key.Matches(msg, k.Sort):
		o.nextSortColumn()
	case key.Matches(msg, k.Reverse):
		o.desc = !o.desc
		o.rebuild()
	}
	return nil
}

// filterKey edits the filter line; the grid follows every keystroke.
func (o *Overview) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	k := o.c.keys
	switch msg.String() {
	case "enter":
		o.filtering = false
	case "backspace":
		if r := []rune(o.filter); len(r) > 0 {
			o.setFilter(string(r[:len(r)-1]))
		}
	case "ctrl+u":
		o.clearFilter()
	default:
		switch {
		case key.Matches(msg, k.Up) && msg.Text == "":
			o.move(-1)
		case key.Matches(msg, k.Down) && msg.Text == "":
			o.move(1)
		case msg.Text != "":
			o.setFilter(o.filter + msg.Text)
		}
	}
	return nil
}

// setFilter changes the filter and rebuilds the rows.
func (o *Overview) setFilter(f string) {
	o.filter = f
	o.rebuild()
}

// clearFilter removes the filter and stays on the bucket under the cursor:
// the one the user was looking at, not the one selected before filtering.
func (o *Overview) clearFilter() {
	if name, ok := o.selected(); ok {
		o.selName = name
	}
	o.setFilter("")
}

// nextSortColumn sorts by the next shown column; the second press on the
// last column wraps around to Bucket.
func (o *Overview) nextSortColumn() {
	for i := 1; i <= int(numColumns); i++ {
		c := column((int(o.sortCol) + i) % int(numColumns))
		if o.widths == nil || o.widths[c] > 0 {
			o.sortCol = c
			break
		}
	}
	o.rebuild()
}

// move moves the cursor by delta rows.
func (o *Overview) move(delta int) {
	if len(o.rows) == 0 {
		return
	}
	o.cursor = max(0, min(len(o.rows)-1, o.cursor+delta))
	o.selName, _ = o.selected()
	o.offset = ui.Window(len(o.rows), o.cursor, o.offset, o.bodyHeight())
}

// selected returns the bucket under the cursor.
func (o *Overview) selected() (string, bool) {
	if o.cursor < 0 || o.cursor >= len(o.rows) {
		return "", false
	}
	return o.store.states[o.rows[o.cursor]].Name, true
}

// rebuild filters and sorts the rows, keeping the cursor on the same bucket.
func (o *Overview) rebuild() {
	needle := strings.ToLower(o.filter)
	o.rows = o.rows[:0]
	for i := range o.store.states {
		if o.matchesFilter(i, needle) {
			o.rows = append(o.rows, i)
		}
	}
	sortRows(o.rows, o.store.states, o.store.findings, o.sortCol, o.desc)
	o.cursor = 0
	for i, r := range o.rows {
		if o.store.states[r].Name == o.selName {
			o.cursor = i
			break
		}
	}
	// When the selected bucket is filtered out, selName is kept so that
	// clearing the filter returns to it.
	o.offset = ui.Window(len(o.rows), o.cursor, o.offset, o.bodyHeight())
}

// bucketLoading reports whether a bucket is being read (scan or refresh).
func (o *Overview) bucketLoading(name string) bool {
	_, refreshing := o.refreshing[name]
	return refreshing || o.scan.scanning
}

// takeOpen returns the bucket the user asked to open, once.
func (o *Overview) takeOpen() (string, bool) {
	name := o.open
	o.open = ""
	return name, name != ""
}
