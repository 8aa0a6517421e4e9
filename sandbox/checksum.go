package sandbox

import (
	"crypto/md5"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/s3sec/s3sec/sandbox/sigv4"
)

// checksumAlgorithms are the flexible checksums S3 supports, by wire name;
// sigv4 owns the table because it verifies the same checksums on upload.
var checksumAlgorithms = sigv4.ChecksumHashes()

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
