package sandbox

// RawObjectBytes returns what a version occupies at rest: its sealed
// segments, concatenated. versionID "" means the current version. It returns
// nil for a missing bucket, key or version and for delete markers. For tests
// that check objects are really encrypted.
func (s *Server) RawObjectBytes(bucket, key, versionID string) []byte {
	s.store.mu.RLock()
	b := s.store.get(bucket)
	if b == nil {
		s.store.mu.RUnlock()
		return nil
	}
	v := b.current(key)
	if versionID != "" {
		v = b.version(key, versionID)
	}
	s.store.mu.RUnlock()
	if v == nil || v.DeleteMarker {
		return nil
	}
	var out []byte
	for _, p := range v.Sealed.Pieces {
		src, err := p.blob.open()
		if err != nil {
			return out
		}
		for i := int64(0); ; i++ {
			seg, err := src.segment(i, nil)
			if err != nil {
				break
			}
			out = append(out, seg...)
		}
		_ = src.Close()
	}
	return out
}
