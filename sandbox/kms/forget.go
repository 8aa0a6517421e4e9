package kms

// ForgetKeys deletes every key and alias of every Region at once, as if the
// account had never used KMS: the sandbox's Reset re-creates the demo keys
// after it. Objects sealed under the forgotten keys can no longer be read,
// which is why Reset forgets those objects too.
func (s *Service) ForgetKeys() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.regions = map[string]*regionKeys{}
}
