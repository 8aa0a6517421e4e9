package awsops_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/s3accesslog"
)

// TestAccessLogsFromMoto reads what moto_server delivers with the same
// reader. Deviation (moto 5.x): moto does deliver, at once and one log
// object per request, but its lines are not in AWS's format: the
// Request-URI and the User-Agent are written without quotes, the bucket
// is always "originbucket" and the operation always REST.<method>.BUCKET.
// The test asserts exactly that: every line is reported as malformed at
// field 9, with its object and line number, and nothing is invented.
func TestAccessLogsFromMoto(t *testing.T) {
	ctx := context.Background()
	env := motoEnv(t)
	c := env.client(t, "us-east-1")
	src, target := "logview-moto-src", "logview-moto-logs"
	for _, b := range []string{src, target} {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)})
		must(t, "create "+b, err)
	}
	// moto checks the delivery permission at configuration time and wants
	// the Resource to be exactly the target's prefix.
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},` +
		`"Action":["s3:PutObject"],"Resource":"arn:aws:s3:::` + target + `/` + src + `/*"}]}`
	_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(target), Policy: aws.String(policy)})
	must(t, "delivery policy", err)
	putLogging(t, c, src, target, src+"/", false)
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(src), Key: aws.String("a.txt"), Body: strings.NewReader("x")})
	must(t, "put", err)

	sess := env.open(t)
	res, err := sess.AccessLogs(ctx, src, awsops.LogQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Objects) == 0 {
		t.Fatalf("moto delivered no log object under %s/%s (found %d): it used to deliver one per request", target, src+"/", res.Found)
	}
	if len(res.Records) != 0 {
		t.Errorf("moto's records parsed (%+v): if moto now writes AWS's format, drop the deviation", res.Records)
	}
	if len(res.BadLines) != len(res.Objects) {
		t.Fatalf("%d malformed lines in %d objects, want one each (moto writes one line per object)", len(res.BadLines), len(res.Objects))
	}
	for _, pe := range res.BadLines {
		if pe.Line != 1 || pe.Field != 9 || !strings.HasPrefix(pe.Object, src+"/") || !strings.Contains(pe.Error(), "field 9 (Request-URI): want a quoted value") {
			t.Errorf("malformed line: %v (object %q line %d field %d)", pe, pe.Object, pe.Line, pe.Field)
		}
		var target *s3accesslog.ParseError
		if !errors.As(error(pe), &target) {
			t.Errorf("%v is not a ParseError", pe)
		}
	}
	u, err := sess.PlainHTTPRequesters(ctx, src, awsops.LogQuery{})
	if err != nil || u.Available || !strings.Contains(u.Describe(), "hold no readable record") {
		t.Errorf("moto: %q, %v: unreadable logs are not logs", u.Describe(), err)
	}
}
