package awsops_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops"
)

func TestZZProbeMoto(t *testing.T) {
	env := motoEnv(t)
	ctx := context.Background()
	sess := env.open(t)
	c := env.client(t, "us-east-1")
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("probe")})
	t.Log("create", err)
	for _, m := range []awsops.UploadInput{{}, {Mode: awsops.SSES3}, {Mode: awsops.SSEKMS, KMSKeyID: "alias/x"}, {Mode: awsops.SSEKMS}, {Mode: awsops.DSSEKMS, KMSKeyID: "alias/x"}, {Mode: awsops.SSEKMS, KMSKeyID: "alias/x", BucketKey: aws.Bool(true)}} {
		m.Bucket, m.Key, m.Body, m.Size = "probe", "k"+string(m.Mode), strings.NewReader("hello"), 5
		res, err := sess.Upload(ctx, m, nil)
		t.Logf("%s: %+v %v", m.Mode, res, err)
		h := sess.HeadObjects(ctx, "probe", "", []awsops.ObjectRef{{Key: m.Key}})
		t.Logf("  head %+v", h[0])
	}
	key := bytes.Repeat([]byte{1}, 32)
	sum := md5.Sum(key)
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("probe"), Key: aws.String("ssec"), Body: strings.NewReader("secret"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(base64.StdEncoding.EncodeToString(key)), SSECustomerKeyMD5: aws.String(base64.StdEncoding.EncodeToString(sum[:]))})
	t.Log("raw ssec put", err)
	h := sess.HeadObjects(ctx, "probe", "", []awsops.ObjectRef{{Key: "ssec"}})
	t.Logf("  head %+v", h[0])
	var out bytes.Buffer
	res, err := sess.Download(ctx, awsops.DownloadInput{Bucket: "probe", Key: "ssec"}, &out, nil)
	t.Logf("  get without key %+v %v %q", res, err, out.String())
	cr, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("probe"), Key: aws.String("mp"), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
	t.Log("mpu", err)
	_ = cr
	data := randomBytes(11 << 20)
	in := awsops.UploadInput{Bucket: "probe", Key: "mp2", Body: bytes.NewReader(data), Size: int64(len(data)), Mode: awsops.SSEKMS, KMSKeyID: "alias/x"}
	multipartTuning(&in)
	r2, err := sess.Upload(ctx, in, nil)
	t.Logf("mp upload %+v %v", r2, err)
	out.Reset()
	_, err = sess.Download(ctx, awsops.DownloadInput{Bucket: "probe", Key: "mp2"}, &out, nil)
	t.Log("mp download", err, bytes.Equal(out.Bytes(), data))
	keys, err := sess.KMSKeys(ctx, "us-east-1")
	t.Log("kms keys", keys, err)
}
