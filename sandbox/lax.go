package sandbox

// laxNotImplemented reports whether a bucket request names a sub-resource
// Options.NotImplemented switches off (an endpoint that lacks it).
func (s *Server) laxNotImplemented(q map[string][]string) bool {
	for _, sub := range s.opts.NotImplemented {
		if _, ok := q[sub]; ok {
			return true
		}
	}
	return false
}
