package views

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/sandbox"
)

// paste types text into the focused field at once, as a terminal paste.
func paste(a *App, text string) {
	_, cmd := a.Update(tea.PasteMsg{Content: text})
	drive(a, cmd)
}

// openObjects opens bucket on its Objects pane, listed.
func openObjects(t *testing.T, a *App, bucket string) *Detail {
	t.Helper()
	d := openBucket(t, a, bucket)
	keys(a, "shift+tab")
	if !d.onObjects() || !d.objects.loaded {
		t.Fatalf("the Objects pane of %s is not listed:\n%s", bucket, screenText(a))
	}
	return d
}

// objectRow returns the line of the Objects pane that lists key.
func objectRow(a *App, key string) string {
	for _, l := range lines(a) {
		if strings.Contains(l, " "+key+" ") {
			return l
		}
	}
	return ""
}

// secretForms are the ways a key could be printed.
func secretForms(key []byte) []string {
	return []string{string(key), base64.StdEncoding.EncodeToString(key), base64.RawURLEncoding.EncodeToString(key), hex.EncodeToString(key)}
}

// assertNoSecret fails if the key shows anywhere the user or a log could see it.
func assertNoSecret(t *testing.T, a *App, key []byte, where string) {
	t.Helper()
	msg, _ := a.status.Message()
	for _, s := range secretForms(key) {
		for name, text := range map[string]string{"screen": screenText(a), "status": msg.Text, "last error": a.status.LastError} {
			if strings.Contains(text, s) {
				t.Fatalf("%s: the key appears in the %s", where, name)
			}
		}
	}
}

func TestUploadWithANewSSECKeyShowsSSECSandbox(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "plan.txt")
	if err := os.WriteFile(src, []byte("quarterly plan\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(dir, "new.key")
	a := settledApp(t, openSandbox(t), 120, 30)
	d := openObjects(t, a, "acme-ssec-vault")

	keys(a, "u")
	if got := d.Title(); !strings.HasSuffix(got, "› Upload: file") {
		t.Fatalf("breadcrumb %q, want the upload form's first question", got)
	}
	paste(a, src)
	keys(a, "enter")
	paste(a, "uploads/plan.txt")
	keys(a, "enter")
	keys(a, "down", "down", "down", "down", "enter") // SSE-C
	keys(a, "down", "enter")                         // generate a new key
	paste(a, keyFile)
	keys(a, "enter")
	wantOnScreen(t, a, "LOSING THE KEY LOSES THE OBJECT")
	keys(a, "enter")
	wantOnScreen(t, a, "To                    s3://acme-ssec-vault/uploads/plan.txt", "SSE-C with a new 256-bit key, written to",
		"Losing the key loses the object", "Start the upload?")
	keys(a, "y")
	if d.flow != nil {
		t.Fatalf("the upload did not finish:\n%s", screenText(a))
	}
	info, err := os.Stat(keyFile)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v; want it written with mode 0600", err, info.Mode())
	}
	if row := objectRow(a, "uploads/plan.txt"); !strings.Contains(row, "SSE-C") {
		t.Fatalf("the new object's row must say SSE-C: %q\n%s", row, screenText(a))
	}
	wantOnScreen(t, a, "Uploaded uploads/plan.txt")
	key, err := os.ReadFile(keyFile)
	if err != nil || len(key) != 32 {
		t.Fatalf("key file: %v, %d bytes", err, len(key))
	}
	assertNoSecret(t, a, key, "after the upload")

	// The object reads back with its key, into a new file only.
	keys(a, "g") // the cursor is on the first row; find the new one
	for i := 0; i < d.objects.count() && d.objects.objects[d.objects.cursor].Key != "uploads/plan.txt"; i++ {
		keys(a, "j")
	}
	out := filepath.Join(dir, "back.txt")
	keys(a, "d")
	wantOnScreen(t, a, "Encryption: SSE-C", "Save uploads/plan.txt to")
	keys(a, "ctrl+u")
	paste(a, out)
	keys(a, "enter")
	wantOnScreen(t, a, "SSE-C key file of this object")
	paste(a, keyFile)
	keys(a, "enter")
	if got, err := os.ReadFile(out); err != nil || string(got) != "quarterly plan\n" {
		t.Fatalf("downloaded %q, %v; want the plaintext", got, err)
	}
	assertNoSecret(t, a, key, "after the download")
}

