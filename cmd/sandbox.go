package cmd

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/s3sec/s3sec/sandbox"
)

const sandboxUsage = `Usage: s3sec sandbox [--addr 127.0.0.1:PORT] [--tls-addr 127.0.0.1:PORT] [--empty] [--latency 20ms] [--log-interval 10s]
       [--data-dir DIR] [--max-object-size SIZE] [--allow-remote]

Runs the embedded S3 + STS sandbox until interrupted. It first prints shell
export lines (credentials, endpoint, CA bundle), one per line, so that
  s3sec sandbox > sandbox.env &  then  source <(grep ^export sandbox.env)
points the aws CLI and s3sec at it. The keys are fixed demo keys, not secrets.
  --addr HOST:PORT       plain-HTTP listener (default 127.0.0.1:0, a free port)
  --tls-addr HOST:PORT   HTTPS listener (default 127.0.0.1:0)
  --empty                start without the demo buckets
  --latency DURATION     delay every request, 0 or more (for benchmarks and slow-network demos)
  --log-interval DURATION
                         deliver server access logs to their target buckets this
                         often (default 10s; 0 = never); logs the target refuses
                         are dropped, as on AWS, and the reason printed on stderr
  --data-dir DIR         keep object content on disk under DIR (still encrypted at
                         rest; in a directory of its own, removed on exit) instead
                         of in memory, for large objects; the rest stays in memory
  --max-object-size SIZE refuse larger uploads with EntityTooLarge (e.g. 512MiB);
                         default S3's limits: 5 GiB a PUT or part, 5 TiB an object
  --allow-remote         allow listening on non-loopback addresses (not recommended)
  --root-access-key-id ID, --root-secret-access-key KEY
  --admin-access-key-id ID, --admin-secret-access-key KEY
                         replace the documented demo keys of the root user and of IAM user admin
`

// defaultLogInterval is how often `s3sec sandbox` delivers access logs:
// AWS takes minutes to hours, a demo wants to see them soon.
const defaultLogInterval = 10 * time.Second

// runSandbox implements `s3sec sandbox`.
func runSandbox(ctx context.Context, g *globalOptions, args []string, stdout, stderr io.Writer) int {
	var (
		addr, tlsAddr string
		empty, remote bool
		latency       time.Duration
		logInterval   time.Duration
		dataDir       string
		maxObjectSize int64
		keys          sandbox.Options
	)
	fs := newFlagSet("sandbox", g, stderr)
	fs.Usage = printUsage(fs, sandboxUsage)
	fs.StringVar(&addr, "addr", "127.0.0.1:0", "plain-HTTP listen address")
	fs.StringVar(&tlsAddr, "tls-addr", "127.0.0.1:0", "HTTPS listen address")
	fs.BoolVar(&empty, "empty", false, "no demo buckets")
	fs.DurationVar(&latency, "latency", 0, "per-request delay")
	fs.DurationVar(&logInterval, "log-interval", defaultLogInterval, "server access log delivery interval")
	fs.BoolVar(&remote, "allow-remote", false, "allow non-loopback listen addresses")
	fs.StringVar(&dataDir, "data-dir", "", "directory for object content (default: memory)")
	fs.Func("max-object-size", "largest upload accepted", func(v string) (err error) {
		maxObjectSize, err = parseByteSize(v)
		return err
	})
	fs.StringVar(&keys.RootAccessKeyID, "root-access-key-id", sandbox.DefaultRootAccessKeyID, "access key id of the account's root user")
	fs.StringVar(&keys.RootSecretAccessKey, "root-secret-access-key", sandbox.DefaultRootSecretAccessKey, "secret key of the root user")
	fs.StringVar(&keys.AdminAccessKeyID, "admin-access-key-id", sandbox.DefaultAdminAccessKeyID, "access key id of the IAM user admin")
	fs.StringVar(&keys.AdminSecretAccessKey, "admin-secret-access-key", sandbox.DefaultAdminSecretAccessKey, "secret key of the IAM user admin")
	if code := parseCommandFlags(fs, g, args, stdout, stderr); code >= 0 {
		return code
	}
	if logInterval < 0 {
		fmt.Fprintln(stderr, "s3sec sandbox: --log-interval must not be negative")
		return exitUsage
	}
	if latency < 0 {
		// A negative delay means nothing (time.Sleep would ignore it); say so
		// rather than start a sandbox that silently has no latency.
		fmt.Fprintf(stderr, "s3sec sandbox: --latency %s is negative; give a duration of 0 or more, e.g. 20ms\n", latency)
		return exitUsage
	}
	if !remote {
		for _, a := range []string{addr, tlsAddr} {
			if err := sandbox.CheckLoopback(a); err != nil {
				fmt.Fprintf(stderr, "s3sec sandbox: %v (pass --allow-remote to override)\n", err)
				return exitUsage
			}
		}
	}
	srv, err := sandbox.Start(sandbox.Options{
		Addr: addr, TLSAddr: tlsAddr, AllowRemote: remote, Seed: !empty, Latency: latency,
		AccessLogInterval: logInterval, LogWriter: stderr, DataDir: dataDir, MaxObjectSize: maxObjectSize,
		RootAccessKeyID: keys.RootAccessKeyID, RootSecretAccessKey: keys.RootSecretAccessKey,
		AdminAccessKeyID: keys.AdminAccessKeyID, AdminSecretAccessKey: keys.AdminSecretAccessKey,
	})
	if err != nil {
		fmt.Fprintln(stderr, "s3sec sandbox:", err)
		return exitError
	}
	defer srv.Close()

	root, admin := srv.Root(), srv.Admin()
	fmt.Fprintf(stdout, "export AWS_ACCESS_KEY_ID=%s\n", root.AccessKeyID)
	fmt.Fprintf(stdout, "export AWS_SECRET_ACCESS_KEY=%s\n", root.SecretAccessKey)
	fmt.Fprintf(stdout, "export AWS_REGION=%s\n", "us-east-1")
	fmt.Fprintf(stdout, "export AWS_ENDPOINT_URL=%s\n", srv.HTTPSURL())
	fmt.Fprintf(stdout, "export AWS_CA_BUNDLE=%s\n", srv.CAFile())
	fmt.Fprintf(stdout, "export S3SEC_SANDBOX_HTTP_URL=%s\n", srv.HTTPURL())
	fmt.Fprintf(stdout, "export S3SEC_DEMO_ADMIN_ACCESS_KEY_ID=%s\n", admin.AccessKeyID)
	fmt.Fprintf(stdout, "export S3SEC_DEMO_ADMIN_SECRET_ACCESS_KEY=%s\n", admin.SecretAccessKey)
	// Demo data only: the seed of the demo root user's virtual MFA device,
	// so scripts and the aws CLI can compute MFA Delete codes.
	fmt.Fprintf(stdout, "export S3SEC_DEMO_MFA_SERIAL=%s\n", sandbox.DemoMFASerial)
	fmt.Fprintf(stdout, "export S3SEC_DEMO_MFA_SEED=%s\n", sandbox.DemoMFASeed)
	fmt.Fprintf(stdout, "# s3sec sandbox: account %s, HTTPS %s, HTTP %s; the keys and the MFA seed above are public demo values. Ctrl+C stops it.\n",
		srv.AccountID(), srv.HTTPSURL(), srv.HTTPURL())
	if f, ok := stdout.(interface{ Sync() error }); ok {
		_ = f.Sync()
	}
	<-ctx.Done()
	return exitOK
}
