package sandbox_test

import (
	"crypto/tls"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// anonClient is an unsigned aws-sdk-go-v2 client (AnonymousCredentials skip signing).
func anonClient(t *testing.T, srv *sandbox.Server, plain bool) *s3.Client {
	cfg := awsConfig(t, srv, clientOpts{})
	cfg.Credentials = aws.AnonymousCredentials{}
	return s3.NewFromConfig(cfg, func(so *s3.Options) {
		so.BaseEndpoint = aws.String(endpoint(srv, plain))
		so.UsePathStyle = true
	})
}

// trySetPolicy sets a bucket policy as root over HTTPS.
func trySetPolicy(t *testing.T, c *s3.Client, bucket, doc string) error {
	t.Helper()
	_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(doc)})
	return err
}

// setPAB replaces a bucket's Block Public Access settings.
func setPAB(t *testing.T, c *s3.Client, bucket string, blockPolicy, restrict bool) {
	t.Helper()
	if _, err := c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String(bucket),
		PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
			BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true),
			BlockPublicPolicy: aws.Bool(blockPolicy), RestrictPublicBuckets: aws.Bool(restrict)}}); err != nil {
		t.Fatalf("PutPublicAccessBlock: %v", err)
	}
}

func getObject(c *s3.Client, bucket, key string) error {
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err == nil {
		out.Body.Close()
	}
	return err
}

