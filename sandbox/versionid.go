package sandbox

import "github.com/s3sec/s3sec/sandbox/internal/randsource"

// versionIDAlphabet is the character set of S3 version ids ([A-Za-z0-9._]).
const versionIDAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._"

// versionIDLength is the length of every non-null S3 version id.
const versionIDLength = 32

// nullVersionID is the version id of objects written while unversioned or suspended.
const nullVersionID = "null"

// versionIDSource draws version ids: random in normal operation, from a fixed
// seed while the demo data is loaded so seeded listings are reproducible.
type versionIDSource struct{ randsource.Source }

// next returns a fresh 32-character version id.
func (s *versionIDSource) next() string {
	var raw [versionIDLength]byte
	s.Read(raw[:])
	out := make([]byte, versionIDLength)
	for i, b := range raw {
		out[i] = versionIDAlphabet[int(b)%len(versionIDAlphabet)]
	}
	return string(out)
}

// validVersionID reports whether id has the shape of an S3 version id.
func validVersionID(id string) bool {
	if id == nullVersionID {
		return true
	}
	if len(id) != versionIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}
