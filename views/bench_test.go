package views

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Targets (not asserted): first full frame within 100 ms of the ListBuckets
// answer for 5,000 buckets; one frame under 5 ms whatever the bucket count;
// the model of 5,000 fully read buckets under 50 MB.

// BenchmarkFirstFrame5000 measures from the ListBuckets answer to the
// first rendered frame: store, sort, layout and the View itself.
func BenchmarkFirstFrame5000(b *testing.B) {
	be := newFake(5000)
	for b.Loop() {
		b.StopTimer()
		a := NewApp(Config{Backend: be, Clock: func() time.Time { return fixedNow }})
		a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		a.overview.startListing()
		msg := bucketsMsg{gen: a.overview.scan.gen, buckets: be.buckets}
		b.StartTimer()
		a.Update(msg)
		_ = a.View()
		b.StopTimer()
		a.overview.stopAll()
		b.StartTimer()
	}
}

// BenchmarkRenderFrame renders one frame of a fully read grid: only the
// visible rows are drawn, so the cost must not grow with the bucket count.
func BenchmarkRenderFrame(b *testing.B) {
	for _, n := range []int{5000, 50000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a := loadedApp(b, newFake(n), 120, 40, false)
			a.Update(press("G"))
			b.ResetTimer()
			for b.Loop() {
				_ = a.View()
			}
		})
	}
}

// BenchmarkApplyBatch applies one batch window's worth of facet updates
// (every facet of 100 buckets) to a 5,000-bucket grid sorted by findings,
// the costliest order to keep.
func BenchmarkApplyBatch(b *testing.B) {
	be := newFake(5000)
	a := loadedApp(b, be, 120, 40, false)
	a.overview.sortCol = colFindings
	var batch facetBatchMsg
	for _, bk := range be.buckets[:100] {
		batch.updates = append(batch.updates, updatesOf(be.states[bk.Name])...)
	}
	a.overview.scan.scanning = true
	for b.Loop() {
		batch.gen = a.overview.scan.gen
		a.overview.onBatch(batch)
	}
}

// BenchmarkModelMemory5000 reports the heap held by the model of 5,000
// fully read and analysed buckets.
func BenchmarkModelMemory5000(b *testing.B) {
	be := newFake(5000)
	var a *App
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		a = loadedApp(b, be, 120, 40, false)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "heap-MB")
	}
	runtime.KeepAlive(a)
}
