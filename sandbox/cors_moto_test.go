package sandbox_test

import (
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// startMotoServer runs moto_server on a free loopback port for one test, or
// skips the test when it is not installed (fails under CI=true, where the
// peer tier must run).
func startMotoServer(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("moto_server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("moto_server not found on PATH, and CI=true: the peer tier must run in CI (pip install 'moto[server]')")
		}
		t.Skip("moto_server not found on PATH: peer tier skipped (install with pip install 'moto[server]')")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := client.Get(url + "/moto-api/"); err == nil {
			resp.Body.Close()
			return url
		}
	}
	t.Fatalf("moto_server did not answer on %s within 30s", url)
	return ""
}

// corsPeer is one S3 implementation the same preflights are sent to.
type corsPeer struct {
	name, url string
	http      *http.Client
}

// preflightAnswer is what the comparison looks at: status, the error's
// elements and the CORS headers.
type preflightAnswer struct {
	Status  int
	Error   corsErrorDoc
	Headers map[string]string
}

// send sends an unsigned OPTIONS request to the peer.
func (p corsPeer) send(t *testing.T, path string, header map[string]string) preflightAnswer {
	t.Helper()
	req, err := http.NewRequest(http.MethodOptions, p.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := p.http.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", p.name, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	a := preflightAnswer{Status: resp.StatusCode, Headers: corsHeaders(resp.Header)}
	if len(body) > 0 {
		_ = xml.Unmarshal(body, &a.Error) // moto may answer a body that is not an error document
		a.Error.RequestId, a.Error.HostId = "", ""
	}
	return a
}

// corsNotAllowedMessage is S3's message for a preflight no rule allows
// (sic: "evalution"); shortened to "<not allowed>" in the differences.
const corsNotAllowedMessage = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."

// diffAnswers names each difference between the sandbox's and moto's answers.
func diffAnswers(sb, mt preflightAnswer) []string {
	var d []string
	if sb.Status != mt.Status {
		d = append(d, fmt.Sprintf("status %d vs %d", sb.Status, mt.Status))
	}
	for _, f := range []struct{ name, a, b string }{
		{"Code", sb.Error.Code, mt.Error.Code}, {"Message", sb.Error.Message, mt.Error.Message},
		{"Method", sb.Error.Method, mt.Error.Method}, {"ResourceType", sb.Error.ResourceType, mt.Error.ResourceType},
	} {
		if f.a != f.b {
			d = append(d, strings.ReplaceAll(fmt.Sprintf("%s %q vs %q", f.name, f.a, f.b), corsNotAllowedMessage, "<not allowed>"))
		}
	}
	var names []string
	for k := range sb.Headers {
		names = append(names, k)
	}
	for k := range mt.Headers {
		if _, ok := sb.Headers[k]; !ok {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		a, aok := sb.Headers[k]
		b, bok := mt.Headers[k]
		switch {
		case !bok:
			d = append(d, k+" only in sandbox")
		case !aok:
			d = append(d, k+" only in moto")
		case a != b:
			d = append(d, fmt.Sprintf("%s %q vs %q", k, a, b))
		}
	}
	return d
}

// TestCORSPreflightMoto sends the same preflights to the sandbox and to
// moto_server, configured with the same rules, and names every difference.
// The sandbox follows AWS's recorded answers (S3-BEHAVIOR.md 5.2); each
// listed difference is moto's deviation from them.
func TestCORSPreflightMoto(t *testing.T) {
	motoURL := startMotoServer(t)
	srv, sc := corsSandbox(t)
	mc := s3.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(motoURL)
		o.UsePathStyle = true
	})
	for _, b := range []string{"web", "plain", "one"} {
		mustBucket(t, mc, b)
	}
	// "one" holds only the first rule: with a single rule moto's evaluation
	// (every rule, see below) and S3's (first match) can agree.
	mustBucket(t, sc, "one")
	for _, put := range []struct {
		c      *s3.Client
		bucket string
		rules  []s3types.CORSRule
	}{{mc, "web", corsTestRules}, {mc, "one", corsTestRules[:1]}, {sc, "one", corsTestRules[:1]}} {
		if _, err := put.c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(put.bucket),
			CORSConfiguration: &s3types.CORSConfiguration{CORSRules: put.rules}}); err != nil {
			t.Fatal(err)
		}
	}
	sb := corsPeer{"sandbox", srv.HTTPSURL(), httpClient(t, srv)}
	mt := corsPeer{"moto", motoURL, &http.Client{Timeout: 10 * time.Second}}

	ok := "https://app.example.com"
	// moto's deviations (moto 5.2; S3's answers are in S3-BEHAVIOR.md 5.2):
	//   every-rule: moto applies every rule, not the first that matches, and
	//     refuses as soon as one rule's origins lack the origin, so "web"
	//     (three rules, three origins) refuses every preflight;
	//   flask-cors: moto_server's own CORS layer adds Access-Control-Allow-Origin
	//     (the origin), Access-Control-Allow-Methods (all methods) and
	//     Vary: Origin to its answers, refusals included;
	//   leaked: headers moto set from rules before refusing stay on the 403;
	//   no-elements: moto's AccessForbidden has no Method and ResourceType;
	//   rule-headers: moto answers the rule's AllowedHeaders, not the
	//     requested names, and never sends Allow-Credentials or S3's Vary;
	//   no-checks: moto answers 500 without Origin, an empty 403 for an unknown
	//     bucket, 200 without a configuration and 200 for a method no rule allows.
	flaskCORS := []string{"Access-Control-Allow-Methods only in moto", "Access-Control-Allow-Origin only in moto", "Vary only in moto"}
	leakedAll := []string{"Access-Control-Allow-Headers only in moto", "Access-Control-Allow-Methods only in moto",
		"Access-Control-Allow-Origin only in moto", "Access-Control-Expose-Headers only in moto", "Access-Control-Max-Age only in moto"}
	refusedByMoto := []string{"status 200 vs 403", `Code "" vs "AccessForbidden"`, `Message "" vs "<not allowed>"`}
	noElements := func(method, resourceType string, rest ...string) []string {
		return append([]string{`Method "` + method + `" vs ""`, `ResourceType "` + resourceType + `" vs ""`}, rest...)
	}
	cases := []struct {
		name, path string
		header     map[string]string
		moto       []string // moto's deviations, named
	}{
		{"allowed, headers case-insensitively", "/web/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "PUT",
			"Access-Control-Request-Headers": "Content-Type,X-Amz-Date"}, // every-rule, leaked
			append(refusedByMoto, "Access-Control-Allow-Credentials only in sandbox",
				`Access-Control-Allow-Headers "content-type, x-amz-date" vs "Content-Type, x-amz-*"`,
				`Access-Control-Allow-Methods "PUT, GET, DELETE" vs "GET"`, "Vary only in sandbox")},
		{"wildcard subdomain", "/web", map[string]string{"Origin": "http://a.origin.test", "Access-Control-Request-Method": "GET"}, // every-rule, flask-cors
			append(refusedByMoto, "Access-Control-Allow-Credentials only in sandbox",
				`Access-Control-Allow-Methods "GET" vs "PUT, GET, DELETE|DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"`,
				`Vary "Origin, Access-Control-Request-Headers, Access-Control-Request-Method" vs "Origin"`)},
		{"star origin", "/web/k", map[string]string{"Origin": "https://elsewhere.test", "Access-Control-Request-Method": "HEAD"}, // every-rule, flask-cors
			append(refusedByMoto,
				`Access-Control-Allow-Methods "HEAD" vs "PUT, GET, DELETE|DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"`,
				`Access-Control-Allow-Origin "*" vs "https://elsewhere.test"`,
				`Vary "Origin, Access-Control-Request-Headers, Access-Control-Request-Method" vs "Origin"`)},
		{"no Origin", "/web/k", map[string]string{"Access-Control-Request-Method": "GET"}, // no-checks
			[]string{"status 400 vs 500", `Code "BadRequest" vs ""`, `Message "Insufficient information. Origin request header needed." vs ""`}},
		{"unknown bucket", "/nobucket/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "GET"}, // no-checks, flask-cors
			append([]string{`Code "AccessForbidden" vs ""`, `Message "CORSResponse: Bucket not found" vs ""`,
				`Method "GET" vs ""`, `ResourceType "BUCKET" vs ""`}, flaskCORS...)},
		{"no configuration", "/plain/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "PUT"}, // no-checks, flask-cors
			append([]string{"status 403 vs 200", `Code "AccessForbidden" vs ""`, `Message "CORSResponse: CORS is not enabled for this bucket." vs ""`,
				`Method "PUT" vs ""`, `ResourceType "BUCKET" vs ""`}, flaskCORS...)},
		{"no Access-Control-Request-Method", "/web/k", map[string]string{"Origin": ok}, // no-elements, leaked
			noElements("OPTIONS", "OBJECT", leakedAll...)},
		{"origin not allowed", "/web/k", map[string]string{"Origin": "https://evil.test", "Access-Control-Request-Method": "GET"}, // no-elements, flask-cors
			noElements("GET", "OBJECT", flaskCORS...)},
		{"method not allowed", "/web/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "POST"}, // no-elements, leaked
			noElements("POST", "OBJECT", leakedAll...)},
		{"one header not allowed", "/web/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "PUT",
			"Access-Control-Request-Headers": "content-type, authorization"}, // no-elements, leaked
			noElements("PUT", "OBJECT", leakedAll...)},
		{"headers requested, rule allows none", "/web/k", map[string]string{"Origin": "http://x.origin.test",
			"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-amz-date"}, // no-elements, leaked, flask-cors
			noElements("GET", "OBJECT", "Access-Control-Allow-Headers only in moto", "Access-Control-Allow-Methods only in moto",
				"Access-Control-Allow-Origin only in moto", "Vary only in moto")},
		{"one rule: allowed", "/one/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "PUT",
			"Access-Control-Request-Headers": "Content-Type,X-Amz-Date"}, // rule-headers
			[]string{"Access-Control-Allow-Credentials only in sandbox",
				`Access-Control-Allow-Headers "content-type, x-amz-date" vs "Content-Type, x-amz-*"`, "Vary only in sandbox"}},
		{"one rule: method not allowed", "/one/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "POST"}, // no-checks
			append([]string{"status 403 vs 200", `Code "AccessForbidden" vs ""`, `Message "<not allowed>" vs ""`,
				`Method "POST" vs ""`, `ResourceType "OBJECT" vs ""`}, leakedAll...)},
		{"one rule: origin not allowed", "/one", map[string]string{"Origin": "https://evil.test", "Access-Control-Request-Method": "GET"}, // no-elements, flask-cors
			noElements("GET", "BUCKET", flaskCORS...)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := diffAnswers(sb.send(t, tc.path, tc.header), mt.send(t, tc.path, tc.header))
			if !reflect.DeepEqual(got, tc.moto) && !(len(got) == 0 && len(tc.moto) == 0) {
				t.Errorf("differences sandbox vs moto:\n got  %#v\n want %#v", got, tc.moto)
			}
		})
	}
}
