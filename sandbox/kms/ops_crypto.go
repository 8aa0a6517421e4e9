package kms

import crand "crypto/rand"

// symmetricDefault is the only encryption algorithm of symmetric keys.
const symmetricDefault = "SYMMETRIC_DEFAULT"

// encryptionAlgorithms is the model's EncryptionAlgorithmSpec enumeration.
var encryptionAlgorithms = []string{"SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"}

// errDryRun is the answer of a crypto operation that would have succeeded with DryRun set.
func errDryRun() *Error {
	return newError("DryRunOperationException", "The request would have succeeded, but the DryRun option is set.")
}

// checkSymmetricCall ends the checks of Encrypt and Decrypt once the key is
// known: asymmetric algorithms are refused (every sandbox key is symmetric),
// and only then does DryRun answer.
func checkSymmetricCall(alg, keyARN string, dryRun bool) *Error {
	if alg != "" && alg != symmetricDefault {
		return newError(ErrInvalidKeyUsage, keyARN+" key usage is ENCRYPT_DECRYPT which is not valid for encryption algorithm "+alg+".")
	}
	if dryRun {
		return errDryRun()
	}
	return nil
}

// encryptInput is the input of Encrypt.
type encryptInput struct {
	KeyID               *string           `json:"KeyId"`
	Plaintext           []byte            `json:"Plaintext"`
	EncryptionContext   map[string]string `json:"EncryptionContext"`
	EncryptionAlgorithm string            `json:"EncryptionAlgorithm"`
	DryRun              bool              `json:"DryRun"`
}

// encryptOutput is the output of Encrypt; KeyId is the key ARN.
type encryptOutput struct {
	CiphertextBlob      []byte `json:"CiphertextBlob"`
	KeyID               string `json:"KeyId"`
	EncryptionAlgorithm string `json:"EncryptionAlgorithm"`
}

// opEncrypt encrypts up to 4096 bytes under a key.
func opEncrypt(q *request) (any, *Error) {
	var in encryptInput
	if e := decodeBody(q.r, &in); e != nil {
		return nil, e
	}
	var v validator
	v.keyID("keyId", in.KeyID, true)
	v.required("plaintext", in.Plaintext != nil)
	if in.Plaintext != nil {
		v.secretLength("plaintext", len(in.Plaintext), 1, 4096)
	}
	v.enum("encryptionAlgorithm", in.EncryptionAlgorithm, encryptionAlgorithms...)
	if e := v.err(); e != nil {
		return nil, e
	}
	u, e := q.s.useKey(q.caller, q.region, *in.KeyID, "Encrypt")
	if e != nil {
		return nil, e
	}
	if e := checkSymmetricCall(in.EncryptionAlgorithm, u.arn, in.DryRun); e != nil {
		return nil, e
	}
	return encryptOutput{
		CiphertextBlob:      sealBlob(u.k, in.Plaintext, in.EncryptionContext),
		KeyID:               u.arn,
		EncryptionAlgorithm: symmetricDefault,
	}, nil
}

// decryptInput is the input of Decrypt.
type decryptInput struct {
	CiphertextBlob      []byte            `json:"CiphertextBlob"`
	EncryptionContext   map[string]string `json:"EncryptionContext"`
	KeyID               *string           `json:"KeyId"`
	EncryptionAlgorithm string            `json:"EncryptionAlgorithm"`
	DryRun              bool              `json:"DryRun"`
}

// decryptOutput is the output of Decrypt; KeyId is the key ARN.
type decryptOutput struct {
	KeyID               string `json:"KeyId"`
	Plaintext           []byte `json:"Plaintext"`
	EncryptionAlgorithm string `json:"EncryptionAlgorithm"`
	KeyMaterialID       string `json:"KeyMaterialId"`
}

