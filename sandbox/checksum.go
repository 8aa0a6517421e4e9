package sandbox

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"strings"
)

// crc64NVME is the CRC-64/NVME table (reflected polynomial of 0xad93d23594c93659).
var crc64NVME = crc64.MakeTable(0x9a6c9329ac4bc9b5)

// checksumAlgorithms are the flexible checksums S3 supports, by wire name.
var checksumAlgorithms = map[string]func() hash.Hash{
	"CRC32":     func() hash.Hash { return crc32.NewIEEE() },
	"CRC32C":    func() hash.Hash { return crc32.New(crc32.MakeTable(crc32.Castagnoli)) },
	"CRC64NVME": func() hash.Hash { return crc64.New(crc64NVME) },
	"SHA1":      sha1.New,
	"SHA256":    sha256.New,
}

// checksumOf returns the base64 checksum of data under algorithm.
func checksumOf(algorithm string, data []byte) string {
	h := checksumAlgorithms[algorithm]()
	h.Write(data)
	return base64.StdEncoding.EncodeToString(h.Sum(nil)) // big-endian, as S3 sends it
}

// checksumHeader is the response/request header that carries algorithm's value.
func checksumHeader(algorithm string) string {
	return "x-amz-checksum-" + strings.ToLower(algorithm)
}

// requestedChecksum finds the flexible checksum a PutObject declares: a value
// header (x-amz-checksum-crc32: …), a trailer (x-amz-trailer) or just
// x-amz-sdk-checksum-algorithm. It returns the algorithm and, for a value
// header, the value the client computed.
func requestedChecksum(h http.Header) (algorithm, value string, err *s3Error) {
	for alg := range checksumAlgorithms {
		if v := h.Get(checksumHeader(alg)); v != "" {
			if algorithm != "" {
				return "", "", errInvalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
			}
			algorithm, value = alg, v
		}
	}
	if algorithm != "" {
		return algorithm, value, nil
	}
	if t := strings.ToLower(strings.TrimSpace(h.Get("X-Amz-Trailer"))); strings.HasPrefix(t, "x-amz-checksum-") {
		alg := strings.ToUpper(strings.TrimPrefix(t, "x-amz-checksum-"))
		if _, ok := checksumAlgorithms[alg]; ok {
			return alg, "", nil
		}
	}
	if alg := strings.ToUpper(h.Get("X-Amz-Sdk-Checksum-Algorithm")); alg != "" {
		if _, ok := checksumAlgorithms[alg]; !ok {
			return "", "", errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
		}
		return alg, "", nil
	}
	return "", "", nil
}

// errBadChecksum is S3's answer when a declared checksum does not match the payload.
func errBadChecksum(algorithm string) *s3Error {
	return newError(http.StatusBadRequest, "BadDigest",
		"The "+algorithm+" you specified did not match the calculated checksum.")
}

// md5Sum returns the MD5 digest of data as a slice.
func md5Sum(data []byte) []byte {
	sum := md5.Sum(data)
	return sum[:]
}
