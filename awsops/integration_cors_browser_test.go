package awsops_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/chromedp/chromedp"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// The real-browser tier: Debian's Chromium, headless, driven over the
// DevTools protocol, is the judge of what CORS rules let a web page do.
// Everything else in the suite compares implementations of S3's side; only
// a browser applies the other half (blocking, exposing headers).
//
// Plain HTTP, not the sandbox's HTTPS listener: CORS is decided on origins
// and headers, identically over either scheme, and both origins are on
// loopback, which browsers treat as potentially trustworthy. Trusting the
// sandbox's per-run CA would mean importing it into an NSS database for the
// browser profile (certutil, not always installed), and the alternative,
// --ignore-certificate-errors, does not trust the CA but skips verification
// for everything. The plain-HTTP listener keeps the test about CORS alone.

// findBrowser returns the Chromium to drive, or skips the test when there
// is none (except under CI=true, where the tier must run).
func findBrowser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found (chromium, chromium-browser, google-chrome), and CI=true: the browser tier must run in CI (apt-get install -y chromium)")
	}
	t.Skip("no Chromium found on PATH: real-browser CORS test skipped (apt-get install -y chromium)")
	return ""
}

// browserPage is a headless Chromium tab showing a page of its own origin.
type browserPage struct {
	ctx    context.Context
	origin string
}

// openBrowserPage serves an empty page on a loopback origin of its own
// and opens it in a fresh headless Chromium (its own profile, no
// background networking, no first-run or sync traffic).
func openBrowserPage(t *testing.T, exe string) browserPage {
	t.Helper()
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>page</title><p>a page on its own origin")
	}))
	t.Cleanup(page.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], // headless, disable-background-networking, no-first-run, ...
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true), // small /dev/shm in containers
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root with its sandbox
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTime)
	if err := chromedp.Do(ctx, chromedp.Navigate(page.URL)); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return browserPage{ctx: ctx, origin: page.URL}
}

// fetchResult is what the page's fetch saw.
type fetchResult struct {
	OK     bool   `json:"ok"` // the fetch resolved (CORS let the page read the answer)
	Status int    `json:"status"`
	Body   string `json:"body"`
	ETag   string `json:"etag"` // "" when the page cannot read it
	Error  string `json:"error"`
}

// fetch runs fetch(url, {method, body}) in the page, without the HTTP
// cache (an answer cached under the old rules must not be reused).
func (p browserPage) fetch(t *testing.T, method, url, body string) fetchResult {
	t.Helper()
	init := fmt.Sprintf(`{method: %q, cache: "no-store"}`, method)
	if body != "" {
		init = fmt.Sprintf(`{method: %q, cache: "no-store", body: %q, headers: {"Content-Type": "text/plain"}}`, method, body)
	}
	js := fmt.Sprintf(`fetch(%q, %s)
		.then(r => r.text().then(b => ({ok: true, status: r.status, body: b, etag: r.headers.get("ETag") || ""})))
		.catch(e => ({ok: false, error: String(e)}))`, url, init)
	r, err := chromedp.Run(p.ctx, chromedp.Evaluate[fetchResult](js, chromedp.EvalAwaitPromise))
	t.Logf("page %s: %s → %+v", p.origin, method, r)
	if err != nil {
		t.Fatalf("fetch in the browser: %v", err)
	}
	return r
}

