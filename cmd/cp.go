package cmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/internal/termsafe"
)

// cpUsage is the help text of `s3sec cp`.
const cpUsage = `Usage: s3sec cp [flags] [global flags] SRC DST

Copies one object between S3 and a local file, with the chosen encryption.
One side is s3://BUCKET/KEY, the other a local path or - (stdin/stdout).
A DST of s3://BUCKET/PREFIX/ or a local directory keeps the source's name.
  --sse MODE              upload encryption: AES256 | aws:kms | aws:kms:dsse | sse-c | client
                          (default: none requested, the bucket's default applies)
  --kms-key ID            KMS key (id, ARN, alias): for aws:kms / aws:kms:dsse, or the
                          client-side key; downloads of client-side objects find it themselves
  --bucket-key            use an S3 Bucket Key (aws:kms only)
  --sse-c-key-file FILE   SSE-C key: 32 raw bytes or their base64, mode 0600 (uploads with
                          --sse sse-c, and downloads of SSE-C objects); HTTPS only
  --master-key-file FILE  client-side AES master key (instead of --kms-key)
  --format v2|v3          client-side object format (default v2; v3 is key-committing)
  --force                 downloads: replace an existing local file or symbolic link
                          (default: refuse, even if it appears while downloading)

Downloaded files are created with mode 0600 and appear only once complete
(and, for client-side objects, authenticated). Objects over 8 MiB are read
with 4 concurrent ranged GETs of 8 MiB, written in order. A client-side
object sent to stdout (-) is written only after it has authenticated: its
ciphertext waits in a temporary file in $TMPDIR until then.
Temporary files (.s3sec-cp-*) left over an hour by a killed download are
removed on the next download into that directory, and named on stderr.
Exit status: 0 done, 1 failed, 2 usage error.
`

// cpStdin is where `s3sec cp - s3://...` reads; tests replace it.
var cpStdin io.Reader = os.Stdin

// cpOptions are the flags of `s3sec cp`.
type cpOptions struct {
	sse           string
	kmsKey        string
	bucketKey     bool
	sseCKeyFile   string
	masterKeyFile string
	format        string
	force         bool
}

// s3URL is a parsed s3://bucket/key.
type s3URL struct {
	bucket, key string
}

// parseS3URL splits s3://bucket/key; ok is false for anything else.
func parseS3URL(s string) (u s3URL, ok bool, err error) {
	rest, found := strings.CutPrefix(s, "s3://")
	if !found {
		return s3URL{}, false, nil
	}
	bucket, key, _ := strings.Cut(rest, "/")
	if bucket == "" {
		return s3URL{}, true, fmt.Errorf("%q names no bucket: use s3://BUCKET/KEY", s)
	}
	return s3URL{bucket: bucket, key: key}, true, nil
}

// runCp implements `s3sec cp`.
func runCp(ctx context.Context, g *globalOptions, args []string, stdout, stderr io.Writer) int {
	var o cpOptions
	fs := newFlagSet("cp", g, stderr)
	fs.Usage = printUsage(fs, cpUsage)
	fs.StringVar(&o.sse, "sse", "", "upload encryption")
	fs.StringVar(&o.kmsKey, "kms-key", "", "KMS key id, ARN or alias")
	fs.BoolVar(&o.bucketKey, "bucket-key", false, "use an S3 Bucket Key")
	fs.StringVar(&o.sseCKeyFile, "sse-c-key-file", "", "SSE-C key file")
	fs.StringVar(&o.masterKeyFile, "master-key-file", "", "client-side master key file")
	fs.StringVar(&o.format, "format", "", "client-side format v2 or v3")
	fs.BoolVar(&o.force, "force", false, "replace an existing local file when downloading")
	pos, code := parseInterspersed(fs, args, stdout)
	if code >= 0 {
		return code
	}
	if g.version {
		fmt.Fprintln(stdout, "s3sec", versionString())
		return exitOK
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintln(stderr, "s3sec cp: "+termsafe.String(fmt.Sprintf(format, a...))) // may quote a key
		return exitUsage
	}
	if err := g.validate(); err != nil {
		return usageErr("%v", err)
	}
	if len(pos) != 2 {
		return usageErr("want SRC and DST, got %d argument(s); see s3sec cp -h", len(pos))
	}
	src, srcS3, err := parseS3URL(pos[0])
	if err != nil {
		return usageErr("%v", err)
	}
	dst, dstS3, err := parseS3URL(pos[1])
	if err != nil {
		return usageErr("%v", err)
	}
	switch {
	case srcS3 && dstS3:
		return usageErr("copies between two S3 locations are not supported: one side must be local")
	case !srcS3 && !dstS3:
		return usageErr("one side must be s3://BUCKET/KEY")
	}

	var plan cpPlan
	if dstS3 {
		plan, err = o.uploadPlan(pos[0], dst)
	} else {
		plan, err = o.downloadPlan(src, pos[1])
	}
	if err != nil {
		return usageErr("%v", err)
	}

	sess, err := openAWS(ctx, g)
	if err != nil {
		fmt.Fprintln(stderr, "s3sec cp:", err)
		return exitError
	}
	defer sess.Close()
	if err := plan.run(ctx, sess, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "s3sec cp:", termsafe.String(err.Error())) // errors may name the key
		if hint := awsops.ExplainEncryptionError(err); hint != "" {
			fmt.Fprintln(stderr, "  "+hint)
		}
		return exitError
	}
	return exitOK
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments (s3sec cp SRC DST --sse aws:kms), returning the
// positional ones. A non-negative code means stop with it; -h and --help
// print the usage on stdout.
func parseInterspersed(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, int) {
	var pos []string
	for {
		if err := parseOnce(fs, args, stdout); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK
			}
			return nil, exitUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, -1
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), -1 // after "--" everything is positional
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// cpPlan is a validated transfer, ready to run.
type cpPlan struct {
	upload   bool
	local    string // path, or "-"
	remote   s3URL
	mode     awsops.SSEMode
	opts     cpOptions
	clientV3 bool
}

