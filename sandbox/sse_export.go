package sandbox

// RawObjectBytes returns what a version occupies at rest: its encrypted
// segments, concatenated. versionID "" means the current version. It returns
// nil for a missing bucket, key or version and for delete markers. For tests
// that check objects are really encrypted.
func (s *Server) RawObjectBytes(bucket, key, versionID string) []byte {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	b := s.store.get(bucket)
	if b == nil {
		return nil
	}
	v := b.current(key)
	if versionID != "" {
		v = b.version(key, versionID)
	}
	if v == nil || v.DeleteMarker {
		return nil
	}
	return v.Sealed.bytes()
}
