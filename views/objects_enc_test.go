package views

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/ui"
)

func TestEncryptionColumnReadsOnlyVisibleRowsOnce(t *testing.T) {
	be := newFake(1) // 7 keys: docs/file-00.txt … docs/file-06.txt
	a := loadedApp(t, be, 100, 10, false)
	openDetail(t, a)
	keys(a, "shift+tab") // Objects: 3 rows fit under the headings
	want := [][]string{{"docs/file-00.txt", "docs/file-01.txt", "docs/file-02.txt"}}
	if !slices.EqualFunc(be.heads, want, slices.Equal) {
		t.Fatalf("HeadObjects calls %v, want only the visible rows %v", be.heads, want)
	}
	if row := objectRow(a, "docs/file-00.txt"); !strings.Contains(row, "SSE-S3") {
		t.Fatalf("row %q, want its encryption", row)
	}
	keys(a, "j", "j") // still on screen: nothing new to read
	keys(a, "j")      // docs/file-03.txt scrolls in
	keys(a, "k", "k", "k")
	want = append(want, []string{"docs/file-03.txt"})
	if !slices.EqualFunc(be.heads, want, slices.Equal) {
		t.Fatalf("HeadObjects calls %v, want %v: each row read once, cached when scrolled back", be.heads, want)
	}
}

// blockingHeads blocks HeadObjects until its context ends.
type blockingHeads struct {
	*fakeBackend
	started  chan []awsops.ObjectRef
	canceled chan error
}

// HeadObjects waits for cancellation.
func (b blockingHeads) HeadObjects(ctx context.Context, _, _ string, refs []awsops.ObjectRef) []awsops.ObjectEncryption {
	b.started <- refs
	<-ctx.Done()
	b.canceled <- ctx.Err()
	out := make([]awsops.ObjectEncryption, len(refs))
	for i, r := range refs {
		out[i] = awsops.ObjectEncryption{Key: r.Key, Err: &awsops.FacetError{Code: awsops.CodeRequestCanceled}}
	}
	return out
}

func TestScrollingAwayCancelsTheEncryptionRead(t *testing.T) {
	be := blockingHeads{fakeBackend: newFake(1), started: make(chan []awsops.ObjectRef, 4), canceled: make(chan error, 4)}
	a := NewApp(Config{Backend: be, Clock: func() time.Time { return fixedNow }})
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 10})
	a.overview.startListing()
	a.Update(bucketsMsg{gen: a.overview.scan.gen, buckets: be.buckets})
	d := openDetail(t, a)
	list := d.key(press("shift+tab"))
	_, head := a.Update(list()) // the page arrives; the visible rows are read
	go drainCmd(head)
	if first := <-be.started; len(first) != 3 || first[0].Key != "docs/file-00.txt" {
		t.Fatalf("first read %v, want the 3 visible rows", first)
	}
	if !d.Loading() || d.InFlight() != 1 {
		t.Fatalf("a read in flight must spin and count as one call: loading %v, %d calls", d.Loading(), d.InFlight())
	}
	_, next := a.Update(press("G")) // the bottom rows: the first read is no longer wanted
	if err := <-be.canceled; err != context.Canceled {
		t.Fatalf("the read of rows scrolled away: %v, want canceled", err)
	}
	go drainCmd(next)
	if second := <-be.started; len(second) != 3 || second[2].Key != "docs/file-06.txt" {
		t.Fatalf("second read %v, want the 3 bottom rows", second)
	}
	d.close()
	<-be.canceled
}

// drainCmd runs a command and its batch, dropping the messages.
func drainCmd(c tea.Cmd) {
	if c == nil {
		return
	}
	if b, ok := c().(tea.BatchMsg); ok {
		for _, x := range b {
			if x != nil {
				go x()
			}
		}
	}
}

func TestEncryptionCellNamesEveryMode(t *testing.T) {
	st := ui.NewMonochromeStyles()
	arn := "arn:aws:kms:eu-west-1:111122223333:alias/acme-eu"
	for _, tt := range []struct {
		enc  awsops.ObjectEncryption
		want string
	}{
		{awsops.ObjectEncryption{Mode: awsops.SSES3}, "SSE-S3"},
		{awsops.ObjectEncryption{Mode: awsops.SSEKMS, KMSKeyARN: arn, BucketKey: true}, "SSE-KMS+BK acme-eu"},
		{awsops.ObjectEncryption{Mode: awsops.DSSEKMS, KMSKeyARN: arn}, "DSSE acme-eu"},
		{awsops.ObjectEncryption{Mode: awsops.SSEC}, "SSE-C"},
		{awsops.ObjectEncryption{Mode: awsops.SSES3, ClientFormat: clientside.FormatV2}, "CSE v2"},
		{awsops.ObjectEncryption{Mode: awsops.SSEKMS, ClientFormat: clientside.FormatV3}, "CSE v3"},
		{awsops.ObjectEncryption{Mode: awsops.SSENone}, "none"},
		{awsops.ObjectEncryption{Err: &awsops.FacetError{Code: "AccessDenied"}}, "AccessDenied"},
	} {
		if got := ansi.Strip(encCell(st, tt.enc)); got != tt.want {
			t.Errorf("encCell(%+v) = %q, want %q", tt.enc, got, tt.want)
		}
	}
}
