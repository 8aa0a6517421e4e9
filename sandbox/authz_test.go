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

func TestAdminDeniedActions(t *testing.T) {
	srv := start(t, sandbox.Options{AdminDeniedActions: []string{"s3:GetBucketCORS", "s3:PutEncryption*", "s3:DeleteObject"}})
	root := s3Client(t, srv, clientOpts{})
	admin := s3Client(t, srv, clientOpts{creds: srv.Admin()})
	mustBucket(t, admin, "shared")

	_, err := admin.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String("shared")})
	expectError(t, err, 403, "AccessDenied", `User: arn:aws:iam::111122223333:user/admin is not authorized to perform: s3:GetBucketCORS on resource: "arn:aws:s3:::shared" with an explicit deny in an identity-based policy`)
	_, err = admin.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: aws.String("shared")})
	expectError(t, err, 403, "AccessDenied", `User: arn:aws:iam::111122223333:user/admin is not authorized to perform: s3:PutEncryptionConfiguration on resource: "arn:aws:s3:::shared" with an explicit deny in an identity-based policy`)
	// The identity deny is evaluated before the bucket's existence.
	_, err = admin.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String("not-there")})
	expectError(t, err, 403, "AccessDenied", "")

	mustPut(t, root, "shared", "k", "v")
	del, err := admin.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("shared"),
		Delete: &s3types.Delete{Objects: []s3types.ObjectIdentifier{{Key: aws.String("k")}}}})
	if err != nil || len(del.Errors) != 1 || !strings.Contains(aws.ToString(del.Errors[0].Message), "s3:DeleteObject on resource: \"arn:aws:s3:::shared/k\"") {
		t.Fatalf("DeleteObjects with s3:DeleteObject denied: %v %+v", err, del)
	}

	_, err = root.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String("shared")})
	expectError(t, err, 404, "NoSuchCORSConfiguration", "") // root is not affected
	if _, err := admin.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String("shared")}); err != nil {
		t.Fatalf("an action that is not denied: %v", err)
	}
}

// tlsOnly is the deny-non-TLS policy of S3-BEHAVIOR.md 6.2.
func tlsOnly(bucket string) string {
	return `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",` +
		`"Resource":["arn:aws:s3:::` + bucket + `","arn:aws:s3:::` + bucket + `/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
}

func TestTLSOnlyPolicy(t *testing.T) {
	srv := start(t, sandbox.Options{})
	tlsRoot := s3Client(t, srv, clientOpts{})
	httpRoot := s3Client(t, srv, clientOpts{plain: true})
	httpAdmin := s3Client(t, srv, clientOpts{plain: true, creds: srv.Admin()})
	mustBucket(t, tlsRoot, "tls-only")
	mustPut(t, tlsRoot, "tls-only", "k", "v")
	if _, err := tlsRoot.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("tls-only"), Policy: aws.String(tlsOnly("tls-only"))}); err != nil {
		t.Fatalf("a deny-only policy is not public: %v", err)
	}

	// Over plain HTTP every request is denied, the owner's included.
	for name, call := range map[string]func(*s3.Client) error{
		"GetObject": func(c *s3.Client) error {
			_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("tls-only"), Key: aws.String("k")})
			return err
		},
		"PutObject": func(c *s3.Client) error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("tls-only"), Key: aws.String("k2"), Body: strings.NewReader("x")})
			return err
		},
		"ListObjectsV2": func(c *s3.Client) error {
			_, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("tls-only")})
			return err
		},
		"GetBucketVersioning": func(c *s3.Client) error {
			_, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("tls-only")})
			return err
		},
	} {
		expectError(t, call(httpRoot), 403, "AccessDenied", "Access Denied")
		expectError(t, call(httpAdmin), 403, "AccessDenied", "Access Denied")
		if err := call(tlsRoot); err != nil {
			t.Errorf("%s over TLS: %v", name, err)
		}
	}
	_, err := httpRoot.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("tls-only"), Key: aws.String("k")})
	expectError(t, err, 403, "Forbidden", "")
	// DeleteObjects has no action of its own: every key is refused inside a 200.
	del, err := httpRoot.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("tls-only"),
		Delete: &s3types.Delete{Objects: []s3types.ObjectIdentifier{{Key: aws.String("k")}}}})
	if err != nil || len(del.Deleted) != 0 || len(del.Errors) != 1 || aws.ToString(del.Errors[0].Code) != "AccessDenied" {
		t.Fatalf("DeleteObjects over HTTP: %v %+v", err, del)
	}

	// Lock-out protection: root keeps the policy operations over HTTP; admin does not.
	if _, err := httpRoot.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("tls-only")}); err != nil {
		t.Fatalf("root GetBucketPolicy over HTTP: %v", err)
	}
	_, err = httpAdmin.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("tls-only")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	if _, err := httpRoot.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("tls-only"), Policy: aws.String(tlsOnly("tls-only"))}); err != nil {
		t.Fatalf("root PutBucketPolicy over HTTP: %v", err)
	}
	if _, err := httpRoot.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String("tls-only")}); err != nil {
		t.Fatalf("root DeleteBucketPolicy over HTTP: %v", err)
	}
	if _, err := httpAdmin.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("tls-only"), Key: aws.String("k")}); err != nil {
		t.Fatalf("after the policy is gone: %v", err)
	}
}

func TestPolicyDenyScopedToObjects(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{plain: true})
	mustBucket(t, c, "objects-only")
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/admin"},` +
		`"Action":["s3:GetObject"],"Resource":"arn:aws:s3:::objects-only/secret/*"}]}`
	if _, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("objects-only"), Policy: aws.String(policy)}); err != nil {
		t.Fatal(err)
	}
	mustPut(t, c, "objects-only", "secret/a", "s")
	mustPut(t, c, "objects-only", "public/a", "p")
	admin := s3Client(t, srv, clientOpts{plain: true, creds: srv.Admin()})
	_, err := admin.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("objects-only"), Key: aws.String("secret/a")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	for _, cl := range []*s3.Client{admin, c} {
		if _, err := cl.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("objects-only"), Key: aws.String("public/a")}); err != nil {
			t.Fatalf("outside the denied resource: %v", err)
		}
	}
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("objects-only"), Key: aws.String("secret/a")}); err != nil {
		t.Fatalf("root is not the denied principal: %v", err)
	}
	res := do(t, srv, clientOpts{plain: true}, http.MethodGet, "/objects-only?list-type=2", nil, nil)
	if res.Status != 200 {
		t.Fatalf("ListObjectsV2: %d", res.Status)
	}
}
