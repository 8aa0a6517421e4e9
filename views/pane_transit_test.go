package views

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// transitSpec is the TLS-only policy of S3-BEHAVIOR §6.2 for bucket demo.
const transitSpec = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",` +
	`"Resource":["arn:aws:s3:::demo","arn:aws:s3:::demo/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`

// transitLines renders the Transit pane of bucket demo with policy, at 80 columns.
func transitLines(t *testing.T, policy string, secure bool) string {
	t.Helper()
	a := awsops.AnalyseTLSPolicy(policy, "demo")
	s := &awsops.BucketState{Name: "demo", Policy: &awsops.Policy{Present: policy != "", JSON: policy,
		TLSEnforced: a.Verdict == awsops.TLSEnforced, TLSWrong: a.Verdict == awsops.TLSWrong}}
	e := paneEnv{st: ui.NewMonochromeStyles(), state: s, width: 80, height: 20, secure: secure}
	lines := transitPane{}.lines(e)
	for _, l := range lines {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("line wider than 80: %q", l)
		}
	}
	return strings.Join(strings.Fields(ansi.Strip(strings.Join(lines, "\n"))), " ")
}

// Each wrong variant of the issue is explained in plain words and never
// counted; the right ones name the statement that enforces.
func TestTransitPaneExplainsEachVariant(t *testing.T) {
	v := func(old, new string) string {
		if !strings.Contains(transitSpec, old) {
			t.Fatalf("%q not in the spec policy", old)
		}
		return strings.Replace(transitSpec, old, new, 1)
	}
	wrong := "TLS only no — the policy tries but falls short"
	tests := []struct {
		name, policy string
		want         []string
	}{
		{"spec policy", transitSpec, []string{"TLS only yes", `by statement "DenyInsecureTransport" (aws:SecureTransport)`}},
		{"no policy", "", []string{"TLS only no plain-HTTP requests are allowed", "No bucket policy."}},
		{"Deny with true", v(`"false"`, `"true"`), []string{wrong, `the HTTPS ones, and lets plain HTTP through; the value must be "false"`, `drops the Deny on "true"`}},
		{"Allow with true", strings.Replace(v(`"Deny"`, `"Allow"`), `"false"`, `"true"`, 1), []string{wrong, "is an Allow: it grants HTTPS requests but denies nothing"}},
		{"objects only", v(`["arn:aws:s3:::demo","arn:aws:s3:::demo/*"]`, `"arn:aws:s3:::demo/*"`), []string{wrong, "does not cover the bucket itself (arn:aws:s3:::demo)"}},
		{"bucket only", v(`["arn:aws:s3:::demo","arn:aws:s3:::demo/*"]`, `"arn:aws:s3:::demo"`), []string{wrong, "does not cover all the objects"}},
		{"narrow Action", v(`"Action":"s3:*"`, `"Action":["s3:GetObject","s3:PutObject"]`), []string{wrong, "denies only s3:GetObject, s3:PutObject"}},
		{"NotPrincipal", v(`"Principal":"*"`, `"NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/ops"}`), []string{wrong, "uses NotPrincipal: the principals it names are exempt"}},
		{"extra condition", v(`{"Bool":{"aws:SecureTransport":"false"}}`, `{"Bool":{"aws:SecureTransport":"false"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`), []string{wrong, "has an extra condition (IpAddress aws:SourceIp)"}},
		{"TlsVersion alone", v(`{"Bool":{"aws:SecureTransport":"false"}}`, `{"NumericLessThan":{"s3:TlsVersion":"1.2"}}`), []string{wrong, "no aws:SecureTransport statement: a plain-HTTP request has no TLS version"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := transitLines(t, tc.policy, true)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q missing in:\n%s", w, got)
				}
			}
			if strings.Contains(got, "TLS only yes") != (tc.name == "spec policy") {
				t.Errorf("verdict wrong:\n%s", got)
			}
		})
	}
}

func TestTransitPaneSaysHowTheConsoleConnects(t *testing.T) {
	if got := transitLines(t, transitSpec, true); !strings.Contains(got, "This console HTTPS") {
		t.Errorf("HTTPS: %s", got)
	}
	got := transitLines(t, transitSpec, false)
	if !strings.Contains(got, "This console plain HTTP") || !strings.Contains(got, "uses plain HTTP, which the bucket refuses") {
		t.Errorf("HTTP: %s", got)
	}
}

func TestTransitPaneFlagsADenyOnHTTPSBesideARightStatement(t *testing.T) {
	both, _ := awsops.UpsertStatement(strings.Replace(transitSpec, `"false"`, `"true"`, 1), awsops.TLSOnlyStatement("demo"))
	got := transitLines(t, both, true)
	if !strings.Contains(got, "TLS only yes") || !strings.Contains(got, `statement "DenyInsecureTransport" denies requests where aws:SecureTransport is "true"`) {
		t.Fatalf("%s", got)
	}
}

// In read-only mode the policy can still be read (p), and nothing that
// would change it runs: e and d on the pane and in the viewer say why.
func TestTransitReadOnlySandbox(t *testing.T) {
	d := newDriver(t, Config{Backend: openSandbox(t), Demo: true, ReadOnly: true, Parallel: 4, Clock: sandboxClock}, 80, 24)
	d.open("acme-access-logs", "Transit")
	d.keys("e")
	d.mustRead("read-only mode")
	d.keys("p")
	d.mustRead("Bucket policy of acme-access-logs", "S3ServerAccessLogsPolicy")
	if strings.Contains(d.screen(), "edit in $EDITOR") {
		t.Fatalf("the viewer offers editing in read-only mode:\n%s", d.screen())
	}
	d.keys("e")
	d.mustRead("e: read-only mode")
	d.keys("d")
	d.mustRead("Bucket policy of acme-access-logs")
	if strings.Contains(d.screen(), "Plan:") {
		t.Fatalf("a plan opened in read-only mode:\n%s", d.screen())
	}
}
