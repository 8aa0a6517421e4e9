package sigv4

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

// checksumAlgorithm is one of the flexible checksums S3 verifies.
type checksumAlgorithm struct {
	label   string // as S3 names it in BadDigest messages
	size    int    // digest length in bytes
	newHash func() hash.Hash
}

// crc64NVME is the CRC-64/NVME table (reflected polynomial 0x9a6c9329ac4bc9b5);
// Go's crc64 applies the required all-ones init and final xor.
var crc64NVME = crc64.MakeTable(0x9a6c9329ac4bc9b5)

var crc32C = crc32.MakeTable(crc32.Castagnoli)

// checksumPrefix starts every checksum header and trailer name.
const checksumPrefix = "x-amz-checksum-"

// checksumAlgorithms maps the name suffix after "x-amz-checksum-" to the
// algorithm. Other x-amz-checksum-* headers (-type, -mode, -algorithm) are
// not checksums and are ignored.
var checksumAlgorithms = map[string]checksumAlgorithm{
	"crc32":     {"CRC32", 4, func() hash.Hash { return crc32.NewIEEE() }},
	"crc32c":    {"CRC32C", 4, func() hash.Hash { return crc32.New(crc32C) }},
	"crc64nvme": {"CRC64NVME", 8, func() hash.Hash { return crc64.New(crc64NVME) }},
	"sha1":      {"SHA1", sha1.Size, sha1.New},
	"sha256":    {"SHA256", sha256.Size, sha256.New},
}

// ChecksumHashes returns the flexible checksums S3 supports as hash
// constructors keyed by wire name ("CRC32", "CRC32C", "CRC64NVME", "SHA1",
// "SHA256"), so the sandbox computes stored checksums with the very
// algorithms it verifies uploads with. The map is the caller's own copy.
func ChecksumHashes() map[string]func() hash.Hash {
	out := make(map[string]func() hash.Hash, len(checksumAlgorithms))
	for _, alg := range checksumAlgorithms {
		out[alg.label] = alg.newHash
	}
	return out
}

// lookupChecksum returns the algorithm of a lower-case header name.
func lookupChecksum(name string) (checksumAlgorithm, bool) {
	suffix, ok := strings.CutPrefix(name, checksumPrefix)
	if !ok {
		return checksumAlgorithm{}, false
	}
	alg, ok := checksumAlgorithms[suffix]
	return alg, ok
}

// digestCheck is one digest computed over the decoded body and compared at
// its end.
type digestCheck struct {
	name     string // header or trailer name, lower case
	hash     hash.Hash
	expected []byte // nil until known (trailers arrive after the data)
	mismatch func(computed []byte) *Error
}

// decodeChecksumValue decodes a base64 checksum value of the right length.
func decodeChecksumValue(alg checksumAlgorithm, value string) ([]byte, bool) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(value))
	return b, err == nil && len(b) == alg.size
}

func checksumMismatch(alg checksumAlgorithm) func([]byte) *Error {
	return func([]byte) *Error {
		return newError(400, "BadDigest", "The "+alg.label+" you specified did not match the calculated checksum.")
	}
}

// headerChecks builds the checks for the checksum headers of an S3 request:
// x-amz-checksum-<algorithm> and Content-MD5. Trailer names that will carry
// a checksum count towards S3's one-checksum-per-request rule.
func headerChecks(h http.Header, trailerNames []string) ([]*digestCheck, *Error) {
	var checks []*digestCheck
	count := 0
	for key, values := range h {
		name := strings.ToLower(key)
		alg, ok := lookupChecksum(name)
		if !ok {
			continue
		}
		count++
		want, ok := decodeChecksumValue(alg, strings.Join(values, ","))
		if !ok {
			return nil, newError(400, "InvalidRequest", "Value for "+name+" header is invalid.")
		}
		checks = append(checks, &digestCheck{name: name, hash: alg.newHash(), expected: want, mismatch: checksumMismatch(alg)})
	}
	for _, name := range trailerNames {
		if _, ok := lookupChecksum(name); ok {
			count++
		}
	}
	if count > 1 {
		return nil, newError(400, "InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
	}
	// A Content-MD5 header that is present but empty is invalid too (S3
	// answers InvalidDigest; it is not the same as leaving the header out).
	if _, present := h["Content-Md5"]; present {
		v := h.Get("Content-Md5")
		want, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(want) != md5.Size {
			return nil, newError(400, "InvalidDigest", "The Content-MD5 you specified was invalid.", Field{"Content-MD5", v})
		}
		checks = append(checks, &digestCheck{name: "content-md5", hash: md5.New(), expected: want,
			mismatch: func(computed []byte) *Error {
				return newError(400, "BadDigest", "The Content-MD5 you specified did not match what we received.",
					Field{"ExpectedDigest", v}, Field{"CalculatedDigest", base64.StdEncoding.EncodeToString(computed)})
			}})
	}
	return checks, nil
}

// trailerChecks prepares a check per declared trailing checksum; the
// expected value is filled in when the trailer has been read.
func trailerChecks(trailerNames []string) ([]*digestCheck, *Error) {
	var checks []*digestCheck
	for _, name := range trailerNames {
		alg, ok := lookupChecksum(name)
		if !ok {
			return nil, errMalformedTrailer()
		}
		checks = append(checks, &digestCheck{name: name, hash: alg.newHash(), mismatch: checksumMismatch(alg)})
	}
	return checks, nil
}
