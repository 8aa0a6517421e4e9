package tour

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/s3sec/s3sec/awsops"
)

func stepSSES3() Step {
	return Step{
		ID:     "sse-s3",
		Title:  "SSE-S3: every new bucket encrypts by default",
		What:   []string{"Since January 2023 S3 encrypts every new object with SSE-S3 (AES-256, keys held by S3), whatever the uploader sends."},
		Why:    []string{"Nothing is stored in the clear, even from a careless client. It protects the disks, not access: whoever may read the object gets plaintext."},
		Cost:   []string{"Free. No KMS calls, no key to manage; but no key policy or CloudTrail record of key use either."},
		Screen: "Overview: the Enc column of " + bucketNew + "; enter opens it, tab to the Encryption pane.",
		Bucket: bucketNew, Pane: "Encryption",
		Action: "Create bucket " + bucketNew + ", upload an object with no encryption header, then HEAD it.",
		Run: func(ctx context.Context, e *Env) (Outcome, error) {
			o := newOutcome()
			if err := ensureBucket(ctx, e, &o, bucketNew); err != nil {
				return o, err
			}
			if enc := e.state(ctx, bucketNew).Encryption; enc != nil {
				line := "s3:GetBucketEncryption: " + enc.Algorithm + " by default"
				if enc.SSECBlocked() {
					line += ", SSE-C uploads blocked"
				}
				o.Lines = append(o.Lines, line+" (set by S3, not by us).")
				o.Checks["default-aes256"] = enc.Algorithm == awsops.AlgorithmAES256
			}
			_, err := e.S3.Upload(ctx, awsops.UploadInput{Bucket: bucketNew, Region: region, Key: "hello.txt",
				Body: strings.NewReader("hello, tour\n"), Size: 12, ContentType: "text/plain"}, nil)
			if err != nil {
				return o, err
			}
			o.Lines = append(o.Lines, "s3:PutObject hello.txt without any x-amz-server-side-encryption header.")
			heads := e.S3.HeadObjects(ctx, bucketNew, region, []awsops.ObjectRef{{Key: "hello.txt"}})
			if len(heads) != 1 || heads[0].Err != nil {
				return o, fmt.Errorf("HEAD hello.txt: %v", heads)
			}
			o.Lines = append(o.Lines, "s3:HeadObject: stored as "+heads[0].Label()+" (x-amz-server-side-encryption: AES256).")
			o.Checks["sse-s3"] = heads[0].Mode == awsops.SSES3
			return o, nil
		},
	}
}

func stepBucketKey() Step {
	return Step{
		ID:    "bucket-key",
		Title: "SSE-KMS and the S3 Bucket Key",
		What: []string{"SSE-KMS wraps each object's data key with a KMS key you control: key policy, rotation, CloudTrail record of every use.",
			"Without a bucket key S3 calls KMS for every write; with one, S3 derives data keys from a bucket-level key it refreshes now and then."},
		Why:    []string{"Every KMS call is billed and counts against the account's KMS request quota: busy buckets without a bucket key get throttled."},
		Cost:   []string{"KMS: $0.03 per 10,000 requests. 1 million writes a day without a bucket key: about $3 a day, $90 a month; with one, cents."},
		Screen: "Encryption pane of " + bucketKMS + ": SSE-KMS without a bucket key is a finding, with the KMS cost hint; b turns the bucket key on.",
		Bucket: bucketKMS, Pane: "Encryption",
		Action: "Set SSE-KMS on two buckets (one with a bucket key), write the same objects to both, read the sandbox's KMS counters.",
		Run:    runBucketKey,
	}
}

