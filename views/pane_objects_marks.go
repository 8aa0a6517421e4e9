package views

import (
	"fmt"
	"slices"
	"strings"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// markKey names a row of the Objects pane: a key, and in the versions
// view one of its versions or delete markers.
type markKey struct{ key, version string }

// objectMarks are the rows the user marked with space, kept across pages
// of the same listing mode and forgotten when the mode changes.
type objectMarks struct {
	versions map[markKey]awsops.ObjectVersion
	objects  map[string]awsops.ObjectSummary
	order    []markKey // marking order, so actions list rows as marked
}

// toggleMark marks or unmarks the row under the cursor.
func (p *objectsPane) toggleMark() {
	if p.cursor < 0 || p.cursor >= p.count() {
		return
	}
	m := &p.marks
	if m.versions == nil {
		m.versions, m.objects = map[markKey]awsops.ObjectVersion{}, map[string]awsops.ObjectSummary{}
	}
	k := p.rowKey(p.cursor)
	if p.isMarked(p.cursor) {
		delete(m.versions, k)
		delete(m.objects, k.key)
		m.order = slices.DeleteFunc(m.order, func(o markKey) bool { return o == k })
		return
	}
	if p.versions {
		m.versions[k] = p.vers[p.cursor]
	} else {
		m.objects[k.key] = p.objects[p.cursor]
	}
	m.order = append(m.order, k)
}

// rowKey names row i of the page.
func (p *objectsPane) rowKey(i int) markKey {
	if p.versions {
		return markKey{key: p.vers[i].Key, version: p.vers[i].VersionID}
	}
	return markKey{key: p.objects[i].Key}
}

// isMarked reports whether row i of the page is marked.
func (p *objectsPane) isMarked(i int) bool {
	k := p.rowKey(i)
	if p.versions {
		_, ok := p.marks.versions[k]
		return ok
	}
	_, ok := p.marks.objects[k.key]
	return ok
}

// clearMarks forgets every mark.
func (p *objectsPane) clearMarks() { p.marks = objectMarks{} }

// markedCount is the number of marked rows in the current mode.
func (p *objectsPane) markedCount() int {
	if p.versions {
		return len(p.marks.versions)
	}
	return len(p.marks.objects)
}

// markedVersions returns the marked versions and delete markers in the
// order they were marked; with none marked, the version under the cursor.
func (p *objectsPane) markedVersions() []awsops.ObjectVersion {
	if !p.versions {
		return nil
	}
	var out []awsops.ObjectVersion
	for _, k := range p.marks.order {
		if v, ok := p.marks.versions[k]; ok {
			out = append(out, v)
		}
	}
	if len(out) == 0 && p.cursor >= 0 && p.cursor < len(p.vers) {
		out = append(out, p.vers[p.cursor])
	}
	return out
}

// rowPrefix is the two cells before row i: the cursor, then the mark.
func (p *objectsPane) rowPrefix(i int) string {
	c, m := " ", " "
	if i == p.cursor {
		c = "›"
	}
	if p.isMarked(i) {
		m = "✓"
	}
	return c + m
}

// marksLine says what is marked and what D does with it; "" when nothing is.
func (p *objectsPane) marksLine(e paneEnv) string {
	n := p.markedCount()
	if n == 0 || !p.versions {
		return ""
	}
	var markers int
	for _, v := range p.marks.versions {
		if v.IsDeleteMarker {
			markers++
		}
	}
	what := plural(n, "row", "rows") + " marked"
	if markers > 0 {
		what += fmt.Sprintf(" (%s: undelete)", plural(markers, "delete marker", "delete markers"))
	}
	return ui.Fit(e.st.Warn.Render(what)+e.st.Muted.Render(" · space unmarks · D deletes permanently"), e.width)
}

// undeleteWord names the removal of a delete marker as what it does to the
// key: the latest marker's removal brings the key back.
func undeleteWord(v awsops.ObjectVersion) string {
	switch {
	case v.IsDeleteMarker && v.IsLatest:
		return "undelete"
	case v.IsDeleteMarker:
		return "remove old delete marker"
	}
	return "delete version"
}

// purgeQuestion is the typed confirmation of a permanent delete.
func purgeQuestion(bucket string, vs []awsops.ObjectVersion) string {
	var data, undel, old int
	for _, v := range vs {
		switch undeleteWord(v) {
		case "undelete":
			undel++
		case "remove old delete marker":
			old++
		default:
			data++
		}
	}
	var parts []string
	if data > 0 {
		parts = append(parts, "permanently delete "+plural(data, "version", "versions"))
	}
	if undel > 0 {
		parts = append(parts, "undelete "+plural(undel, "key", "keys")+" (remove the delete marker)")
	}
	if old > 0 {
		parts = append(parts, "remove "+plural(old, "old delete marker", "old delete markers"))
	}
	return "In " + bucket + ": " + strings.Join(parts, ", ") + ". This cannot be undone."
}
