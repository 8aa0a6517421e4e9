package kms

import (
	"net/http"
	"strings"
)

// request is one KMS call over HTTP, after SigV4 verification.
type request struct {
	s      *Service
	r      *http.Request
	region string
	caller caller
}

// operation answers one KMS operation: a value to marshal (nil for an empty
// body) or an error.
type operation func(q *request) (any, *Error)

// operations are the implemented operations, by X-Amz-Target suffix.
var operations = map[string]operation{
	"CreateKey":                       opCreateKey,
	"DescribeKey":                     opDescribeKey,
	"ListKeys":                        opListKeys,
	"EnableKey":                       opEnableKey,
	"DisableKey":                      opDisableKey,
	"ScheduleKeyDeletion":             opScheduleKeyDeletion,
	"CancelKeyDeletion":               opCancelKeyDeletion,
	"CreateAlias":                     opCreateAlias,
	"DeleteAlias":                     opDeleteAlias,
	"ListAliases":                     opListAliases,
	"Encrypt":                         opEncrypt,
	"Decrypt":                         opDecrypt,
	"GenerateDataKey":                 opGenerateDataKey,
	"GenerateDataKeyWithoutPlaintext": opGenerateDataKeyWithoutPlaintext,
	"GenerateRandom":                  opGenerateRandom,
}

// Handle answers a KMS JSON 1.1 request (X-Amz-Target: TrentService.<Op>)
// whose SigV4 signature the caller has verified. region comes from the
// credential scope; callerARN is the signing principal, whose account's
// quota the cryptographic operations count against. Operations of the real
// service that the sandbox lacks answer UnsupportedOperationException.
func (s *Service) Handle(w http.ResponseWriter, r *http.Request, region string, callerARN string) {
	if w.Header().Get("x-amzn-RequestId") == "" {
		w.Header().Set("x-amzn-RequestId", newRequestID())
	}
	target := r.Header.Get("X-Amz-Target")
	op, ok := strings.CutPrefix(target, "TrentService.")
	if !ok || r.Method != http.MethodPost {
		WriteError(w, newError(ErrUnknownOperation, ""))
		return
	}
	fn := operations[op]
	if fn == nil {
		if knownOperations[op] {
			WriteError(w, newError(ErrUnsupportedOperation, "The s3sec sandbox does not implement KMS "+op+"."))
		} else {
			WriteError(w, newError(ErrUnknownOperation, ""))
		}
		return
	}
	if callerARN == "" {
		callerARN = s.rootARN() // never S3's trusted empty caller over HTTP
	}
	q := &request{s: s, r: r, region: region, caller: caller{account: accountOf(callerARN, s.account), arn: callerARN}}
	out, e := fn(q)
	if e != nil {
		WriteError(w, e)
		return
	}
	writeJSON(w, out)
}

// accountOf is the account id in a principal ARN (arn:aws:iam::ACCOUNT:...),
// or def when the ARN has none.
func accountOf(principalARN, def string) string {
	parts := strings.SplitN(principalARN, ":", 6)
	if len(parts) == 6 && parts[4] != "" {
		return parts[4]
	}
	return def
}

// newRequestID returns a request id in KMS's UUID form.
func newRequestID() string {
	var ids idSource
	return ids.keyID()
}
