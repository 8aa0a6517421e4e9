package sandbox

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
)

// customerKey is the SSE-C key of one request. It lives only as long as the
// request: versions and uploads keep a salted HMAC of it, never the key.
type customerKey struct {
	Key []byte // raw key bytes as sent (32 on a valid write; any length on a read)
	MD5 string // the key-MD5 header as sent, echoed in responses
}

// customerHeaderNames names the three SSE-C headers of the request itself or
// of a copy source (x-amz-copy-source-server-side-encryption-customer-*).
type customerHeaderNames struct {
	Algorithm, Key, MD5 string
}

// requestCustomerHeaders are the SSE-C headers for the object a request addresses.
var requestCustomerHeaders = customerHeaderNames{
	Algorithm: "X-Amz-Server-Side-Encryption-Customer-Algorithm",
	Key:       "X-Amz-Server-Side-Encryption-Customer-Key",
	MD5:       "X-Amz-Server-Side-Encryption-Customer-Key-Md5",
}

// copySourceCustomerHeaders are the SSE-C headers that unlock a CopyObject source.
var copySourceCustomerHeaders = customerHeaderNames{
	Algorithm: "X-Amz-Copy-Source-Server-Side-Encryption-Customer-Algorithm",
	Key:       "X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key",
	MD5:       "X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key-Md5",
}

// present reports whether the request carries any of the three headers.
func (n customerHeaderNames) present(h http.Header) bool {
	return h.Get(n.Algorithm) != "" || h.Get(n.Key) != "" || h.Get(n.MD5) != ""
}

// parseCustomerKey validates SSE-C headers in the order of 2.6 (the TLS and
// incompatible-with-SSE checks come first, from the caller): algorithm, key
// present, MD5 present and matching, then, on writes only, the key length.
// A read with a key of the wrong length is refused later as a wrong key (403).
// It returns nil, nil when none of the headers is present.
func parseCustomerKey(h http.Header, n customerHeaderNames, write bool) (*customerKey, *s3Error) {
	if !n.present(h) {
		return nil, nil
	}
	alg, rawKey, sum := h.Get(n.Algorithm), h.Get(n.Key), h.Get(n.MD5)
	switch {
	case alg == "":
		return nil, errSSECArgument("Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.")
	case alg != "AES256":
		return nil, newError(http.StatusBadRequest, "InvalidEncryptionAlgorithmError",
			"The Encryption request you specified is not valid. Supported value: AES256.").
			with("ArgumentName", "x-amz-server-side-encryption").with("ArgumentValue", alg)
	case rawKey == "":
		return nil, errSSECArgument("Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.")
	case sum == "":
		return nil, errSSECArgument("Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.")
	}
	key, err := base64.StdEncoding.DecodeString(rawKey)
	if err != nil {
		if write {
			return nil, errSSECBadKey()
		}
		key = []byte(rawKey) // undecodable: can only be the wrong key, answered 403 later
	}
	// AWS compares the MD5 before the key length [OBS].
	digest := md5.Sum(key)
	if base64.StdEncoding.EncodeToString(digest[:]) != sum {
		return nil, errSSECArgument("The calculated MD5 hash of the key did not match the hash that was provided.").
			with("ArgumentValue", "null")
	}
	if write && len(key) != dataKeySize {
		return nil, errSSECBadKey()
	}
	return &customerKey{Key: key, MD5: sum}, nil
}

// requireSecureSSEC refuses SSE-C over plain HTTP (2.6; the text every
// S3-compatible server uses, AWS's own is unverified).
func requireSecureSSEC(secure bool) *s3Error {
	if secure {
		return nil
	}
	return errInvalidRequest("Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.")
}

// customerKeyMAC is the salted HMAC stored in place of an SSE-C key.
func customerKeyMAC(salt, key []byte) []byte {
	m := hmac.New(sha256.New, salt)
	m.Write(key)
	return m.Sum(nil)
}

// customerKeyMatches verifies a request's key against the stored HMAC in constant time.
func customerKeyMatches(km keyMaterial, ck *customerKey) bool {
	return ck != nil && hmac.Equal(customerKeyMAC(km.Salt, ck.Key), km.CustomerMAC)
}

// errSSECArgument is the InvalidArgument of the SSE-C validation table; AWS
// names x-amz-server-side-encryption whatever header is at fault.
func errSSECArgument(message string) *s3Error {
	return newError(http.StatusBadRequest, "InvalidArgument", message).
		with("ArgumentName", "x-amz-server-side-encryption")
}

// errSSECBadKey answers a write whose key is not 32 bytes.
func errSSECBadKey() *s3Error {
	return errSSECArgument("The secret key was invalid for the specified algorithm.")
}

// errSSECWrongKey answers a read whose key does not match the stored HMAC.
func errSSECWrongKey() *s3Error {
	return newError(http.StatusForbidden, "AccessDenied",
		"Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.")
}

// errSSECKeyMissing answers a read of an SSE-C object without the SSE-C headers.
func errSSECKeyMissing() *s3Error {
	return errInvalidRequest("The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.")
}

// errSSECNotApplicable answers SSE-C headers on an object that is not SSE-C.
func errSSECNotApplicable() *s3Error {
	return errInvalidRequest("The encryption parameters are not applicable to this object.")
}

// errSSECBlocked is the 403 of a bucket whose encryption rule blocks SSE-C (2.6).
func errSSECBlocked(p *principal, action, resource string) *s3Error {
	return newError(http.StatusForbidden, "AccessDenied",
		"User: "+p.creds.ARN+" is not authorized to perform: "+action+" on resource: \""+resource+
			"\" because this bucket has blocked upload requests that specify Server Side Encryption with Customer provided keys (SSE-C). Please specify a different server-side encryption type")
}

// checkCustomerKeyFor applies the SSE-C rules of a read (GET, HEAD, copy
// source) to the version found: headers required for SSE-C objects and
// refused for others, and the key must match (2.6).
func checkCustomerKeyFor(v *objectVersion, ck *customerKey) *s3Error {
	switch {
	case v.SSE.CustomerKey && ck == nil:
		return errSSECKeyMissing()
	case !v.SSE.CustomerKey && ck != nil:
		return errSSECNotApplicable()
	case v.SSE.CustomerKey && !customerKeyMatches(v.Keys, ck):
		return errSSECWrongKey()
	}
	return nil
}
