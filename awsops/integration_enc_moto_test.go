package awsops_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
)

// motoKMSKey creates a KMS key with an alias in moto and returns its id.
func motoKMSKey(t *testing.T, env endpointEnv, alias string) string {
	t.Helper()
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(env.keyID, env.secret, "")))
	if err != nil {
		t.Fatal(err)
	}
	c := kms.NewFromConfig(cfg, func(o *kms.Options) { o.BaseEndpoint = aws.String(env.url) })
	out, err := c.CreateKey(context.Background(), &kms.CreateKeyInput{Description: aws.String("s3sec test key")})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(out.KeyMetadata.KeyId)
	if _, err := c.CreateAlias(context.Background(), &kms.CreateAliasInput{AliasName: aws.String(alias), TargetKeyId: aws.String(id)}); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestEncryptionMoto runs the encryption write path against moto_server, an
// independent S3 and KMS emulator. It speaks plain HTTP only, and it
// deviates from AWS in ways each assertion names.
func TestEncryptionMoto(t *testing.T) {
	env := motoEnv(t)
	ctx := context.Background()
	watch := &watchTransport{}
	sess, err := awsops.Open(ctx, awsops.Options{Region: "us-east-1", EndpointURL: env.url, AccessKeyID: env.keyID, SecretAccessKey: env.secret,
		HTTPClient: &http.Client{Transport: watch}})
	if err != nil {
		t.Fatal(err)
	}
	raw := env.client(t, "us-east-1")
	const bucket = "enc-moto"
	if _, err := raw.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	keyID := motoKMSKey(t, env, "alias/moto-records")
	data := randomBytes(64 << 10)
	upload := func(key string, in awsops.UploadInput) awsops.UploadResult {
		t.Helper()
		in.Bucket, in.Key, in.Body, in.Size = bucket, key, bytes.NewReader(data), int64(len(data))
		res, err := sess.Upload(ctx, in, nil)
		if err != nil {
			t.Fatalf("upload %s: %v", key, err)
		}
		var out bytes.Buffer
		if _, err := sess.Download(ctx, awsops.DownloadInput{Bucket: bucket, Key: key, Keyring: in.Keyring}, &out, nil); err != nil || !bytes.Equal(out.Bytes(), data) {
			t.Fatalf("download %s: %v (equal=%v)", key, err, bytes.Equal(out.Bytes(), data))
		}
		return res
	}

	t.Run("server-side modes", func(t *testing.T) {
		// Deviation (moto): no default encryption, so an upload without
		// headers reports none; AWS reports AES256 (SSE-S3) since 2023.
		if res := upload("default", awsops.UploadInput{}); res.Mode != awsops.SSENone {
			t.Errorf("default upload on moto reported %s, moto's known answer is none", res.Mode)
		}
		if res := upload("sse-s3", awsops.UploadInput{Mode: awsops.SSES3}); res.Mode != awsops.SSES3 {
			t.Errorf("SSE-S3 upload reported %s", res.Mode)
		}
		res := upload("sse-kms", awsops.UploadInput{Mode: awsops.SSEKMS, KMSKeyID: "alias/moto-records", BucketKey: aws.Bool(true)})
		h := sess.HeadObjects(ctx, bucket, "", []awsops.ObjectRef{{Key: "sse-kms"}})[0]
		// Deviation (moto): the key id is echoed as sent (here the alias);
		// AWS answers the key ARN in both the PUT and the HEAD.
		if res.Mode != awsops.SSEKMS || !res.BucketKey || res.KMSKeyARN != "alias/moto-records" || h.Mode != awsops.SSEKMS || h.KMSKeyARN != "alias/moto-records" || !h.BucketKey {
			t.Errorf("SSE-KMS on moto: upload %+v, head %+v", res, h)
		}
	})

	t.Run("client-side with moto's KMS", func(t *testing.T) {
		kr := sess.KMSKeyring("us-east-1", "alias/moto-records")
		res := upload("client", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: kr, ClientContext: map[string]string{"team": "records"}})
		if res.ClientFormat.String() != "S3EC V2" {
			t.Errorf("client-side upload reported %+v", res)
		}
		keys, err := sess.KMSKeys(ctx, "us-east-1")
		i := slices.IndexFunc(keys, func(k awsops.KMSKey) bool { return k.ID == keyID })
		if err != nil || i < 0 || keys[i].Label() != "alias/moto-records" || !keys[i].Enabled || keys[i].Manager != "CUSTOMER" {
			t.Errorf("KMSKeys on moto = %+v, %v; want %s with its alias", keys, err, keyID)
		}
	})

	t.Run("multipart cancelled and aborted", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		big := randomBytes(20 << 20)
		in := awsops.UploadInput{Bucket: bucket, Key: "cancelled", Size: int64(len(big)),
			Body: &tripReader{r: bytes.NewReader(big), after: 11 << 20, trip: cancel}}
		multipartTuning(&in)
		if _, err := sess.Upload(cctx, in, nil); !awsops.IsCanceled(err) {
			t.Fatalf("err = %v, want a cancellation", err)
		}
		if n := pendingUploads(t, raw, bucket); n != 0 {
			t.Errorf("%d multipart uploads remain on moto after cancel", n)
		}
	})

	t.Run("SSE-C", func(t *testing.T) {
		key := randomBytes(32)
		before := watch.requests
		_, err := sess.Upload(ctx, awsops.UploadInput{Bucket: bucket, Key: "ssec", Body: strings.NewReader("secret"), Size: 6, Mode: awsops.SSEC, SSECKey: key}, nil)
		if !errors.Is(err, awsops.ErrSSECOverHTTP) || watch.requests != before {
			t.Fatalf("SSE-C to moto's plain-HTTP endpoint: %v after %d requests, want ErrSSECOverHTTP before any", err, watch.requests-before)
		}
		// Deviation (moto): it does not enforce SSE-C at all. A raw SDK
		// client (which has no HTTPS guard) stores the object over plain
		// HTTP, and moto serves it back without the key, in clear; AWS
		// refuses SSE-C over HTTP, and answers a keyless HEAD with 400 and a
		// keyless GET with 400 InvalidRequest.
		sum := md5.Sum(key)
		if _, err := raw.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("ssec"), Body: strings.NewReader("secret"),
			SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(base64.StdEncoding.EncodeToString(key)), SSECustomerKeyMD5: aws.String(base64.StdEncoding.EncodeToString(sum[:]))}); err != nil {
			t.Fatalf("moto refused a raw SSE-C put over HTTP (%v): it used to accept it", err)
		}
		h := sess.HeadObjects(ctx, bucket, "", []awsops.ObjectRef{{Key: "ssec"}})[0]
		if h.Err != nil || h.Mode != awsops.SSENone {
			t.Errorf("keyless HEAD of the SSE-C object on moto = %+v, moto's known answer is 200 without encryption headers", h)
		}
		var out bytes.Buffer
		if _, err := sess.Download(ctx, awsops.DownloadInput{Bucket: bucket, Key: "ssec"}, &out, nil); err != nil || out.String() != "secret" {
			t.Errorf("keyless GET on moto: %v %q, moto's known answer is the plaintext", err, out.String())
		}
	})
}
