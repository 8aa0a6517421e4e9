package awsops_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/sandbox"
)

// tamper rewrites an object's stored ciphertext with one bit flipped,
// keeping its metadata (the S3EC envelope), as an attacker with write access could.
func (e *encEnv) tamper(t *testing.T, key string, at int) {
	t.Helper()
	ctx := context.Background()
	raw := e.env.client(t, e.region)
	got, err := raw.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(e.bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(got.Body)
	got.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	body[at] ^= 0x01
	if _, err := raw.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(e.bucket), Key: aws.String(key), Body: bytes.NewReader(body), Metadata: got.Metadata}); err != nil {
		t.Fatal(err)
	}
}

func TestClientSideTamperAndWrongKeysWriteNothing(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ctx := context.Background()
	data := randomBytes(200 << 10)
	kmsRing := e.sess.KMSKeyring(e.region, "alias/acme-records")
	master, _ := clientside.NewAESKeyring(bytes.Repeat([]byte{1}, 32))
	wrongMaster, _ := clientside.NewAESKeyring(bytes.Repeat([]byte{2}, 32))
	upload := func(key string, kr clientside.Keyring, format clientside.Format) {
		t.Helper()
		_, err := e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: key, Body: bytes.NewReader(data), Size: int64(len(data)),
			Mode: awsops.SSEClient, Keyring: kr, ClientFormat: format, ClientContext: map[string]string{"team": "records"}}, nil)
		if err != nil {
			t.Fatal(err)
		}
	}
	upload("kms-v2", kmsRing, clientside.FormatV2)
	upload("aes-v3", master, clientside.FormatV3)
	upload("tampered", kmsRing, clientside.FormatV2)
	e.tamper(t, "tampered", len(data)/2)

	// S3 stored ciphertext, not the plaintext.
	raw := e.env.client(t, e.region)
	got, err := raw.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(e.bucket), Key: aws.String("kms-v2")})
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := io.ReadAll(got.Body)
	got.Body.Close()
	if len(stored) != len(data)+16 || bytes.Equal(stored[:len(data)], data) {
		t.Fatalf("stored %d bytes, plaintext visible=%v; want ciphertext plus a 16-byte tag", len(stored), bytes.Equal(stored[:min(len(stored), len(data))], data))
	}

	tests := []struct {
		name string
		in   awsops.DownloadInput
		want func(error) bool
	}{
		{"tampered body", awsops.DownloadInput{Key: "tampered", Keyring: kmsRing}, isAuthError},
		{"wrong master key", awsops.DownloadInput{Key: "aes-v3", Keyring: wrongMaster}, isAuthError},
		{"wrong expected context", awsops.DownloadInput{Key: "kms-v2", Keyring: kmsRing, ExpectedContext: map[string]string{"team": "other"}}, isAuthError},
		{"KMS keyring for an AES object", awsops.DownloadInput{Key: "aes-v3", Keyring: kmsRing}, func(err error) bool { return errors.Is(err, clientside.ErrWrongKeyring) }},
		{"no keyring", awsops.DownloadInput{Key: "kms-v2"}, func(err error) bool { return errors.Is(err, awsops.ErrKeyringRequired) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Bucket, in.Region = e.bucket, e.region
			var out bytes.Buffer
			res, err := e.sess.Download(ctx, in, &out, nil)
			if !tt.want(err) {
				t.Errorf("err = %v", err)
			}
			if out.Len() != 0 {
				t.Errorf("%d bytes of plaintext written despite the failure", out.Len())
			}
			if res.ClientFormat == clientside.FormatNone {
				t.Errorf("result %+v does not say the object is client-side encrypted", res)
			}
		})
	}

	// The right keys still work: the failures above are about the keys.
	for key, kr := range map[string]clientside.Keyring{"kms-v2": e.sess.KMSKeyring(e.region, ""), "aes-v3": master} {
		var out bytes.Buffer
		if _, err := e.sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: key, Keyring: kr, ExpectedContext: map[string]string{"team": "records"}}, &out, nil); err != nil || !bytes.Equal(out.Bytes(), data) {
			t.Errorf("%s with the right key: %v", key, err)
		}
	}
}

// isAuthError reports whether err is the client-side integrity failure.
func isAuthError(err error) bool {
	var ae *clientside.AuthError
	return errors.As(err, &ae)
}
