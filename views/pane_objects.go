package views

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// defaultObjectsPageSize is the number of keys per ListObjectsV2 page.
const defaultObjectsPageSize = 100

// pageCursor is where one page of a listing starts.
type pageCursor struct {
	token         string // ListObjectsV2 continuation token
	keyMarker     string // ListObjectVersions key marker
	versionMarker string // ListObjectVersions version id marker
}

// objectsPane lists the bucket's keys one page at a time, or its versions
// and delete markers. It keeps the cursors of the pages seen so the user
// can page back without listing from the start.
type objectsPane struct {
	pageSize int32
	versions bool // list versions and delete markers

	pages   []pageCursor // pages[i] starts page i; the last may be the next page
	page    int
	objects []awsops.ObjectSummary
	vers    []awsops.ObjectVersion
	more    bool // a further page exists

	loaded   bool
	loading  bool
	canceled bool // the user pressed esc while listing
	gen      int
	cancel   context.CancelFunc
	err      *awsops.FacetError

	cursor, offset int

	enc   encColumn   // the encryption of the rows, read lazily
	marks objectMarks // rows marked with space
}

func newObjectsPane(pageSize int32) *objectsPane {
	if pageSize <= 0 {
		pageSize = defaultObjectsPageSize
	}
	return &objectsPane{pageSize: pageSize}
}

func (p *objectsPane) title() string { return "Objects" }

func (p *objectsPane) actions(k ui.KeyMap) []ui.Action {
	return []ui.Action{
		k.Action(k.Upload, "upload"),
		p.downloadAction(k),
		p.reencryptAction(k),
		p.purgeAction(k),
	}
}

// reset forgets the listing and starts again at the first page.
func (p *objectsPane) reset() {
	p.pages = []pageCursor{{}}
	p.page = 0
	p.cursor, p.offset = 0, 0
}

// load lists the current page under a fresh context; the previous request,
// if any, is canceled and its answer will be dropped.
func (p *objectsPane) load(be Backend, bucket, region string) tea.Cmd {
	if p.pages == nil {
		p.reset()
	}
	p.stop()
	p.gen++
	p.loading = true
	p.canceled = false
	p.err = nil
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	gen, cur, size, versions := p.gen, p.pages[p.page], p.pageSize, p.versions
	return func() tea.Msg {
		if versions {
			page, err := be.ListObjectVersions(ctx, bucket, region, "", cur.keyMarker, cur.versionMarker, size)
			return versionsMsg{gen: gen, page: page, err: err}
		}
		page, err := be.ListObjects(ctx, bucket, region, "", cur.token, size)
		return objectsMsg{gen: gen, page: page, err: err}
	}
}

// stop cancels the request in flight.
func (p *objectsPane) stop() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	p.loading = false
}

// cancelLoading stops the listing in flight (esc); its answer, should it
// still come, belongs to an old generation and is dropped.
func (p *objectsPane) cancelLoading() {
	p.stop()
	p.gen++
	p.canceled = true
}

// position says what the pane lists and where, for the breadcrumb.
func (p *objectsPane) position() string {
	mode := ""
	if p.versions {
		mode = "versions · "
	}
	return fmt.Sprintf("%spage %d", mode, p.page+1)
}

// onObjects shows a page of keys.
func (p *objectsPane) onObjects(m objectsMsg) tea.Cmd {
	if m.gen != p.gen || !p.loading {
		return nil
	}
	p.stop()
	if m.err != nil {
		p.err = errorOf(m.err)
		return reportError("ListObjectsV2", p.err)
	}
	p.loaded = true
	p.objects, p.vers = m.page.Objects, nil
	p.more = m.page.NextToken != ""
	p.remember(pageCursor{token: m.page.NextToken})
	return nil
}

// onVersions shows a page of versions and delete markers.
func (p *objectsPane) onVersions(m versionsMsg) tea.Cmd {
	if m.gen != p.gen || !p.loading {
		return nil
	}
	p.stop()
	if m.err != nil {
		p.err = errorOf(m.err)
		return reportError("ListObjectVersions", p.err)
	}
	p.loaded = true
	p.vers, p.objects = m.page.Versions, nil
	p.more = m.page.NextKeyMarker != "" || m.page.NextVersionIDMarker != ""
	p.remember(pageCursor{keyMarker: m.page.NextKeyMarker, versionMarker: m.page.NextVersionIDMarker})
	return nil
}

// remember records where the next page starts.
func (p *objectsPane) remember(next pageCursor) {
	p.pages = p.pages[:p.page+1]
	if p.more {
		p.pages = append(p.pages, next)
	}
	p.cursor = min(p.cursor, max(0, p.count()-1))
}

// count is the number of rows on the page.
func (p *objectsPane) count() int {
	if p.versions {
		return len(p.vers)
	}
	return len(p.objects)
}

// nextPage moves to the next page, if any.
func (p *objectsPane) nextPage() bool {
	if p.loading || p.page+1 >= len(p.pages) {
		return false
	}
	p.page++
	p.cursor, p.offset = 0, 0
	return true
}

// prevPage moves to the previous page, if any.
func (p *objectsPane) prevPage() bool {
	if p.loading || p.page == 0 {
		return false
	}
	p.page--
	p.cursor, p.offset = 0, 0
	return true
}

