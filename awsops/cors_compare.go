package awsops

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// PreflightCheck is one preflight seen twice: the console's own evaluation
// of the bucket's rules (cors_eval.go) and the endpoint's real answer. When
// the two disagree the endpoint behaves unlike S3 (MinIO, for example,
// ignores bucket CORS), or the rules changed between the read and the send.
type PreflightCheck struct {
	Bucket  string
	Key     string // "" for the bucket itself
	Request CORSRequest

	// Rules are the rules the local evaluation used; RulesErr says why they
	// could not be read (then Local is empty and nothing is compared).
	Rules    []CORSRule
	RulesErr error
	Local    CORSDecision

	Endpoint PreflightAnswer
	// Differences name, one per line, each way the endpoint's answer differs
	// from the one S3 would give for the rules; empty when they agree.
	Differences []string
}

// Compared reports whether the local evaluation could be set beside the answer.
func (c PreflightCheck) Compared() bool { return c.RulesErr == nil }

// Agrees reports whether the endpoint answered as S3 would for the rules.
func (c PreflightCheck) Agrees() bool { return c.Compared() && len(c.Differences) == 0 }

// Allowed is the verdict a browser draws from the endpoint's answer: a 2xx
// status, Access-Control-Allow-Origin naming the origin (or "*"), the method
// among Access-Control-Allow-Methods and every requested header among
// Access-Control-Allow-Headers. It is the endpoint's verdict, not the local
// one: what pages will actually experience.
func (c PreflightCheck) Allowed() bool { return BrowserAllows(c.Request, c.Endpoint) }

// BrowserAllows applies a browser's checks of a preflight answer (the
// Fetch standard's CORS check and its method and header checks; GET, HEAD
// and POST are CORS-safelisted methods a browser does not look for).
func BrowserAllows(req CORSRequest, a PreflightAnswer) bool {
	if a.Status < 200 || a.Status > 299 || req.Origin == "" {
		return false
	}
	origin, ok := a.Header("Access-Control-Allow-Origin")
	if !ok || (origin != "*" && origin != req.Origin) {
		return false
	}
	methods, _ := a.Header("Access-Control-Allow-Methods")
	listed := splitList(methods, false)
	safelisted := req.Method == http.MethodGet || req.Method == http.MethodHead || req.Method == http.MethodPost
	if !safelisted && !slices.Contains(listed, req.Method) && !slices.Contains(listed, "*") {
		return false
	}
	allowed, _ := a.Header("Access-Control-Allow-Headers")
	names := splitList(allowed, true)
	for _, h := range req.Headers {
		if !slices.Contains(names, strings.ToLower(strings.TrimSpace(h))) && !slices.Contains(names, "*") {
			return false
		}
	}
	return true
}

// splitList splits a comma-separated header value, trimming each item and
// lower-casing it when fold is set.
func splitList(v string, fold bool) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		p = strings.TrimSpace(p)
		if fold {
			p = strings.ToLower(p)
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// S3's error codes and messages for refused preflights (S3-BEHAVIOR.md
// 5.2; "evalution" is S3's spelling).
const (
	codePreflightNoOrigin  = "BadRequest"
	codePreflightRefused   = "AccessForbidden"
	msgPreflightNoOrigin   = "Insufficient information. Origin request header needed."
	msgPreflightNotEnabled = "CORSResponse: CORS is not enabled for this bucket."
	msgPreflightNotAllowed = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
)

// ComparePreflight evaluates rules locally for req and names every way the
// endpoint's answer a differs from what S3 would answer. It is pure.
func ComparePreflight(rules []CORSRule, req CORSRequest, a PreflightAnswer) (CORSDecision, []string) {
	req.Preflight = true
	local := EvaluateCORS(rules, req)
	var want []CORSHeader
	wantStatus, wantCode, wantMsg := http.StatusForbidden, codePreflightRefused, msgPreflightNotAllowed
	switch {
	case req.Origin == "":
		wantStatus, wantCode, wantMsg = http.StatusBadRequest, codePreflightNoOrigin, msgPreflightNoOrigin
	case len(rules) == 0:
		wantMsg = msgPreflightNotEnabled
	case local.Allowed:
		wantStatus, wantCode, wantMsg, want = http.StatusOK, "", "", local.Headers
	}
	var d []string
	if a.Status != wantStatus {
		d = append(d, fmt.Sprintf("status: endpoint %d, S3 would answer %d", a.Status, wantStatus))
	}
	if a.Code != wantCode {
		d = append(d, fmt.Sprintf("error code: endpoint %s, S3 would answer %s", orNone(a.Code), orNone(wantCode)))
	} else if a.Message != wantMsg {
		// Same code, other reason: "not enabled" where S3 says "not
		// allowed" means the endpoint sees another configuration.
		d = append(d, fmt.Sprintf("error message: endpoint %q, S3 would answer %q", a.Message, wantMsg))
	}
	return local, append(d, headerDifferences(want, a.Headers, local.Allowed)...)
}

// headerDifferences compares the CORS headers S3 would send (want) with
// those the endpoint sent. On a refusal S3 sends no Access-Control-*
// header; whether it sends Vary then is not recorded, so Vary is compared
// only on an allowed preflight.
func headerDifferences(want, got []CORSHeader, allowed bool) []string {
	find := func(hs []CORSHeader, name string) (string, bool) {
		for _, h := range hs {
			if strings.EqualFold(h.Name, name) {
				return h.Value, true
			}
		}
		return "", false
	}
	names := slices.Clone(corsHeaderOrder)
	for _, h := range got {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, h.Name) }) {
			names = append(names, h.Name)
		}
	}
	var d []string
	for _, name := range names {
		if name == "Vary" && !allowed {
			continue
		}
		w, wok := find(want, name)
		g, gok := find(got, name)
		switch {
		case wok && !gok:
			d = append(d, fmt.Sprintf("%s: endpoint sent none, S3 would send %q", name, w))
		case gok && !wok:
			d = append(d, fmt.Sprintf("%s: endpoint sent %q, S3 would send none", name, g))
		case wok && w != g:
			d = append(d, fmt.Sprintf("%s: endpoint sent %q, S3 would send %q", name, g, w))
		}
	}
	return d
}

// orNone shows an empty code as "(none)".
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// CheckPreflight reads the bucket's CORS rules, sends the preflight and
// compares the two. The rules are read at the moment of the test, not taken
// from an earlier scan, so an edit made elsewhere is not reported as the
// endpoint's fault. When the rules cannot be read the preflight is still
// sent and its answer shown (RulesErr says why nothing was compared); an
// error means the endpoint did not answer the preflight at all.
func (s *Session) CheckPreflight(ctx context.Context, bucket, region, key string, req CORSRequest) (PreflightCheck, error) {
	req.Preflight = true
	c := PreflightCheck{Bucket: bucket, Key: key, Request: req}
	rules, err := readCORS(s, ctx, s.s3Client(region), bucket)
	if err != nil {
		c.RulesErr = wrapOp("s3:GetBucketCors", err)
	} else {
		c.Rules = rules.(CORS).Rules
	}
	c.Endpoint, err = s.SendPreflight(ctx, bucket, region, key, req)
	if err != nil {
		return c, err
	}
	if c.RulesErr == nil {
		c.Local, c.Differences = ComparePreflight(c.Rules, req, c.Endpoint)
	}
	return c, nil
}