func TestPolicyExplicitDenyBeatsAllow(t *testing.T) {
	srv := start(t, sandbox.Options{})
	root := s3Client(t, srv, clientOpts{})
	admin := s3Client(t, srv, clientOpts{creds: srv.Admin()})
	anon := anonClient(t, srv, false)
	mustBucket(t, root, "both")
	mustPut(t, root, "both", "k", "v")
	setPAB(t, root, "both", false, false)
	doc := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::both/*"},` +
		`{"Sid":"NotAdmin","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/admin"},"Action":"s3:Get*","Resource":"arn:aws:s3:::both/*"}]}`
	if err := trySetPolicy(t, root, "both", doc); err != nil {
		t.Fatal(err)
	}
	expectError(t, getObject(admin, "both", "k"), 403, "AccessDenied", "Access Denied")
	if err := getObject(anon, "both", "k"); err != nil {
		t.Fatalf("the Allow still serves everyone else: %v", err)
	}
	if err := getObject(root, "both", "k"); err != nil {
		t.Fatalf("root is not the denied principal: %v", err)
	}
	// The Allow does not reach beyond its action.
	_, err := anon.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("both"), Key: aws.String("x"), Body: strings.NewReader("x")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
}

func TestPolicyDenyUnencryptedUploads(t *testing.T) {
	srv := start(t, sandbox.Options{})
	root := s3Client(t, srv, clientOpts{})
	mustBucket(t, root, "enc")
	doc := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"DenyIncorrectEncryptionHeader","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::enc/*",` +
		`"Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}},` +
		`{"Sid":"DenyUnEncryptedObjectUploads","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::enc/*",` +
		`"Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}]}`
	if err := trySetPolicy(t, root, "enc", doc); err != nil {
		t.Fatal(err)
	}
	// Default encryption would encrypt it anyway; the header is what counts (6.3).
	_, err := root.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("enc"), Key: aws.String("plain"), Body: strings.NewReader("x")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	_, err = root.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("enc"), Key: aws.String("aes"), Body: strings.NewReader("x"),
		ServerSideEncryption: s3types.ServerSideEncryptionAes256})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	_, err = root.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("enc"), Key: aws.String("mp")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	if _, err := root.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("enc"), Key: aws.String("kms"), Body: strings.NewReader("x"),
		ServerSideEncryption: s3types.ServerSideEncryptionAwsKms}); err != nil {
		t.Fatalf("an SSE-KMS upload passes: %v", err)
	}
	if err := getObject(root, "enc", "kms"); err != nil {
		t.Fatalf("reads are not PutObject: %v", err)
	}
	// UploadPart is authorised as s3:PutObject too but carries no SSE
	// header, so the same statements refuse it even when the upload was
	// created with aws:kms: what users of this policy observe on AWS
	// ([OBS] boto/botocore#471, aws/aws-cli#4251).
	mp, err := root.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("enc"), Key: aws.String("mp"),
		ServerSideEncryption: s3types.ServerSideEncryptionAwsKms})
	if err != nil {
		t.Fatalf("CreateMultipartUpload with aws:kms: %v", err)
	}
	_, err = root.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("enc"), Key: aws.String("mp"), UploadId: mp.UploadId,
		PartNumber: aws.Int32(1), Body: strings.NewReader("part")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
}

// s3:TlsVersion is the negotiated version on the HTTPS listener.
// Policy variables: admin is denied everything outside home/admin/.
func TestPolicyVariables(t *testing.T) {
	srv := start(t, sandbox.Options{})
	root := s3Client(t, srv, clientOpts{})
	admin := s3Client(t, srv, clientOpts{creds: srv.Admin()})
	mustBucket(t, root, "homes")
	mustPut(t, root, "homes", "home/admin/a", "mine")
	mustPut(t, root, "homes", "home/bob/a", "bob's")
	doc := `{"Version":"2012-10-17","Statement":[{"Sid":"OwnHomeOnly","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/admin"},` +
		`"Action":"s3:GetObject","NotResource":"arn:aws:s3:::homes/home/${aws:username}/*"}]}`
	if err := trySetPolicy(t, root, "homes", doc); err != nil {
		t.Fatal(err)
	}
	if err := getObject(admin, "homes", "home/admin/a"); err != nil {
		t.Fatalf("admin's own home: %v", err)
	}
	expectError(t, getObject(admin, "homes", "home/bob/a"), 403, "AccessDenied", "Access Denied")
	if err := getObject(root, "homes", "home/bob/a"); err != nil {
		t.Fatalf("root is not the denied principal: %v", err)
	}
}

// aws:CurrentTime is the sandbox clock (Options.Clock).
func TestPolicyCurrentTime(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: func() time.Time { return fixedTime }})
	root := s3Client(t, srv, clientOpts{})
	mustBucket(t, root, "expiring")
	mustPut(t, root, "expiring", "k", "v")
	deny := func(op, when string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::expiring/*",` +
			`"Condition":{"` + op + `":{"aws:CurrentTime":"` + when + `"}}}]}`
	}
	if err := trySetPolicy(t, root, "expiring", deny("DateGreaterThan", "2026-11-20T09:00:00Z")); err != nil {
		t.Fatal(err)
	}
	expectError(t, getObject(root, "expiring", "k"), 403, "AccessDenied", "Access Denied")
	if err := trySetPolicy(t, root, "expiring", deny("DateGreaterThan", "2026-11-20T10:00:00Z")); err != nil {
		t.Fatal(err)
	}
	if err := getObject(root, "expiring", "k"); err != nil {
		t.Fatalf("before the deny's date: %v", err)
	}
}

func TestPolicyTLSVersion(t *testing.T) {
	srv := start(t, sandbox.Options{})
	root := s3Client(t, srv, clientOpts{})
	mustBucket(t, root, "tls13")
	mustPut(t, root, "tls13", "k", "v")
	doc := `{"Version":"2012-10-17","Statement":[{"Sid":"DenyOldTLS","Effect":"Deny","Principal":"*","Action":"s3:*",` +
		`"Resource":["arn:aws:s3:::tls13","arn:aws:s3:::tls13/*"],"Condition":{"NumericLessThan":{"s3:TlsVersion":"1.3"}}}]}`
	if err := trySetPolicy(t, root, "tls13", doc); err != nil {
		t.Fatal(err)
	}
	cfg := awsConfig(t, srv, clientOpts{})
	tr := cfg.HTTPClient.(*http.Client).Transport.(*http.Transport).Clone()
	tr.TLSClientConfig.MaxVersion = tls.VersionTLS12
	cfg.HTTPClient = &http.Client{Transport: tr}
	tls12 := s3.NewFromConfig(cfg, func(so *s3.Options) {
		so.BaseEndpoint = aws.String(srv.HTTPSURL())
		so.UsePathStyle = true
	})
	expectError(t, getObject(tls12, "tls13", "k"), 403, "AccessDenied", "Access Denied")
	if err := getObject(root, "tls13", "k"); err != nil {
		t.Fatalf("over TLS 1.3: %v", err)
	}
	// Plain HTTP has no TLS version: NumericLessThan on a missing key does not apply.
	if err := getObject(s3Client(t, srv, clientOpts{plain: true}), "tls13", "k"); err != nil {
		t.Fatalf("over plain HTTP (no s3:TlsVersion): %v", err)
	}
}

func TestPolicyAnonymousAccessNeedsPublicAllowAndBPAOff(t *testing.T) {
	srv := start(t, sandbox.Options{})
	root := s3Client(t, srv, clientOpts{})
	anon := anonClient(t, srv, false)
	mustBucket(t, root, "pub")
	mustPut(t, root, "pub", "k", "v")
	public := `{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pub/*"}]}`

	// No policy: an unsigned request is refused; ListBuckets and CreateBucket need an identity.
	expectError(t, getObject(anon, "pub", "k"), 403, "AccessDenied", "Access Denied")
	_, err := anon.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	_, err = anon.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("anon-made")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	expectError(t, getObject(anon, "no-such-bucket-here", "k"), 404, "NoSuchBucket", "")

	// Block Public Access as created: the public policy is refused.
	expectError(t, trySetPolicy(t, root, "pub", public), 403, "AccessDenied",
		`User: arn:aws:iam::111122223333:root is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::pub" because public policies are blocked by the BlockPublicPolicy block public access setting.`)

	// BlockPublicPolicy off, RestrictPublicBuckets on: the policy is stored
	// but does not reach anonymous callers.
	setPAB(t, root, "pub", false, true)
	if err := trySetPolicy(t, root, "pub", public); err != nil {
		t.Fatal(err)
	}
	expectError(t, getObject(anon, "pub", "k"), 403, "AccessDenied", "Access Denied")

	// Both off: the public Allow serves anonymous GETs, over HTTP and HTTPS, and nothing else.
	setPAB(t, root, "pub", false, false)
	for _, c := range []*s3.Client{anon, anonClient(t, srv, true)} {
		if err := getObject(c, "pub", "k"); err != nil {
			t.Fatalf("anonymous GET with a public policy and BPA off: %v", err)
		}
	}
	_, err = anon.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("pub")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	_, err = anon.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("pub")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")

	// Deleting the Block Public Access configuration counts as all off.
	if _, err := root.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String("pub")}); err != nil {
		t.Fatal(err)
	}
	if err := getObject(anon, "pub", "k"); err != nil {
		t.Fatalf("anonymous GET without a BPA configuration: %v", err)
	}
	// Turning RestrictPublicBuckets back on closes it again without touching the policy.
	setPAB(t, root, "pub", true, true)
	expectError(t, getObject(anon, "pub", "k"), 403, "AccessDenied", "Access Denied")
}

// A condition pinned to fixed values makes an Allow for "*" non-public, so
// RestrictPublicBuckets does not apply and the condition decides.
func TestPolicyAnonymousNonPublicAllow(t *testing.T) {
	srv := start(t, sandbox.Options{})
	root := s3Client(t, srv, clientOpts{})
	mustBucket(t, root, "vpn")
	mustPut(t, root, "vpn", "k", "v")
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::vpn/*",` +
		`"Condition":{"IpAddress":{"aws:SourceIp":"127.0.0.1/32"}}}]}`
	if err := trySetPolicy(t, root, "vpn", doc); err != nil {
		t.Fatalf("an IP-restricted Allow is not public: %v", err)
	}
	if err := getObject(anonClient(t, srv, false), "vpn", "k"); err != nil {
		t.Fatalf("anonymous from 127.0.0.1: %v", err)
	}
}

func TestPolicyAnonymousPolicyOpsAreOwnerOnly(t *testing.T) {
	srv := start(t, sandbox.Options{})
	root := s3Client(t, srv, clientOpts{})
	mustBucket(t, root, "ops")
	setPAB(t, root, "ops", false, false)
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetBucketPolicy","Resource":"arn:aws:s3:::ops"}]}`
	if err := trySetPolicy(t, root, "ops", doc); err != nil {
		t.Fatal(err)
	}
	_, err := anonClient(t, srv, false).GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("ops")})
	expectError(t, err, 405, "MethodNotAllowed", "")
}

func TestPutBucketPolicyUnsupportedIsNotImplemented(t *testing.T) {
	srv := start(t, sandbox.Options{})
	root := s3Client(t, srv, clientOpts{})
	mustBucket(t, root, "notimpl")
	for name, cond := range map[string]string{
		"BinaryEquals":  `{"BinaryEquals":{"s3:prefix":"QUJD"}}`,
		"tag key":       `{"StringEquals":{"s3:ExistingObjectTag/class":"secret"}}`,
		"${*} variable": `{"StringLike":{"s3:prefix":"${*}/*"}}`,
	} {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::notimpl/*","Condition":` + cond + `}]}`
		e := expectError(t, trySetPolicy(t, root, "notimpl", doc), 501, "NotImplemented", "")
		if !strings.Contains(e.Message, "does not implement") {
			t.Errorf("%s: %q", name, e.Message)
		}
	}
	// What AWS itself refuses stays MalformedPolicy.
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::notimpl/*","Condition":{"StringEquals":{"s3:NoSuchKey":"x"}}}]}`
	expectError(t, trySetPolicy(t, root, "notimpl", doc), 400, "MalformedPolicy", "Policy has an invalid condition key")
	_, err := root.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("notimpl")})
	expectError(t, err, 404, "NoSuchBucketPolicy", "")
}

func TestPutBucketPolicySizeLimitAnd204(t *testing.T) {
	srv := start(t, sandbox.Options{})
	root := s3Client(t, srv, clientOpts{})
	mustBucket(t, root, "big")
	statement := func(i int) string {
		return `{"Sid":"S` + strings.Repeat("x", 4) + string(rune('a'+i%26)) + `","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::big/` + strings.Repeat("k", 60) + `"}`
	}
	var sts []string
	for i := 0; i < 160; i++ {
		sts = append(sts, statement(i))
	}
	big := `{"Version":"2012-10-17","Statement":[` + strings.Join(sts, ",") + `]}`
	expectError(t, trySetPolicy(t, root, "big", big), 400, "MalformedPolicy", "Normalized policy document exceeds the maximum allowed size of 20480 bytes")
	res := do(t, srv, clientOpts{}, http.MethodPut, "/big?policy", []byte(`{"Version":"2012-10-17","Statement":[`+strings.Join(sts[:10], ",")+`]}`), nil)
	if res.Status != http.StatusNoContent {
		t.Fatalf("PutBucketPolicy: %d %s", res.Status, res.Body)
	}
}
