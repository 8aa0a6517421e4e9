// Package faultnet provides loopback servers that misbehave on purpose, for
// tests of timeouts: a listener that accepts connections and never answers,
// and a proxy in front of a real endpoint (the sandbox) that stalls or slows
// the requests a rule picks. Only tests import it.
package faultnet

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Silent starts a TCP listener on 127.0.0.1 that accepts connections and
// reads what is sent, but answers nothing, or, when head is not empty,
// writes head (a status line, headers and the start of a body, say) once
// the first request has arrived, and then nothing more. It returns "http://127.0.0.1:PORT" and
// closes everything when the test ends.
func Silent(t testing.TB, head string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			go func() {
				r := bufio.NewReader(c)
				if head != "" {
					// Answer the first request once it has fully arrived, as a
					// server does, then go quiet.
					req, err := http.ReadRequest(r)
					if err != nil {
						return
					}
					_, _ = io.Copy(io.Discard, req.Body)
					// A moment of latency, as over any network: answering on
					// the instant races net/http's check that the request body
					// is over with the SDK closing that body once answered,
					// and the loser closes the connection (not a stall).
					time.Sleep(50 * time.Millisecond)
					if _, err := io.WriteString(c, head); err != nil {
						return
					}
				}
				_, _ = io.Copy(io.Discard, r) // read on, never answer
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String()
}

// Fault is what the proxy does to one request.
type Fault int

const (
	// Pass forwards the request and its answer untouched.
	Pass Fault = iota
	// StallHeaders forwards nothing and answers nothing.
	StallHeaders
	// StallBody forwards the request, then sends the answer's headers and
	// its first StallAfter bytes, and nothing more.
	StallBody
	// Trickle forwards the answer's body Chunk bytes at a time, with Pause before each.
	Trickle
)

// Config says which requests the proxy disturbs and how.
type Config struct {
	Rule       func(*http.Request) Fault // nil: Pass for all
	StallAfter int                       // StallBody: bytes sent before the stall
	Chunk      int                       // Trickle: bytes per write
	Pause      time.Duration             // Trickle: pause before each write
}

// Proxy starts an HTTP proxy on 127.0.0.1 in front of target (an http://
// URL) and returns its URL. The Host header is forwarded as the client
// sent it, so Signature V4 signatures made for the proxy's address still
// verify at the target. Stalled requests end when the client gives up or
// the test ends.
func Proxy(t testing.TB, target string, cfg Config) string {
	t.Helper()
	h, release := proxyHandler(t, target, nil, cfg)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	t.Cleanup(release) // runs first (last in, first out): stalled handlers end, Close need not wait
	return srv.URL
}

// ProxyTLS is Proxy served over HTTPS, in front of an https:// target whose
// CA is targetCA (PEM). It returns the proxy's URL and a PEM file of the
// proxy's certificate, to trust as a CA bundle.
func ProxyTLS(t testing.TB, target string, targetCA []byte, cfg Config) (proxyURL, caFile string) {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(targetCA) {
		t.Fatal("faultnet: the target CA is not PEM")
	}
	h, release := proxyHandler(t, target, &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, cfg)
	srv := httptest.NewUnstartedServer(h)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	t.Cleanup(release)
	caFile = filepath.Join(t.TempDir(), "proxy-ca.pem")
	block := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, block, 0o600); err != nil {
		t.Fatal(err)
	}
	return srv.URL, caFile
}

// proxyHandler forwards to target through upstream (nil: the default
// transport). release ends the requests it holds stalled.
func proxyHandler(t testing.TB, target string, upstream http.RoundTripper, cfg Config) (h http.Handler, release func()) {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	rp := &httputil.ReverseProxy{
		Transport: upstream,
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(u)
			r.Out.Host = r.In.Host
		},
		FlushInterval: -1, // every byte goes out at once: a stall is a stall
		ErrorLog:      log.New(io.Discard, "", 0),
		ModifyResponse: func(resp *http.Response) error {
			ctx := resp.Request.Context()
			switch fault(cfg, resp.Request) {
			case StallBody:
				resp.Body = &stallingBody{ReadCloser: resp.Body, left: cfg.StallAfter, ctx: ctx, done: done}
			case Trickle:
				resp.Body = &tricklingBody{ReadCloser: resp.Body, chunk: max(cfg.Chunk, 1), pause: cfg.Pause}
			}
			return nil
		},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fault(cfg, r) == StallHeaders {
			select {
			case <-r.Context().Done():
			case <-done:
			}
			return
		}
		rp.ServeHTTP(w, r)
	}), func() { close(done) }
}

// fault applies the rule.
func fault(cfg Config, r *http.Request) Fault {
	if cfg.Rule == nil {
		return Pass
	}
	return cfg.Rule(r)
}

// stallingBody passes left bytes, then blocks until the request ends.
type stallingBody struct {
	io.ReadCloser
	left int
	ctx  context.Context
	done <-chan struct{}
}

// Read implements io.Reader.
func (b *stallingBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		select {
		case <-b.ctx.Done():
			return 0, b.ctx.Err()
		case <-b.done:
			return 0, io.ErrUnexpectedEOF
		}
	}
	if len(p) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= n
	return n, err
}

// tricklingBody passes chunk bytes per Read, after a pause.
type tricklingBody struct {
	io.ReadCloser
	chunk int
	pause time.Duration
}

// Read implements io.Reader.
func (b *tricklingBody) Read(p []byte) (int, error) {
	time.Sleep(b.pause)
	if len(p) > b.chunk {
		p = p[:b.chunk]
	}
	return b.ReadCloser.Read(p)
}
