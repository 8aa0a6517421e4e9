package awsops

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// defaultRegion is used when neither the options nor the default chain name
// one: the region of S3's global endpoint, where ListBuckets works for every account.
const defaultRegion = "us-east-1"

// maxIdleConnsPerHost keeps enough idle connections for a wide worker pool:
// the SDK's default of 10 would make a pool of 16 open and close
// connections (and TLS handshakes) all the time.
const maxIdleConnsPerHost = 256

// Session is an open connection to one account on one endpoint. It is safe
// for concurrent use; S3 clients are built once per region and cached.
type Session struct {
	cfg       aws.Config
	endpoint  string // custom endpoint in use; "" for AWS itself
	sts       *sts.Client
	transport *http.Transport // nil when the caller brought its own HTTP client
	timeout   time.Duration   // per attempt: response headers, body idle; 0 for none

	mu      sync.Mutex
	clients map[string]*s3.Client // by region

	notesMu     sync.Mutex
	implicitSSE map[string]bool // buckets whose encryption facet was a pre-2023 404

	kmsClients kmsClientCache // per-region KMS clients, see kms_client.go

	caps      capabilityCache // which facets the endpoint implements, learned from its answers
	server    endpointServer  // who the endpoint says it is (endpoint_kind.go)
	plainHTTP string          // the endpoint's plain-HTTP address for TLSOnlyProbe, when set (verify_probes.go)
	journal   journalSink     // where applied plans are recorded (journal.go); none by default
}