// opDecrypt decrypts a blob; the blob names its key, so KeyId is optional
// and, when given, must name that same key.
func opDecrypt(q *request) (any, *Error) {
	var in decryptInput
	if e := decodeBody(q.r, &in); e != nil {
		return nil, e
	}
	var v validator
	v.required("ciphertextBlob", in.CiphertextBlob != nil)
	if in.CiphertextBlob != nil {
		v.secretLength("ciphertextBlob", len(in.CiphertextBlob), 1, 6144)
	}
	v.keyID("keyId", in.KeyID, false)
	v.enum("encryptionAlgorithm", in.EncryptionAlgorithm, encryptionAlgorithms...)
	if e := v.err(); e != nil {
		return nil, e
	}
	ref := ""
	if in.KeyID != nil {
		ref = *in.KeyID
	}
	pt, u, e := q.s.decrypt(q.caller, q.region, in.CiphertextBlob, in.EncryptionContext, ref)
	if e != nil {
		return nil, e
	}
	if e := checkSymmetricCall(in.EncryptionAlgorithm, u.arn, in.DryRun); e != nil {
		return nil, e
	}
	return decryptOutput{KeyID: u.arn, Plaintext: pt, EncryptionAlgorithm: symmetricDefault, KeyMaterialID: u.materialID}, nil
}

// dataKeyInput is the input of GenerateDataKey and GenerateDataKeyWithoutPlaintext.
type dataKeyInput struct {
	KeyID             *string           `json:"KeyId"`
	KeySpec           string            `json:"KeySpec"`
	NumberOfBytes     *int              `json:"NumberOfBytes"`
	EncryptionContext map[string]string `json:"EncryptionContext"`
	DryRun            bool              `json:"DryRun"`
}

// dataKeyOutput is the output of GenerateDataKey (Plaintext omitted by the
// WithoutPlaintext variant); KeyId is the key ARN.
type dataKeyOutput struct {
	CiphertextBlob []byte `json:"CiphertextBlob"`
	Plaintext      []byte `json:"Plaintext,omitempty"`
	KeyID          string `json:"KeyId"`
	KeyMaterialID  string `json:"KeyMaterialId"`
}

// opGenerateDataKey returns a data key in plaintext and encrypted.
func opGenerateDataKey(q *request) (any, *Error) { return q.generateDataKey("GenerateDataKey", true) }

// opGenerateDataKeyWithoutPlaintext returns only the encrypted data key.
func opGenerateDataKeyWithoutPlaintext(q *request) (any, *Error) {
	return q.generateDataKey("GenerateDataKeyWithoutPlaintext", false)
}

// generateDataKey is the body of both data-key operations.
func (q *request) generateDataKey(action string, withPlaintext bool) (any, *Error) {
	var in dataKeyInput
	if e := decodeBody(q.r, &in); e != nil {
		return nil, e
	}
	var v validator
	v.keyID("keyId", in.KeyID, true)
	v.enum("keySpec", in.KeySpec, "AES_256", "AES_128")
	v.intRange("numberOfBytes", in.NumberOfBytes, 1, 1024)
	if e := v.err(); e != nil {
		return nil, e
	}
	n := 0
	switch {
	case (in.KeySpec == "") == (in.NumberOfBytes == nil):
		return nil, newError(ErrValidation, "Please specify either number of bytes or key spec.")
	case in.KeySpec == "AES_128":
		n = 16
	case in.KeySpec == "AES_256":
		n = 32
	default:
		n = *in.NumberOfBytes
	}
	pt, blob, u, e := q.s.generateDataKey(q.caller, q.region, *in.KeyID, n, in.EncryptionContext, action)
	if e != nil {
		return nil, e
	}
	if in.DryRun {
		return nil, errDryRun()
	}
	out := dataKeyOutput{CiphertextBlob: blob, KeyID: u.arn, KeyMaterialID: u.materialID}
	if withPlaintext {
		out.Plaintext = pt
	}
	return out, nil
}

// opGenerateRandom returns 1–1024 random bytes; it shares the crypto quota.
func opGenerateRandom(q *request) (any, *Error) {
	var in struct {
		NumberOfBytes *int `json:"NumberOfBytes"`
	}
	if e := decodeBody(q.r, &in); e != nil {
		return nil, e
	}
	var v validator
	v.required("numberOfBytes", in.NumberOfBytes != nil)
	v.intRange("numberOfBytes", in.NumberOfBytes, 1, 1024)
	if e := v.err(); e != nil {
		return nil, e
	}
	if e := q.s.identityDenied(q.caller.arn, "GenerateRandom", ""); e != nil {
		return nil, e
	}
	if e := q.s.quota.take(q.caller.account, q.region); e != nil {
		return nil, e
	}
	b := make([]byte, *in.NumberOfBytes)
	_, _ = crand.Read(b)
	return struct {
		Plaintext []byte `json:"Plaintext"`
	}{b}, nil
}
