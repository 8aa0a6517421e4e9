package sandbox_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

func TestConcurrentPutsAndLists(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "busy")
	enableVersioning(t, c, "busy", s3types.BucketVersioningStatusEnabled)
	const workers, puts = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*puts*3)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < puts; i++ {
				key := fmt.Sprintf("w%d/k%d", w, i%5) // rewrites make versions
				if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("busy"), Key: aws.String(key), Body: strings.NewReader(key)}); err != nil {
					errs <- err
				}
				if _, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("busy")}); err != nil {
					errs <- err
				}
				if _, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("busy"), MaxKeys: aws.Int32(7)}); err != nil {
					errs <- err
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("busy")})
	if err != nil || len(out.Contents) != workers*5 {
		t.Fatalf("keys after the storm: %v %d", err, len(out.Contents))
	}
	versions := 0
	p := s3.NewListObjectVersionsPaginator(c, &s3.ListObjectVersionsInput{Bucket: aws.String("busy")})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		versions += len(page.Versions)
	}
	if versions != workers*puts {
		t.Fatalf("versions %d, want %d", versions, workers*puts)
	}
}

func TestConcurrentConfigurationAndReads(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "flip")
	mustPut(t, c, "flip", "k", "v")
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	run := func(f func(i int) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if err := f(i); err != nil {
					errs <- err
				}
			}
		}()
	}
	run(func(i int) error {
		status := s3types.BucketVersioningStatusEnabled
		if i%2 == 1 {
			status = s3types.BucketVersioningStatusSuspended
		}
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("flip"),
			VersioningConfiguration: &s3types.VersioningConfiguration{Status: status}})
		return err
	})
	run(func(int) error {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("flip"), Key: aws.String("k")})
		if err == nil {
			out.Body.Close()
		}
		return err
	})
	run(func(i int) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("flip"), Key: aws.String("k"), Body: strings.NewReader(fmt.Sprint(i))})
		return err
	})
	run(func(int) error {
		_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("flip"), Policy: aws.String(tlsOnly("flip"))})
		return err
	})
	run(func(int) error {
		_, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("flip")})
		return err
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func BenchmarkPutObject(b *testing.B) {
	srv := start(b, sandbox.Options{})
	c := s3Client(b, srv, clientOpts{})
	mustBucket(b, c, "bench")
	body := strings.Repeat("x", 64<<10)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bench"), Key: aws.String("k"), Body: strings.NewReader(body)}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListObjectsV2(b *testing.B) {
	srv := start(b, sandbox.Options{})
	c := s3Client(b, srv, clientOpts{})
	mustBucket(b, c, "bench")
	for i := 0; i < 500; i++ {
		mustPut(b, c, "bench", fmt.Sprintf("dir%d/key%d", i%10, i), "x")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bench"), Delimiter: aws.String("/")}); err != nil {
			b.Fatal(err)
		}
	}
}