func TestCORSInRealBrowser(t *testing.T) {
	exe := findBrowser(t)
	env, srv := sandboxEnv(t, sandbox.Options{})
	const bucket, key = "browser-cors", "hello.txt"
	st := stage{t: t, env: env, ctx: context.Background()}
	st.create(suiteBucket{bucket, "us-east-1"})
	ctx := context.Background()
	// The page's requests are presigned (a page holds no keys): for the
	// sandbox's plain-HTTP listener, the origin the browser calls.
	root := srv.Root()
	plain := s3.NewFromConfig(aws.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(root.AccessKeyID, root.SecretAccessKey, "")},
		func(o *s3.Options) { o.BaseEndpoint = aws.String(srv.HTTPURL()); o.UsePathStyle = true })
	if _, err := plain.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader("hello from s3")}); err != nil {
		t.Fatal(err)
	}
	presign := s3.NewPresignClient(plain)
	getURL := func() string {
		r, err := presign.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		return r.URL
	}
	putURL := func(k string) string {
		r, err := presign.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(k)})
		if err != nil {
			t.Fatal(err)
		}
		return r.URL
	}

	page := openBrowserPage(t, exe)
	sess := env.open(t)
	apply := func(rule awsops.CORSRule) {
		t.Helper()
		p, err := awsops.PutCORSPlan(bucket, "us-east-1", []awsops.CORSRule{rule})
		if err != nil {
			t.Fatal(err)
		}
		if err := sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
			t.Fatalf("applying %s: %v", p.Steps[0].CLI, err)
		}
	}

	// tester checks the console's preflight tester against the browser: its
	// verdict (BrowserAllows on the endpoint's answer) must be Chromium's
	// for the same preflighted PUT, and the sandbox must agree with S3.
	tester := func(browserAllowed bool) {
		t.Helper()
		c, err := sess.CheckPreflight(ctx, bucket, "us-east-1", "x.txt",
			awsops.CORSRequest{Origin: page.origin, Method: "PUT", Headers: []string{"Content-Type"}})
		if err != nil {
			t.Fatal(err)
		}
		if c.Allowed() != browserAllowed || !c.Agrees() {
			t.Errorf("tester: allowed %v, browser %v; differences %v", c.Allowed(), browserAllowed, c.Differences)
		}
	}

	// No CORS configuration: the browser blocks the page from reading,
	// although the URL itself answers (so the block is CORS, not the network).
	resp, err := http.Get(getURL())
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the presigned URL outside the browser: %v %v", resp, err)
	}
	resp.Body.Close()
	if r := page.fetch(t, "GET", getURL(), ""); r.OK || !strings.Contains(r.Error, "Failed to fetch") {
		t.Fatalf("GET before any rule: %+v, want blocked (TypeError: Failed to fetch)", r)
	}
	r := page.fetch(t, "PUT", putURL("blocked.txt"), "never stored")
	if r.OK {
		t.Fatalf("PUT before any rule: %+v, want blocked at the preflight", r)
	}
	tester(r.OK)

	// A rule for the page's origin, without exposed headers.
	apply(awsops.CORSRule{AllowedOrigins: []string{page.origin}, AllowedMethods: []string{"GET", "PUT"}, AllowedHeaders: []string{"Content-Type"}})
	r = page.fetch(t, "GET", getURL(), "")
	if !r.OK || r.Status != 200 || r.Body != "hello from s3" {
		t.Fatalf("GET after the rule: %+v, want 200 and the object", r)
	}
	if r.ETag != "" {
		t.Errorf("the page read ETag %q although the rule exposes no header", r.ETag)
	}

	// A browser PUT (preflighted: PUT is not a simple method).
	r = page.fetch(t, "PUT", putURL("from-browser.txt"), "written by a page")
	if !r.OK || r.Status != 200 || r.ETag != "" {
		t.Fatalf("browser PUT: %+v, want 200 with ETag unreadable", r)
	}
	tester(r.OK)
	got, err := plain.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("from-browser.txt")})
	if err != nil {
		t.Fatalf("the browser's object: %v", err)
	}
	body, _ := io.ReadAll(got.Body)
	got.Body.Close()
	if string(body) != "written by a page" {
		t.Errorf("the browser's object holds %q", body)
	}

	// Exposing ETag lets the page read it (what browser multipart uploads need).
	apply(awsops.CORSRule{AllowedOrigins: []string{page.origin}, AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type"}, ExposeHeaders: []string{"ETag"}})
	head, err := plain.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	if r := page.fetch(t, "GET", getURL(), ""); !r.OK || r.ETag == "" || r.ETag != aws.ToString(head.ETag) {
		t.Errorf("GET with ETag exposed: %+v, want ETag %s", r, aws.ToString(head.ETag))
	}
	if r := page.fetch(t, "PUT", putURL("second.txt"), "again"); !r.OK || r.ETag == "" {
		t.Errorf("PUT with ETag exposed: %+v, want the new object's ETag readable", r)
	}

	// A rule for another origin only: blocked again.
	apply(awsops.CORSRule{AllowedOrigins: []string{"https://elsewhere.example"}, AllowedMethods: []string{"GET", "PUT"}})
	if r := page.fetch(t, "GET", getURL(), ""); r.OK {
		t.Errorf("GET with a rule for another origin: %+v, want blocked", r)
	}
	r = page.fetch(t, "PUT", putURL("blocked.txt"), "never stored")
	if r.OK {
		t.Errorf("PUT with a rule for another origin: %+v, want blocked", r)
	}
	tester(r.OK)
	if _, err := plain.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String("blocked.txt")}); err == nil {
		t.Error("a PUT blocked at its preflight stored the object")
	}
}
