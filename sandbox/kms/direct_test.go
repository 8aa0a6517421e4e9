package kms_test

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/s3sec/s3sec/sandbox/kms"
)

// kmsErr asserts err is a *kms.Error of this type and message.
func kmsErr(t *testing.T, err error, typ, msg string) {
	t.Helper()
	var e *kms.Error
	if !errors.As(err, &e) || e.Type != typ || e.Message != msg {
		t.Fatalf("got %v, want %s %q", err, typ, msg)
	}
}

func TestGoAPI(t *testing.T) {
	s := kms.New(kms.Options{})
	arn := s.CreateKey("us-east-1", "records")
	must(t, s.CreateAlias("us-east-1", "alias/records", arn))
	id := arn[len(arn)-36:]
	for _, ref := range []string{id, arn, "alias/records", "arn:aws:kms:us-east-1:" + kms.DefaultAccountID + ":alias/records"} {
		got, err := s.ResolveKey("us-east-1", ref)
		if err != nil || got != arn {
			t.Fatalf("ResolveKey(%s) = %s, %v", ref, got, err)
		}
	}
	encCtx := map[string]string{"aws:s3:arn": "arn:aws:s3:::b/k"}
	pt, blob, keyARN, err := s.GenerateDataKey("us-east-1", "alias/records", encCtx)
	must(t, err)
	if len(pt) != 32 || keyARN != arn {
		t.Fatalf("data key %d bytes under %s", len(pt), keyARN)
	}
	got, keyARN, err := s.Decrypt("us-east-1", blob, map[string]string{"aws:s3:arn": "arn:aws:s3:::b/k"})
	must(t, err)
	if !bytes.Equal(got, pt) || keyARN != arn {
		t.Fatal("Decrypt did not return the data key")
	}
	_, _, err = s.Decrypt("us-east-1", blob, map[string]string{"aws:s3:arn": "arn:aws:s3:::b"})
	kmsErr(t, err, kms.ErrInvalidCiphertext, "")

	must(t, s.SetEnabled("us-east-1", "alias/records", false))
	_, _, err = s.Decrypt("us-east-1", blob, encCtx)
	kmsErr(t, err, kms.ErrDisabled, arn+" is disabled.")
	_, _, _, err = s.GenerateDataKey("us-east-1", arn, encCtx)
	kmsErr(t, err, kms.ErrDisabled, arn+" is disabled.")
	// ResolveKey does not look at the state: S3 reports the ARN of a disabled key.
	if got, err := s.ResolveKey("us-east-1", id); err != nil || got != arn {
		t.Fatalf("ResolveKey of a disabled key: %s, %v", got, err)
	}

	kmsErr(t, s.CreateAlias("us-east-1", "alias/records", arn), kms.ErrAlreadyExists,
		"An alias with the name arn:aws:kms:us-east-1:"+kms.DefaultAccountID+":alias/records already exists")
	_, err = s.ResolveKey("us-east-1", "fake-key-id")
	kmsErr(t, err, kms.ErrNotFound, "Invalid keyId 'fake-key-id'")

	// The first use of alias/aws/s3 creates the AWS-managed key, once.
	s3a, err := s.ResolveKey("eu-west-1", "alias/aws/s3")
	must(t, err)
	s3b, err := s.ResolveKey("eu-west-1", "arn:aws:kms:eu-west-1:"+kms.DefaultAccountID+":alias/aws/s3")
	must(t, err)
	if s3a != s3b {
		t.Fatalf("aws/s3 resolved to %s and %s", s3a, s3b)
	}
	_, _, _, err = s.GenerateDataKey("eu-west-1", "alias/aws/s3", nil)
	must(t, err)
	kmsErr(t, s.SetEnabled("eu-west-1", s3a, false), kms.ErrAccessDenied, "User: arn:aws:iam::"+kms.DefaultAccountID+
		":root is not authorized to perform: kms:DisableKey on resource: "+s3a+" because no resource-based policy allows the kms:DisableKey action")
}

func TestDeterministicIDs(t *testing.T) {
	seed := [32]byte{1, 2, 3}
	arns := func() []string {
		s := kms.New(kms.Options{})
		s.DeterministicIDs(&seed)
		out := []string{s.CreateKey("us-east-1", "a"), s.CreateKey("eu-west-1", "b")}
		s.DeterministicIDs(nil)
		return append(out, s.CreateKey("us-east-1", "c"))
	}
	a, b := arns(), arns()
	if a[0] != b[0] || a[1] != b[1] {
		t.Fatalf("seeded ids differ: %v vs %v", a, b)
	}
	if a[2] == b[2] {
		t.Fatal("ids after the seeded run repeat")
	}
}

func TestConcurrentUse(t *testing.T) {
	s := kms.New(kms.Options{})
	arn := s.CreateKey("us-east-1", "shared")
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			encCtx := map[string]string{"n": fmt.Sprint(i)}
			for j := range 50 {
				pt, blob, _, err := s.GenerateDataKey("us-east-1", arn, encCtx)
				if err != nil {
					errs <- err
					return
				}
				got, _, err := s.Decrypt("us-east-1", blob, encCtx)
				if err != nil || !bytes.Equal(got, pt) {
					errs <- fmt.Errorf("worker %d round %d: %v", i, j, err)
					return
				}
				if j%10 == 0 {
					if err := s.CreateAlias("us-east-1", fmt.Sprintf("alias/w%d-%d", i, j), arn); err != nil {
						errs <- err
						return
					}
					if _, err := s.ResolveKey("us-east-1", "alias/aws/s3"); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