func runBucketKey(ctx context.Context, e *Env) (Outcome, error) {
	o := newOutcome()
	n := e.writes()
	for _, b := range []struct {
		name string
		key  bool
	}{{bucketKMS, false}, {bucketKMSKey, true}} {
		if err := ensureBucket(ctx, e, &o, b.name); err != nil {
			return o, err
		}
		p, err := awsops.EncryptionPlan(e.state(ctx, b.name), awsops.EncryptionChoice{
			Algorithm: awsops.AlgorithmKMS, KMSKeyID: demoKMSAlias, BucketKey: b.key})
		if err != nil {
			return o, err
		}
		if err := e.S3.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
			return o, err
		}
		o.Lines = append(o.Lines, fmt.Sprintf("%s: SSE-KMS with %s, bucket key %v.", b.name, demoKMSAlias, onOff(b.key)))
	}
	for _, name := range []string{bucketKMS, bucketKMSKey} {
		before := e.Sandbox.KMSCalls(name)
		if err := writeMany(ctx, e.S3, name, n); err != nil {
			return o, err
		}
		after := e.Sandbox.KMSCalls(name)
		calls := after.GenerateDataKey - before.GenerateDataKey + after.Decrypt - before.Decrypt
		hits := after.BucketKeyHits - before.BucketKeyHits
		figure := "kms.plain"
		if name == bucketKMSKey {
			figure = "kms.bucketkey"
		}
		o.Figures[figure] = calls
		o.Lines = append(o.Lines, fmt.Sprintf("%d writes to %s: %s to KMS, %d served by the bucket key.",
			n, name, plural(calls, "call", "calls"), hits))
	}
	if k := o.Figures["kms.bucketkey"]; k > 0 {
		o.Lines = append(o.Lines, fmt.Sprintf("The bucket key saved %d of %d KMS calls (%dx fewer).",
			o.Figures["kms.plain"]-k, o.Figures["kms.plain"], o.Figures["kms.plain"]/k))
	}
	return o, nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// writeMany writes n small objects with the bucket's default encryption,
// eight at a time.
func writeMany(ctx context.Context, s *awsops.Session, bucket string, n int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	errs := make(chan error, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				body := fmt.Sprintf("object %d\n", i)
				_, err := s.Upload(ctx, awsops.UploadInput{Bucket: bucket, Region: region, Key: fmt.Sprintf("load/%04d.txt", i),
					Body: strings.NewReader(body), Size: int64(len(body))}, nil)
				if err != nil {
					errs <- err
					cancel()
					return
				}
			}
		}()
	}
feed:
	for i := range n {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return ctx.Err()
	}
}

// demoSSECKey is the tour's SSE-C key: fixed so the tour is the same every
// time, and a demo value that protects nothing.
var demoSSECKey = bytes.Repeat([]byte("tour-ssec-demo-key-not-secret!!!"[:16]), 2)

func stepSSEC() Step {
	return Step{
		ID:    "sse-c",
		Title: "SSE-C: your key, sent with every request",
		What:  []string{"With SSE-C you send a 256-bit key with each PUT and GET; S3 encrypts with it and keeps only a salted hash of it."},
		Why: []string{"S3 refuses SSE-C over plain HTTP: the key would cross the network in clear text (rotate it if that ever happens).",
			"Lose the key and the object is gone: S3 cannot decrypt it for anyone, including you."},
		Cost:   []string{"No KMS charge, but key custody is yours: every reader needs the key, and the S3 console cannot open or download such objects."},
		Screen: "Objects pane of " + bucketSSEC + ": each object's encryption (SSE-C); d downloads and asks for the key file.",
		Bucket: bucketSSEC, Pane: "Objects",
		Action: "PUT with a key over HTTP, then over HTTPS, then GET without the key.",
		Run: func(ctx context.Context, e *Env) (Outcome, error) {
			o := newOutcome()
			if err := ensureBucket(ctx, e, &o, bucketSSEC); err != nil {
				return o, err
			}
			// New buckets refuse SSE-C uploads (BlockedEncryptionTypes, since
			// 2026): the demo allows them first, as a user of SSE-C must.
			allow, err := awsops.EncryptionPlan(e.state(ctx, bucketSSEC), awsops.EncryptionChoice{Algorithm: awsops.AlgorithmAES256})
			if err != nil {
				return o, err
			}
			if err := e.S3.Apply(ctx, allow, awsops.MFA{}, nil); err != nil {
				return o, err
			}
			o.Lines = append(o.Lines, "s3:PutBucketEncryption: SSE-S3 default, SSE-C no longer blocked (new buckets block it).")
			body := []byte("SSE-C demo object\n")
			attempt(&o, "http-put", "PUT with an SSE-C key over plain HTTP",
				e.Plain.ProbeSSECPut(ctx, bucketSSEC, region, "over-http.txt", body, demoSSECKey))
			_, err = e.S3.Upload(ctx, awsops.UploadInput{Bucket: bucketSSEC, Region: region, Key: "secret.txt",
				Body: bytes.NewReader(body), Size: int64(len(body)), Mode: awsops.SSEC, SSECKey: demoSSECKey}, nil)
			attempt(&o, "https-put", "PUT with the same key over HTTPS", err)
			if err != nil {
				return o, nil
			}
			o.Lines = append(o.Lines, "  S3 echoes only the key's MD5: "+awsops.SSECKeyMD5(demoSSECKey))
			_, err = e.S3.Download(ctx, awsops.DownloadInput{Bucket: bucketSSEC, Region: region, Key: "secret.txt", Concurrency: 1}, io.Discard, nil)
			attempt(&o, "get-without-key", "GET secret.txt without the key", err)
			var got bytes.Buffer
			_, err = e.S3.Download(ctx, awsops.DownloadInput{Bucket: bucketSSEC, Region: region, Key: "secret.txt",
				SSECKey: demoSSECKey, Concurrency: 1}, &got, nil)
			attempt(&o, "get-with-key", "GET secret.txt with the key", err)
			o.Checks["content-matches"] = bytes.Equal(got.Bytes(), body)
			return o, nil
		},
	}
}

