package awsops_test

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/s3sec/s3sec/awsops"
)

// moto is the moto_server process shared by the tests of this binary.
var moto struct {
	once sync.Once
	cmd  *exec.Cmd
	url  string
	err  error
}

// motoEnv starts moto_server on a free loopback port (once), or skips the
// test when the binary is absent, except under CI=true where that fails.
func motoEnv(t *testing.T) endpointEnv {
	t.Helper()
	path, err := exec.LookPath("moto_server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("moto_server not found on PATH, and CI=true: the peer tier must run in CI (pip install 'moto[server]')")
		}
		t.Skip("moto_server not found on PATH: peer tier skipped (install with pip install 'moto[server]')")
	}
	moto.once.Do(func() { moto.url, moto.err = startMoto(path) })
	if moto.err != nil {
		t.Fatalf("starting moto_server: %v", moto.err)
	}
	return endpointEnv{
		name: "moto", url: moto.url, keyID: "test", secret: "test",
		// Deviation (moto): GetCallerIdentity answers a fixed STS user ARN
		// and user id whatever the keys; AWS would name the caller
		// (arn:aws:iam::<account>:user/<name>, or :root for the root user).
		identity: awsops.Identity{Account: "123456789012", ARN: "arn:aws:sts::123456789012:user/moto", UserID: "AKIAIOSFODNN7EXAMPLE"},
		dev: deviations{
			noBucketRegionInList:        true,
			encryptionNotFound404:       true,
			dropsBlockedEncryptionTypes: true,
			noDefaultPublicAccessBlock:  true,
			noDefaultOwnershipControls:  true,
			loggingNeedsTargetGrant:     true,
			versionsIgnoreEncodingType:  true,
		},
	}
}

// startMoto runs moto_server on a free port and waits until it answers.
func startMoto(path string) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	if err := cmd.Start(); err != nil {
		return "", err
	}
	moto.cmd = cmd
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := client.Get(url + "/moto-api/"); err == nil {
			resp.Body.Close()
			return url, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "", fmt.Errorf("moto_server did not answer on %s within 30s", url)
}

// stopMoto ends the moto_server this binary started, if any.
func stopMoto() {
	if moto.cmd != nil && moto.cmd.Process != nil {
		moto.cmd.Process.Kill()
		moto.cmd.Wait()
	}
}

func TestSuiteMoto(t *testing.T) { runSuite(t, motoEnv(t)) }
