package views

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
)

func TestOverviewFitsEveryTerminalSize(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {100, 30}, {120, 40}, {200, 50}} {
		w, h := size[0], size[1]
		a := loadedApp(t, newFake(100), w, h, false)
		ls := lines(a)
		if len(ls) != h {
			t.Errorf("%dx%d: %d lines", w, h, len(ls))
		}
		for i, l := range ls {
			if ansi.StringWidth(l) > w {
				t.Errorf("%dx%d: line %d is %d cells wide: %q", w, h, i, ansi.StringWidth(l), l)
			}
		}
	}
}

func TestNarrowTerminalDropsColumnsInTheStatedOrder(t *testing.T) {
	header := func(w int) string {
		a := loadedApp(t, newFake(5), w, 24, false)
		return lines(a)[1]
	}
	wide := header(140)
	for _, c := range []string{"Bucket", "Region", "Encryption", "Versioning", "MFA Delete", "Logging", "CORS", "TLS-only", "Findings"} {
		if !strings.Contains(wide, c) {
			t.Errorf("140 columns: %q missing in %q", c, wide)
		}
	}
	narrow := header(80)
	for _, gone := range []string{"Region", "MFA"} {
		if strings.Contains(narrow, gone) {
			t.Errorf("80 columns: %q should be dropped first: %q", gone, narrow)
		}
	}
	for _, kept := range []string{"Bucket", "Enc", "Vers", "Log", "CORS", "TLS", "Find"} {
		if !strings.Contains(narrow, kept) {
			t.Errorf("80 columns: %q missing in %q", kept, narrow)
		}
	}
	if tiny := header(40); !strings.Contains(tiny, "Bucket") || !strings.Contains(tiny, "Find") {
		t.Errorf("40 columns: Bucket and Findings must stay: %q", tiny)
	}
}

func TestOnlyVisibleRowsAreRendered(t *testing.T) {
	a := loadedApp(t, newFake(50_000), 100, 30, false)
	text := screenText(a)
	if !strings.Contains(text, "bucket-00000") || strings.Contains(text, "bucket-00100") {
		t.Fatalf("the first frame must hold only the first rows:\n%s", text)
	}
	if !strings.Contains(text, "50000 buckets") {
		t.Fatalf("summary must count every bucket:\n%s", text)
	}
	a.Update(press("G"))
	text = screenText(a)
	if !strings.Contains(text, "› bucket-49999") || strings.Contains(text, "bucket-00000") {
		t.Fatalf("after G the window must end at the last bucket:\n%s", text)
	}
	if got := len(lines(a)); got != 30 {
		t.Fatalf("%d lines, want 30", got)
	}
}

// rowNames lists the bucket names of the grid, top to bottom.
func rowNames(a *App) []string {
	var out []string
	for _, r := range a.overview.rows {
		out = append(out, a.overview.store.states[r].Name)
	}
	return out
}

func TestSortCyclesColumnsAndReverses(t *testing.T) {
	a := loadedApp(t, newFake(6), 140, 30, false)
	a.Update(press("s")) // Region
	if a.overview.sortCol != colRegion {
		t.Fatalf("sort column = %d, want Region", a.overview.sortCol)
	}
	got := rowNames(a)
	want := []string{"bucket-00002", "bucket-00005", "bucket-00001", "bucket-00004", "bucket-00000", "bucket-00003"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("by region: %v, want %v", got, want)
	}
	a.Update(press("S"))
	got = rowNames(a)
	if got[0] != "bucket-00000" || got[5] != "bucket-00005" {
		t.Fatalf("reversed by region (names still ascending within a region): %v", got)
	}
	if !strings.Contains(lines(a)[1], "Region↓") {
		t.Fatalf("the header must mark the sort column and direction: %q", lines(a)[1])
	}
}

func TestSortByFindingsPutsTheWorstFirst(t *testing.T) {
	a := loadedApp(t, newFake(20), 140, 30, false)
	a.overview.sortCol = colFindings
	a.overview.desc = true
	a.overview.rebuild()
	first := a.overview.store.findings[rowNames(a)[0]]
	high := 0
	for _, f := range first {
		if f.Severity == awsops.SeverityHigh {
			high++
		}
	}
	if high == 0 {
		t.Fatalf("descending by findings, the first bucket %s has no high finding", rowNames(a)[0])
	}
}

func TestSortKeepsTheCursorOnTheSameBucket(t *testing.T) {
	a := loadedApp(t, newFake(6), 140, 30, false)
	a.Update(press("j"))
	a.Update(press("j")) // bucket-00002
	a.Update(press("s"))
	if name, _ := a.overview.selected(); name != "bucket-00002" {
		t.Fatalf("cursor on %s after sorting, want bucket-00002", name)
	}
}

