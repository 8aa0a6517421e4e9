package views

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

// lookalikeKeys differ only in a control character, or hide a bidi override.
// The two last share a prefix longer than the Key column at 80 columns.
var lookalikeKeys = []string{"a\x1bb", "a\x1cb", "x/\u202etxt.exe",
	"logs/2026/05/01/application-server-000001.log.gz", "logs/2026/05/01/application-server-000002.log.gz"}

// putLookalikes uploads lookalikeKeys to acme-suspended, each holding its own name.
func putLookalikes(t *testing.T, be Backend) {
	t.Helper()
	for _, k := range lookalikeKeys {
		body := "content of " + k
		if _, err := be.Upload(context.Background(), awsops.UploadInput{Bucket: "acme-suspended", Region: "eu-west-1", Key: k,
			Body: strings.NewReader(body), Size: int64(len(body))}, nil); err != nil {
			t.Fatalf("upload %q: %v", k, err)
		}
	}
}

// cursorTo moves the Objects pane's cursor to the row of key (and version).
func cursorTo(t *testing.T, d *driver, det *Detail, key string) {
	t.Helper()
	d.keys("g")
	p := det.objects
	for i := 0; i < p.count(); i++ {
		k := p.rowKey(p.cursor)
		if k.key == key {
			return
		}
		d.keys("j")
	}
	t.Fatalf("no row for %q:\n%s", key, d.screen())
}

// wantNoRawNames fails if a key's unsafe characters reach the terminal.
func wantNoRawNames(t *testing.T, d *driver, where string) {
	t.Helper()
	raw := d.a.View().Content
	// Styles start with ESC [; an ESC followed by "b" can only be the key's.
	for _, bad := range []string{"a\x1bb", "\x1bb", "\x1c", "\u202e"} {
		if strings.Contains(raw, bad) {
			t.Fatalf("%s: the frame holds the raw name character %q:\n%q", where, bad, raw)
		}
	}
}

func TestLookalikeKeysStayApartSandbox(t *testing.T) {
	be := openSandbox(t)
	putLookalikes(t, be)
	d := newDriver(t, Config{Backend: be, Demo: true, Parallel: 4, Clock: sandboxClock}, 80, 24)
	det := d.open("acme-suspended", "Objects")
	d.mustShow(`a\x1bb`, `a\x1cb`, `x/\u202etxt.exe`, "logs/", "…", "000001.log.gz", "000002.log.gz")
	wantNoRawNames(t, d, "keys")

	// The download takes the row's own object, under a safe suggested name.
	cursorTo(t, d, det, "a\x1cb")
	d.keys("d")
	d.mustShow(`Save a\x1cb to`, "./a_b")
	wantNoRawNames(t, d, "download form")
	out := filepath.Join(t.TempDir(), "got")
	d.keys("ctrl+u")
	d.typeText(out)
	d.keys("enter")
	if got, err := os.ReadFile(out); err != nil || string(got) != "content of a\x1cb" {
		t.Fatalf("downloaded %q, %v; want the content of a\\x1cb\n%s\n%s", got, err, d.screen(), d.log.text())
	}
	if strings.ContainsAny(d.log.text(), "\x1b\x1c") {
		t.Fatalf("a status message holds a raw control character: %q", d.log.text())
	}

	// Marking one of the two marks only it, and D deletes only it.
	d.keys("v")
	cursorTo(t, d, det, "a\x1bb")
	d.keys("space")
	if m := det.objects.markedVersions(); len(m) != 1 || m[0].Key != "a\x1bb" {
		t.Fatalf("marked %+v, want the one version of a\\x1bb", m)
	}
	d.keys("D")
	wantNoRawNames(t, d, "delete preview")
	d.typeText("delete")
	d.keys("enter")
	d.mustShow(`✓ deleted version`, `of a\x1bb`)
	wantNoRawNames(t, d, "delete report")
	page, err := be.ListObjectVersions(context.Background(), "acme-suspended", "eu-west-1", "", "", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	left := map[string]int{}
	for _, v := range page.Versions {
		left[v.Key]++
	}
	if left["a\x1bb"] != 0 || left["a\x1cb"] != 1 || left["x/\u202etxt.exe"] != 1 || left["config.json"] != 3 {
		t.Fatalf("versions left %v: only a\\x1bb's may be gone", left)
	}
}
