package corstester

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/faultnet"
	"github.com/s3sec/s3sec/sandbox"
	"github.com/s3sec/s3sec/ui"
)

// openSession opens an awsops session on url as the sandbox's root user.
func openSession(t *testing.T, url, caFile string, keyID, secret string) *awsops.Session {
	t.Helper()
	t.Setenv("AWS_CA_BUNDLE", "")
	s, err := awsops.Open(context.Background(), awsops.Options{Region: "us-east-1", EndpointURL: url, CABundle: caFile,
		AccessKeyID: keyID, SecretAccessKey: secret, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// otherRules sends real preflights through the session but evaluates them
// locally with rules of its own, as if the endpoint ignored the bucket's:
// the disagreement the tester must flag.
type otherRules struct {
	s     *awsops.Session
	rules []awsops.CORSRule
}

func (o otherRules) CheckPreflight(ctx context.Context, bucket, region, key string, req awsops.CORSRequest) (awsops.PreflightCheck, error) {
	a, err := o.s.SendPreflight(ctx, bucket, region, key, req)
	c := awsops.PreflightCheck{Bucket: bucket, Request: req, Rules: o.rules, Endpoint: a}
	c.Local, c.Differences = awsops.ComparePreflight(o.rules, req, a)
	return c, err
}

// run sends the tester's preflight and hands it the answer, as the
// console's event loop would.
func run(t *testing.T, m *Model, origin, method, headers string) {
	t.Helper()
	m.ans = &answers{origin: origin, method: method, headers: headers}
	cmd := m.send()
	if !m.Busy() || !strings.Contains(ansi.Strip(strings.Join(m.View(80, 20, "*"), "\n")), "* sending OPTIONS with Origin "+origin) {
		t.Fatalf("sending: busy %v, view %q", m.Busy(), m.View(80, 20, "*"))
	}
	if done, _ := m.Update(cmd(), ui.NewKeyMap(false)); done || m.stage != showing {
		t.Fatalf("after the answer: done %v, stage %v, problem %q", done, m.stage, m.problem)
	}
}

// checkFits fails when the view is wider or taller than the pane.
func checkFits(t *testing.T, view []string, w, h int) {
	t.Helper()
	if len(view) > h {
		t.Errorf("%d lines for a pane of %d", len(view), h)
	}
	for _, l := range view {
		if ansi.StringWidth(l) > w {
			t.Errorf("line wider than %d: %q", w, ansi.Strip(l))
		}
	}
}

func TestTesterFlagsDisagreement(t *testing.T) {
	srv, err := sandbox.Start(sandbox.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	root := srv.Root()
	sess := openSession(t, srv.HTTPSURL(), srv.CAFile(), root.AccessKeyID, root.SecretAccessKey)
	// acme-public-assets allows GET from any origin; the local rules only
	// https://a.test, so a page on https://b.test splits the two.
	p := otherRules{sess, []awsops.CORSRule{{AllowedOrigins: []string{"https://a.test"}, AllowedMethods: []string{"GET"}}}}
	m, _ := New(p, ui.NewMonochromeStyles(), "acme-public-assets", "us-east-1", "https://a.test", 80)
	if m.Title() != "CORS test: origin" || !m.Typing() {
		t.Fatalf("opens on %q, typing %v; want the origin field", m.Title(), m.Typing())
	}
	run(t, m, "https://b.test", "GET", "")
	const h = 14
	view := m.View(80, h, "")
	checkFits(t, view, 80, h)
	text := ansi.Strip(strings.Join(view, "\n"))
	for _, want := range []string{"Endpoint  200 OK: allowed", "s3sec     refused", "no rule allows origin https://b.test",
		"✗ The endpoint behaves unlike S3", "lines 1–13 of", "(4 differences below)"} {
		if !strings.Contains(text, want) {
			t.Errorf("view lacks %q:\n%s", want, text)
		}
	}
	// The differences are below the fold: scroll to the end.
	for range 30 {
		m.Update(press("down"), ui.NewKeyMap(false))
	}
	text = ansi.Strip(strings.Join(m.View(80, h, ""), "\n"))
	for _, want := range []string{"• status: endpoint 200, S3 would answer 403", `• Access-Control-Allow-Origin: endpoint sent "*", S3`} {
		if !strings.Contains(text, want) {
			t.Errorf("scrolled view lacks %q:\n%s", want, text)
		}
	}
	// t tests again from the same answers.
	m.Update(press("t"), ui.NewKeyMap(false))
	if m.stage != editing || m.ans.origin != "https://b.test" {
		t.Errorf("t: stage %v, origin %q; want the form on the last answers", m.stage, m.ans.origin)
	}
}

func TestTesterCancel(t *testing.T) {
	url := faultnet.Silent(t, "") // accepts, never answers
	sess := openSession(t, url, "", "AKIDEXAMPLE", "secret")
	m, _ := New(sess, ui.NewMonochromeStyles(), "b", "us-east-1", "", 80)
	m.ans = &answers{origin: "https://a.test", method: "PUT"}
	cmd := m.send()
	answered := make(chan any, 1)
	go func() { answered <- cmd() }()
	done, _ := m.Back() // esc while the preflight is in flight
	if done || m.stage != editing || !strings.Contains(m.problem, "canceled") || m.cancel != nil {
		t.Fatalf("esc while sending: done %v, stage %v, problem %q", done, m.stage, m.problem)
	}
	var msg any
	select {
	case msg = <-answered:
	case <-time.After(30 * time.Second):
		t.Fatal("the preflight did not end after esc canceled its context")
	}
	r := msg.(resultMsg)
	if r.err == nil {
		t.Fatalf("a canceled preflight answered %+v", r.check)
	}
	m.Update(r, ui.NewKeyMap(false)) // the late answer must not replace the form
	if m.stage != editing || !strings.Contains(m.problem, "canceled") || m.ans.origin != "https://a.test" {
		t.Errorf("after the late answer: stage %v, problem %q, origin %q", m.stage, m.problem, m.ans.origin)
	}
	if done, _ := m.Back(); !done {
		t.Error("esc on the form must close the tester")
	}
}

// press is a key press by name.
func press(k string) tea.KeyPressMsg {
	switch k {
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	return tea.KeyPressMsg{Code: rune(k[0]), Text: k}
}
