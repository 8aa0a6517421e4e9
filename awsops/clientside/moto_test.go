package clientside_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// startMoto runs moto_server on a free loopback port for the test and
// returns its endpoint. Without the binary the test is skipped, except under
// CI=true, where a missing peer is a failure.
func startMoto(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("moto_server not found in PATH; CI requires it (pip install 'moto[server]')")
		}
		t.Skip("moto_server not found in PATH; install with pip install 'moto[server]' to run the real-KMS test")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()

	var output bytes.Buffer
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", port)
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})

	endpoint := "http://127.0.0.1:" + port
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(endpoint + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return endpoint
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server did not answer on %s: %v\n%s", endpoint, err, output.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestKMSKeyringAgainstMoto round-trips both formats through a real KMS
// endpoint and shows the endpoint itself enforces the encryption context.
func TestKMSKeyringAgainstMoto(t *testing.T) {
	endpoint := startMoto(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	client := kms.New(kms.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
	key, err := client.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("clientside test")})
	if err != nil {
		t.Fatal(err)
	}
	kr := clientside.NewKMSKeyring(client, *key.KeyMetadata.KeyId)
	anyKey := clientside.NewKMSKeyring(client, "")
	userCtx := map[string]string{"tenant": "a", "bucket": "demo"}
	pt := bytes.Repeat([]byte("moto "), 1000)

	for _, format := range both {
		t.Run(format.String(), func(t *testing.T) {
			s, err := clientside.Encrypt(ctx, bytes.NewReader(pt), int64(len(pt)), kr, clientside.EncryptOptions{Format: format, Context: userCtx})
			if err != nil {
				t.Fatal(err)
			}
			body := new(bytes.Buffer)
			if _, err := body.ReadFrom(s.Body); err != nil {
				t.Fatal(err)
			}
			for name, k := range map[string]clientside.Keyring{"configured key": kr, "any key": anyKey} {
				got, err := clientside.Decrypt(ctx, bytes.NewReader(body.Bytes()), s.Metadata, k, clientside.DecryptOptions{ExpectedContext: userCtx})
				if err != nil || !bytes.Equal(got, pt) {
					t.Fatalf("%s: Decrypt: %v", name, err)
				}
			}

			// Change the stored context; no ExpectedContext, so only KMS can notice.
			ctxKey := map[clientside.Format]string{clientside.FormatV2: "x-amz-matdesc", clientside.FormatV3: "x-amz-t"}[format]
			changed := map[string]string{}
			for k, v := range s.Metadata {
				changed[k] = v
			}
			changed[ctxKey] = strings.Replace(changed[ctxKey], `"tenant":"a"`, `"tenant":"b"`, 1)
			if changed[ctxKey] == s.Metadata[ctxKey] {
				t.Fatalf("test did not change the context %s", s.Metadata[ctxKey])
			}
			got, err := clientside.Decrypt(ctx, bytes.NewReader(body.Bytes()), changed, kr, clientside.DecryptOptions{})
			mustAuthFail(t, got, err)
			var invalid *types.InvalidCiphertextException
			if !errors.As(err, &invalid) {
				t.Errorf("error %v does not come from KMS's InvalidCiphertextException", err)
			}
		})
	}
}
