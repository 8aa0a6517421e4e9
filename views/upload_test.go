package views

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
)

// slowUpload reports a quarter of a multipart upload, then waits to be canceled.
type slowUpload struct {
	*fakeBackend
	canceled chan error
}

// Upload reports progress and blocks until its context ends.
func (s slowUpload) Upload(ctx context.Context, in awsops.UploadInput, progress func(awsops.UploadProgress)) (awsops.UploadResult, error) {
	time.Sleep(20 * time.Millisecond) // some time passes, for the throughput
	progress(awsops.UploadProgress{Bytes: 8 << 20, Total: 32 << 20, Parts: 1})
	<-ctx.Done()
	s.canceled <- ctx.Err()
	return awsops.UploadResult{}, ctx.Err()
}

// await runs cmd (and the commands of its batches) and returns the first
// message that match accepts.
func await(t *testing.T, cmd tea.Cmd, match func(tea.Msg) bool) tea.Msg {
	t.Helper()
	found := make(chan tea.Msg, 16)
	var run func(c tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdList) {
				for _, x := range v.Convert(cmdList).Interface().([]tea.Cmd) {
					run(x)
				}
				return
			}
			if match(msg) {
				found <- msg
			}
		}()
	}
	run(cmd)
	select {
	case m := <-found:
		return m
	case <-time.After(driveLimit):
		t.Fatal("the expected message never came")
		return nil
	}
}

func TestUploadShowsProgressAndEscCancelsIt(t *testing.T) {
	src := filepath.Join(t.TempDir(), "big.bin")
	if err := os.WriteFile(src, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	fake := newFake(1)
	be := slowUpload{fakeBackend: fake, canceled: make(chan error, 1)}
	a := loadedApp(t, fake, 80, 24, false)
	d := openDetail(t, a)
	d.be = be
	keys(a, "shift+tab", "u")
	paste(a, src)
	keys(a, "enter", "enter", "enter") // file, key = its name, bucket default
	wantOnScreen(t, a, "To                    s3://bucket-00000/big.bin", "Start the upload?")

	_, cmd := a.Update(press("y"))
	report := await(t, cmd, func(m tea.Msg) bool { _, ok := m.(streamMsg); return ok }).(streamMsg)
	_, next := a.Update(report)
	wantOnScreen(t, a, "Upload: sending", "8.0 MiB of 32.0 MiB", "MiB/s", "1 part done", "25%", "esc cancels")
	if !d.Loading() {
		t.Fatal("a running upload must keep the spinner going")
	}

	a.Update(press("esc"))
	if err := <-be.canceled; err != context.Canceled {
		t.Fatalf("esc: upload context %v, want canceled (awsops then aborts the multipart upload)", err)
	}
	done := await(t, next, func(m tea.Msg) bool { _, ok := m.(uploadDoneMsg); return ok })
	_, cmd = a.Update(done)
	drive(a, cmd)
	wantOnScreen(t, a, "Upload: failed", "RequestCanceled")
	if msg, _ := a.status.Message(); !strings.Contains(msg.Text, "Upload canceled") {
		t.Fatalf("status %q, want the cancel reported", msg.Text)
	}
	keys(a, "esc")
	if d.flow != nil {
		t.Fatal("esc after the failure must close the upload")
	}
}

func TestUploadPassesTheChosenKMSKey(t *testing.T) {
	src := filepath.Join(t.TempDir(), "r.txt")
	if err := os.WriteFile(src, []byte("r"), 0o600); err != nil {
		t.Fatal(err)
	}
	be := newFake(1)
	a := loadedApp(t, be, 80, 24, false)
	openDetail(t, a)
	keys(a, "shift+tab", "u")
	paste(a, src)
	keys(a, "enter")
	paste(a, "reports/r.txt")
	keys(a, "enter", "down", "down", "enter") // SSE-KMS
	keys(a, "up", "up", "enter", "y")         // alias/records
	if len(be.uploads) != 1 {
		t.Fatalf("%d uploads, want 1", len(be.uploads))
	}
	in := be.uploads[0]
	if in.Key != "reports/r.txt" || in.Mode != awsops.SSEKMS || in.KMSKeyID != "alias/records" || in.Path != src || in.SSECKey != nil {
		t.Fatalf("upload input %+v", in)
	}
	if msg, _ := a.status.Message(); !strings.Contains(msg.Text, "Uploaded reports/r.txt") {
		t.Fatalf("status %q", msg.Text)
	}
	if !slices.ContainsFunc(be.heads, func(ks []string) bool { return slices.Contains(ks, "docs/file-00.txt") }) {
		t.Fatal("after an upload the page is listed again and its encryption read")
	}
}