// toggleVersions switches between keys and versions, from the first page.
func (p *objectsPane) toggleVersions() {
	p.versions = !p.versions
	p.objects, p.vers = nil, nil
	p.clearMarks()
	p.reset()
}

// move moves the cursor within the page.
func (p *objectsPane) move(delta, height int) {
	if n := p.count(); n > 0 {
		p.cursor = max(0, min(n-1, p.cursor+delta))
		p.offset = ui.Window(n, p.cursor, p.offset, height)
	}
}

// Object list columns.
var (
	objectColumns = []ui.Column{
		{Title: "Key", Min: 16, Max: 22, Priority: 100, Flex: true},
		{Title: "Size", Min: 9, Max: 10, Priority: 90},
		{Title: "Last modified", Short: "Modified", Min: 16, Max: 16, Priority: 80},
		{Title: "Storage class", Short: "Class", Min: 8, Max: 13, Priority: 10},
		{Title: "Encryption", Short: "Enc", Min: 6, Max: 24, Priority: 95},
	}
	versionColumns = []ui.Column{
		{Title: "Key", Min: 14, Max: 32, Priority: 100, Flex: true},
		{Title: "Version ID", Short: "Version", Min: 10, Max: 32, Priority: 90},
		{Title: "Kind", Min: 13, Max: 13, Priority: 95},
		{Title: "Latest", Min: 6, Max: 6, Priority: 70},
		{Title: "Size", Min: 9, Max: 10, Priority: 60},
		{Title: "Last modified", Short: "Modified", Min: 16, Max: 16, Priority: 50},
		{Title: "Encryption", Short: "Enc", Min: 6, Max: 24, Priority: 65},
	}
)

// lines renders the pane; only the rows that fit in e.height are drawn,
// and the cursor row is always among them.
func (p *objectsPane) lines(e paneEnv) []string {
	height := e.height
	st := e.st
	mode := "keys"
	if p.versions {
		mode = "versions and delete markers"
	}
	head := fmt.Sprintf("Objects · %s · page %d", mode, p.page+1)
	if p.more {
		head += " · more (n)"
	}
	out := []string{e.heading(head)}
	switch {
	case p.loading:
		return append(out, e.spin+" "+st.Muted.Render("listing… (esc cancels)"))
	case p.canceled:
		return append(out, st.Warn.Render("Listing canceled.")+" "+st.Muted.Render("Press r to list again."))
	case p.err != nil:
		out = append(out, st.Error.Render("✗ "+p.err.Error()))
		return append(out, e.hintLines(hintOf(p.err), 2)...)
	case !p.loaded:
		return append(out, st.Muted.Render("Not listed yet; press r."))
	case p.count() == 0 && p.page == 0:
		return append(out, st.Muted.Render("The bucket is empty."))
	}
	cols := objectColumns
	if p.versions {
		cols = versionColumns
	}
	widths := ui.Layout(cols, e.width-cursorWidth, columnGap)
	titles := ui.HeaderTitles(cols, widths)
	for i := range titles {
		titles[i] = st.Table.Header.Render(titles[i])
	}
	out = append(out, strings.Repeat(" ", cursorWidth)+ui.JoinCells(titles, widths, columnGap))
	marks := p.marksLine(e)
	body := max(0, height-len(out))
	if marks != "" {
		body = max(0, body-1)
	}
	off := ui.Window(p.count(), p.cursor, p.offset, body)
	end := min(p.count(), off+body)
	for i := off; i < end; i++ {
		cells := p.cells(e, i)
		cells[0] = ui.FitMiddle(cells[0], widths[0]) // keys sharing a long prefix stay apart
		line := ui.JoinCells(cells, widths, columnGap)
		if i == p.cursor {
			out = append(out, st.Table.Selected.Render(ui.Fit(p.rowPrefix(i)+ansi.Strip(line), e.width)))
			continue
		}
		out = append(out, p.rowPrefix(i)+line)
	}
	if marks != "" {
		out = append(out, marks)
	}
	return out
}

// cells renders row i of the page; the first cell is the key. Names are
// escaped for display only (termsafe): marks and actions use the raw key.
func (p *objectsPane) cells(e paneEnv, i int) []string {
	st := e.st
	if !p.versions {
		o := p.objects[i]
		return []string{termsafe.String(o.Key), fmt.Sprintf("%9s", humanSize(o.Size)), stamp(o.LastModified), o.StorageClass,
			p.enc.cell(st, e.spin, objRef{key: o.Key})}
	}
	v := p.vers[i]
	kind, size := "version", fmt.Sprintf("%9s", humanSize(v.Size))
	if v.IsDeleteMarker {
		kind, size = st.Warn.Render("delete marker"), ""
	}
	latest := ""
	if v.IsLatest {
		latest = st.Good.Render("latest")
	}
	enc := ""
	if !v.IsDeleteMarker {
		enc = p.enc.cell(st, e.spin, objRef{v.Key, v.VersionID})
	}
	return []string{termsafe.String(v.Key), termsafe.String(v.VersionID), kind, latest, size, stamp(v.LastModified), enc}
}
