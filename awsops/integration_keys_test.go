package awsops_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// exactKeys differ only in a control character, or in characters URL
// encoding must keep apart (space and "+", "%"), or hold a bidi override.
var exactKeys = []string{"a\x1bb", "a\x1cb", "a b", "a+b", "100%", "x/\u202etxt.exe", "é/ü"}

// exactFixture is a versioned bucket "exact" holding exactKeys, each with
// its own key as content, on the sandbox or a peer.
func exactFixture(t *testing.T, env endpointEnv) (*awsops.Session, *s3.Client, awsops.BucketState) {
	sess, c := env.open(t), env.client(t, "us-east-1")
	ctx := context.Background()
	must(t, "CreateBucket", func() error {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("exact")})
		return err
	}())
	must(t, "PutBucketVersioning", func() error {
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("exact"),
			VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
		return err
	}())
	for _, k := range exactKeys {
		must(t, "PutObject", func() error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("exact"), Key: aws.String(k), Body: strings.NewReader("content of " + k)})
			return err
		}())
	}
	st := sess.State(ctx, awsops.Bucket{Name: "exact", Region: "us-east-1"})
	return sess, c, st
}

func TestListingsKeepKeysExact(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{})
	listingsKeepKeysExact(t, env)
}

// The same against moto: a second implementation of the encoding.
func TestListingsKeepKeysExactMoto(t *testing.T) { listingsKeepKeysExact(t, motoEnv(t)) }

func listingsKeepKeysExact(t *testing.T, env endpointEnv) {
	sess, _, _ := exactFixture(t, env)
	ctx := context.Background()
	want := slices.Clone(exactKeys)
	slices.Sort(want)

	page, err := sess.ListObjects(ctx, "exact", "us-east-1", "", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range page.Objects {
		got = append(got, o.Key)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("ListObjects keys %q, want %q", got, want)
	}

	downloadEach(t, sess)
	if env.dev.versionsIgnoreEncodingType {
		t.Logf("%s: ListObjectVersions not checked, it ignores encoding-type", env.name)
		return
	}

	// One key per page, so every key also travels back as a key marker.
	var vers []string
	km, vm := "", ""
	for {
		vp, err := sess.ListObjectVersions(ctx, "exact", "us-east-1", "", km, vm, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vp.Versions {
			vers = append(vers, v.Key)
		}
		if vp.NextKeyMarker == "" {
			break
		}
		km, vm = vp.NextKeyMarker, vp.NextVersionIDMarker
	}
	if !slices.Equal(vers, want) {
		t.Fatalf("ListObjectVersions keys %q, want %q", vers, want)
	}
}

// downloadEach reads every exact key back: each gives its own content.
func downloadEach(t *testing.T, sess *awsops.Session) {
	t.Helper()
	ctx := context.Background()
	for _, k := range exactKeys {
		var out bytes.Buffer
		if _, err := sess.Download(ctx, awsops.DownloadInput{Bucket: "exact", Region: "us-east-1", Key: k}, &out, nil); err != nil {
			t.Fatalf("Download %q: %v", k, err)
		}
		if out.String() != "content of "+k {
			t.Errorf("Download %q gave %q", k, out.String())
		}
	}
}

func TestDeleteVersionsOfLookalikeKeys(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{})
	sess, _, st := exactFixture(t, env)
	ctx := context.Background()
	versions := func() map[string]awsops.ObjectVersion {
		vp, err := sess.ListObjectVersions(ctx, "exact", "us-east-1", "", "", "", 0)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]awsops.ObjectVersion{}
		for _, v := range vp.Versions {
			m[v.Key] = v
		}
		return m
	}
	all := versions()

	// One version: DeleteObject with the key in the URL.
	one := awsops.DeleteVersionsPlan(st, []awsops.ObjectVersionRef{all["a\x1bb"].Ref()}, "")
	if err := sess.Apply(ctx, one, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	left := versions()
	if _, ok := left["a\x1bb"]; ok || len(left) != len(exactKeys)-1 {
		t.Fatalf("after deleting a\\x1bb: %d versions left, a\\x1bb still there: %v", len(left), ok)
	}
	if _, ok := left["a\x1cb"]; !ok {
		t.Fatal("deleting a\\x1bb removed a\\x1cb")
	}

	// Several: the key XML cannot carry goes alone, the others in DeleteObjects.
	many := awsops.DeleteVersionsPlan(st, []awsops.ObjectVersionRef{left["a\x1cb"].Ref(), left["a+b"].Ref(), left["100%"].Ref()}, "")
	if len(many.Steps) != 2 || many.Steps[0].API != "s3:DeleteObjects" || many.Steps[1].API != "s3:DeleteObject" {
		t.Fatalf("steps %+v", many.Steps)
	}
	if err := sess.Apply(ctx, many, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	var rest []string
	for k := range versions() {
		rest = append(rest, k)
	}
	slices.Sort(rest)
	if want := []string{"a b", "x/\u202etxt.exe", "é/ü"}; !slices.Equal(rest, want) {
		t.Fatalf("left %q, want %q", rest, want)
	}
}
