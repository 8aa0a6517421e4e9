package cmd

import (
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