// uploadPlan checks the flags of an upload.
func (o cpOptions) uploadPlan(local string, dst s3URL) (cpPlan, error) {
	mode, err := awsops.ParseSSEMode(o.sse)
	if err != nil {
		return cpPlan{}, err
	}
	if dst.key == "" || strings.HasSuffix(dst.key, "/") {
		if local == "-" {
			return cpPlan{}, errors.New("uploading stdin needs a full key: s3://BUCKET/KEY")
		}
		dst.key += filepath.Base(local)
	}
	p := cpPlan{upload: true, local: local, remote: dst, mode: mode, opts: o}
	switch {
	case o.kmsKey != "" && mode != awsops.SSEKMS && mode != awsops.DSSEKMS && mode != awsops.SSEClient:
		return p, errors.New("--kms-key needs --sse aws:kms, aws:kms:dsse or client")
	case o.bucketKey && mode != awsops.SSEKMS:
		return p, errors.New("--bucket-key needs --sse aws:kms")
	case mode == awsops.SSEC && o.sseCKeyFile == "":
		return p, errors.New("--sse sse-c needs --sse-c-key-file")
	case o.sseCKeyFile != "" && mode != awsops.SSEC:
		return p, errors.New("--sse-c-key-file needs --sse sse-c for an upload")
	case mode == awsops.SSEClient && (o.kmsKey == "") == (o.masterKeyFile == ""):
		return p, errors.New("--sse client needs exactly one of --kms-key and --master-key-file")
	case o.masterKeyFile != "" && mode != awsops.SSEClient:
		return p, errors.New("--master-key-file needs --sse client")
	case o.format != "" && mode != awsops.SSEClient:
		return p, errors.New("--format needs --sse client")
	case o.force:
		return p, errors.New("--force applies to downloads (an upload replaces the key's current version anyway)")
	}
	switch o.format {
	case "", "v2":
	case "v3":
		p.clientV3 = true
	default:
		return p, fmt.Errorf("--format must be v2 or v3, got %q", o.format)
	}
	return p, nil
}

// downloadPlan checks the flags of a download.
func (o cpOptions) downloadPlan(src s3URL, local string) (cpPlan, error) {
	switch {
	case src.key == "" || strings.HasSuffix(src.key, "/"):
		return cpPlan{}, errors.New("the source must name an object: s3://BUCKET/KEY")
	case o.sse != "" || o.bucketKey || o.format != "":
		return cpPlan{}, errors.New("--sse, --bucket-key and --format apply to uploads; a download reads the object's own encryption")
	case o.kmsKey != "" && o.masterKeyFile != "":
		return cpPlan{}, errors.New("give --kms-key or --master-key-file, not both")
	case o.force && local == "-":
		return cpPlan{}, errors.New("--force needs a local file to replace, not stdout")
	}
	if local != "-" {
		if info, err := os.Stat(local); err == nil && info.IsDir() {
			local = filepath.Join(local, termsafe.FileName(src.key, "download")) // never "..", a separator or a control character
		}
	}
	return cpPlan{local: local, remote: src, opts: o}, nil
}

// keys loads the key files the plan names.
func (p cpPlan) keys() (ssecKey, masterKey []byte, err error) {
	if p.opts.sseCKeyFile != "" {
		if ssecKey, err = awsops.LoadSSECKey(p.opts.sseCKeyFile); err != nil {
			return nil, nil, err
		}
	}
	if p.opts.masterKeyFile != "" {
		if masterKey, err = clientside.LoadMasterKey(p.opts.masterKeyFile); err != nil {
			return nil, nil, err
		}
	}
	return ssecKey, masterKey, nil
}

// keyring builds the client-side keyring: the AES master key, or the KMS
// key (in its ARN's region, else the bucket's), or for downloads a KMS
// keyring that lets KMS find the key from the object.
func (p cpPlan) keyring(sess *awsops.Session, bucketRegion string, masterKey []byte) (clientside.Keyring, error) {
	if masterKey != nil {
		return clientside.NewAESKeyring(masterKey)
	}
	region := bucketRegion
	if parts := strings.SplitN(p.opts.kmsKey, ":", 5); len(parts) == 5 && parts[0] == "arn" {
		region = parts[3]
	}
	return sess.KMSKeyring(region, p.opts.kmsKey), nil
}
