package views

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
)

func TestScanStreamsInBatchesUntilDone(t *testing.T) {
	be := newFake(200)
	ch := make(chan awsops.FacetUpdate, 256)
	msg := scanCmd(context.Background(), be, 7, be.buckets, 4, ch)()
	total, batches := 0, 0
	for {
		b := msg.(facetBatchMsg)
		if b.gen != 7 {
			t.Fatalf("batch of generation %d, want 7", b.gen)
		}
		total += len(b.updates)
		batches++
		if b.done {
			break
		}
		msg = nextBatchCmd(7, ch)()
	}
	if want := 200 * len(awsops.AllFacets); total != want {
		t.Fatalf("%d updates arrived, want %d", total, want)
	}
	if batches >= total/10 {
		t.Fatalf("%d batches for %d updates: updates are not batched", batches, total)
	}
}

func TestStaleResultsAreDropped(t *testing.T) {
	be := newFake(3)
	a := NewApp(Config{Backend: be, Clock: func() time.Time { return fixedNow }})
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	a.Init()
	old := a.overview.scan.gen
	a.Update(bucketsMsg{gen: old, buckets: be.buckets})
	a.Update(press("R")) // refresh all: a new generation
	a.Update(bucketsMsg{gen: old, buckets: be.buckets[:1]})
	if len(a.overview.store.states) != 3 {
		t.Fatal("a listing of an old generation replaced the buckets")
	}
	a.Update(bucketsMsg{gen: a.overview.scan.gen, buckets: be.buckets})
	pending := a.overview.store.pending
	a.Update(facetBatchMsg{gen: old, updates: updatesOf(be.states["bucket-00000"])})
	if a.overview.store.pending != pending {
		t.Fatal("a facet batch of an old generation was applied")
	}
	a.Update(facetBatchMsg{gen: a.overview.scan.gen, updates: updatesOf(be.states["bucket-00000"])})
	if a.overview.store.pending == pending {
		t.Fatal("a facet batch of the current generation was dropped")
	}

	// Refreshing one bucket twice: only the second answer counts.
	a.Update(press("r"))
	first := a.overview.refreshing["bucket-00000"].gen
	a.Update(press("r"))
	stale := be.states["bucket-00000"]
	stale.Encryption = &awsops.Encryption{Algorithm: "stale"}
	a.Update(bucketStateMsg{gen: first, state: stale})
	if s, _ := a.overview.store.get("bucket-00000"); s.Encryption != nil {
		t.Fatal("the answer of a superseded refresh was applied")
	}
	a.Update(bucketStateMsg{gen: a.overview.refreshing["bucket-00000"].gen, state: be.states["bucket-00000"]})
	if !a.overview.store.complete("bucket-00000") {
		t.Fatal("the answer of the current refresh was dropped")
	}
}

func TestAnalysisIsDebounced(t *testing.T) {
	var an analysis
	if an.changed() == nil {
		t.Fatal("the first change must schedule an analysis")
	}
	for range 100 {
		if an.changed() != nil {
			t.Fatal("changes within the debounce window must not schedule more analyses")
		}
	}
	if an.settled() {
		t.Fatal("unanalysed changes: not settled")
	}
}

// blockingLister blocks ListBuckets until canceled.
type blockingLister struct {
	*fakeBackend
	canceled chan error
}

func (b blockingLister) Buckets(ctx context.Context) ([]awsops.Bucket, error) {
	<-ctx.Done()
	b.canceled <- ctx.Err()
	return nil, ctx.Err()
}

func TestEscCancelsTheListing(t *testing.T) {
	be := blockingLister{fakeBackend: newFake(1), canceled: make(chan error, 1)}
	a := NewApp(Config{Backend: be, Clock: func() time.Time { return fixedNow }})
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	ctxCmd := a.overview.startListing() // Init's listing, without the identity and colour queries
	done := make(chan tea.Msg, 1)
	go func() { done <- ctxCmd() }()
	a.Update(press("esc"))
	if err := <-be.canceled; err != context.Canceled {
		t.Fatalf("ListBuckets context: %v, want canceled", err)
	}
	a.Update(<-done)
	if a.overview.scan.err != nil || !a.overview.scan.canceled {
		t.Fatalf("a canceled listing is not an error: err=%v canceled=%v", a.overview.scan.err, a.overview.scan.canceled)
	}
}
