package clientside_test

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"io"
	"testing"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// benchSizes are the object sizes the encryption benchmarks compare.
var benchSizes = []int{1 << 20, 16 << 20}

// BenchmarkEncryptV2 measures streaming V2 encryption (AES keyring, so no
// network), reading the body to io.Discard. Compare with BenchmarkRawAESGCM.
func BenchmarkEncryptV2(b *testing.B) {
	kr := aesKeyring(b, katMasterKey)
	for _, size := range benchSizes {
		pt := make([]byte, size)
		b.Run(fmt.Sprintf("%dMiB", size>>20), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				s, err := clientside.Encrypt(context.Background(), bytes.NewReader(pt), int64(size), kr, clientside.EncryptOptions{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := io.Copy(io.Discard, s.Body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRawAESGCM is the baseline: one cipher.AEAD.Seal over the whole
// object in memory, as the official Go client does.
func BenchmarkRawAESGCM(b *testing.B) {
	block, _ := aes.NewCipher(katDataKey)
	aead, _ := cipher.NewGCM(block)
	for _, size := range benchSizes {
		pt := make([]byte, size)
		dst := make([]byte, 0, size+16)
		b.Run(fmt.Sprintf("%dMiB", size>>20), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				dst = aead.Seal(dst[:0], katIV, pt, nil)
			}
		})
	}
}

// BenchmarkDecryptV2 measures whole-object V2 decryption with the AES keyring.
func BenchmarkDecryptV2(b *testing.B) {
	kr := aesKeyring(b, katMasterKey)
	for _, size := range benchSizes {
		body, meta := seal(b, kr, make([]byte, size), clientside.EncryptOptions{})
		b.Run(fmt.Sprintf("%dMiB", size>>20), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := clientside.Decrypt(context.Background(), bytes.NewReader(body), meta, kr, clientside.DecryptOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecryptToV2 measures streaming V2 decryption (the download
// path) to io.Discard, holding 128 KiB whatever the size; compare with
// BenchmarkRawAESGCM.
func BenchmarkDecryptToV2(b *testing.B) {
	kr := aesKeyring(b, katMasterKey)
	for _, size := range benchSizes {
		body, meta := seal(b, kr, make([]byte, size), clientside.EncryptOptions{})
		b.Run(fmt.Sprintf("%dMiB", size>>20), func(b *testing.B) {
			o, err := clientside.OpenEnvelope(context.Background(), meta, kr, clientside.DecryptOptions{})
			if err != nil {
				b.Fatal(err)
			}
			defer o.Close()
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := o.DecryptTo(io.Discard, bytes.NewReader(body)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
