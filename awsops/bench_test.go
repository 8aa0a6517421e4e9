package awsops_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// BenchmarkStates reads 500 empty buckets from a sandbox that answers every
// request after 20ms, with the default parallelism. ratio_to_bound compares
// the time per scan with the ideal buckets × calls × latency / parallelism.
func BenchmarkStates(b *testing.B) {
	const (
		buckets  = 500
		latency  = 20 * time.Millisecond
		parallel = awsops.DefaultParallel
	)
	srv, err := sandbox.Start(sandbox.Options{Latency: latency})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	root := srv.Root()
	env := endpointEnv{name: "sandbox", url: srv.HTTPSURL(), caFile: srv.CAFile(), keyID: root.AccessKeyID, secret: root.SecretAccessKey}
	client := env.client(b, "us-east-1")
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, buckets)
	sem := make(chan struct{}, 32)
	for i := range buckets {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(fmt.Sprintf("bench-%04d", i))}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}

	sess, err := awsops.Open(ctx, awsops.Options{EndpointURL: srv.HTTPSURL(), CABundle: srv.CAFile(), Region: "us-east-1",
		AccessKeyID: root.AccessKeyID, SecretAccessKey: root.SecretAccessKey})
	if err != nil {
		b.Fatal(err)
	}
	list, err := sess.Buckets(ctx)
	if err != nil || len(list) != buckets {
		b.Fatalf("listed %d buckets (%v), want %d", len(list), err, buckets)
	}
	// Calls actually made per bucket: every facet but the region, plus
	// GetBucketLocation when ListBuckets did not give the region.
	calls := len(awsops.AllFacets) - 1
	if list[0].Region == "" {
		calls++
	}
	var failed sync.Once
	for b.Loop() {
		sess.States(ctx, list, parallel, func(s awsops.BucketState) {
			if len(s.Errors) != 0 {
				failed.Do(func() { b.Errorf("%s: facet errors %v", s.Name, s.Errors) })
			}
		})
	}
	perScan := b.Elapsed() / time.Duration(b.N)
	bound := time.Duration(buckets*calls) * latency / parallel
	b.ReportMetric(float64(buckets)/perScan.Seconds(), "buckets/s")
	b.ReportMetric(perScan.Seconds()/bound.Seconds(), "ratio_to_bound")
}
