package awsops_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/s3sec/s3sec/awsops"
)

// deviations are the known differences of an endpoint from AWS that the
// suite meets. Each assertion that depends on one names it, and asserts
// the endpoint's actual answer instead of loosening the check.
type deviations struct {
	// ListBuckets omits BucketRegion (moto), so Scan falls back to GetBucketLocation.
	noBucketRegionInList bool
	// GetBucketEncryption on a fresh bucket answers the pre-2023 404
	// ServerSideEncryptionConfigurationNotFoundError (moto); AWS answers an AES256 rule.
	encryptionNotFound404 bool
	// BlockedEncryptionTypes is not stored (moto), so SSE-C always reads as allowed.
	dropsBlockedEncryptionTypes bool
	// A fresh bucket has no Block Public Access configuration (moto);
	// AWS turns all four settings on for new buckets since April 2023.
	noDefaultPublicAccessBlock bool
	// A fresh bucket has no Object Ownership controls (moto:
	// OwnershipControlsNotFoundError), so ACLs read as enabled; AWS creates
	// new buckets BucketOwnerEnforced (ACLs disabled) since April 2023.
	noDefaultOwnershipControls bool
	// PutBucketLogging refuses a target without log-delivery grants (moto,
	// old AWS behaviour); AWS no longer checks at configuration time.
	loggingNeedsTargetGrant bool
	// ListObjectVersions ignores encoding-type (moto) and sends keys raw, so
	// a key with a control character makes the page unreadable XML; AWS
	// encodes keys there as in ListObjectsV2.
	versionsIgnoreEncodingType bool
}

// endpointEnv is one real HTTP endpoint the suite runs against.
type endpointEnv struct {
	name     string
	url      string
	caFile   string
	keyID    string
	secret   string
	identity awsops.Identity // what GetCallerIdentity must answer for these keys
	dev      deviations
}

// open opens an awsops session on the endpoint.
func (e endpointEnv) open(t testing.TB) *awsops.Session {
	t.Helper()
	s, err := awsops.Open(context.Background(), awsops.Options{
		Region: "us-east-1", EndpointURL: e.url, CABundle: e.caFile,
		AccessKeyID: e.keyID, SecretAccessKey: e.secret,
	})
	if err != nil {
		t.Fatalf("%s: Open: %v", e.name, err)
	}
	t.Cleanup(s.Close) // runs before the server's Close: no idle connection to wait for
	return s
}

// client returns a plain SDK client for one region, used to set the stage.
func (e endpointEnv) client(t testing.TB, region string) *s3.Client {
	t.Helper()
	opts := []func(*config.LoadOptions) error{
		config.WithRegion(region),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(e.keyID, e.secret, "")),
	}
	if e.caFile != "" {
		pem, err := os.ReadFile(e.caFile)
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, config.WithCustomCABundle(bytes.NewReader(pem)))
	}
	cfg, err := config.LoadDefaultConfig(context.Background(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(e.url)
		o.UsePathStyle = true
	})
}

// must fails the test on a setup error.
func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("setup: %s: %v", what, err)
	}
}

