package cmd

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
)

// TestCORSTestExitStatus runs `s3sec cors test --demo` in-process against
// the seeded sandbox: acme-public-assets allows GET and HEAD (any header)
// and PUT and POST (no header) from any origin, and nothing allows DELETE;
// acme-scratch (eu-west-1) has no CORS configuration.
func TestCORSTestExitStatus(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
	}{
		{"allowed", []string{"acme-public-assets", "--origin", "https://shop.example.com", "--method", "GET"}, exitOK,
			[]string{"Endpoint   200 OK: allowed", "Access-Control-Allow-Origin: *", "Local      allowed by rule 1", "answered as S3 would"}},
		{"flags before the bucket, object URL", []string{"--origin", "https://shop.example.com", "--method", "head", "--header", "Content-Type", "--key", "css/site.css", "acme-public-assets"}, exitOK,
			[]string{"/acme-public-assets/css/site.css", "Access-Control-Request-Headers: content-type", "Access-Control-Allow-Headers: content-type", "Local      allowed by rule 1"}},
		{"refused method", []string{"acme-public-assets", "--origin", "https://shop.example.com", "--method", "DELETE"}, exitError,
			[]string{"Endpoint   403 Forbidden: refused", "AccessForbidden", "Local      refused: no rule allowing origin https://shop.example.com allows method DELETE"}},
		{"refused header", []string{"acme-public-assets", "--origin", "https://shop.example.com", "--method", "PUT", "--header", "x-amz-date"}, exitError,
			[]string{"refused", "no rule allowing PUT from https://shop.example.com allows header x-amz-date"}},
		{"no configuration, another region", []string{"acme-scratch", "--origin", "https://shop.example.com", "--method", "GET"}, exitError,
			[]string{"CORS is not enabled for this bucket", "Local      refused: the bucket has no CORS configuration"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"cors", "test", "--demo"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s\nstdout:\n%s", code, tc.code, stderr, stdout)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			if stderr != "" {
				t.Errorf("stderr %q, want nothing: the sandbox answers as S3 does", stderr)
			}
		})
	}
}

// TestCORSTestUsage: mistakes exit 2 with the reason and the usage, before
// anything is started or sent.
func TestCORSTestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"cors"}, "Usage: s3sec cors test"},
		{[]string{"cors", "frob"}, `unknown subcommand "frob"`},
		{[]string{"cors", "test", "--origin", "https://a.test", "--method", "GET"}, "name the bucket"},
		{[]string{"cors", "test", "b", "--method", "GET"}, "--origin is required"},
		{[]string{"cors", "test", "b", "--origin", "https://*.a.test", "--method", "GET"}, "no wildcard"},
		{[]string{"cors", "test", "b", "--origin", "a.test", "--method", "GET"}, "scheme://host[:port]"},
		{[]string{"cors", "test", "b", "--origin", "https://a.test"}, "--method is required"},
		{[]string{"cors", "test", "b", "--origin", "https://a.test", "--method", "PATCH"}, "allow only GET, PUT, POST, DELETE and HEAD"},
		{[]string{"cors", "test", "b", "--origin", "https://a.test", "--method", "GET", "--header", "x y"}, `header "x y"`},
		{[]string{"cors", "test", "b", "c", "--origin", "https://a.test", "--method", "GET"}, `unexpected argument "c"`},
		{[]string{"cors", "test", "--nope"}, "flag provided but not defined"},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, stdout, stderr, tc.want)
		}
	}
	for _, args := range [][]string{{"cors", "--help"}, {"cors", "test", "-h"}} {
		code, stdout, stderr := runCLI(t, args...)
		if code != exitOK || stderr != "" || !strings.Contains(stdout, "Usage: s3sec cors test") {
			t.Errorf("%v: exit %d, stderr %q, stdout %q", args, code, stderr, stdout)
		}
	}
}

// TestCORSTestDisagreement puts a reverse proxy that answers every
// preflight itself with a blanket allow (a real-world misconfiguration,
// like an endpoint that ignores bucket CORS) in front of the sandbox: the
// endpoint's verdict decides the exit status, and every way it differs
// from S3 is listed.
func TestCORSTestDisagreement(t *testing.T) {
	srv := cpSandbox(t)
	target, err := url.Parse(srv.HTTPURL())
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Header().Set("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE, HEAD")
			return
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	t.Setenv("AWS_ENDPOINT_URL", proxy.URL)
	t.Setenv("AWS_CA_BUNDLE", "")
	code, stdout, stderr := runCLI(t, "cors", "test", "acme-public-assets", "--origin", "https://shop.example.com", "--method", "DELETE")
	if code != exitOK {
		t.Fatalf("exit %d, want 0 (the endpoint allows); stderr %s\n%s", code, stderr, stdout)
	}
	for _, want := range []string{
		"Endpoint   200 OK: allowed",
		"Local      refused: no rule allowing origin https://shop.example.com allows method DELETE",
		"Agreement  DISAGREE: the endpoint behaves unlike S3",
		"  - status: endpoint 200, S3 would answer 403",
		"  - error code: endpoint (none), S3 would answer AccessForbidden",
		`  - Access-Control-Allow-Origin: endpoint sent "*", S3 would send none`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "differs from S3's for these rules") {
		t.Errorf("stderr %q, want the disagreement noted", stderr)
	}
}
