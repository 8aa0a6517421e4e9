package awsops_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/sandbox"
)

// TestClientSideNonASCIIContextRoundTrips writes a client-side object whose
// encryption context is not ASCII. The SDK sends the material description
// as raw UTF-8; the sandbox, like S3, reads it as ISO-8859-1 and answers it
// RFC 2047-encoded ("double encoding"). The download must still find the
// context the object was written with, and KMS must accept it.
func TestClientSideNonASCIIContextRoundTrips(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ctx := context.Background()
	want := map[string]string{"owner": "Zoë Ångström"}
	data := []byte("records of Zoë")
	kr := e.sess.KMSKeyring(e.region, "alias/acme-records")
	for _, format := range []clientside.Format{clientside.FormatV2, clientside.FormatV3} {
		key := fmt.Sprintf("nonascii-v%d", format)
		if _, err := e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: key, Body: bytes.NewReader(data), Size: int64(len(data)),
			Mode: awsops.SSEClient, Keyring: kr, ClientFormat: format, ClientContext: want}, nil); err != nil {
			t.Fatalf("%s upload: %v", format, err)
		}
		// What S3 answers: the stored description is RFC 2047-encoded, not raw UTF-8.
		head, err := e.env.client(t, e.region).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(e.bucket), Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		encoded := false
		for _, v := range head.Metadata {
			encoded = encoded || strings.HasPrefix(v, "=?UTF-8?")
		}
		if !encoded {
			t.Errorf("%s: no metadata value came back RFC 2047-encoded: %q", format, head.Metadata)
		}
		var out bytes.Buffer
		if _, err := e.sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: key, Keyring: kr, ExpectedContext: want}, &out, nil); err != nil {
			t.Fatalf("%s download: %v", format, err)
		}
		if !bytes.Equal(out.Bytes(), data) {
			t.Errorf("%s: plaintext %q", format, out.Bytes())
		}
	}
}
