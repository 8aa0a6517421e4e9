package sandbox_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

func TestBucketEncryption(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "enc")
	defaultDoc := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule>` +
		`<ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>` +
		`<BucketKeyEnabled>false</BucketKeyEnabled><BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes>` +
		`</Rule></ServerSideEncryptionConfiguration>`
	if raw := do(t, srv, clientOpts{}, http.MethodGet, "/enc?encryption", nil, nil); raw.Status != 200 || raw.Body != defaultDoc {
		t.Fatalf("fresh bucket: %d %s", raw.Status, raw.Body)
	}
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String("enc"),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String("1234abcd-12ab-34cd-56ef-1234567890ab")},
			BucketKeyEnabled:                   aws.Bool(true),
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String("enc")})
	if err != nil {
		t.Fatal(err)
	}
	rule := got.ServerSideEncryptionConfiguration.Rules[0]
	if rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm != s3types.ServerSideEncryptionAwsKms ||
		aws.ToString(rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID) != "1234abcd-12ab-34cd-56ef-1234567890ab" ||
		!aws.ToBool(rule.BucketKeyEnabled) || rule.BlockedEncryptionTypes == nil {
		t.Fatalf("after put: %+v", rule)
	}
	if _, err := c.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: aws.String("enc")}); err != nil {
		t.Fatal(err)
	}
	if raw := do(t, srv, clientOpts{}, http.MethodGet, "/enc?encryption", nil, nil); raw.Body != defaultDoc {
		t.Fatalf("after delete: %s", raw.Body)
	}

	_, err = c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String("enc"),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAes256, KMSMasterKeyID: aws.String("k")},
		}}}})
	expectError(t, err, 400, "InvalidArgument", "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse")

	// The bucket check comes before the body is looked at.
	res := do(t, srv, clientOpts{}, http.MethodPut, "/missing-bucket?encryption", []byte("<garbage"), nil)
	if res.Status != 404 || !strings.Contains(res.Body, "<Code>NoSuchBucket</Code>") {
		t.Fatalf("malformed PUT to a missing bucket: %d %s", res.Status, res.Body)
	}
	res = do(t, srv, clientOpts{}, http.MethodPut, "/enc?encryption", []byte("<garbage"), nil)
	if res.Status != 400 || !strings.Contains(res.Body, "<Code>MalformedXML</Code>") {
		t.Fatalf("malformed PUT: %d %s", res.Status, res.Body)
	}
}

func TestBucketVersioningConfiguration(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "vcfg")
	if raw := do(t, srv, clientOpts{}, http.MethodGet, "/vcfg?versioning", nil, nil); !strings.HasSuffix(raw.Body, `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`) {
		t.Fatalf("never configured: %s", raw.Body)
	}
	// MfaDelete=Disabled round-trips without x-amz-mfa; enabling it needs MFA (mfa_test.go).
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("vcfg"),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled, MFADelete: s3types.MFADeleteDisabled}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("vcfg")})
	if err != nil || got.Status != s3types.BucketVersioningStatusEnabled || got.MFADelete != s3types.MFADeleteStatusDisabled {
		t.Fatalf("%v %+v", err, got)
	}
	for body, code := range map[string]string{
		`<VersioningConfiguration><Status>enabled</Status></VersioningConfiguration>`: "MalformedXML",
		`<VersioningConfiguration/>`: "IllegalVersioningConfigurationException",
	} {
		if res := do(t, srv, clientOpts{}, http.MethodPut, "/vcfg?versioning", []byte(body), nil); res.Status != 400 || !strings.Contains(res.Body, "<Code>"+code+"</Code>") {
			t.Errorf("%s: %d %s", body, res.Status, res.Body)
		}
	}
}

func TestBucketCors(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "cors")
	_, err := c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String("cors")})
	expectError(t, err, 404, "NoSuchCORSConfiguration", "The CORS configuration does not exist")
	rule := s3types.CORSRule{AllowedOrigins: []string{"https://App.example", "http://test.com:80"}, AllowedMethods: []string{"GET", "HEAD"},
		ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: aws.Int32(3000)}
	if _, err := c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String("cors"),
		CORSConfiguration: &s3types.CORSConfiguration{CORSRules: []s3types.CORSRule{rule}}}); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String("cors")})
	if err != nil || len(got.CORSRules) != 1 || strings.Join(got.CORSRules[0].AllowedOrigins, " ") != "https://App.example http://test.com:80" ||
		aws.ToInt32(got.CORSRules[0].MaxAgeSeconds) != 3000 {
		t.Fatalf("%v %+v", err, got)
	}
	_, err = c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String("cors"),
		CORSConfiguration: &s3types.CORSConfiguration{CORSRules: []s3types.CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"OPTIONS"}}}}})
	expectError(t, err, 400, "InvalidRequest", "Found unsupported HTTP method in CORS config. Unsupported method is OPTIONS")
	for i := 0; i < 2; i++ { // idempotent
		if res := do(t, srv, clientOpts{}, http.MethodDelete, "/cors?cors", nil, nil); res.Status != http.StatusNoContent {
			t.Fatalf("DeleteBucketCors: %d", res.Status)
		}
	}
	_, err = c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String("cors")})
	expectError(t, err, 404, "NoSuchCORSConfiguration", "")
}

// logTo builds a PutBucketLogging input.
func logTo(source, target, prefix string) *s3.PutBucketLoggingInput {
	return &s3.PutBucketLoggingInput{Bucket: aws.String(source), BucketLoggingStatus: &s3types.BucketLoggingStatus{
		LoggingEnabled: &s3types.LoggingEnabled{TargetBucket: aws.String(target), TargetPrefix: aws.String(prefix)}}}
}

func TestBucketLogging(t *testing.T) {
	srv := start(t, sandbox.Options{})
	east := s3Client(t, srv, clientOpts{})
	west := s3Client(t, srv, clientOpts{region: "eu-west-1"})
	mustBucket(t, east, "src")
	mustBucket(t, east, "logs")
	mustBucket(t, west, "west-src", "eu-west-1")

	if raw := do(t, srv, clientOpts{}, http.MethodGet, "/src?logging", nil, nil); !strings.HasSuffix(raw.Body, `<BucketLoggingStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`) {
		t.Fatalf("unconfigured: %s", raw.Body)
	}
	_, err := east.PutBucketLogging(ctx, logTo("src", "no-such-target", "x/"))
	expectError(t, err, 400, "InvalidTargetBucketForLogging", "The target bucket for logging does not exist")
	res := do(t, srv, clientOpts{}, http.MethodPut, "/src?logging", []byte(`<BucketLoggingStatus><LoggingEnabled><TargetBucket>no-such-target</TargetBucket><TargetPrefix>x/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>`), nil)
	if !strings.Contains(res.Body, "<TargetBucket>no-such-target</TargetBucket>") {
		t.Fatalf("missing TargetBucket element: %s", res.Body)
	}

	_, err = east.PutBucketLogging(ctx, logTo("src", "west-src", "x/"))
	expectError(t, err, 403, "CrossLocationLoggingProhibitted", "Cross S3 location logging not allowed. ")
	res = do(t, srv, clientOpts{region: "eu-west-1"}, http.MethodPut, "/west-src?logging", []byte(`<BucketLoggingStatus><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix>x/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>`), nil)
	if res.Status != 403 || !strings.Contains(res.Body, "<TargetBucketLocation>us-east-1</TargetBucketLocation><SourceBucketLocation>eu-west-1</SourceBucketLocation>") {
		t.Fatalf("cross-region from eu-west-1: %d %s", res.Status, res.Body)
	}

	withGrants := logTo("src", "logs", "x/")
	withGrants.BucketLoggingStatus.LoggingEnabled.TargetGrants = []s3types.TargetGrant{{
		Grantee:    &s3types.Grantee{Type: s3types.TypeGroup, URI: aws.String("http://acs.amazonaws.com/groups/s3/LogDelivery")},
		Permission: s3types.BucketLogsPermissionWrite}}
	_, err = east.PutBucketLogging(ctx, withGrants)
	if got := asAPIError(t, err); got.Status != 400 || got.Message != "Target grants not allowed for bucket owner enforced buckets" {
		t.Fatalf("grants on an enforced target: %+v", got)
	}

	for _, target := range []string{"logs", "src"} { // another bucket, then itself (a loop AWS allows)
		if _, err := east.PutBucketLogging(ctx, logTo("src", target, "access/")); err != nil {
			t.Fatalf("target %s: %v", target, err)
		}
		got, err := east.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String("src")})
		if err != nil || aws.ToString(got.LoggingEnabled.TargetBucket) != target || aws.ToString(got.LoggingEnabled.TargetPrefix) != "access/" {
			t.Fatalf("GetBucketLogging: %v %+v", err, got)
		}
	}
	if _, err := east.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String("src"), BucketLoggingStatus: &s3types.BucketLoggingStatus{}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := east.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String("src")}); got.LoggingEnabled != nil {
		t.Fatal("logging still enabled after an empty BucketLoggingStatus")
	}
}

func TestBucketPolicyAndPublicAccessBlock(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "pol")

	pab, err := c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String("pol")})
	if err != nil {
		t.Fatal(err)
	}
	if p := pab.PublicAccessBlockConfiguration; !aws.ToBool(p.BlockPublicAcls) || !aws.ToBool(p.IgnorePublicAcls) ||
		!aws.ToBool(p.BlockPublicPolicy) || !aws.ToBool(p.RestrictPublicBuckets) {
		t.Fatalf("new bucket PAB %+v", p)
	}
	_, err = c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("pol")})
	expectError(t, err, 404, "NoSuchBucketPolicy", "The bucket policy does not exist")

	public := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pol/*"}]}`
	_, err = c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("pol"), Policy: aws.String(public)})
	expectError(t, err, 403, "AccessDenied", `User: arn:aws:iam::111122223333:root is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::pol" because public policies are blocked by the BlockPublicPolicy block public access setting.`)

	if res := do(t, srv, clientOpts{}, http.MethodDelete, "/pol?publicAccessBlock", nil, nil); res.Status != http.StatusNoContent {
		t.Fatalf("DeletePublicAccessBlock: %d", res.Status)
	}
	_, err = c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String("pol")})
	expectError(t, err, 404, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")

	res := do(t, srv, clientOpts{}, http.MethodPut, "/pol?policy", []byte(public), nil)
	if res.Status != http.StatusNoContent {
		t.Fatalf("PutBucketPolicy: %d %s", res.Status, res.Body)
	}
	got := do(t, srv, clientOpts{}, http.MethodGet, "/pol?policy", nil, nil)
	if got.Status != 200 || got.Body != public || got.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GetBucketPolicy: %d %q %v", got.Status, got.Body, got.Header)
	}
	status, err := c.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: aws.String("pol")})
	if err != nil || !aws.ToBool(status.PolicyStatus.IsPublic) {
		t.Fatalf("GetBucketPolicyStatus: %v %+v", err, status)
	}
	own, err := c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String("pol")})
	if err != nil || own.OwnershipControls.Rules[0].ObjectOwnership != s3types.ObjectOwnershipBucketOwnerEnforced {
		t.Fatalf("GetBucketOwnershipControls: %v %+v", err, own)
	}
	_, err = c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("pol"), Policy: aws.String("not json")})
	expectError(t, err, 400, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'")
	for i := 0; i < 2; i++ {
		if res := do(t, srv, clientOpts{}, http.MethodDelete, "/pol?policy", nil, nil); res.Status != http.StatusNoContent {
			t.Fatalf("DeleteBucketPolicy: %d", res.Status)
		}
	}
	_, err = c.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: aws.String("pol")})
	expectError(t, err, 404, "NoSuchBucketPolicy", "")

	if _, err := c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String("pol"),
		PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{BlockPublicPolicy: aws.Bool(true)}}); err != nil {
		t.Fatal(err)
	}
	pab, err = c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String("pol")})
	if err != nil || !aws.ToBool(pab.PublicAccessBlockConfiguration.BlockPublicPolicy) || aws.ToBool(pab.PublicAccessBlockConfiguration.BlockPublicAcls) {
		t.Fatalf("after put: %v %+v", err, pab)
	}
}

func TestBucketLifecycle(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "lifecycle")
	_, err := c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String("lifecycle")})
	expectError(t, err, 404, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist")
	_, err = c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String("lifecycle"),
		LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{Rules: []s3types.LifecycleRule{{
			ID: aws.String("old"), Status: s3types.ExpirationStatusEnabled,
			Filter:                      &s3types.LifecycleRuleFilter{Prefix: aws.String("tmp/")},
			NoncurrentVersionExpiration: &s3types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(30)},
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String("lifecycle")})
	if err != nil || len(got.Rules) != 1 || aws.ToString(got.Rules[0].ID) != "old" ||
		aws.ToInt32(got.Rules[0].NoncurrentVersionExpiration.NoncurrentDays) != 30 {
		t.Fatalf("%v %+v", err, got)
	}
	if _, err := c.DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: aws.String("lifecycle")}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String("lifecycle")})
	expectError(t, err, 404, "NoSuchLifecycleConfiguration", "")
}