func TestDownloadWithTheWrongSSECKeyWritesNothingSandbox(t *testing.T) {
	dir := t.TempDir()
	wrong := filepath.Join(dir, "wrong.key")
	if err := os.WriteFile(wrong, make([]byte, 32), 0o600); err != nil {
		t.Fatal(err)
	}
	a := settledApp(t, openSandbox(t), 120, 30)
	d := openObjects(t, a, "acme-ssec-vault")
	for i := 0; i < d.objects.count() && d.objects.objects[d.objects.cursor].Key != "vault/launch-plan.txt"; i++ {
		keys(a, "j")
	}
	target := filepath.Join(dir, "plan.txt")
	keys(a, "d", "ctrl+u")
	paste(a, target)
	keys(a, "enter")
	paste(a, wrong)
	keys(a, "enter")
	wantOnScreen(t, a, "Download: failed", "AccessDenied", "Use the key file this object was uploaded with")
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the failed download left files behind: %v", entries)
	}
	right := filepath.Join(dir, "right.key")
	if err := os.WriteFile(right, sandbox.DemoSSECKey, 0o600); err != nil {
		t.Fatal(err)
	}
	// esc goes back to the filled form, the failure above it: only the
	// key file needs changing.
	keys(a, "esc")
	wantOnScreen(t, a, "The download failed, nothing was written", target)
	keys(a, "enter")
	wantOnScreen(t, a, "SSE-C key file of this object", wrong)
	keys(a, "ctrl+u")
	paste(a, right)
	keys(a, "enter")
	if got, err := os.ReadFile(target); err != nil || !strings.Contains(string(got), "Project Falcon") {
		t.Fatalf("with the right key: %q, %v", got, err)
	}
	assertNoSecret(t, a, sandbox.DemoSSECKey, "after the downloads")
}

// uploadCounter counts Upload calls, to prove a refused upload sends nothing.
type uploadCounter struct {
	Backend
	uploads atomic.Int32
}

// Upload counts the call.
func (u *uploadCounter) Upload(ctx context.Context, in awsops.UploadInput, p func(awsops.UploadProgress)) (awsops.UploadResult, error) {
	u.uploads.Add(1)
	return u.Backend.Upload(ctx, in, p)
}

func TestSSECOverPlainHTTPIsRefusedBeforeSendingSandbox(t *testing.T) {
	src := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(src, []byte("a"), 0o600); err != nil {
		t.Fatal(err)
	}
	be := &uploadCounter{Backend: openSandboxHTTP(t)}
	a := settledApp(t, be, 120, 30)
	d := openObjects(t, a, "acme-ssec-vault")
	keys(a, "u")
	paste(a, src)
	keys(a, "enter", "enter")
	wantOnScreen(t, a, "SSE-C is refused here: the endpoint is plain HTTP")
	keys(a, "down", "down", "down", "down", "enter") // SSE-C
	wantOnScreen(t, a, "SSE-C is refused over plain HTTP: the key would travel in clear text")
	if got := d.Title(); !strings.HasSuffix(got, "Upload: encryption") {
		t.Fatalf("breadcrumb %q: SSE-C must stop the form at the encryption question", got)
	}
	keys(a, "esc")
	if be.uploads.Load() != 0 {
		t.Fatalf("%d uploads sent; SSE-C over HTTP must be refused before anything is sent", be.uploads.Load())
	}
	if !strings.Contains(screenText(a), " HTTP ") {
		t.Fatal("the status bar must show the plain-HTTP badge")
	}
}

func TestReencryptMarkedObjectsInPlaceSandbox(t *testing.T) {
	a := settledApp(t, openSandbox(t), 120, 30)
	d := openObjects(t, a, "acme-scratch")
	for _, k := range []string{"exports/customers-eu.csv", "exports/orders-eu.csv"} {
		if row := objectRow(a, k); !strings.Contains(row, "SSE-KMS") {
			t.Fatalf("%s starts as SSE-KMS: %q", k, row)
		}
	}
	keys(a, "space", "j", "space") // the two exports, first in key order
	keys(a, "x")
	wantOnScreen(t, a, "Re-encrypt 2 objects in place as", "exports/customers-eu.csv, exports/orders-eu.csv")
	keys(a, "down", "enter") // SSE-S3
	wantOnScreen(t, a, "Plan: Re-encrypt 2 object(s) in acme-scratch", "s3:CopyObject", "aws s3api copy-object")
	keys(a, "y")
	if d.flow != nil {
		t.Fatalf("the re-encryption did not finish:\n%s", screenText(a))
	}
	for _, k := range []string{"exports/customers-eu.csv", "exports/orders-eu.csv"} {
		if row := objectRow(a, k); !strings.Contains(row, "SSE-S3") {
			t.Fatalf("%s must now be SSE-S3: %q\n%s", k, row, screenText(a))
		}
	}
	if d.objects.markedCount() != 0 {
		t.Fatal("the marks must be cleared once acted on")
	}
}

