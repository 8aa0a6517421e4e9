package sandbox_test

import (
	"net/http"
	"strings"
	"testing"

	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// oddKeys are keys that XML 1.0 cannot carry or that URL encoding must keep
// apart; the two first differ only in a control character.
var oddKeys = []string{"a\x1bb", "a\x1cb", "a b", "a+b", "100%", "dir/\u202etxt.exe", "dir/é"}

// oddFixture is a versioned bucket holding oddKeys.
func oddFixture(t *testing.T) *sandbox.Server {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "odd")
	enableVersioning(t, c, "odd", s3types.BucketVersioningStatusEnabled)
	for _, k := range oddKeys {
		mustPut(t, c, "odd", k, k)
	}
	return srv
}

// wantAll fails unless every piece is in body.
func wantAll(t *testing.T, what, body string, pieces ...string) {
	t.Helper()
	for _, p := range pieces {
		if !strings.Contains(body, p) {
			t.Errorf("%s: %q missing in\n%s", what, p, body)
		}
	}
}

func TestListEncodingTypeURLEncodesKeysAsS3(t *testing.T) {
	srv := oddFixture(t)
	keys := []string{"<Key>a%1Bb</Key>", "<Key>a%1Cb</Key>", "<Key>a%20b</Key>", "<Key>a%2Bb</Key>", "<Key>100%25</Key>",
		"<Key>dir/%E2%80%AEtxt.exe</Key>", "<Key>dir/%C3%A9</Key>"}
	for _, path := range []string{"/odd?list-type=2&encoding-type=url", "/odd?versions&encoding-type=url", "/odd?encoding-type=url"} {
		r := do(t, srv, clientOpts{}, http.MethodGet, path, nil, nil)
		if r.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", path, r.Status, r.Body)
		}
		wantAll(t, path, r.Body, append(keys, "<EncodingType>url</EncodingType>")...)
	}
	// Prefix, Delimiter and StartAfter are encoded as well (the API
	// reference's list); "/" is never encoded, so the common prefix keeps it.
	r := do(t, srv, clientOpts{}, http.MethodGet, "/odd?list-type=2&encoding-type=url&prefix=a%20&delimiter=/&start-after=a%1B", nil, nil)
	wantAll(t, "prefix", r.Body, "<Prefix>a%20</Prefix>", "<Delimiter>/</Delimiter>", "<StartAfter>a%1B</StartAfter>", "<Key>a%20b</Key>")
	r = do(t, srv, clientOpts{}, http.MethodGet, "/odd?list-type=2&encoding-type=url&delimiter=/&prefix=dir", nil, nil)
	wantAll(t, "common prefix", r.Body, "<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes>")
	r = do(t, srv, clientOpts{}, http.MethodGet, "/odd?versions&encoding-type=url&max-keys=1&key-marker=a%1Bb", nil, nil)
	wantAll(t, "key markers", r.Body, "<KeyMarker>a%1Bb</KeyMarker>", "<NextKeyMarker>a%1Cb</NextKeyMarker>")
}

func TestListWithoutEncodingWritesCharacterReferences(t *testing.T) {
	srv := oddFixture(t)
	for _, path := range []string{"/odd?list-type=2", "/odd?versions", "/odd?list-type=2&prefix=a%1B"} {
		r := do(t, srv, clientOpts{}, http.MethodGet, path, nil, nil)
		wantAll(t, path, r.Body, "<Key>a&#x1B;b</Key>")
		if strings.Contains(r.Body, "\uFFFD") || strings.ContainsRune(r.Body, 0x1b) {
			t.Errorf("%s: a key was replaced or sent raw:\n%q", path, r.Body)
		}
		if strings.Contains(path, "prefix") {
			wantAll(t, path, r.Body, "<Prefix>a&#x1B;</Prefix>")
		} else {
			wantAll(t, path, r.Body, "<Key>a&#x1C;b</Key>", "<Key>a b</Key>", "<Key>a+b</Key>", "<Key>dir/\u202etxt.exe</Key>")
		}
	}
}

func TestListMaxKeysZeroIsNotTruncated(t *testing.T) {
	srv := oddFixture(t)
	for _, path := range []string{"/odd?list-type=2&max-keys=0", "/odd?max-keys=0", "/odd?versions&max-keys=0"} {
		r := do(t, srv, clientOpts{}, http.MethodGet, path, nil, nil)
		wantAll(t, path, r.Body, "<MaxKeys>0</MaxKeys>", "<IsTruncated>false</IsTruncated>")
		if strings.Contains(r.Body, "<Key>") || strings.Contains(r.Body, "NextKeyMarker") || strings.Contains(r.Body, "NextContinuationToken") {
			t.Errorf("%s: entries or a next marker on an empty page:\n%s", path, r.Body)
		}
	}
}

func TestListEmptyDelimiterIsNotEchoed(t *testing.T) {
	srv := oddFixture(t)
	for _, path := range []string{"/odd?list-type=2&delimiter=", "/odd?delimiter=", "/odd?versions&delimiter=", "/odd?list-type=2&delimiter=&encoding-type=url"} {
		r := do(t, srv, clientOpts{}, http.MethodGet, path, nil, nil)
		if r.Status != http.StatusOK || strings.Contains(r.Body, "Delimiter") || strings.Contains(r.Body, "CommonPrefixes") {
			t.Errorf("%s: %d\n%s", path, r.Status, r.Body)
		}
	}
	r := do(t, srv, clientOpts{}, http.MethodGet, "/odd?list-type=2&delimiter=/", nil, nil)
	wantAll(t, "delimiter=/", r.Body, "<Delimiter>/</Delimiter>")
}
