package awsops

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// This file sends a real CORS preflight to the bucket's endpoint, the way a
// browser does: OPTIONS, unsigned, with Origin and the Access-Control-Request-*
// headers. cors_compare.go sets the answer beside the local evaluation.

// PreflightAnswer is what the endpoint answered to one preflight.
type PreflightAnswer struct {
	URL    string // where the OPTIONS request went
	Status int
	// Headers are the Access-Control-* and Vary headers of the answer, in the
	// order of corsHeaderOrder, then any other Access-Control-* by name.
	Headers []CORSHeader
	// Code and Message are the S3 error document's, when the body has one.
	Code, Message string
}

// Header returns the value of the named answer header and whether it was sent.
func (a PreflightAnswer) Header(name string) (string, bool) {
	for _, h := range a.Headers {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

// corsHeaderOrder is the order S3 sends its CORS headers in (and the order
// they are listed in the answer).
var corsHeaderOrder = []string{
	"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
	"Access-Control-Allow-Headers", "Access-Control-Expose-Headers", "Access-Control-Max-Age", "Vary",
}

// maxPreflightBody bounds what is read of an answer: an error document is
// well under 2 KB, and a misbehaving endpoint must not fill memory.
const maxPreflightBody = 64 << 10

// SendPreflight sends the preflight of req (its Origin, Method and Headers)
// to bucket (and key, "" for the bucket itself) on the session's endpoint,
// addressed as the session's S3 client addresses it (virtual-hosted on
// AWS, path-style on a custom endpoint) through the session's HTTP client
// (its CA bundle and timeouts). The request is not signed: browsers never
// sign preflights and S3 answers them before any authentication. An error
// means no answer arrived; any HTTP answer, 403 included, is an answer.
func (s *Session) SendPreflight(ctx context.Context, bucket, region, key string, req CORSRequest) (PreflightAnswer, error) {
	u, err := s.objectURL(ctx, bucket, region, key)
	if err != nil {
		return PreflightAnswer{}, err
	}
	if s.timeout > 0 {
		// One attempt, bounded like a read of bucket state; no retry, as a
		// browser does not retry a preflight either.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 2*s.timeout)
		defer cancel()
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodOptions, u, nil)
	if err != nil {
		return PreflightAnswer{}, fmt.Errorf("preflight of %s: %w", u, err)
	}
	if req.Origin != "" {
		r.Header.Set("Origin", req.Origin)
	}
	if req.Method != "" {
		r.Header.Set("Access-Control-Request-Method", req.Method)
	}
	if len(req.Headers) > 0 {
		// Browsers send the names lower-cased, joined by commas.
		names := make([]string, len(req.Headers))
		for i, h := range req.Headers {
			names[i] = strings.ToLower(strings.TrimSpace(h))
		}
		r.Header.Set("Access-Control-Request-Headers", strings.Join(names, ","))
	}
	resp, err := s.cfg.HTTPClient.Do(r)
	if err != nil {
		return PreflightAnswer{}, wrapOp("OPTIONS (CORS preflight)", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPreflightBody))
	if err != nil {
		return PreflightAnswer{}, wrapOp("OPTIONS (CORS preflight)", err)
	}
	a := PreflightAnswer{URL: u, Status: resp.StatusCode, Headers: corsResponseHeaders(resp.Header)}
	var doc struct {
		Code, Message string
	}
	if len(body) > 0 && xml.Unmarshal(body, &doc) == nil {
		a.Code, a.Message = doc.Code, doc.Message
	}
	return a, nil
}

// corsResponseHeaders picks the Access-Control-* and Vary headers, S3's in
// S3's order first; repeated headers are joined with ", " as HTTP allows.
func corsResponseHeaders(h http.Header) []CORSHeader {
	var out []CORSHeader
	seen := map[string]bool{}
	for _, name := range corsHeaderOrder {
		if v, ok := h[name]; ok {
			out = append(out, CORSHeader{name, strings.Join(v, ", ")})
			seen[name] = true
		}
	}
	var rest []string
	for name := range h {
		if !seen[name] && strings.HasPrefix(name, "Access-Control-") {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	for _, name := range rest {
		out = append(out, CORSHeader{name, strings.Join(h[name], ", ")})
	}
	return out
}

// objectURL is the URL of bucket (and key) as the session's S3 client for
// region resolves it: the SDK's own endpoint rules decide between
// virtual-hosted and path-style addressing (a bucket name with dots is
// path-style over HTTPS on AWS), the partition's domain, FIPS and
// dual-stack settings.
func (s *Session) objectURL(ctx context.Context, bucket, region, key string) (string, error) {
	o := s.s3Client(region).Options()
	params := s3.EndpointParameters{
		Bucket:         aws.String(bucket),
		Region:         aws.String(o.Region),
		ForcePathStyle: aws.Bool(o.UsePathStyle),
		Endpoint:       o.BaseEndpoint,
		UseFIPS:        aws.Bool(o.EndpointOptions.UseFIPSEndpoint == aws.FIPSEndpointStateEnabled),
		UseDualStack:   aws.Bool(o.EndpointOptions.UseDualStackEndpoint == aws.DualStackEndpointStateEnabled),
	}
	resolver := o.EndpointResolverV2
	if resolver == nil {
		resolver = s3.NewDefaultEndpointResolverV2()
	}
	ep, err := resolver.ResolveEndpoint(ctx, params)
	if err != nil {
		return "", fmt.Errorf("the URL of bucket %s: %w", bucket, err)
	}
	u := ep.URI
	if key != "" {
		segs := strings.Split(key, "/")
		for i, seg := range segs {
			segs[i] = url.PathEscape(seg)
		}
		p := strings.TrimSuffix(u.EscapedPath(), "/") + "/" + strings.Join(segs, "/")
		parsed, err := url.Parse(u.Scheme + "://" + u.Host + p)
		if err != nil {
			return "", errors.New("the URL of object " + key + ": " + err.Error())
		}
		u = *parsed
	} else if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), nil
}
