package cmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/localfile"
)

// run performs the transfer and prints a one-line summary: on stdout,
// unless stdout carries the object's content.
func (p cpPlan) run(ctx context.Context, sess *awsops.Session, stdout, stderr io.Writer) error {
	ssecKey, masterKey, err := p.keys()
	if err != nil {
		return err
	}
	defer clear(ssecKey)
	defer clear(masterKey)
	if !p.upload && p.local != "-" && !p.opts.force {
		// Refuse before any request; Publish refuses again, atomically.
		if err := localfile.CheckFree(p.local); err != nil {
			return existsHint(err)
		}
	}
	if ssecKey != nil && !sess.Secure() {
		// Refuse before any request, the bucket's region lookup included.
		return &awsops.SSECOverHTTPError{Endpoint: sess.Endpoint()}
	}
	region, err := sess.BucketRegion(ctx, p.remote.bucket)
	if err != nil {
		// Not fatal: without s3:GetBucketLocation the session's region may still be right.
		region = ""
	}
	kr, err := p.keyring(sess, region, masterKey)
	if err != nil {
		return err
	}
	prog := newCpProgress(stderr)
	if p.upload {
		return p.runUpload(ctx, sess, region, ssecKey, kr, prog, stdout, stderr)
	}
	return p.runDownload(ctx, sess, region, ssecKey, kr, prog, stdout, stderr)
}

// runUpload sends the local file or stdin.
func (p cpPlan) runUpload(ctx context.Context, sess *awsops.Session, region string, ssecKey []byte, kr clientside.Keyring, prog *cpProgress, stdout, stderr io.Writer) error {
	in := awsops.UploadInput{
		Bucket: p.remote.bucket, Region: region, Key: p.remote.key,
		Mode: p.mode, SSECKey: ssecKey,
	}
	if p.mode == awsops.SSEKMS || p.mode == awsops.DSSEKMS {
		in.KMSKeyID = p.opts.kmsKey
	}
	if p.opts.bucketKey {
		in.BucketKey = &p.opts.bucketKey
	}
	if p.mode == awsops.SSEClient {
		in.Keyring = kr
		if p.clientV3 {
			in.ClientFormat = clientside.FormatV3
		}
	}
	if p.local == "-" {
		in.Body, in.Size = cpStdin, -1
		if f, ok := cpStdin.(*os.File); ok {
			if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
				in.Size = info.Size() // stdin redirected from a file
			}
		}
	} else {
		in.Path = p.local
	}
	res, err := sess.Upload(ctx, in, prog.upload)
	prog.finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "upload: %s to s3://%s/%s (%s)\n", termsafe.String(p.local), p.remote.bucket, termsafe.String(p.remote.key),
		describeEncryption(res.Mode, res.KMSKeyARN, res.BucketKey, res.ClientFormat, res.VersionID))
	return uploadCheckOutcome(res.EncryptionCheck, stderr)
}

// runDownload writes the object to stdout, or to a temporary file (mode
// 0600) in the destination's directory that is published under its name
// only once the whole object has arrived and, if client-side,
// authenticated: never over an existing entry unless --force
// (localfile.Publish).
func (p cpPlan) runDownload(ctx context.Context, sess *awsops.Session, region string, ssecKey []byte, kr clientside.Keyring, prog *cpProgress, stdout, stderr io.Writer) error {
	in := awsops.DownloadInput{Bucket: p.remote.bucket, Region: region, Key: p.remote.key, SSECKey: ssecKey, Keyring: kr,
		PartSize: cpDownloadPartSize}
	noted := false
	progress := func(d awsops.DownloadProgress) {
		if d.Held && !noted {
			noted = true
			prog.finish()
			fmt.Fprintln(stderr, "s3sec cp: client-side object: stdout gets it only once all of it has arrived and authenticated")
		}
		prog.download(d)
		cpOnDownloadProgress(d)
	}
	if p.local == "-" {
		res, err := sess.Download(ctx, in, stdout, progress)
		prog.finish()
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "download: s3://%s/%s to stdout (%s)\n", p.remote.bucket, termsafe.String(p.remote.key),
			describeEncryption(res.Mode, res.KMSKeyARN, res.BucketKey, res.ClientFormat, res.VersionID))
		return nil
	}
	reportStale(stderr, localfile.CleanStale(filepath.Dir(p.local), time.Now()))
	tmp, err := localfile.NewTemp(p.local)
	if err != nil {
		return fmt.Errorf("download: %w", err)
	}
	defer tmp.Discard()
	in.DiscardsOnError = true // the temporary file is removed unless the whole object authenticates
	res, err := sess.Download(ctx, in, tmp.File, progress)
	prog.finish()
	if err != nil {
		return err
	}
	cpBeforePublish(p.local)
	if err := tmp.Publish(p.opts.force); err != nil {
		return fmt.Errorf("download: %w", existsHint(err))
	}
	fmt.Fprintf(stdout, "download: s3://%s/%s to %s (%s)\n", p.remote.bucket, termsafe.String(p.remote.key), termsafe.String(p.local),
		describeEncryption(res.Mode, res.KMSKeyARN, res.BucketKey, res.ClientFormat, res.VersionID))
	return nil
}

// describeEncryption sums up how the object is stored, for the summary line.
func describeEncryption(mode awsops.SSEMode, keyARN string, bucketKey bool, format clientside.Format, versionID string) string {
	s := string(mode)
	if keyARN != "" {
		s += " " + keyARN
	}
	if bucketKey {
		s += ", bucket key"
	}
	if format != clientside.FormatNone {
		s = format.String() + " client-side, over " + s
	}
	if versionID != "" {
		s += ", version " + versionID
	}
	return s
}
