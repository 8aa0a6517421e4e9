package awsops_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/awsops"
)

// The optional MinIO tier: when S3SEC_MINIO_BIN names a MinIO server
// binary (go install github.com/minio/minio@latest), these tests start it
// on loopback over HTTPS with a throwaway certificate and a static KMS key,
// and check what s3sec makes of it. It is not part of .ci/run.

// minioEnv starts a MinIO server for one test, or skips with a message.
func minioEnv(t *testing.T) endpointEnv {
	t.Helper()
	bin := os.Getenv("S3SEC_MINIO_BIN")
	if bin == "" {
		t.Skip("S3SEC_MINIO_BIN is not set: MinIO tier skipped (build with go install github.com/minio/minio@latest, then S3SEC_MINIO_BIN=$(go env GOPATH)/bin/minio)")
	}
	dir := t.TempDir()
	certs := filepath.Join(dir, "certs")
	if err := os.MkdirAll(certs, 0o700); err != nil {
		t.Fatal(err)
	}
	caFile := writeLoopbackCert(t, certs)
	api, consolePort := freePort(t), freePort(t)
	user, password := "s3sec-minio-root", randomHex(t, 16)
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "server", "--quiet", "--address", fmt.Sprintf("127.0.0.1:%d", api),
		"--console-address", fmt.Sprintf("127.0.0.1:%d", consolePort), "--certs-dir", certs, filepath.Join(dir, "data"))
	cmd.Env = append(os.Environ(), "MINIO_ROOT_USER="+user, "MINIO_ROOT_PASSWORD="+password,
		"MINIO_KMS_SECRET_KEY=s3sec-test-key:"+base64.StdEncoding.EncodeToString(key), "MINIO_BROWSER=off")
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	url := fmt.Sprintf("https://127.0.0.1:%d", api)
	if err := waitHealthy(url, caFile); err != nil {
		t.Fatalf("MinIO did not become healthy: %v\n%s", err, logs.String())
	}
	return endpointEnv{name: "minio", url: url, caFile: caFile, keyID: user, secret: password}
}

// writeLoopbackCert writes a self-signed certificate for 127.0.0.1 as
// MinIO expects it (public.crt, private.key) and returns the certificate's path.
func writeLoopbackCert(t *testing.T, dir string) string {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "s3sec MinIO tier"},
		NotBefore:    time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	crt := filepath.Join(dir, "public.crt")
	must(t, "write public.crt", os.WriteFile(crt, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	must(t, "write private.key", os.WriteFile(filepath.Join(dir, "private.key"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600))
	return crt
}

// waitHealthy polls MinIO's liveness endpoint until it answers 200.
func waitHealthy(url, caFile string) error {
	pemBytes, err := os.ReadFile(caFile)
	if err != nil {
		return err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pemBytes)
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	deadline := time.Now().Add(60 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		resp, err := client.Get(url + "/minio/health/live")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		last = err
		time.Sleep(200 * time.Millisecond)
	}
	return last
}

// freePort is a loopback TCP port free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// randomHex is n random bytes in hex.
func randomHex(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// TestCapabilityTableMinIO: MinIO refuses GET ?publicAccessBlock and GET
// ?ownershipControls with NotImplemented, and answers GET ?cors and GET
// ?logging with placeholders while refusing the PUTs (its router's
// rejectedBucketAPIs and dummy handlers): those four show "not supported".
func TestCapabilityTableMinIO(t *testing.T) {
	env := minioEnv(t)
	sess := checkCapabilityTable(t, env, "cap-table-minio",
		without(awsops.FacetCORS, awsops.FacetLogging, awsops.FacetPublicAccessBlock, awsops.FacetOwnership))
	if name := sess.EndpointName(); name != "MinIO" {
		t.Errorf("EndpointName = %q, want MinIO", name)
	}
}

// TestReadBackMinIO: MinIO accepts MfaDelete=Enabled and ignores it, so
// both MFA Delete checks fail loudly; SSE-S3 (with MINIO_KMS_SECRET_KEY)
// is kept and reads back.
func TestReadBackMinIO(t *testing.T) {
	env := minioEnv(t)
	sess := env.open(t)
	ctx := context.Background()
	versionedBucket(t, env, "readback-minio")
	state := sess.State(ctx, awsops.Bucket{Name: "readback-minio", Region: "us-east-1"})
	plan := awsops.EnableMFADeletePlan(state, "arn:aws:iam::123456789012:mfa/root-account-mfa-device", false)
	v, err := sess.ApplyAndVerify(ctx, plan, awsops.MFA{Serial: "arn:aws:iam::123456789012:mfa/root-account-mfa-device", Code: "123456"}, nil)
	if err != nil {
		t.Fatalf("MinIO refused MfaDelete=Enabled: %v (expected: accepted and ignored)", err)
	}
	t.Logf("MinIO MFA Delete checks:%s", resultsText(v))
	if len(v.Failed()) != 2 || !strings.Contains(v.Results[0].Detail, "does not report it enabled") {
		t.Errorf("MinIO ignores MFA Delete: both checks must fail:%s", resultsText(v))
	}
	res, err := sess.Upload(ctx, awsops.UploadInput{Bucket: "readback-minio", Key: "a.txt", Body: strings.NewReader("hello"), Size: 5, Mode: awsops.SSES3}, nil)
	if err != nil || res.EncryptionCheck == nil || res.EncryptionCheck.Outcome != awsops.CheckPassed {
		t.Errorf("SSE-S3 upload on MinIO: %v, check %+v", err, res.EncryptionCheck)
	}
}

// TestMinIOHarnessCertificate checks the harness without MinIO: the
// throwaway certificate serves HTTPS on 127.0.0.1 and waitHealthy trusts it
// and sees the liveness answer.
func TestMinIOHarnessCertificate(t *testing.T) {
	dir := t.TempDir()
	crt := writeLoopbackCert(t, dir)
	pair, err := tls.LoadX509KeyPair(crt, filepath.Join(dir, "private.key"))
	if err != nil {
		t.Fatalf("MinIO could not load the pair either: %v", err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{pair}})
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/minio/health/live" {
			http.NotFound(w, r)
		}
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	if err := waitHealthy("https://"+ln.Addr().String(), crt); err != nil {
		t.Fatalf("waitHealthy: %v", err)
	}
}
