package kms

// The methods in this file are the Go API S3's server-side encryption uses in
// the same process. They act as S3 on the account's behalf: they count
// against the account's quota of the Region like HTTP calls, and may use the
// AWS-managed aws/s3 key. Errors are always *Error.

// GenerateDataKey returns a fresh 256-bit data key and its ciphertext blob
// under the key keyID names (id, ARN, alias name or alias ARN), bound to encCtx.
func (s *Service) GenerateDataKey(region, keyID string, encCtx map[string]string) (plaintext, ciphertextBlob []byte, keyARN string, err error) {
	pt, blob, u, e := s.generateDataKey(s.s3Caller(), region, keyID, 32, encCtx, "GenerateDataKey")
	if e != nil {
		return nil, nil, "", e
	}
	return pt, blob, u.arn, nil
}

// Decrypt opens a ciphertext blob made in region with the same encryption
// context, returning the plaintext and the ARN of the key that sealed it.
func (s *Service) Decrypt(region string, blob []byte, encCtx map[string]string) (plaintext []byte, keyARN string, err error) {
	pt, u, e := s.decrypt(s.s3Caller(), region, blob, encCtx, "")
	if e != nil {
		return nil, "", e
	}
	return pt, u.arn, nil
}

// ResolveKey returns the key ARN that keyID (id, ARN, alias name or alias
// ARN) names in region, creating the AWS-managed key on the first use of
// alias/aws/s3. It does not look at the key state and counts against no quota.
func (s *Service) ResolveKey(region, keyID string) (keyARN string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, e := s.resolve(region, keyID, keysAndAliases)
	if e != nil {
		return "", e
	}
	return k.arn, nil
}

// rootARN is the account's root user, on whose behalf the Go API manages keys.
func (s *Service) rootARN() string { return "arn:aws:iam::" + s.account + ":root" }

// CreateKey creates an enabled customer-managed symmetric key in region and
// returns its ARN (for the demo seed and tests).
func (s *Service) CreateKey(region, description string) (keyARN string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newKey(region, keySpec{description: description, manager: managerCustomer}).arn
}

// CreateAlias points a new alias (with its "alias/" prefix) at the key keyID
// names (id or ARN), with the same checks as the CreateAlias operation.
func (s *Service) CreateAlias(region, alias, keyID string) error {
	if e := s.createAlias(s.rootARN(), region, alias, keyID); e != nil {
		return e
	}
	return nil
}

// SetEnabled enables or disables the key keyID names (id, ARN, alias name or
// alias ARN), like EnableKey and DisableKey.
func (s *Service) SetEnabled(region, keyID string, enabled bool) error {
	if e := s.setEnabled(s.rootARN(), region, keyID, keysAndAliases, enabled); e != nil {
		return e
	}
	return nil
}
