package sandbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/s3sec/s3sec/sandbox/kms"
)

// Server is a running sandbox: one handler served on a plain-HTTP and an
// HTTPS loopback listener, with all state in memory (object content, sealed,
// optionally in files under Options.DataDir).
type Server struct {
	opts        Options
	root, admin *principal
	ca          *certAuthority
	caFile      string
	removeCA    bool // the CA file is ours to delete on Close

	httpLn, tlsLn   net.Listener
	httpSrv, tlsSrv *http.Server

	store      *store
	blobs      blobStore // where sealed object content lives: memory or Options.DataDir
	versionIDs versionIDSource
	sse        sseState       // encryption at rest: master key, bucket keys, KMS call counts
	iam        iamStore       // IAM virtual MFA devices and the MFA code replay guard
	kms        *kms.Service   // the KMS endpoint and S3's key service
	logs       accessLogState // server access log records waiting for delivery, failed deliveries
	writes     writeCounter   // mutating S3 requests received (writes.go)

	fresh     freshConns // connections without a request yet, dropped at once by Close
	closeOnce sync.Once
	closeErr  error
}

// Start listens on both addresses, generates a CA and a server certificate
// (SANs 127.0.0.1, ::1, localhost), writes the CA PEM, loads the demo data when
// asked, and serves until Close.
func Start(opts Options) (*Server, error) {
	o := opts.withDefaults()
	if !o.AllowRemote {
		for _, a := range []string{o.Addr, o.TLSAddr} {
			if err := requireLoopback(a); err != nil {
				return nil, err
			}
		}
	}
	s := &Server{opts: o, store: newStore(), blobs: memoryBlobs{}}
	if o.DataDir != "" {
		disk, err := newDiskBlobs(o.DataDir)
		if err != nil {
			return nil, err
		}
		s.blobs = disk
		defer func() {
			if s.httpSrv == nil { // Start failed: nothing will call Close
				_ = disk.close()
			}
		}()
	}
	s.root, s.admin = newPrincipals(o)
	// The KMS quota starts once the demo data is in: loading it is not a caller's traffic.
	s.kms = kms.New(kms.Options{AccountID: o.AccountID, Clock: o.Clock, IdentityDenies: s.kmsIdentityDenies})
	if o.Seed {
		if err := s.seed(); err != nil {
			return nil, fmt.Errorf("sandbox: seed: %w", err)
		}
	}
	s.kms.SetRequestsPerSecond(o.KMSRequestsPerSecond)
	s.startLogDelivery()

	var err error
	if s.httpLn, err = net.Listen("tcp", o.Addr); err != nil {
		return nil, fmt.Errorf("sandbox: listen %s: %w", o.Addr, err)
	}
	if s.tlsLn, err = net.Listen("tcp", o.TLSAddr); err != nil {
		s.httpLn.Close()
		return nil, fmt.Errorf("sandbox: listen %s: %w", o.TLSAddr, err)
	}
	if s.ca, err = newCertAuthority(listenerIPs(s.httpLn, s.tlsLn)); err != nil {
		s.closeListeners()
		return nil, err
	}
	if err = s.writeCAFile(); err != nil {
		s.closeListeners()
		return nil, err
	}

	h := s.Handler()
	s.fresh.out = o.LogWriter // a panic in a handler shows where the caller looks
	errorLog := log.New(&s.fresh, "", log.LstdFlags)
	s.httpSrv = &http.Server{Handler: h, ReadHeaderTimeout: 30 * time.Second, ConnState: s.fresh.track, ErrorLog: errorLog}
	s.tlsSrv = &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 30 * time.Second,
		ConnState:         s.fresh.track,
		ErrorLog:          errorLog,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{s.ca.server}, MinVersion: tls.VersionTLS12},
	}
	go func() { _ = s.httpSrv.Serve(s.httpLn) }()
	go func() { _ = s.tlsSrv.Serve(tls.NewListener(s.tlsLn, s.tlsSrv.TLSConfig)) }()
	return s, nil
}

// Handler returns the sandbox's request handler (both listeners serve it).
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// HTTPURL is the plain-HTTP endpoint, e.g. "http://127.0.0.1:PORT".
func (s *Server) HTTPURL() string { return "http://" + s.httpLn.Addr().String() }

// HTTPSURL is the HTTPS endpoint, e.g. "https://127.0.0.1:PORT".
func (s *Server) HTTPSURL() string { return "https://" + s.tlsLn.Addr().String() }

// CAFile is the path of the CA certificate PEM that signs the HTTPS certificate.
func (s *Server) CAFile() string { return s.caFile }

// CAPEM is the CA certificate in PEM form.
func (s *Server) CAPEM() []byte { return append([]byte(nil), s.ca.caPEM...) }

// AccountID is the account that owns every sandbox bucket.
func (s *Server) AccountID() string { return s.opts.AccountID }

// Root returns the account root user's credentials.
func (s *Server) Root() Credentials { return s.root.creds }

// Admin returns the IAM user admin's credentials (ARN arn:aws:iam::ACCOUNT:user/admin).
func (s *Server) Admin() Credentials { return s.admin.creds }

// Close stops both listeners, closes idle connections and those that never
// sent a request at once, waits briefly for requests in flight and removes
// the CA file when the sandbox created it.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.stopLogDelivery()
		s.fresh.closeAll()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		errs := []error{shutdown(ctx, s.httpSrv), shutdown(ctx, s.tlsSrv), s.blobs.close()}
		if s.removeCA {
			if err := os.Remove(s.caFile); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
		}
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}

// shutdown stops srv gracefully, then forcefully when ctx expires.
func shutdown(ctx context.Context, srv *http.Server) error {
	if err := srv.Shutdown(ctx); err != nil {
		return srv.Close()
	}
	return nil
}

// closeListeners releases the listeners when Start fails half-way.
func (s *Server) closeListeners() {
	s.httpLn.Close()
	s.tlsLn.Close()
}

// writeCAFile writes the CA PEM to Options.CAFile or to a fresh temp file.
func (s *Server) writeCAFile() error {
	if s.opts.CAFile != "" {
		s.caFile = s.opts.CAFile
		if err := os.WriteFile(s.caFile, s.ca.caPEM, 0o644); err != nil {
			return fmt.Errorf("sandbox: write CA file: %w", err)
		}
		return nil
	}
	f, err := os.CreateTemp("", "s3sec-sandbox-ca-*.pem")
	if err != nil {
		return fmt.Errorf("sandbox: CA file: %w", err)
	}
	_, werr := f.Write(s.ca.caPEM)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("sandbox: write CA file: %w", err)
	}
	s.caFile, s.removeCA = f.Name(), true
	return nil
}

// requireLoopback refuses listen addresses other machines could reach.
func requireLoopback(addr string) error {
	if err := CheckLoopback(addr); err != nil {
		return fmt.Errorf("sandbox: %w (set AllowRemote to override)", err)
	}
	return nil
}

// CheckLoopback returns an error unless addr (host:port) is a loopback
// address or localhost: the sandbox is for this machine only.
func CheckLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("bad listen address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("listen address %q is not a loopback address", addr)
	}
	return nil
}

// listenerIPs returns the IP addresses the listeners are bound to, so a
// non-loopback bind (AllowRemote) still gets a matching certificate.
func listenerIPs(lns ...net.Listener) []net.IP {
	var ips []net.IP
	for _, ln := range lns {
		if a, ok := ln.Addr().(*net.TCPAddr); ok {
			ips = append(ips, a.IP)
		}
	}
	return ips
}
