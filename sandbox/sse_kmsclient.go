package sandbox

// kmsClient returns the KMS that S3 encrypts with, or nil when the sandbox has none.
func (s *Server) kmsClient() kmsClient {
	if s.kms == nil {
		return nil
	}
	return s.kms
}