func TestFilterNarrowsTheGridAndEscClearsIt(t *testing.T) {
	a := loadedApp(t, newFake(30), 100, 30, false)
	for _, k := range []string{"/", "0", "0", "1"} {
		a.Update(press(k))
	}
	if len(a.overview.rows) != 11 { // 00001 and 00010-00019
		t.Fatalf("%d rows match 001, want 11", len(a.overview.rows))
	}
	if !strings.Contains(screenText(a), "11 of 30 buckets") {
		t.Fatalf("summary must say how many match:\n%s", screenText(a))
	}
	a.Update(press("enter"))
	if a.overview.filtering || a.overview.filter != "001" {
		t.Fatalf("enter must keep the filter and leave the line: filtering=%v filter=%q", a.overview.filtering, a.overview.filter)
	}
	a.Update(press("esc"))
	if a.overview.filter != "" || len(a.overview.rows) != 30 {
		t.Fatalf("esc must clear the filter: %q, %d rows", a.overview.filter, len(a.overview.rows))
	}
}

func TestKeysWhileFilteringAreTyped(t *testing.T) {
	a := loadedApp(t, newFake(3), 100, 30, false)
	a.Update(press("/"))
	for _, k := range []string{"q", "?", "r"} {
		if _, cmd := a.Update(press(k)); cmd != nil {
			if _, quit := cmd().(tea.QuitMsg); quit {
				t.Fatalf("%q quit while typing a filter", k)
			}
		}
	}
	if a.overview.filter != "q?r" || a.showHelp {
		t.Fatalf("filter = %q, help shown = %v; want the keys typed", a.overview.filter, a.showHelp)
	}
	a.Update(press("backspace"))
	if a.overview.filter != "q?" {
		t.Fatalf("backspace: filter = %q", a.overview.filter)
	}
	if _, cmd := a.Update(press("ctrl+c")); cmd == nil {
		t.Fatal("ctrl+c must quit even while typing")
	} else if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Fatal("ctrl+c must quit even while typing")
	}
}

func TestFacetErrorShowsOnlyInItsCell(t *testing.T) {
	be := newFake(3)
	for name, s := range be.states {
		s.CORS = nil
		s.Errors = map[awsops.Facet]*awsops.FacetError{awsops.FacetCORS: {Code: "AccessDenied", Message: "Access Denied"}}
		be.states[name] = s
	}
	a := loadedApp(t, be, 140, 30, false)
	for _, l := range lines(a)[2:5] {
		if strings.Count(l, "AccessDenied") != 1 {
			t.Errorf("row %q: want AccessDenied once, in the CORS cell", l)
		}
		if !strings.Contains(l, "SSE-") && !strings.Contains(l, "DSSE") {
			t.Errorf("row %q: the other facets must still show", l)
		}
	}
	// In a narrow cell the code becomes a short word rather than a cut one.
	a = loadedApp(t, be, 80, 24, false)
	if l := lines(a)[2]; !strings.Contains(l, "denied") || strings.Contains(l, "Acc…") {
		t.Errorf("80 columns: %q, want the short word for AccessDenied", l)
	}
}

func TestCellsSpinWhileLoadingAndSummaryCountsPending(t *testing.T) {
	be := newFake(3)
	a := NewApp(Config{Backend: be, Clock: func() time.Time { return fixedNow }})
	a.Update(tea.WindowSizeMsg{Width: 140, Height: 20})
	a.Init()
	a.Update(bucketsMsg{gen: a.overview.scan.gen, buckets: be.buckets})
	a.c.spin = "@"
	text := screenText(a)
	if !strings.Contains(text, "3 buckets") || !strings.Contains(text, "24 facets loading") {
		t.Fatalf("rows must show at once, with every facet but the region pending:\n%s", text)
	}
	// Region came with ListBuckets; the other seven cells wait for their facet.
	if row := lines(a)[2]; strings.Count(row, "@") != 7 {
		t.Fatalf("row %q: want a spinner in each of the 7 loading cells", row)
	}
}

func TestCanceledBucketDoesNotClaimNoFindings(t *testing.T) {
	a := loadedApp(t, newFake(3), 140, 20, false)
	a.Update(press("r"))   // re-read bucket-00000 …
	a.Update(press("esc")) // … and cancel it
	settle(a)
	row := lines(a)[2]
	if !strings.Contains(row, "bucket-00000") || strings.Contains(row, "none") {
		t.Fatalf("row %q: a bucket whose facets were not read must not show \"none\"", row)
	}
	if !strings.Contains(screenText(a), "8 facets not read") {
		t.Fatalf("summary must count the facets not read:\n%s", screenText(a))
	}
}