// Open loads the configuration the way the aws CLI does and checks that
// credentials can be found. When none can, the error matches
// ErrNoCredentials and names the ways to provide them.
func Open(ctx context.Context, o Options) (*Session, error) {
	opts := []func(*config.LoadOptions) error{quietSDKLogger()}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if o.AccessKeyID != "" {
		opts = append(opts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(o.AccessKeyID, o.SecretAccessKey, o.SessionToken)))
	}
	switch {
	case o.HTTPClient != nil && o.CABundle != "":
		return nil, errors.New("awsops: CABundle cannot be combined with HTTPClient: configure the client's TLS instead")
	case o.HTTPClient != nil:
		opts = append(opts, config.WithHTTPClient(o.HTTPClient))
	default:
		// A BuildableClient, so that CABundle and AWS_CA_BUNDLE can still be applied by the SDK.
		opts = append(opts, config.WithHTTPClient(awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
			t.MaxIdleConns = maxIdleConnsPerHost
			t.MaxIdleConnsPerHost = maxIdleConnsPerHost
		})))
	}
	if o.CABundle != "" {
		pem, err := os.ReadFile(o.CABundle)
		if err != nil {
			return nil, fmt.Errorf("reading the CA bundle: %w", err)
		}
		opts = append(opts, config.WithCustomCABundle(bytes.NewReader(pem)))
	}
	if o.EndpointURL != "" {
		opts = append(opts, config.WithBaseEndpoint(o.EndpointURL))
	}
	// The standard retryer, without its client-side retry quota: a scan
	// shares one quota across hundreds of buckets, and a burst of throttled
	// facets would otherwise make later facets fail with "retry quota
	// exceeded" instead of backing off.
	opts = append(opts, config.WithRetryer(func() aws.Retryer {
		// A call that timed out twice is not tried a third time (see
		// finalTimeoutNotRetryable): that rule goes first, the SDK's after it.
		return retry.NewStandard(func(so *retry.StandardOptions) {
			so.RateLimiter = ratelimit.None
			so.Retryables = append([]retry.IsErrorRetryable{finalTimeoutNotRetryable}, so.Retryables...)
		})
	}))

	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = defaultRegion
	}
	if cfg.Credentials == nil {
		return nil, &noCredentialsError{cause: errors.New("no credential provider configured")}
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, &noCredentialsError{cause: err}
	}

	s := &Session{cfg: cfg, timeout: timeoutOrDefault(o.Timeout), clients: map[string]*s3.Client{}, implicitSSE: map[string]bool{}}
	s.cfg.APIOptions = append(s.cfg.APIOptions, addCallTrace)
	if bc, ok := cfg.HTTPClient.(*awshttp.BuildableClient); ok {
		// Take the transport the SDK configured (CA bundle included) into a
		// plain client we keep: every regional client then shares one
		// connection pool (a BuildableClient is copied, pool and all, into
		// each service client), and Close can release it. Like the SDK's
		// client it never follows redirects: S3 answers them as errors.
		// Nothing else is lost: the SDK sets no default read timeout for S3.
		// The stall guard adds ours: a header timeout per attempt and an
		// idle timeout on bodies (see stall_guard.go).
		s.transport = bc.GetTransport()
		var rt http.RoundTripper = s.transport
		if s.timeout > 0 {
			rt = newStallGuard(s.transport, s.timeout)
		}
		s.cfg.HTTPClient = &http.Client{
			Transport:     rt,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	// The S3 client resolves AWS_ENDPOINT_URL_S3 and the config file's
	// services section on top of cfg.BaseEndpoint; an explicit EndpointURL wins.
	s.endpoint = o.EndpointURL
	if s.endpoint == "" {
		if be := s3.NewFromConfig(s.cfg).Options().BaseEndpoint; be != nil {
			s.endpoint = *be
		}
	}
	s.sts = sts.NewFromConfig(s.cfg, func(so *sts.Options) {
		if o.EndpointURL != "" {
			so.BaseEndpoint = aws.String(o.EndpointURL)
		}
	})
	return s, nil
}

// Close releases the session's idle connections (a server shutting down
// then need not wait for them). The session stays usable: later calls open
// new connections. A caller-provided HTTPClient is left alone.
func (s *Session) Close() {
	if s.transport != nil {
		s.transport.CloseIdleConnections()
	}
}

// Endpoint returns the S3 endpoint URL in use: the custom endpoint, or
// AWS's for the session's region ("https://s3.amazonaws.com" in us-east-1).
func (s *Session) Endpoint() string {
	if s.endpoint != "" {
		return s.endpoint
	}
	if s.cfg.Region == defaultRegion {
		return "https://s3.amazonaws.com"
	}
	return "https://s3." + s.cfg.Region + ".amazonaws.com"
}

// Secure reports whether requests travel over HTTPS.
func (s *Session) Secure() bool {
	u, err := url.Parse(s.Endpoint())
	return err == nil && u.Scheme == "https"
}

// Region returns the session's default region.
func (s *Session) Region() string { return s.cfg.Region }

// s3Client returns the cached S3 client for a region, building it on first
// use. Requests are signed for that region: AWS (and the sandbox) refuse a
// bucket call signed for another one.
func (s *Session) s3Client(region string) *s3.Client {
	if region == "" {
		region = s.cfg.Region
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clients[region]; ok {
		return c
	}
	c := s3.NewFromConfig(s.cfg, func(so *s3.Options) {
		so.Region = region
		so.APIOptions = append(so.APIOptions, s.recordServerMiddleware)
		if s.endpoint != "" {
			so.BaseEndpoint = aws.String(s.endpoint)
			so.UsePathStyle = true
		}
	})
	s.clients[region] = c
	return c
}

// ImplicitEncryption reports whether the bucket's encryption facet was
// inferred: the endpoint answered 404 ServerSideEncryptionConfigurationNotFoundError
// (pre-2023 behaviour, still moto's), which today means the SSE-S3 default.
func (s *Session) ImplicitEncryption(bucket string) bool {
	s.notesMu.Lock()
	defer s.notesMu.Unlock()
	return s.implicitSSE[bucket]
}

// noteEncryption records whether the bucket's encryption facet was inferred from a 404.
func (s *Session) noteEncryption(bucket string, implicit bool) {
	s.notesMu.Lock()
	defer s.notesMu.Unlock()
	if implicit {
		s.implicitSSE[bucket] = true
	} else {
		delete(s.implicitSSE, bucket)
	}
}