func stepClientSide() Step {
	const plaintext = "Card 4111 1111 1111 1111, exp 12/29 (client-side demo)\n"
	return Step{
		ID:     "client-side",
		Title:  "Client-side encryption: S3 never sees the plaintext",
		What:   []string{"The S3 Encryption Client encrypts before upload (AES-GCM, data key wrapped by KMS) and stores the wrapped key in the object's metadata."},
		Why:    []string{"A leaked bucket, a wrong policy or an S3 operator sees only ciphertext; reading needs the KMS key too."},
		Cost:   []string{"One KMS call per object written and read; S3 features that read content (Select, Object Lambda, search) cannot."},
		Screen: "Objects pane of " + bucketNew + ": card.txt shows as client-side (S3EC); u uploads client-side, d downloads and decrypts.",
		Bucket: bucketNew, Pane: "Objects",
		Action: "Upload a card number client-side, then GET the object as S3 stores it.",
		Run: func(ctx context.Context, e *Env) (Outcome, error) {
			o := newOutcome()
			if err := ensureBucket(ctx, e, &o, bucketNew); err != nil {
				return o, err
			}
			_, err := e.S3.Upload(ctx, awsops.UploadInput{Bucket: bucketNew, Region: region, Key: "card.txt",
				Body: strings.NewReader(plaintext), Size: int64(len(plaintext)), Mode: awsops.SSEClient,
				Keyring: e.S3.KMSKeyring(region, demoKMSAlias)}, nil)
			if err != nil {
				return o, err
			}
			o.Lines = append(o.Lines, fmt.Sprintf("Uploaded card.txt, %d bytes of plaintext, encrypted on this machine.", len(plaintext)))
			st, err := e.S3.StoredObject(ctx, bucketNew, region, "card.txt", 24)
			if err != nil {
				return o, err
			}
			o.Lines = append(o.Lines, fmt.Sprintf("S3 stores %d bytes (%s on top), starting % x …", st.Size, st.Mode, st.Head[:min(12, len(st.Head))]))
			keys := make([]string, 0, len(st.Metadata))
			for k := range st.Metadata {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				v := st.Metadata[k]
				if len(v) > 36 {
					v = v[:33] + "…"
				}
				o.Lines = append(o.Lines, "  x-amz-meta-"+k+": "+v)
			}
			o.Checks["ciphertext"] = !bytes.Contains(st.Head, []byte("Card")) && st.Size > int64(len(plaintext))
			o.Checks["wrapped-key"] = st.Metadata["x-amz-key-v2"] != ""
			o.Figures["stored.size"] = int(st.Size)
			return o, nil
		},
	}
}
