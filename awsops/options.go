package awsops

import (
	"net/http"
	"time"
)

// Options choose the account, region and endpoint, as the aws CLI does.
// Every empty field leaves the choice to the SDK's default chain
// (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, AWS_CA_BUNDLE, shared config
// and credentials files, SSO, instance and task roles).
type Options struct {
	Profile string // named profile of the shared config files
	Region  string // default region: ListBuckets, STS and buckets whose region is unknown

	// EndpointURL is a custom endpoint (an S3-compatible server or the
	// sandbox). Path-style addressing is used for it, because such hosts are
	// rarely wildcard-DNS capable.
	EndpointURL string

	// CABundle is a PEM file of extra trusted certificate authorities.
	CABundle string

	// Static credentials (sandbox, tests); empty AccessKeyID means the default chain.
	AccessKeyID, SecretAccessKey, SessionToken string

	// Timeout bounds every wait on the endpoint, per attempt: for response
	// headers, and between two bytes of a body (a stall, not a slow
	// transfer). Reads of bucket state (Identity, Buckets, Scan,
	// BucketRegion) are also bounded as a whole, retries included, to about
	// twice it. Zero means DefaultTimeout; negative, no timeout. With
	// HTTPClient only the whole-call bound applies.
	Timeout time.Duration

	// HTTPClient replaces the default client. CABundle cannot be combined
	// with it: configure the client's TLS settings instead.
	HTTPClient *http.Client
}
