package views

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/ui"
)

// objRef names one row of the objects pane: a key, or a version of it.
type objRef struct {
	key, version string
}

// headMsg carries the encryption of some rows of the objects pane.
type headMsg struct {
	gen     int
	bucket  string
	refs    []objRef                  // the rows asked for
	results []awsops.ObjectEncryption // in the order of refs
}

// encColumn is the lazily filled encryption column of the objects pane:
// only the rows on screen are read (HeadObject, a few at a time), each row
// once per key/version, and a read whose rows scrolled away is canceled.
type encColumn struct {
	cache    map[objRef]awsops.ObjectEncryption
	pending  map[objRef]bool // in the read in flight
	gen      int
	cancel   context.CancelFunc
	inFlight []objRef
}

// forget drops what was read about refs, or everything without refs, e.g.
// after objects were re-encrypted. A read in flight may carry the old
// answer, so it is canceled too.
func (c *encColumn) forget(refs ...objRef) {
	c.stop()
	if len(refs) == 0 {
		c.cache = nil
		return
	}
	for _, r := range refs {
		delete(c.cache, r)
	}
}

// stop cancels the read in flight; its answer will be stale.
func (c *encColumn) stop() {
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	c.gen++
	c.pending = nil
	c.inFlight = nil
}

// busy reports whether a read is in flight.
func (c *encColumn) busy() bool { return c.cancel != nil }

// want returns the command that reads the rows among visible that are
// neither known nor being read. A read in flight for rows no longer
// visible is canceled first.
func (c *encColumn) want(be Backend, bucket, region string, visible []objRef) tea.Cmd {
	shown := make(map[objRef]bool, len(visible))
	for _, r := range visible {
		shown[r] = true
	}
	for _, r := range c.inFlight {
		if !shown[r] {
			c.stop() // scrolled away: cancel and read what is visible now
			break
		}
	}
	var missing []awsops.ObjectRef
	var refs []objRef
	for _, r := range visible {
		if _, ok := c.cache[r]; ok || c.pending[r] {
			continue
		}
		refs = append(refs, r)
		missing = append(missing, awsops.ObjectRef{Key: r.key, VersionID: r.version})
	}
	if len(missing) == 0 || c.busy() {
		return nil
	}
	if c.pending == nil {
		c.pending = map[objRef]bool{}
	}
	for _, r := range refs {
		c.pending[r] = true
	}
	c.gen++
	gen := c.gen
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel, c.inFlight = cancel, refs
	return func() tea.Msg {
		return headMsg{gen: gen, bucket: bucket, refs: refs, results: be.HeadObjects(ctx, bucket, region, missing)}
	}
}

// onHead stores the answers. Answers of a canceled read are kept when
// they succeeded (they are still true) and dropped when they failed.
func (c *encColumn) onHead(m headMsg) {
	current := m.gen == c.gen
	if current {
		if c.cancel != nil {
			c.cancel()
		}
		c.cancel, c.inFlight, c.pending = nil, nil, nil
	}
	if c.cache == nil {
		c.cache = map[objRef]awsops.ObjectEncryption{}
	}
	// Rows are remembered as they were asked for: S3 reports the version
	// id of a current object, but its row in the keys view has none.
	for i, r := range m.results {
		if i >= len(m.refs) || (r.Err != nil && (!current || r.Err.Code == awsops.CodeRequestCanceled)) {
			continue
		}
		c.cache[m.refs[i]] = r
	}
}

// cell renders the encryption of a row: the mode, "…" while it is read.
func (c *encColumn) cell(st *ui.Styles, spin string, r objRef) string {
	e, ok := c.cache[r]
	if !ok {
		if c.pending[r] {
			return spin
		}
		return st.Muted.Render("·")
	}
	return encCell(st, e)
}

// encCell is the short form of an object's encryption: "SSE-KMS+BK",
// "SSE-C", "CSE v2" for client-side objects (S3 only holds ciphertext).
func encCell(st *ui.Styles, e awsops.ObjectEncryption) string {
	if e.Err != nil {
		return st.Error.Render(e.Err.Code)
	}
	switch e.ClientFormat {
	case clientside.FormatNone:
	case clientside.FormatV2:
		return st.Good.Render("CSE v2")
	case clientside.FormatV3:
		return st.Good.Render("CSE v3")
	case clientside.FormatV1:
		return st.Warn.Render("CSE v1")
	default:
		return st.Warn.Render("CSE ?")
	}
	switch e.Mode {
	case awsops.SSEC:
		return st.Warn.Render("SSE-C")
	case awsops.SSENone:
		return st.Bad.Render("none")
	case awsops.SSEKMS, awsops.DSSEKMS:
		s := string(e.Mode)
		if e.Mode == awsops.DSSEKMS {
			s = "DSSE"
		}
		if e.BucketKey {
			s += "+BK"
		}
		if e.KMSKeyARN != "" {
			s += " " + shortKMSKey(e.KMSKeyARN)
		}
		return s
	}
	return string(e.Mode)
}

// visibleRefs lists the rows of the page that are on screen in a body of
// height rows; delete markers have nothing to read.
func (p *objectsPane) visibleRefs(height int) []objRef {
	n := p.count()
	off := ui.Window(n, p.cursor, p.offset, height)
	end := min(n, off+height)
	var out []objRef
	for i := off; i < end; i++ {
		if r, ok := p.ref(i); ok {
			out = append(out, r)
		}
	}
	return out
}

// ref names row i; false for delete markers.
func (p *objectsPane) ref(i int) (objRef, bool) {
	if p.versions {
		v := p.vers[i]
		return objRef{v.Key, v.VersionID}, !v.IsDeleteMarker
	}
	return objRef{key: p.objects[i].Key}, true
}

// readVisibleEncryption reads the encryption of the rows on screen, when
// the Objects pane is shown and settled.
func (d *Detail) readVisibleEncryption() tea.Cmd {
	if !d.onObjects() || d.flow != nil || d.objects.loading || !d.objects.loaded {
		return nil
	}
	region := ""
	if s, ok := d.store.get(d.bucket); ok {
		region = s.Region
	}
	return d.objects.enc.want(d.be, d.bucket, region, d.objects.visibleRefs(d.objectsBody()))
}

// objectsBody is the number of rows the Objects pane shows under its
// heading and column titles.
func (d *Detail) objectsBody() int { return max(1, d.bodyHeight()-2) }

// objectsChangedMsg says objects of a bucket were written (upload,
// re-encryption): the listing and their encryption are read again.
type objectsChangedMsg struct {
	bucket     string
	keys       []string
	clearMarks bool // the marked rows were acted on
}

// onObjectsChanged forgets what was read about the changed keys, in every
// version, and lists the page again.
func (d *Detail) onObjectsChanged(m objectsChangedMsg) tea.Cmd {
	if m.bucket != d.bucket {
		return nil
	}
	if m.clearMarks {
		d.objects.clearMarks()
	}
	changed := make(map[string]bool, len(m.keys))
	for _, k := range m.keys {
		changed[k] = true
	}
	var refs []objRef
	for r := range d.objects.enc.cache {
		if changed[r.key] {
			refs = append(refs, r)
		}
	}
	switch {
	case len(m.keys) == 0:
		d.objects.enc.forget() // everything may have changed
	case len(refs) > 0:
		d.objects.enc.forget(refs...)
	}
	return d.loadObjects()
}