func TestReencryptToSSECKeepsTheKeyOutOfThePlanSandbox(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "re.key")
	a := settledApp(t, openSandbox(t), 120, 30)
	d := openObjects(t, a, "acme-ssec-vault")
	keys(a, "x")                                     // README.txt, under the cursor
	keys(a, "down", "down", "down", "down", "enter") // SSE-C
	keys(a, "down", "enter")                         // generate
	paste(a, keyFile)
	keys(a, "enter")
	wantOnScreen(t, a, "Plan: Re-encrypt 1 object(s) in acme-ssec-vault", "fileb://SSE-C-KEY-FILE")
	key, err := os.ReadFile(keyFile)
	if err != nil || len(key) != 32 {
		t.Fatalf("generated key: %v, %d bytes", err, len(key))
	}
	assertNoSecret(t, a, key, "in the plan preview")
	for _, s := range d.flow.(*planFlow).preview.Lines(a.c.st) {
		for _, form := range secretForms(key) {
			if strings.Contains(s, form) {
				t.Fatal("the key appears in the plan preview's full text")
			}
		}
	}
	keys(a, "y")
	if row := objectRow(a, "README.txt"); !strings.Contains(row, "SSE-C") {
		t.Fatalf("README.txt must now be SSE-C: %q", row)
	}
	assertNoSecret(t, a, key, "after applying")
}

func TestClientSideUploadsShowAsCSESandbox(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(src, []byte("client-side secret notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	master := filepath.Join(dir, "master.key")
	if err := clientside.GenerateMasterKeyFile(master); err != nil {
		t.Fatal(err)
	}
	a := settledApp(t, openSandbox(t), 120, 30)
	d := openObjects(t, a, "acme-scratch")

	// V3 under a local master key.
	keys(a, "u")
	paste(a, src)
	keys(a, "enter")
	paste(a, "cse/v3.txt")
	keys(a, "enter")
	keys(a, "down", "down", "down", "down", "down", "enter") // client-side
	keys(a, "down", "enter")                                 // master key file
	paste(a, master)
	keys(a, "enter")
	keys(a, "down", "enter") // V3
	wantOnScreen(t, a, "client-side (S3 Encryption Client V3), data key wrapped by the master key in", "losing the master key file loses the object")
	keys(a, "y")

	// V2 under the bucket region's KMS key.
	keys(a, "u")
	paste(a, src)
	keys(a, "enter")
	paste(a, "cse/v2.txt")
	keys(a, "enter")
	keys(a, "down", "down", "down", "down", "down", "enter") // client-side
	keys(a, "enter")                                         // KMS
	wantOnScreen(t, a, "alias/acme-eu")
	keys(a, "up", "enter", "enter", "y") // alias/acme-eu, V2
	if d.flow != nil {
		t.Fatalf("the upload did not finish:\n%s", screenText(a))
	}
	for key, want := range map[string]string{"cse/v3.txt": "CSE v3", "cse/v2.txt": "CSE v2"} {
		if row := objectRow(a, key); !strings.Contains(row, want) {
			t.Fatalf("%s row %q, want %s\n%s", key, row, want, screenText(a))
		}
	}

	// The V3 object reads back with the master key only.
	for i := 0; i < d.objects.count() && d.objects.objects[d.objects.cursor].Key != "cse/v3.txt"; i++ {
		keys(a, "j")
	}
	back := filepath.Join(dir, "back.txt")
	keys(a, "d", "ctrl+u")
	paste(a, back)
	keys(a, "enter")
	wantOnScreen(t, a, "Client-side object (S3EC V3): decrypt with")
	keys(a, "down", "enter")
	paste(a, master)
	keys(a, "enter")
	if got, err := os.ReadFile(back); err != nil || string(got) != "client-side secret notes\n" {
		t.Fatalf("downloaded %q, %v", got, err)
	}
	mk, err := clientside.LoadMasterKey(master)
	if err != nil {
		t.Fatal(err)
	}
	assertNoSecret(t, a, mk, "after the client-side round trip")
}