// tlsPolicy is the TLS-only policy of S3-BEHAVIOR §6.2 for one bucket.
func tlsPolicy(bucket string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",`+
		`"Resource":["arn:aws:s3:::%s","arn:aws:s3:::%s/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, bucket, bucket)
}

// suiteBucket is one bucket the suite creates.
type suiteBucket struct {
	name, region string
}

// stage creates the suite's buckets and configurations through the SDK
// directly, so that awsops reads what another client wrote.
type stage struct {
	t   *testing.T
	env endpointEnv
	ctx context.Context
}

func (s stage) create(b suiteBucket) {
	in := &s3.CreateBucketInput{Bucket: aws.String(b.name)}
	if b.region != "us-east-1" {
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(b.region)}
	}
	_, err := s.env.client(s.t, b.region).CreateBucket(s.ctx, in)
	must(s.t, "create "+b.name, err)
}

func (s stage) kms(b suiteBucket, key string, bucketKey bool) {
	_, err := s.env.client(s.t, b.region).PutBucketEncryption(s.ctx, &s3.PutBucketEncryptionInput{
		Bucket: aws.String(b.name),
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String(key)},
			BucketKeyEnabled:                   aws.Bool(bucketKey),
			BlockedEncryptionTypes:             &types.BlockedEncryptionTypes{EncryptionType: []types.EncryptionType{types.EncryptionTypeSseC}},
		}}},
	})
	must(s.t, "encryption of "+b.name, err)
}

func (s stage) versioning(b suiteBucket, status types.BucketVersioningStatus) {
	_, err := s.env.client(s.t, b.region).PutBucketVersioning(s.ctx, &s3.PutBucketVersioningInput{
		Bucket: aws.String(b.name), VersioningConfiguration: &types.VersioningConfiguration{Status: status},
	})
	must(s.t, "versioning of "+b.name, err)
}

func (s stage) logging(src, dst suiteBucket) {
	put := func() error {
		_, err := s.env.client(s.t, src.region).PutBucketLogging(s.ctx, &s3.PutBucketLoggingInput{
			Bucket: aws.String(src.name),
			BucketLoggingStatus: &types.BucketLoggingStatus{LoggingEnabled: &types.LoggingEnabled{
				TargetBucket: aws.String(dst.name), TargetPrefix: aws.String(src.name + "/"),
			}},
		})
		return err
	}
	if s.env.dev.loggingNeedsTargetGrant {
		// Deviation (moto): without WRITE and READ_ACP for the LogDelivery
		// group on the target, PutBucketLogging is refused; AWS accepts it.
		var api smithy.APIError
		if err := put(); !errors.As(err, &api) || api.ErrorCode() != "InvalidTargetBucketForLogging" {
			s.t.Fatalf("%s: PutBucketLogging without grants: %v, want moto's InvalidTargetBucketForLogging", s.env.name, err)
		}
		group := `uri="http://acs.amazonaws.com/groups/s3/LogDelivery"`
		_, err := s.env.client(s.t, dst.region).PutBucketAcl(s.ctx, &s3.PutBucketAclInput{
			Bucket: aws.String(dst.name), GrantWrite: aws.String(group), GrantReadACP: aws.String(group),
		})
		must(s.t, "log-delivery grant on "+dst.name, err)
	}
	must(s.t, "logging of "+src.name, put())
}

func (s stage) cors(b suiteBucket, origin string, methods ...string) {
	_, err := s.env.client(s.t, b.region).PutBucketCors(s.ctx, &s3.PutBucketCorsInput{
		Bucket: aws.String(b.name),
		CORSConfiguration: &types.CORSConfiguration{CORSRules: []types.CORSRule{{
			ID: aws.String("web"), AllowedOrigins: []string{origin}, AllowedMethods: methods, MaxAgeSeconds: aws.Int32(600),
		}}},
	})
	must(s.t, "cors of "+b.name, err)
}

func (s stage) policy(b suiteBucket, doc string) {
	_, err := s.env.client(s.t, b.region).PutBucketPolicy(s.ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b.name), Policy: aws.String(doc)})
	must(s.t, "policy of "+b.name, err)
}

func (s stage) deletePublicAccessBlock(b suiteBucket) {
	_, err := s.env.client(s.t, b.region).DeletePublicAccessBlock(s.ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(b.name)})
	must(s.t, "delete public access block of "+b.name, err)
}

func (s stage) lifecycle(b suiteBucket, rules int) {
	var rs []types.LifecycleRule
	for i := range rules {
		rs = append(rs, types.LifecycleRule{
			ID: aws.String(fmt.Sprintf("rule-%d", i)), Status: types.ExpirationStatusEnabled,
			Filter:     &types.LifecycleRuleFilter{Prefix: aws.String(fmt.Sprintf("p%d/", i))},
			Expiration: &types.LifecycleExpiration{Days: aws.Int32(int32(30 * (i + 1)))},
		})
	}
	_, err := s.env.client(s.t, b.region).PutBucketLifecycleConfiguration(s.ctx, &s3.PutBucketLifecycleConfigurationInput{
		Bucket: aws.String(b.name), LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: rs},
	})
	must(s.t, "lifecycle of "+b.name, err)
}
