package kms

import crand "crypto/rand"

// keyUse is what a cryptographic operation needs of a key, copied under the
// lock so the AES work runs without it (key material never changes).
type keyUse struct {
	k          *key
	arn        string
	materialID string
}

// caller identifies who asks for a cryptographic operation: the quota it
// counts against, and whether it is S3 acting for the account (which may use
// AWS-managed keys) or a principal calling KMS directly (which may not).
type caller struct {
	account string
	arn     string // principal ARN; "" when S3 calls on the caller's behalf
}

// s3Caller is S3 using the service on behalf of the account.
func (s *Service) s3Caller() caller { return caller{account: s.account} }

// useKey takes a quota token, then resolves ref in region and checks that
// c may use the key for action now.
func (s *Service) useKey(c caller, region, ref, action string) (keyUse, *Error) {
	if e := s.quota.take(c.account, region); e != nil {
		return keyUse{}, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k, e := s.resolve(region, ref, keysAndAliases)
	if e != nil {
		return keyUse{}, e
	}
	if e := s.mayUse(c, k, action); e != nil {
		return keyUse{}, e
	}
	return keyUse{k: k, arn: k.arn, materialID: k.materialID}, nil
}

// mayUse applies the identity policy, the key policy and the key state; the
// caller holds s.mu.
// AWS-managed keys' policies only allow use through the owning service
// (kms:ViaService), so a principal calling KMS directly is denied.
func (s *Service) mayUse(c caller, k *key, action string) *Error {
	if e := s.identityDenied(c.arn, action, k.arn); e != nil {
		return e
	}
	if k.manager == managerAWS && c.arn != "" {
		return errPolicyDenied(c.arn, action, k.arn)
	}
	return k.usable()
}

// encrypt seals plaintext under the key ref names.
func (s *Service) encrypt(c caller, region, ref string, plaintext []byte, encCtx map[string]string) ([]byte, keyUse, *Error) {
	u, e := s.useKey(c, region, ref, "Encrypt")
	if e != nil {
		return nil, keyUse{}, e
	}
	return sealBlob(u.k, plaintext, encCtx), u, nil
}

// generateDataKey returns n fresh random bytes and their blob under the key ref names.
func (s *Service) generateDataKey(c caller, region, ref string, n int, encCtx map[string]string, action string) (plaintext, blob []byte, u keyUse, err *Error) {
	if u, err = s.useKey(c, region, ref, action); err != nil {
		return nil, nil, keyUse{}, err
	}
	plaintext = make([]byte, n)
	_, _ = crand.Read(plaintext)
	return plaintext, sealBlob(u.k, plaintext, encCtx), u, nil
}

// decrypt opens a blob; ref, when not empty, must name the blob's key
// (IncorrectKeyException otherwise).
func (s *Service) decrypt(c caller, region string, blob []byte, encCtx map[string]string, ref string) ([]byte, keyUse, *Error) {
	if e := s.quota.take(c.account, region); e != nil {
		return nil, keyUse{}, e
	}
	u, e := s.blobKey(c, region, blob, ref)
	if e != nil {
		return nil, keyUse{}, e
	}
	pt, ok := openBlob(u.k, blob, encCtx)
	if !ok {
		return nil, keyUse{}, errInvalidCiphertext()
	}
	return pt, u, nil
}

// blobKey finds and checks the key a blob was sealed under.
func (s *Service) blobKey(c caller, region string, blob []byte, ref string) (keyUse, *Error) {
	id, ok := blobKeyID(blob)
	if !ok {
		return keyUse{}, errInvalidCiphertext()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.region(region).byID[id]
	if ref != "" {
		want, e := s.resolve(region, ref, keysAndAliases)
		if e != nil {
			return keyUse{}, e
		}
		if want != k {
			return keyUse{}, newError(ErrIncorrectKey, "The key ID in the request does not identify a CMK that can perform this operation.")
		}
	}
	if k == nil {
		// A blob of another Region or of a key that never existed here.
		return keyUse{}, errInvalidCiphertext()
	}
	if e := s.mayUse(c, k, "Decrypt"); e != nil {
		return keyUse{}, e
	}
	return keyUse{k: k, arn: k.arn, materialID: k.materialID}, nil
}
